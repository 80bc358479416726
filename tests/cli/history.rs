//! The history index answers exactly what walking the whole history would:
//! caught up after new commits, rebuilt after a reset or a rewrite, and
//! never part of the magazine's own history.

use crate::support::Mag;

const INDEX: &str = ".git/galley/history-v1";

/// `galley log` and `galley diff` of an article, as one text.
fn answers(mag: &Mag, key: &str) -> String {
    let log = mag.ok("王焕彩", &["log", key, "--json"]);
    let issue_log = mag.ok("王焕彩", &["log", "2024-03", "--json"]);
    let diff = mag.ok("王焕彩", &["diff", key, "--from", "r1", "--format", "json"]);
    format!("{log}\n{issue_log}\n{diff}")
}

/// The same answers from a freshly built index.
fn fresh(mag: &Mag, key: &str) -> String {
    std::fs::remove_dir_all(mag.root.join(INDEX)).unwrap();
    answers(mag, key)
}

fn revise(mag: &Mag, key: &str, text: &str) {
    let file = mag.write("../next.txt", text);
    mag.ok("刘卫防", &["revise", key, "--file", file.to_str().unwrap()]);
}

#[test]
fn the_index_agrees_with_the_whole_history() {
    let mag = Mag::new();
    let key = mag.add("a", "甲稿", "第一段。\n第二段。\n");
    let other = mag.add("b", "乙稿", "别的稿子。\n");
    mag.ok("王焕彩", &["assign", &key, "刘卫防"]);
    revise(&mag, &key, "第一段改了。\n第二段。\n");
    let first = answers(&mag, &key);
    assert!(
        mag.root.join(INDEX).join("2024-03.log").is_file(),
        "the index was built"
    );
    assert_eq!(first, fresh(&mag, &key));

    // New commits are caught up, on this article and on another.
    mag.ok("宋欣龙", &["proofread", &key]);
    mag.ok("宋欣龙", &["proofread", &other]);
    revise(&mag, &key, "第一段又改了。\n第二段。\n");
    let caught_up = answers(&mag, &key);
    assert!(caught_up.contains("\"revision\""), "{caught_up}");
    assert_eq!(caught_up, fresh(&mag, &key));

    // A reset drops indexed commits: the index notices and starts again.
    answers(&mag, &key);
    mag.git(&["reset", "-q", "--hard", "HEAD~2"]);
    let after_reset = answers(&mag, &key);
    assert!(!after_reset.contains("又改了"), "{after_reset}");
    assert_eq!(after_reset, fresh(&mag, &key));

    // A rewritten commit (amend) is another history altogether.
    answers(&mag, &key);
    mag.commit_by_hand_with(&["--amend"], "改写的提交");
    assert_eq!(answers(&mag, &key), fresh(&mag, &key));

    // It lives in the git directory, never in the magazine's history.
    assert_eq!(mag.git(&["status", "--porcelain", "--ignored"]), "");
    assert!(
        !mag.git(&["ls-tree", "-r", "--name-only", "HEAD"])
            .contains("history")
    );
}

#[test]
fn a_broken_index_is_rebuilt_not_believed() {
    let mag = Mag::new();
    let key = mag.add("a", "甲稿", "第一段。\n");
    revise(&mag, &key, "第一段改了。\n");
    let right = answers(&mag, &key);
    // Someone copied an index from another repository over this one.
    mag.write(
        &format!("{INDEX}/state"),
        "galley-history 1\n0123456789012345678901234567890123456789\n",
    );
    mag.write(
        &format!("{INDEX}/2024-03.log"),
        "0123456789012345678901234567890123456789 a\n",
    );
    assert_eq!(answers(&mag, &key), right);
    // An index of another version is not read at all.
    mag.write(&format!("{INDEX}/state"), "galley-history 0\n");
    assert_eq!(answers(&mag, &key), right);
}
