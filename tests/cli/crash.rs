//! Two galley processes at once, and a crash between writing a file and
//! committing it.

use crate::support::{Mag, all_at_once};

/// `galley status --json`'s sign-offs for one article, as (stage, by).
fn signed(mag: &Mag, key: &str) -> Vec<(String, String)> {
    mag.row(key)["signed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["stage"].as_str().unwrap().to_string(),
                s["by"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A magazine with one article, on which 宋欣龙's proofread was killed at
/// `failpoint`. Returns it, the article, and HEAD from before.
fn killed_at(failpoint: &str) -> (Mag, String, String) {
    let mag = Mag::new();
    let key = mag.add("a", "甲稿", "第一段。\n");
    let head = mag.head();
    let out = mag
        .cmd("宋欣龙")
        .args(["proofread", &key])
        .env("GALLEY_FAILPOINT", failpoint)
        .output()
        .unwrap();
    assert!(!out.status.success(), "the failpoint killed galley");
    (mag, key, head)
}

#[test]
fn a_crash_after_writing_leaves_nothing_half_recorded() {
    let (mag, key, head) = killed_at("after-write");
    assert_eq!(mag.head(), head, "nothing was committed");
    mag.git(&["fsck", "--no-progress"]);
    // The half-written event is in the work tree but not in the record.
    let untracked = mag.git(&["status", "--porcelain", "--untracked-files=all"]);
    assert!(
        untracked.starts_with("?? issues/2024-03/a/journal/"),
        "{untracked}"
    );
    assert!(signed(&mag, &key).is_empty());
    let board = mag.ok("王焕彩", &["status", "2024-03"]);
    assert!(
        board.contains("注意：以下流程记录没有提交，不算数"),
        "{board}"
    );
    // Signing again works and counts once.
    mag.ok("宋欣龙", &["proofread", &key]);
    assert_eq!(
        signed(&mag, &key),
        [("proofread".to_string(), "宋欣龙".to_string())]
    );
}

#[test]
fn two_processes_at_once_both_land_and_the_repository_stays_whole() {
    let mag = Mag::new();
    let keys: Vec<String> = (0..6)
        .map(|i| mag.add(&format!("p{i}"), &format!("稿{i}"), "正文。\n"))
        .collect();
    let before = mag.commit_count();
    for pair in keys.chunks(2) {
        all_at_once(
            pair.iter()
                .map(|key| {
                    let mut c = mag.spawnable("宋欣龙");
                    c.args(["proofread", key]);
                    c
                })
                .collect(),
        );
    }
    assert_eq!(mag.commit_count(), before + keys.len());
    mag.git(&["fsck", "--no-progress"]);
    let status = mag.git(&["status", "--porcelain", "--untracked-files=all"]);
    assert_eq!(status, "", "index and work tree agree with HEAD");
    for key in &keys {
        assert_eq!(signed(&mag, key).len(), 1, "{key}");
    }
}

/// Killed holding git's index lock, before the branch moved: the next
/// galley command removes the lock it left, and nothing was recorded.
#[test]
fn killed_holding_the_index_lock_the_next_command_lets_it_go() {
    let (mag, key, head) = killed_at("index-prepared");
    assert!(
        mag.root.join(".git/index.lock").exists(),
        "it died holding the lock"
    );
    assert_eq!(mag.head(), head, "the branch did not move");

    mag.ok("王焕彩", &["status", "2024-03"]);
    assert!(
        !mag.root.join(".git/index.lock").exists(),
        "the lock was let go"
    );
    let status = mag.git(&["status", "--porcelain", "--untracked-files=all"]);
    assert!(
        status.starts_with("?? issues/2024-03/a/journal/"),
        "{status}"
    );
    assert_eq!(status.lines().count(), 1, "{status}");
    mag.ok("宋欣龙", &["proofread", &key]);
    assert_eq!(signed(&mag, &key).len(), 1);
}

/// Killed after its index was put in place but before the branch moved:
/// the record is staged but not committed. The next galley command takes
/// it back out of the index, so nothing half done is left for a plain
/// `git commit` to pick up.
#[test]
fn killed_before_the_branch_moved_the_next_command_withdraws_the_index() {
    let (mag, key, head) = killed_at("index-published");
    assert_eq!(mag.head(), head, "the branch did not move");
    let staged = mag.git(&["status", "--porcelain", "--untracked-files=all"]);
    assert!(
        staged.starts_with("A  issues/2024-03/a/journal/"),
        "{staged}"
    );
    mag.ok("王焕彩", &["status", "2024-03"]);
    let status = mag.git(&["status", "--porcelain", "--untracked-files=all"]);
    assert!(
        status.starts_with("?? issues/2024-03/a/journal/"),
        "{status}"
    );
    assert_eq!(status.lines().count(), 1, "{status}");
    assert!(signed(&mag, &key).is_empty());
    mag.ok("宋欣龙", &["proofread", &key]);
    assert_eq!(signed(&mag, &key).len(), 1);
    mag.git(&["fsck", "--no-progress"]);
}

/// Killed right after the branch moved: the index was already in place,
/// so index, work tree and HEAD agree at once.
#[test]
fn killed_after_the_branch_moved_everything_has_landed() {
    let (mag, key, head) = killed_at("branch-moved");
    assert_ne!(mag.head(), head, "the commit landed");
    assert_eq!(
        mag.git(&["status", "--porcelain", "--untracked-files=all"]),
        "",
        "index, work tree and HEAD agree"
    );
    mag.ok("王焕彩", &["status", "2024-03"]);
    assert!(!mag.root.join(".git/galley/index-lock.toml").exists());
    assert_eq!(
        signed(&mag, &key),
        [("proofread".to_string(), "宋欣龙".to_string())]
    );
    mag.git(&["fsck", "--no-progress"]);
}

/// Deterministic: galley is held after its index is in place and before
/// its branch moves, while a person commits a file of their own with
/// plain git. git reads HEAD before the index, so it sees galley's index
/// and keeps galley's record in it; galley finds the branch moved, and
/// lands on top of the person's commit. Nothing is lost from HEAD or the
/// index.
#[test]
fn a_git_commit_while_galley_lands_loses_nothing() {
    let mag = Mag::new();
    let key = mag.add("a", "甲稿", "第一段。\n");
    mag.write("notes/mine.txt", "起头\n");
    mag.git(&["add", "notes/mine.txt"]);
    mag.commit_by_hand("笔记");
    let head = mag.head();
    let (held, flag) = mag.paused_at("宋欣龙", "pause-index-published", &["proofread", &key]);
    let journal = |listing: &str| listing.lines().filter(|l| l.contains("/journal/")).count();
    let in_index = journal(&mag.git(&["ls-files"]));
    let in_head = journal(&mag.git(&["ls-tree", "-r", "--name-only", "HEAD"]));
    assert_eq!(in_index, in_head + 1, "the index is ahead of the branch");

    mag.write("notes/mine.txt", "改了\n");
    mag.commit_by_hand_with(&["--only", "notes/mine.txt"], "我自己的笔记");
    std::fs::remove_file(&flag).unwrap();
    let out = held.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    assert_eq!(
        mag.git(&["log", "--format=%an", &format!("{head}..HEAD")]),
        "宋欣龙\n某人\n",
        "galley landed on top of the person's commit"
    );
    assert_eq!(
        mag.git(&["status", "--porcelain", "--untracked-files=all"]),
        "",
        "index, work tree and HEAD agree"
    );
    assert_eq!(
        journal(&mag.git(&["ls-tree", "-r", "--name-only", "HEAD"])),
        in_index
    );
    assert_eq!(signed(&mag, &key).len(), 1);
    mag.git(&["fsck", "--no-progress"]);
}

/// A lock that somebody else holds is waited for and then named, never
/// taken over, even when a dead galley's record lies beside it.
#[test]
fn another_programs_index_lock_is_never_taken_over() {
    let mag = Mag::new();
    let key = mag.add("a", "甲稿", "第一段。\n");
    mag.write(
        ".git/galley/index-lock.toml",
        "nonce = \"0123456789abcdef\"\n",
    );
    mag.write(".git/index.lock", "git is writing this\n");
    let err = mag.refused("宋欣龙", &["proofread", &key]);
    assert!(err.contains(".git/index.lock 一直没有释放"), "{err}");
    assert_eq!(mag.read(".git/index.lock"), "git is writing this\n");
}
