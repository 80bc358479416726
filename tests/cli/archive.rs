//! The benchmarks' archive generator leaves a repository exactly as
//! galley's own commands would: galley reads it, and `galley verify`
//! finds every record in order and by the right person.

#[path = "../../benches/support/archive.rs"]
mod generator;

use assert_cmd::Command;

use crate::support::{git_in, sealed};

#[test]
fn the_generated_archive_is_one_galley_would_have_made() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("archive");
    std::fs::create_dir_all(&dir).unwrap();
    let built = generator::build_sized(&dir, 1, 3).unwrap();
    assert_eq!(built.issues.len(), 12);
    let commits: usize = git_in(&dir, &["rev-list", "--count", "HEAD"])
        .trim()
        .parse()
        .unwrap();
    assert_eq!(commits, built.commits);
    assert_eq!(
        git_in(&dir, &["status", "--porcelain"]),
        "",
        "checked out whole"
    );

    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let galley = |args: &[&str]| {
        let mut cmd = Command::cargo_bin("galley").unwrap();
        sealed(&mut cmd, &home);
        cmd.current_dir(&dir)
            .env("GALLEY_USER", "王焕彩")
            .args(args);
        cmd
    };
    let verified = galley(&["verify"]).assert().success();
    let said = String::from_utf8_lossy(&verified.get_output().stdout).into_owned();
    assert!(said.contains(&format!("检查了 {commits} 个提交")), "{said}");
    let board = galley(&["status", built.issues.last().unwrap(), "--json"])
        .assert()
        .success();
    let board: serde_json::Value = serde_json::from_slice(&board.get_output().stdout).unwrap();
    let rows = board["articles"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r["editor"].is_string()), "{board}");
    let log = galley(&["log", &built.newest_article]).assert().success();
    let log = String::from_utf8_lossy(&log.get_output().stdout).into_owned();
    assert!(log.contains("| r2 ") && log.contains("核对数字"), "{log}");
}
