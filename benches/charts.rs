//! The two charts on a thirty-year archive (360 issues, 7,200 articles,
//! built by `support/archive.rs`), whole processes, side by side with
//! `galley status` and `git status` on the same archive.
//!
//! Run with `cargo bench --bench charts`. The progress chart reads one
//! issue's records. The quality chart checks every issue once and keeps
//! the figures in `.git/galley/quality-figures.json`; after that it checks
//! only issues that changed. Both the first (cold) and later (warm) runs
//! are shown.

#[path = "support/archive.rs"]
mod archive;
#[path = "support/timing.rs"]
mod timing;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Result, bail};
use timing::{ms, try_time};

const RUNS: usize = 21;
const COLD_RUNS: usize = 3;
const YEARS: usize = 30;

fn run(dir: &Path, program: &str, args: &[&str]) -> Result<()> {
    let status = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("GALLEY_USER", "宋欣龙")
        .stdout(Stdio::null())
        .status()?;
    if !status.success() {
        bail!("{program} {args:?} failed");
    }
    Ok(())
}

fn main() -> Result<()> {
    let galley = env!("CARGO_BIN_EXE_galley");
    let (dir, issue, _, _) = archive::cached(YEARS)?;
    let figures = dir.join(".git/galley/quality-figures.json");
    let cold = try_time(COLD_RUNS, || {
        let _ = std::fs::remove_file(&figures);
        run(&dir, galley, &["chart", "quality"])
    })?;
    let rows: [(&str, Duration); 6] = [
        ("galley chart quality, first run (cold)", cold),
        (
            "galley chart quality, later runs (warm)",
            try_time(RUNS, || run(&dir, galley, &["chart", "quality"]))?,
        ),
        (
            "galley chart progress NEWEST",
            try_time(RUNS, || run(&dir, galley, &["chart", "progress", &issue]))?,
        ),
        (
            "galley quality NEWEST (one issue's ledger)",
            try_time(RUNS, || run(&dir, galley, &["quality", &issue]))?,
        ),
        (
            "galley status NEWEST",
            try_time(RUNS, || run(&dir, galley, &["status", &issue]))?,
        ),
        (
            "git status --porcelain",
            try_time(RUNS, || run(&dir, "git", &["status", "--porcelain"]))?,
        ),
    ];
    println!(
        "{YEARS}-year archive; median of {RUNS} runs each ({COLD_RUNS} for the cold run), whole processes, release build"
    );
    for (what, took) in rows {
        println!("{what:<46}{}", ms(took));
    }
    Ok(())
}
