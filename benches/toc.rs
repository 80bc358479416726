//! How long the contents page takes on the shipped 2024年第2期.
//!
//! Run with `cargo bench --bench toc`. Measured in process (loading the
//! issue from disk, building the model, rendering) and end to end through
//! the release binary, which includes starting the process:
//! - text: the budget is 50 ms;
//! - PDF, font discovery included: the budget is well under 1 s.

#[path = "support/timing.rs"]
mod timing;

use std::path::Path;
use std::process::Command;

use galley::render::toc_text;
use galley::repo::Magazine;
use galley::repo::issue_contents::IssueContents;
use galley::typeset::{self, Fonts, FontsRequest, Template};
use timing::{ms, time};

const RUNS: usize = 11;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = time(RUNS, || {
        let mag = Magazine::find(root).unwrap();
        let issue = IssueContents::load(&mag, Some("2024-02")).unwrap();
        let (contents, _problems) = issue.contents(&mag);
        assert!(toc_text::text(&contents).contains("政府工作报告"));
    });
    let request = FontsRequest {
        dirs: vec![],
        system: true,
    };
    let fonts_only = time(RUNS, || {
        Fonts::discover(&request).expect("a CJK font; install fonts-noto-cjk");
    });
    let mag = Magazine::find(root).unwrap();
    let issue = IssueContents::load(&mag, Some("2024-02")).unwrap();
    let json = serde_json::to_string(&issue.contents(&mag).0).unwrap();
    let template = Template {
        shown: typeset::TOC.rel.into(),
        source: std::fs::read_to_string(root.join(typeset::TOC.rel)).unwrap(),
        data: typeset::TOC.data,
    };
    let pdf = time(RUNS, || {
        let fonts = Fonts::discover(&request).unwrap();
        let bytes = typeset::pdf(&template, &json, &fonts).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
    });

    let binary = root.join("target/release/galley");
    let run = |args: &[&str]| {
        time(RUNS, || {
            let out = Command::new(&binary)
                .arg("-C")
                .arg(root)
                .args(args)
                .output()
                .expect("target/release/galley: run `cargo build --release` first");
            assert!(out.status.success());
        })
    };
    println!("median of {RUNS} runs, shipped issue 2024-02");
    println!("in process  text (load, model, check, render) {}", ms(text));
    println!(
        "in process  font discovery alone              {}",
        ms(fonts_only)
    );
    println!("in process  pdf (fonts, typeset, write)       {}", ms(pdf));
    if binary.is_file() {
        let out = std::env::temp_dir().join("galley-bench-toc.pdf");
        let text_cli = run(&["toc", "2024-02"]);
        let pdf_cli = run(&[
            "toc",
            "2024-02",
            "--format",
            "pdf",
            "-o",
            out.to_str().unwrap(),
        ]);
        println!(
            "end to end  galley toc 2024-02                {}",
            ms(text_cli)
        );
        println!(
            "end to end  galley toc 2024-02 --format pdf   {}",
            ms(pdf_cli)
        );
    } else {
        println!("(build target/release/galley to time the command end to end)");
    }
}
