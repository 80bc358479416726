//! The command line fits the office's screens: tables at any width, and
//! help in Chinese throughout.

use std::path::Path;

use assert_cmd::Command;
use unicode_width::UnicodeWidthStr;

use crate::support::sealed;

const WIDTHS: [usize; 4] = [80, 100, 120, 200];

/// galley on this repository's own magazine, read-only.
fn shipped(args: &[&str], columns: Option<usize>) -> String {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("galley").unwrap();
    sealed(&mut cmd, home.path());
    cmd.arg("-C")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(args);
    if let Some(c) = columns {
        cmd.env("COLUMNS", c.to_string());
    }
    let out = cmd.assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn widest(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

fn at_every_width(name: &str, args: &[&str]) {
    for w in WIDTHS {
        let out = shipped(args, Some(w));
        assert!(widest(&out) <= w, "{name} at {w} columns:\n{out}");
        insta::assert_snapshot!(format!("{name}_{w}"), out);
    }
}

#[test]
fn the_board_fits_every_width_one_article_per_line() {
    at_every_width("status", &["status", "2024-02"]);
    for w in [100, 120] {
        let out = shipped(&["status", "2024-02"], Some(w));
        // 18 articles, header, three rules, title and summary: no wrapped rows.
        assert_eq!(out.lines().count(), 18 + 1 + 3 + 2, "at {w}:\n{out}");
        assert!(!out.contains("过期签署"), "empty columns go: {out}");
        assert!(
            out.contains("| qingneng "),
            "the issue is not repeated: {out}"
        );
    }
}

#[test]
fn the_log_and_the_page_plan_fit_too() {
    at_every_width("log", &["log", "2024-02/qingneng"]);
    at_every_width("pages", &["pages", "2024-02"]);
}

#[test]
fn piped_output_and_wide_keep_every_field_in_full() {
    let piped = shipped(&["status", "2024-02"], None);
    assert!(
        piped.contains("关于我市大数据区块链、电子信息装备、信息技术应用服务产业链的调研报告"),
        "{piped}"
    );
    assert!(piped.contains("2024-02/qingneng") && piped.contains("过期签署"));
    assert!(!piped.contains('…'), "{piped}");
    let wide = shipped(&["status", "2024-02", "--wide"], Some(80));
    assert_eq!(wide, piped, "--wide is the full board");
}

/// Every command's help, and the top-level one, in Chinese: none of the
/// words clap would print by itself.
#[test]
fn help_is_chinese_throughout() {
    let english = [
        "Usage",
        "Commands",
        "Options",
        "Arguments",
        "Print help",
        "Print version",
        "[OPTIONS]",
        "<COMMAND>",
        "Possible values",
        "possible values",
        "default:",
        "aliases:",
        "<FORMAT>",
        "<ENCODING>",
        "<COLOR>",
        "<WORDS>",
    ];
    let top = shipped(&["--help"], None);
    let mut pages = vec![top.clone()];
    let commands: Vec<String> = top
        .lines()
        .skip_while(|l| !l.starts_with("命令"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    assert!(commands.len() > 20, "{top}");
    for c in &commands {
        pages.push(shipped(&[c, "--help"], None));
    }
    for page in &pages {
        for word in english {
            assert!(!page.contains(word), "“{word}” in:\n{page}");
        }
        assert!(
            page.contains("用法：galley") && page.contains("显示帮助"),
            "{page}"
        );
    }
    assert!(top.contains("显示版本"));
    let status = shipped(&["status", "--help"], None);
    assert!(
        status.contains("例子：\n  galley status 2024-02"),
        "{status}"
    );
}

#[test]
fn completions_offer_the_magazines_articles() {
    let script = shipped(&["completions", "bash"], None);
    assert!(
        script.contains("complete") && script.contains("galley"),
        "{script}"
    );
    let home = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("galley").unwrap();
    sealed(&mut cmd, home.path());
    let out = cmd
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .env("_CLAP_IFS", "\n")
        .args(["--", "galley", "proofread", "2024-02/qi"])
        .assert()
        .success();
    let offered = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(offered.trim(), "2024-02/qingneng");
    let man = shipped(&["man"], None);
    assert!(
        man.contains(".TH galley 1") && man.contains("杂志编辑部"),
        "{man}"
    );
}
