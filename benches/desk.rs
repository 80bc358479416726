//! How fast the web desk answers on a ten-year archive (about 120 issues,
//! 2,400 articles, 17,000 commits, built by `support/archive.rs`), side by
//! side with `galley status` and `git status` on the same archive.
//!
//! Run with `cargo bench --bench desk`. The archive is built once into
//! `target/bench-archive/` and reused; delete it to build it anew.
//! The goal: median under 30 ms per request for the board and an article.

#[path = "support/archive.rs"]
mod archive;
#[path = "support/timing.rs"]
mod timing;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use timing::{ms, try_time};

const RUNS: usize = 21;
const YEARS: usize = 10;

fn main() -> Result<()> {
    let galley = env!("CARGO_BIN_EXE_galley");
    let (dir, issue, article, _) = archive::cached(YEARS)?;
    let repo = git2::Repository::open(&dir)?;
    // Other benchmarks add commits to the cached archive; count them now.
    let mut walk = repo.revwalk()?;
    walk.push_head()?;
    let commits = walk.count();
    galley::web::auth::set_password(&repo, "宋欣龙", "bench-password")
        .map_err(|e| anyhow::anyhow!(e.message))?;

    let mut server = Command::new(galley)
        .current_dir(&dir)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("starting galley serve")?;
    let mut line = String::new();
    let mut out = BufReader::new(server.stdout.take().context("stdout")?);
    out.read_line(&mut line)?;
    let url = match line.split("http://").nth(1) {
        Some(rest) => format!("http://{}", rest.trim().trim_end_matches('/')),
        None => bail!("galley serve said {line:?}"),
    };
    let client = reqwest::blocking::Client::builder()
        .cookie_store(true)
        .build()?;
    client
        .post(format!("{url}/login"))
        .form(&[
            ("name", "宋欣龙"),
            ("password", "bench-password"),
            ("next", "/"),
        ])
        .send()?;
    let get = |path: String| {
        let client = client.clone();
        let url = url.clone();
        move || -> Result<()> {
            let r = client.get(format!("{url}{path}")).send()?;
            if !r.status().is_success() {
                bail!("{path}: {}", r.status());
            }
            r.bytes()?;
            Ok(())
        }
    };
    let board = try_time(RUNS, get(format!("/issues/{issue}")))?;
    let page = try_time(RUNS, get(format!("/a/{article}")))?;
    let run = |program: &str, args: &[&str]| {
        let program = program.to_string();
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let dir = dir.clone();
        move || -> Result<()> {
            let status = Command::new(&program)
                .args(&args)
                .current_dir(&dir)
                .stdout(Stdio::null())
                .status()?;
            if !status.success() {
                bail!("{program} {args:?} failed");
            }
            Ok(())
        }
    };
    let status = try_time(RUNS, run(galley, &["status", &issue]))?;
    let git_status = try_time(RUNS, run("git", &["status", "--porcelain"]))?;
    let _ = server.kill();
    let _ = server.wait();

    println!("{YEARS}-year archive: {commits} commits; median of {RUNS} runs each");
    println!(
        "{:<44}{}",
        "web desk: board page  /issues/NEWEST",
        ms(board)
    );
    println!(
        "{:<44}{}",
        "web desk: article page  /a/NEWEST/a19",
        ms(page)
    );
    println!(
        "{:<44}{}",
        "galley status NEWEST (a whole process)",
        ms(status)
    );
    println!(
        "{:<44}{}",
        "git status --porcelain (a whole process)",
        ms(git_status)
    );
    let goal = Duration::from_millis(30);
    for (what, took) in [("board", board), ("article", page)] {
        println!(
            "{what}: {}",
            if took <= goal {
                "within the 30 ms goal"
            } else {
                "over the 30 ms goal"
            }
        );
    }
    Ok(())
}
