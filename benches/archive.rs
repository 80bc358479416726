//! History at scale: galley against git on the same questions, on archives
//! of ten and thirty years built as galley's commands would have built them
//! (`support/archive.rs`; cached in `target/bench-archive/`).
//!
//! Run with `cargo bench --bench archive`. Every figure is a whole process,
//! median of several runs, measured side by side in this one run. The goals
//! (issue 12): `log ARTICLE` no slower than `git log --oneline -- PATH`;
//! log, diff, show and status of a recent article as fast at thirty years
//! as at ten (within 1.5×); a sign-off at most half of `git add && git
//! commit`.

#[path = "support/archive.rs"]
mod archive;
#[path = "support/timing.rs"]
mod timing;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use timing::{median, ms};

const RUNS: usize = 21;

fn run(dir: &Path, program: &str, args: &[&str]) -> Result<(Duration, bool)> {
    let start = Instant::now();
    let status = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("GALLEY_USER", "宋欣龙")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .with_context(|| format!("running {program}"))?;
    Ok((start.elapsed(), status.success()))
}

fn timed(dir: &Path, program: &str, args: &[&str]) -> Result<Duration> {
    // One run first, not counted, so that each figure starts with the
    // files it reads in the page cache, whichever command ran before it.
    run(dir, program, args)?;
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let (took, ok) = run(dir, program, args)?;
        if !ok {
            bail!("{program} {args:?} failed in {}", dir.display());
        }
        times.push(took);
    }
    Ok(median(times))
}

fn git(dir: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("git").args(args).current_dir(dir).output()?;
    if !out.status.success() {
        bail!("git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8(out.stdout)?.trim().to_string())
}

struct Figures {
    commits: usize,
    status: (Duration, Duration),
    log: (Duration, Duration),
    diff: Duration,
    show: Duration,
    sign: (Duration, Duration),
    verify_recent: Duration,
    verify_all: Duration,
    catch_up: Duration,
    cold: Duration,
    /// galley lint ISSUE with nothing learned yet, as on a fresh clone:
    /// it learns every approved article of the archive first.
    first_lint: Duration,
    lint: Duration,
}

/// The checker on a fresh clone: the first `galley lint` learns from
/// every approved article; later ones read what it kept.
fn lint_figures(dir: &Path, galley: &str, issue: &str) -> Result<(Duration, Duration)> {
    let learned = dir.join(".git/galley/language-ngrams.txt");
    let mut firsts = Vec::new();
    for _ in 0..3 {
        let _ = std::fs::remove_file(&learned);
        firsts.push(run(dir, galley, &["lint", issue])?.0);
    }
    Ok((median(firsts), timed(dir, galley, &["lint", issue])?))
}

/// One sign-off per run, each on an article whose proofreading went stale
/// when its text was revised after approval.
fn sign_offs(dir: &Path, galley: &str, issues: &[String]) -> Result<Duration> {
    let mut times = Vec::new();
    'outer: for issue in issues.iter().rev() {
        for a in 0..archive::ARTICLES_PER_ISSUE {
            let (took, ok) = run(dir, galley, &["proofread", &format!("{issue}/a{a:02}")])?;
            if ok {
                times.push(took);
                if times.len() == RUNS {
                    break 'outer;
                }
            }
        }
    }
    if times.is_empty() {
        bail!("no article was left to sign");
    }
    Ok(median(times))
}

fn measure(years: usize) -> Result<Figures> {
    let galley = env!("CARGO_BIN_EXE_galley");
    let (dir, issue, article, _) = archive::cached(years)?;
    let path = format!("issues/{article}");
    let index = dir.join(".git/galley/history-v1");

    // The index built from nothing, once; then kept caught up.
    let _ = std::fs::remove_dir_all(&index);
    let (cold, _) = run(&dir, galley, &["log", &article])?;

    let status = (
        timed(&dir, galley, &["status", &issue])?,
        timed(&dir, "git", &["status", "--porcelain"])?,
    );
    let log = (
        timed(&dir, galley, &["log", &article])?,
        timed(&dir, "git", &["log", "--oneline", "--", &path])?,
    );
    let diff = timed(&dir, galley, &["diff", &article])?;
    let show = timed(&dir, galley, &["show", &article])?;
    let verify_recent = timed(&dir, galley, &["verify", "HEAD~200..HEAD"])?;
    let (verify_all, verified) = run(&dir, galley, &["verify"])?;
    if !verified {
        bail!("galley verify found problems in the archive");
    }

    // The first command after a pull of 300 new commits: the index stands
    // where it stood 300 commits ago.
    let head = git(&dir, &["rev-parse", "HEAD"])?;
    git(&dir, &["update-ref", "refs/heads/main", "HEAD~300"])?;
    let _ = std::fs::remove_dir_all(&index);
    run(&dir, galley, &["log", &article])?;
    let behind = dir.join(".git/galley/history-behind");
    let _ = std::fs::remove_dir_all(&behind);
    std::fs::rename(&index, &behind)?;
    git(&dir, &["update-ref", "refs/heads/main", &head])?;
    let mut times = Vec::new();
    for _ in 0..5 {
        let _ = std::fs::remove_dir_all(&index);
        copy_dir(&behind, &index)?;
        times.push(run(&dir, galley, &["log", &article])?.0);
    }
    std::fs::remove_dir_all(&behind)?;
    let catch_up = median(times);

    let issues: Vec<String> = std::fs::read_dir(dir.join("issues"))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let sign = sign_offs(&dir, galley, &issues)?;
    let notes = dir.join("notes.txt");
    let mut commit_times = Vec::new();
    for n in 0..RUNS {
        std::fs::write(&notes, format!("第{n}次\n"))?;
        let start = Instant::now();
        let ok = Command::new("sh")
            .args(["-c", "git add notes.txt && git commit -q -m 笔记"])
            .current_dir(&dir)
            .env("GIT_AUTHOR_NAME", "某人")
            .env("GIT_AUTHOR_EMAIL", "a@b")
            .env("GIT_COMMITTER_NAME", "某人")
            .env("GIT_COMMITTER_EMAIL", "a@b")
            .status()?
            .success();
        if !ok {
            bail!("git add && git commit failed");
        }
        commit_times.push(start.elapsed());
    }
    let commits: usize = git(&dir, &["rev-list", "--count", "HEAD"])?.parse()?;
    let (first_lint, lint) = lint_figures(&dir, galley, &issue)?;
    Ok(Figures {
        commits,
        status,
        log,
        diff,
        show,
        sign: (sign, median(commit_times)),
        verify_recent,
        verify_all,
        catch_up,
        cold,
        first_lint,
        lint,
    })
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        std::fs::copy(entry.path(), to.join(entry.file_name()))?;
    }
    Ok(())
}

