//! Every change is exactly one commit, by the acting person, holding only
//! its own paths; the user's other work is untouched.

use crate::support::Mag;

#[test]
fn a_commit_holds_only_its_own_paths_and_leaves_other_work_alone() {
    let mag = Mag::new();
    let key = mag.add("a", "甲", "正文");
    // Someone's unrelated work: one file staged, one edited but unstaged, one new.
    mag.write("staged.txt", "v1");
    mag.git(&["add", "staged.txt"]);
    mag.write("staged.txt", "v2");
    mag.write(
        "issues/2024-03/issue.toml",
        mag.read("issues/2024-03/issue.toml") + "# 笔记\n",
    );
    mag.write("scratch.md", "草稿");
    let before = mag.git(&["status", "--porcelain"]);
    let count = mag.commit_count();

    mag.ok("宋欣龙", &["proofread", &key]);

    assert_eq!(mag.commit_count(), count + 1);
    assert_eq!(mag.git(&["status", "--porcelain"]), before);
    assert_eq!(
        mag.git(&["diff", "--cached", "--name-only"]),
        "staged.txt\n"
    );
    let files = mag.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert!(
        files.starts_with("issues/2024-03/a/journal/20240301T"),
        "{files}"
    );
    assert_eq!(files.lines().count(), 1);
    assert_eq!(mag.read("staged.txt"), "v2");
}

#[test]
fn commits_carry_author_subject_and_trailers() {
    let mag = Mag::new();
    let key = mag.add("a", "甲", "正文");
    mag.ok("宋欣龙", &["proofread", &key, "-m", "已核对引文"]);
    let head = mag.git(&["log", "-1", "--format=%an%n%aI%n%B"]);
    let lines: Vec<&str> = head.lines().collect();
    assert_eq!(lines[0], "宋欣龙");
    assert!(lines[1].ends_with("+08:00"), "{head}");
    assert_eq!(lines[2], "宋欣龙签署《甲》的「校对」");
    assert!(
        head.contains("Galley-Op: signoff\nGalley-Article: 2024-03/a\nGalley-Stage: proofread"),
        "{head}"
    );
    let journal = mag.git(&["show", "HEAD", "--format=", "--unified=0"]);
    assert!(journal.contains("+note = \"已核对引文\""), "{journal}");
    assert!(journal.contains("+body = \"sha256:"), "{journal}");
}

#[test]
fn a_failed_commit_leaves_tree_index_and_head_as_they_were() {
    let mag = Mag::new();
    let key = mag.add("a", "甲", "正文");
    mag.git(&["add", "-N", "staff.toml"]);
    // The branch ref is locked by another program: the commit cannot land.
    let branch = mag.git(&["symbolic-ref", "HEAD"]);
    mag.write(&format!(".git/{}.lock", branch.trim()), "");
    let err = mag.refused("宋欣龙", &["proofread", &key]);
    assert!(err.contains("refs/heads/main.lock"), "{err}");
    assert!(!mag.root.join("issues/2024-03/a/journal").exists());
}

#[test]
fn journal_events_are_new_files_and_record_what_they_saw() {
    let mag = Mag::new();
    let key = mag.add("a", "甲", "正文");
    mag.ok("王焕彩", &["assign", &key, "刘卫防"]);
    mag.ok("宋欣龙", &["proofread", &key]);
    let show = mag.json("王焕彩", &["show", &key, "--json"]);
    let ids: Vec<String> = show["event_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(show["journal"][1]["seen"], serde_json::json!([ids[0]]));
    assert_eq!(show["journal"][0]["editor"], "刘卫防");
}
