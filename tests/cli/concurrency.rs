//! Many galley processes on one repository at once, with a person's own
//! `git commit` running alongside, and writers killed at random moments.
//! Afterwards nothing was refused, nothing was lost, and the index, the
//! work tree and HEAD agree.
//!
//! Small by default; GALLEY_STRESS_PROCS and GALLEY_STRESS_OPS raise it.

use std::collections::BTreeSet;
use std::process::{Command as StdCommand, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crate::support::Mag;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One galley invocation, ready to run on any thread: real clock, and
/// waits as long as a busy office might make it wait.
fn galley(mag: &Mag, who: &str, args: &[String]) -> StdCommand {
    let mut cmd = mag.spawnable(who);
    cmd.env_remove("GALLEY_NOW")
        .env("GALLEY_LOCK_WAIT_MS", "60000")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

/// Worker `p`'s `m` operations: every other one on its own article, in a
/// cycle that is always allowed (校对 → 审定 → 退回 → 修订), and the rest on
/// the article all workers share (分稿 and 修订, also always allowed).
fn plan(mag: &Mag, p: usize, m: usize, own: &str, shared: &str) -> Vec<StdCommand> {
    (0..m)
        .map(|j| {
            if j.is_multiple_of(2) {
                match (j / 2) % 4 {
                    0 => galley(mag, "宋欣龙", &strings(&["proofread", own])),
                    1 => galley(mag, "高昌运", &strings(&["approve", own])),
                    2 => galley(
                        mag,
                        "王焕彩",
                        &strings(&["reopen", own, "--reason", "再核一遍"]),
                    ),
                    _ => {
                        let file = mag.write(
                            &format!("../own-{p}-{j}.txt"),
                            format!("第{p}位编辑的稿子，第{j}步改写。\n"),
                        );
                        galley(
                            mag,
                            "刘卫防",
                            &strings(&["revise", own, "--file", file.to_str().unwrap()]),
                        )
                    }
                }
            } else if (j / 2).is_multiple_of(2) {
                let editor = if p.is_multiple_of(2) {
                    "刘卫防"
                } else {
                    "王栋栋"
                };
                galley(mag, "王焕彩", &strings(&["assign", shared, editor]))
            } else {
                let file = mag.write(
                    &format!("../shared-{p}-{j}.txt"),
                    format!("大家共用的稿子，第{p}位编辑第{j}步改写。\n"),
                );
                galley(
                    mag,
                    "荣萍萍",
                    &strings(&["revise", shared, "--file", file.to_str().unwrap()]),
                )
            }
        })
        .collect()
}

/// Runs each worker's commands one after another, all workers at once.
/// Returns how many failed, with their messages.
fn run_workers(workers: Vec<Vec<StdCommand>>) -> Vec<String> {
    let handles: Vec<_> = workers
        .into_iter()
        .map(|commands| {
            thread::spawn(move || {
                let mut failures = Vec::new();
                for mut cmd in commands {
                    let out = cmd.output().unwrap();
                    if !out.status.success() {
                        failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
                    }
                }
                failures
            })
        })
        .collect();
    handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect()
}

/// A person committing their own file with plain git, over and over, until
/// told to stop. git does not wait for a held lock, so a refused attempt
/// is simply tried again, as a person would. Returns the commits made.
fn plain_git_alongside(mag: &Mag, stop: Arc<AtomicBool>) -> thread::JoinHandle<usize> {
    let root = mag.root.clone();
    thread::spawn(move || {
        let mut made = 0;
        let mut tries = 0;
        while !stop.load(Ordering::SeqCst) || tries > 0 {
            std::fs::write(root.join("notes/unrelated.txt"), format!("第{made}次\n")).unwrap();
            let out = StdCommand::new("git")
                .args([
                    "commit",
                    "-q",
                    "-m",
                    "我自己的笔记",
                    "--",
                    "notes/unrelated.txt",
                ])
                .current_dir(&root)
                .env("GIT_CONFIG_GLOBAL", "/dev/null")
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("GIT_AUTHOR_NAME", "某人")
                .env("GIT_AUTHOR_EMAIL", "someone@localhost")
                .env("GIT_COMMITTER_NAME", "某人")
                .env("GIT_COMMITTER_EMAIL", "someone@localhost")
                .output()
                .unwrap();
            if out.status.success() {
                made += 1;
                tries = 0;
            } else {
                tries += 1;
                assert!(
                    tries < 2000,
                    "git never got its turn: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            thread::sleep(Duration::from_millis(15));
        }
        made
    })
}

/// The unrelated work a person has in the tree: one file committed by
/// hand, one staged and not committed, one not even staged.
fn set_up_own_work(mag: &Mag) {
    mag.write("notes/unrelated.txt", "起头\n");
    mag.git(&["add", "notes/unrelated.txt"]);
    mag.commit_by_hand("笔记");
    mag.write("notes/staged.txt", "暂存，还没提交\n");
    mag.git(&["add", "notes/staged.txt"]);
    mag.write("notes/draft.txt", "草稿，没有暂存\n");
}

fn journal_files(listing: &str) -> BTreeSet<String> {
    listing
        .lines()
        .filter(|l| l.contains("/journal/"))
        .map(str::to_string)
        .collect()
}

/// What must hold after any number of writers, finished or killed.
fn assert_whole(mag: &Mag, expected_status: &str) {
    mag.git(&["fsck", "--no-progress", "--strict"]);
    let status = mag.git(&["status", "--porcelain", "--untracked-files=all"]);
    let lines = |text: &str| text.lines().map(str::to_string).collect::<BTreeSet<_>>();
    assert_eq!(
        lines(&status),
        lines(expected_status),
        "only the person's own work is pending"
    );
    let in_head = journal_files(&mag.git(&["ls-tree", "-r", "--name-only", "HEAD"]));
    let in_index = journal_files(&mag.git(&["ls-files"]));
    assert_eq!(
        in_head, in_index,
        "every journal file in HEAD is in the index"
    );
    assert_eq!(
        mag.git(&["diff", "--cached", "--name-only"]),
        "notes/staged.txt\n",
        "nothing but the person's staged file differs from HEAD"
    );
    mag.ok("王焕彩", &["verify"]);
}

fn shared_setup(mag: &Mag, procs: usize) -> (Vec<String>, String) {
    let own: Vec<String> = (0..procs)
        .map(|p| mag.add(&format!("own{p}"), &format!("各自的稿{p}"), "原文。\n"))
        .collect();
    let shared = mag.add("shared", "大家的稿", "原文。\n");
    set_up_own_work(mag);
    (own, shared)
}

#[test]
fn many_writers_at_once_all_land_and_the_index_stays_true() {
    let procs = env("GALLEY_STRESS_PROCS", 4);
    let ops = env("GALLEY_STRESS_OPS", 10);
    let mag = Mag::new();
    let (own, shared) = shared_setup(&mag, procs);
    let journals_before = journal_files(&mag.git(&["ls-files"])).len();
    let before = mag.commit_count();

    let workers: Vec<_> = (0..procs)
        .map(|p| plan(&mag, p, ops, &own[p], &shared))
        .collect();
    let stop = Arc::new(AtomicBool::new(false));
    let git = plain_git_alongside(&mag, stop.clone());
    let started = Instant::now();
    let failures = run_workers(workers);
    let wall = started.elapsed();
    stop.store(true, Ordering::SeqCst);
    let by_git = git.join().unwrap();

    assert!(failures.is_empty(), "refused: {failures:#?}");
    let operations = procs * ops;
    assert_eq!(
        mag.commit_count(),
        before + operations + by_git,
        "one commit per operation, none lost"
    );
    assert_eq!(
        journal_files(&mag.git(&["ls-files"])).len(),
        journals_before + operations,
        "one journal record per operation"
    );
    assert_whole(&mag, "A  notes/staged.txt\n?? notes/draft.txt\n");
    // Every galley commit is by the person who acted, not by the git user.
    let authors = mag.git(&[
        "log",
        "--format=%an",
        &format!("HEAD~{}..HEAD", operations + by_git),
    ]);
    let galley_commits = authors.lines().filter(|a| *a != "某人").count();
    assert_eq!(galley_commits, operations);
    eprintln!(
        "stress: {procs} processes × {ops} operations = {operations} galley commits, \
         {by_git} plain git commits alongside, 0 refused, {:.1} s",
        wall.as_secs_f64()
    );
}

#[test]
fn writers_killed_at_random_leave_nothing_half_done() {
    let survivors = env("GALLEY_STRESS_PROCS", 3);
    let ops = env("GALLEY_STRESS_OPS", 10);
    let kills = env("GALLEY_STRESS_KILLS", 12);
    let mag = Mag::new();
    let (own, shared) = shared_setup(&mag, survivors);
    let victim = mag.add("victim", "被打断的稿", "原文。\n");

    // The victim's commands, each killed after a random moment.
    let killing: Vec<StdCommand> = (0..kills)
        .map(|k| {
            let editor = if k.is_multiple_of(2) {
                "刘卫防"
            } else {
                "王栋栋"
            };
            galley(&mag, "王焕彩", &strings(&["assign", &victim, editor]))
        })
        .collect();
    let workers: Vec<_> = (0..survivors)
        .map(|p| plan(&mag, p, ops, &own[p], &shared))
        .collect();
    let stop = Arc::new(AtomicBool::new(false));
    let git = plain_git_alongside(&mag, stop.clone());
    let killed = Arc::new(AtomicUsize::new(0));
    let killer = {
        let killed = killed.clone();
        thread::spawn(move || {
            let mut seed = 0x2545_f491_4f6c_dd1du64 ^ u64::from(std::process::id());
            for mut cmd in killing {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let mut child = cmd.spawn().unwrap();
                thread::sleep(Duration::from_micros(seed % 60_000));
                if child.try_wait().unwrap().is_none() {
                    child.kill().unwrap();
                    killed.fetch_add(1, Ordering::SeqCst);
                }
                child.wait().unwrap();
            }
        })
    };
    let failures = run_workers(workers);
    killer.join().unwrap();
    // The next galley command of any kind puts right what a killed one
    // left. Until one runs, git waits on the last victim's index.lock or
    // branch lock, as it would on any lock a killed program left; when the
    // survivors have finished first, this status is that command. A branch
    // lock the victim had only begun to write is taken for abandoned once
    // it has stood a second.
    thread::sleep(Duration::from_millis(1100));
    mag.ok("王焕彩", &["status", "2024-03"]);
    stop.store(true, Ordering::SeqCst);
    let by_git = git.join().unwrap();
    assert!(failures.is_empty(), "survivors were refused: {failures:#?}");
    let status = mag.git(&["status", "--porcelain", "--untracked-files=all"]);
    let leftovers: String = status
        .lines()
        .filter(|l| l.starts_with("?? issues/2024-03/victim/journal/"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_whole(
        &mag,
        &format!("A  notes/staged.txt\n?? notes/draft.txt\n{leftovers}"),
    );
    if leftovers.contains(".toml") {
        let board = mag.ok("王焕彩", &["status", "2024-03"]);
        assert!(
            board.contains("注意：以下流程记录没有提交，不算数"),
            "{board}"
        );
    }
    eprintln!(
        "crash: {survivors} survivors × {ops} operations, {} of {kills} victims killed, \
         {} half-written records left untracked, {by_git} plain git commits",
        killed.load(Ordering::SeqCst),
        leftovers.lines().count()
    );
}
