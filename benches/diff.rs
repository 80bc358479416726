//! How fast `galley diff` compares a long article, side by side with git's
//! character diff on the same two texts.
//!
//! Run with `cargo bench --bench diff`. Two cases, built from the shipped
//! 2024年第2期 so the text is real Chinese:
//! - 30,000 characters with 200 scattered one-character edits;
//! - the same length rewritten entirely (every paragraph replaced by one
//!   from elsewhere in the issue).
//!
//! The peer is `git diff --no-index --word-diff=porcelain --word-diff-regex=.`
//! which also compares character by character; it runs as a process, so its
//! time includes starting git (measured separately on two empty files).

#[path = "support/timing.rs"]
mod timing;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use galley::core::diff::{Options, compare, paragraphs, tokens};
use galley::core::frontmatter;
use timing::median;

const TARGET_CHARS: usize = 30_000;
const EDITS: usize = 200;
const RUNS: usize = 15;

fn shipped_bodies() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("issues/2024-02");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("article.md").is_file())
        .collect();
    dirs.sort();
    dirs.iter()
        .map(|d| {
            let text = std::fs::read_to_string(d.join("article.md")).unwrap();
            frontmatter::parse(&text).unwrap().body
        })
        .collect()
}

/// Paragraphs from the shipped articles until `TARGET_CHARS`, taken from
/// `start` onwards so two different texts can be built.
fn article(bodies: &[String], skip_paragraphs: usize) -> String {
    let all: Vec<&str> = bodies.iter().flat_map(|b| paragraphs(b)).collect();
    let mut out = String::new();
    for p in all.iter().cycle().skip(skip_paragraphs) {
        if out.chars().count() >= TARGET_CHARS {
            break;
        }
        out.push_str(p);
        out.push('\n');
    }
    out
}

/// Replaces `EDITS` Han characters spread evenly through the text.
fn scatter_edits(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let han: Vec<usize> = (0..chars.len())
        .filter(|i| galley::core::cleanup::is_cjk(chars[*i]))
        .collect();
    let step = han.len() / EDITS;
    for k in 0..EDITS {
        let i = han[k * step + step / 2];
        chars[i] = if chars[i] == '的' { '地' } else { '的' };
    }
    chars.into_iter().collect()
}

fn time_galley(old: &str, new: &str) -> (Duration, String) {
    let mut times = Vec::new();
    let mut note = String::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let options = Options {
            segmenter: &tokens::chars,
            deadline: Some(start + Duration::from_secs(1)),
        };
        let r = compare(old, new, &options);
        times.push(start.elapsed());
        note = format!(
            "{} hunks, +{} −{} ~{} chars{}",
            r.hunks.len(),
            r.summary.inserted,
            r.summary.deleted,
            r.summary.changed,
            match r.coarse {
                Some(c) => format!(", shown coarse ({c:?})"),
                None => String::new(),
            }
        );
    }
    (median(times), note)
}

fn time_git(old: &Path, new: &Path) -> Duration {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let out = Command::new("git")
            .args([
                "diff",
                "--no-index",
                "--word-diff=porcelain",
                "--word-diff-regex=.",
            ])
            .arg(old)
            .arg(new)
            .output()
            .expect("git runs");
        times.push(start.elapsed());
        assert!(out.status.code() == Some(1), "git diff found the changes");
    }
    median(times)
}

/// A magazine with one article in two revisions, `old` then `new`, made
/// with galley's own commands.
fn magazine_with(dir: &Path, old: &Path, new: &Path) -> String {
    let galley = env!("CARGO_BIN_EXE_galley");
    let staff = Path::new(env!("CARGO_MANIFEST_DIR")).join("staff.toml");
    let mag = dir.join("mag");
    let run = |args: &[&str]| {
        let out = Command::new(galley)
            .args(args)
            .current_dir(if mag.exists() { &mag } else { dir })
            .env("GALLEY_USER", "王焕彩")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .expect("galley runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&[
        "init",
        mag.to_str().unwrap(),
        "--staff",
        staff.to_str().unwrap(),
    ]);
    run(&["issue", "new", "2024-03"]);
    run(&[
        "add",
        "2024-03",
        "--title",
        "长文",
        "--slug",
        "long",
        "--file",
        old.to_str().unwrap(),
    ]);
    run(&["revise", "2024-03/long", "--file", new.to_str().unwrap()]);
    mag.display().to_string()
}

/// `galley diff --from r1 --to r2` as a person runs it: a whole process.
fn time_galley_process(mag: &str) -> Duration {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_galley"))
            .args([
                "diff",
                "2024-03/long",
                "--from",
                "r1",
                "--to",
                "r2",
                "--color",
                "never",
            ])
            .current_dir(mag)
            .env("GALLEY_USER", "王焕彩")
            .output()
            .expect("galley runs");
        times.push(start.elapsed());
        assert!(out.status.success());
    }
    median(times)
}

fn main() {
    let bodies = shipped_bodies();
    let base = article(&bodies, 0);
    let edited = scatter_edits(&base);
    // Paragraphs from further on in the issue, none of them in `base`.
    let rewrite = article(&bodies, paragraphs(&base).len());
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let (base_file, edited_file, rewrite_file) = (
        write("base.txt", &base),
        write("edited.txt", &edited),
        write("rewrite.txt", &rewrite),
    );
    let empty_a = write("empty_a.txt", "");
    let empty_b = write("empty_b.txt", "x");
    let git_start = time_git(&empty_a, &empty_b);

    println!(
        "texts: {} characters, {} paragraphs; median of {RUNS} runs",
        base.chars().count(),
        paragraphs(&base).len()
    );
    println!("{:<34} {:>12} {:>12}   result", "case", "galley", "git");
    for (name, old, new, old_file, new_file) in [
        (
            "200 scattered edits",
            &base,
            &edited,
            &base_file,
            &edited_file,
        ),
        (
            "near-total rewrite",
            &base,
            &rewrite,
            &base_file,
            &rewrite_file,
        ),
    ] {
        let (ours, note) = time_galley(old, new);
        let theirs = time_git(old_file, new_file);
        println!(
            "{name:<34} {:>9.2} ms {:>9.2} ms   {note}",
            ours.as_secs_f64() * 1e3,
            theirs.as_secs_f64() * 1e3
        );
    }
    println!(
        "(git's time includes {:.2} ms to start and diff two tiny files)",
        git_start.as_secs_f64() * 1e3
    );
    // .txt imports are cleaned (page furniture, joined paragraphs), so the
    // texts go in as Markdown, which is stored as written.
    let (old_md, new_md) = (write("base.md", &base), write("edited.md", &edited));
    let mag = magazine_with(dir.path(), &old_md, &new_md);
    let whole = time_galley_process(&mag);
    // To profile the whole process by hand: GALLEY_BENCH_KEEP=/tmp/long.
    if let Some(keep) = std::env::var_os("GALLEY_BENCH_KEEP") {
        let status = Command::new("cp").args(["-a", &mag]).arg(&keep).status();
        assert!(status.is_ok_and(|s| s.success()), "copy to {keep:?}");
    }
    let theirs = time_git(&base_file, &edited_file);
    println!(
        "whole process, 200 scattered edits: galley diff --from r1 --to r2 {:.2} ms, git diff --no-index --word-diff {:.2} ms ({:.2}×)",
        whole.as_secs_f64() * 1e3,
        theirs.as_secs_f64() * 1e3,
        whole.as_secs_f64() / theirs.as_secs_f64()
    );
}