fn main() -> Result<()> {
    if std::env::args().any(|a| a == "--lint") {
        let galley = env!("CARGO_BIN_EXE_galley");
        let (dir, issue, _, _) = archive::cached(30)?;
        let commits = git(&dir, &["rev-list", "--count", "HEAD"])?;
        let (first, warm) = lint_figures(&dir, galley, &issue)?;
        println!(
            "30 years, {commits} commits: first galley lint {issue} (learns the archive){}",
            ms(first)
        );
        println!("30 years: galley lint {issue} afterwards{}", ms(warm));
        return Ok(());
    }
    let ten = measure(10)?;
    let thirty = measure(30)?;
    println!("median of {RUNS} runs, whole processes, release build");
    println!("{:<46}{:>14}{:>14}", "", "10 years", "30 years");
    println!("{:<46}{:>14}{:>14}", "commits", ten.commits, thirty.commits);
    let row = |what: &str, a: Duration, b: Duration| {
        println!("{what:<46}{}{}", ms(a), ms(b));
    };
    row("galley status ISSUE", ten.status.0, thirty.status.0);
    row("  git status --porcelain", ten.status.1, thirty.status.1);
    row("galley log ARTICLE", ten.log.0, thirty.log.0);
    row("  git log --oneline -- PATH", ten.log.1, thirty.log.1);
    row(
        "galley diff ARTICLE (since the sign-off)",
        ten.diff,
        thirty.diff,
    );
    row("galley show ARTICLE", ten.show, thirty.show);
    row("galley proofread (a sign-off)", ten.sign.0, thirty.sign.0);
    row("  git add && git commit", ten.sign.1, thirty.sign.1);
    row(
        "galley verify HEAD~200..HEAD",
        ten.verify_recent,
        thirty.verify_recent,
    );
    row(
        "galley verify (the whole history)",
        ten.verify_all,
        thirty.verify_all,
    );
    row(
        "first galley log after 300 new commits",
        ten.catch_up,
        thirty.catch_up,
    );
    row("cold history index build (once)", ten.cold, thirty.cold);
    row(
        "first galley lint ISSUE (learns the archive)",
        ten.first_lint,
        thirty.first_lint,
    );
    row("galley lint ISSUE", ten.lint, thirty.lint);
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    println!();
    println!(
        "log / git log:            {:.4}× at 10 years, {:.4}× at 30 years (goal ≤ 1)",
        ratio(ten.log.0, ten.log.1),
        ratio(thirty.log.0, thirty.log.1)
    );
    for (what, a, b) in [
        ("log", ten.log.0, thirty.log.0),
        ("diff", ten.diff, thirty.diff),
        ("show", ten.show, thirty.show),
        ("status", ten.status.0, thirty.status.0),
    ] {
        println!(
            "{what:<6} 30 years / 10 years: {:.2}× (goal ≤ 1.5)",
            ratio(b, a)
        );
    }
    println!(
        "sign-off / git add && git commit: {:.2}× at 10 years, {:.2}× at 30 years (goal ≤ 0.5)",
        ratio(ten.sign.0, ten.sign.1),
        ratio(thirty.sign.0, thirty.sign.1)
    );
    Ok(())
}
