//! Several editors, one shared remote: `galley sync` in every situation
//! the office meets, on local bare remotes (no network).

use crate::support::{Mag, all_at_once};

/// An office: the first editor's magazine with two articles assigned to
/// 刘卫防, a shared bare remote, and a second editor's clone.
fn office() -> (Mag, Mag, std::path::PathBuf, String, String) {
    let first = Mag::new();
    let a = first.add("a", "甲稿", "第一段原文。\n第二段原文。\n第三段原文。\n");
    let b = first.add("b", "乙稿", "乙稿正文。\n");
    first.ok("王焕彩", &["assign", &a, "刘卫防"]);
    first.ok("王焕彩", &["assign", &b, "刘卫防"]);
    let remote = first.share();
    let second = Mag::clone_of(&remote);
    (first, second, remote, a, b)
}

fn sync(mag: &Mag, who: &str) -> String {
    mag.ok(who, &["sync"])
}

fn board(mag: &Mag) -> serde_json::Value {
    let mut v = mag.json("王焕彩", &["status", "2024-03", "--json"]);
    // Only what the workflow decides; `overdue` depends on nothing here.
    for a in v["articles"].as_array_mut().unwrap() {
        a.as_object_mut().unwrap().remove("unsaved");
    }
    v
}

/// Both clones hold the same history and compute the same board, and the
/// history passes the audit.
fn agree(first: &Mag, second: &Mag) {
    assert_eq!(first.head(), second.head());
    assert_eq!(board(first), board(second));
    for m in [first, second] {
        m.ok("王焕彩", &["verify"]);
        m.git(&["fsck", "--no-progress"]);
        assert_eq!(m.git(&["status", "--porcelain"]), "");
    }
}

/// Replaces an article's body by hand, paragraphs one per line as given,
/// stored the way galley stores them (a blank line between paragraphs).
fn write_body(mag: &Mag, key: &str, body: &str) {
    let file = format!("issues/{key}/article.md");
    let text = mag.read(&file);
    let end = text[3..].find("+++\n").unwrap() + 3 + 4;
    let paragraphs: Vec<&str> = body.lines().collect();
    mag.write(
        &file,
        format!("{}\n{}\n", &text[..end], paragraphs.join("\n\n")),
    );
}

#[test]
fn sign_offs_on_different_articles_merge_without_questions() {
    let (first, second, _, a, b) = office();
    first.ok("宋欣龙", &["proofread", &a]);
    second.ok("王栋栋", &["proofread", &b]);
    assert_eq!(
        sync(&first, "宋欣龙"),
        "同步完成：收到 0 项更新，送出 1 项。\n"
    );
    assert_eq!(
        sync(&second, "王栋栋"),
        "同步完成：收到 1 项更新，送出 2 项。\n"
    );
    assert_eq!(
        sync(&first, "宋欣龙"),
        "同步完成：收到 2 项更新，送出 0 项。\n"
    );
    assert_eq!(
        sync(&first, "宋欣龙"),
        "已是最新：没有收到更新，也没有要送出的内容。\n"
    );
    agree(&first, &second);
    assert_eq!(first.row(&a)["status"], "proofread");
    assert_eq!(first.row(&b)["status"], "proofread");
    // The merge is a commit by the person who synced, in plain words.
    let merge = second.git(&["log", "--merges", "--format=%an|%s", "-1"]);
    assert_eq!(merge, "王栋栋|王栋栋同步：合并共享仓库的更新\n");
}

#[test]
fn sign_offs_on_the_same_article_both_land() {
    let (first, second, _, a, _) = office();
    first.ok("宋欣龙", &["proofread", &a]);
    second.ok("王栋栋", &["proofread", &a]);
    sync(&first, "宋欣龙");
    sync(&second, "王栋栋");
    sync(&first, "宋欣龙");
    agree(&first, &second);
    let show = first.json("王焕彩", &["show", &a, "--json"]);
    let signers: Vec<&str> = show["journal"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["op"] == "signoff")
        .map(|e| e["by"].as_str().unwrap())
        .collect();
    assert_eq!(signers.len(), 2, "{signers:?}");
    assert!(signers.contains(&"宋欣龙") && signers.contains(&"王栋栋"));
    assert_eq!(first.row(&a)["status"], "proofread");
}

#[test]
fn approve_on_one_side_reopen_on_the_other_needs_attention() {
    let (first, second, _, a, _) = office();
    first.ok("宋欣龙", &["proofread", &a]);
    sync(&first, "宋欣龙");
    sync(&second, "刘卫防");
    first.ok("刘卫防", &["approve", &a]);
    second.ok("王焕彩", &["reopen", &a, "--reason", "引文待核"]);
    sync(&first, "刘卫防");
    let out = sync(&second, "王焕彩");
    assert!(
        out.contains("需处理：2024-03/a 上，刘卫防签署「审定」与王焕彩退回稿件是同时进行的"),
        "{out}"
    );
    sync(&first, "刘卫防");
    agree(&first, &second);
    assert_eq!(
        first.row(&a)["attention"][0]["kind"],
        "signed_while_reopened",
        "{}",
        first.row(&a)
    );
}

#[test]
fn a_sign_off_on_text_changed_upstream_comes_out_stale() {
    let (first, second, _, a, _) = office();
    let new = first.write("../new.txt", "第一段改过了。\n第二段原文。\n第三段原文。\n");
    first.ok(
        "刘卫防",
        &[
            "revise",
            &a,
            "--file",
            new.to_str().unwrap(),
            "-m",
            "改第一段",
        ],
    );
    second.ok("宋欣龙", &["proofread", &a]);
    sync(&first, "刘卫防");
    let out = sync(&second, "宋欣龙");
    assert!(
        out.contains(
            "注意：《甲稿》（2024-03/a）的「校对」签署已过期：收到的更新改了正文，需要重新签署。"
        ),
        "{out}"
    );
    sync(&first, "刘卫防");
    agree(&first, &second);
    assert_eq!(first.row(&a)["stale"], serde_json::json!(["proofread"]));
    assert_eq!(first.row(&a)["status"], "draft");
}

#[test]
fn edits_to_different_paragraphs_merge() {
    let (first, second, _, a, _) = office();
    write_body(&first, &a, "第一段改了。\n第二段原文。\n第三段原文。\n");
    first.ok("刘卫防", &["save", &a, "-m", "改第一段"]);
    write_body(&second, &a, "第一段原文。\n第二段原文。\n第三段也改了。\n");
    second.ok("刘卫防", &["save", &a, "-m", "改第三段"]);
    sync(&first, "刘卫防");
    sync(&second, "刘卫防");
    sync(&first, "刘卫防");
    agree(&first, &second);
    let text = first.read(&format!("issues/{a}/article.md"));
    assert!(
        text.ends_with("第一段改了。\n\n第二段原文。\n\n第三段也改了。\n"),
        "{text}"
    );
}

/// Both change paragraph 2; the second to sync is stopped with both texts.
fn same_paragraph_conflict() -> (Mag, Mag, String, String) {
    let (first, second, _, a, _) = office();
    write_body(&first, &a, "第一段原文。\n第二段甲改。\n第三段原文。\n");
    first.ok("刘卫防", &["save", &a, "-m", "甲改第二段"]);
    write_body(&second, &a, "第一段原文。\n第二段乙改。\n第三段原文。\n");
    second.ok("刘卫防", &["save", &a, "-m", "乙改第二段"]);
    sync(&first, "刘卫防");
    let head = second.head();
    let err = second.refused("刘卫防", &["sync"]);
    assert!(
        err.contains("issues/2024-03/a/article.md 的正文第 2 段"),
        "{err}"
    );
    assert!(
        err.contains("本机：第二段乙改。") && err.contains("对方：第二段甲改。"),
        "{err}"
    );
    assert!(
        err.contains("galley sync --continue") && err.contains("galley sync --abort"),
        "{err}"
    );
    assert_eq!(second.head(), head);
    assert_eq!(
        second.git(&["rev-parse", "refs/galley/sync/local"]).trim(),
        head
    );
    (first, second, a, head)
}

#[test]
fn a_same_paragraph_conflict_is_resolved_with_continue() {
    let (first, second, a, _) = same_paragraph_conflict();
    let again = second.refused("刘卫防", &["sync"]);
    assert!(again.contains("还没有处理完"), "{again}");
    write_body(
        &second,
        &a,
        "第一段原文。\n第二段甲乙合改。\n第三段原文。\n",
    );
    let out = second.ok("刘卫防", &["sync", "--continue"]);
    assert!(
        out.starts_with("同步完成：收到 1 项更新，送出 2 项。"),
        "{out}"
    );
    assert!(second.git(&["for-each-ref", "refs/galley"]).is_empty());
    sync(&first, "刘卫防");
    agree(&first, &second);
    assert!(
        first
            .read(&format!("issues/{a}/article.md"))
            .contains("第二段甲乙合改。")
    );
}

#[test]
fn a_same_paragraph_conflict_can_take_theirs_or_be_abandoned() {
    let (first, second, a, head) = same_paragraph_conflict();
    let out = second.ok("刘卫防", &["sync", "--abort"]);
    assert_eq!(
        out,
        "已放弃这次同步：本机内容还是同步前的样子，共享仓库的更新暂未合并。\n"
    );
    assert_eq!(second.head(), head);
    assert_eq!(second.git(&["status", "--porcelain"]), "");
    assert!(
        second
            .read(&format!("issues/{a}/article.md"))
            .contains("第二段乙改。")
    );
    assert!(second.git(&["for-each-ref", "refs/galley"]).is_empty());
    // Trying again stops again; this time take the other side's text.
    second.refused("刘卫防", &["sync"]);
    second.ok("刘卫防", &["sync", "--continue", "--theirs"]);
    sync(&first, "刘卫防");
    agree(&first, &second);
    assert!(
        first
            .read(&format!("issues/{a}/article.md"))
            .contains("第二段甲改。")
    );
}

#[test]
fn a_push_race_is_merged_and_pushed_again() {
    let (first, second, remote, a, b) = office();
    let third = Mag::clone_of(&remote);
    let c = first.add("c", "丙稿", "丙稿正文。\n");
    first.ok("王焕彩", &["assign", &c, "刘卫防"]);
    sync(&first, "王焕彩");
    sync(&second, "王焕彩");
    sync(&third, "王焕彩");
    let mags = [&first, &second, &third];
    for round in 0..3 {
        for (m, key) in mags.iter().zip([&a, &b, &c]) {
            let who = if round % 2 == 0 {
                "宋欣龙"
            } else {
                "王栋栋"
            };
            if round > 0 {
                m.ok("王焕彩", &["reopen", key, "--reason", "再看一遍"]);
            }
            m.ok(who, &["proofread", key]);
        }
        all_at_once(
            mags.iter()
                .map(|m| {
                    let mut c = m.spawnable("王焕彩");
                    c.arg("sync");
                    c
                })
                .collect(),
        );
    }
    // Two rounds: the first brings every clone's work to the remote, the
    // second brings the last merge to every clone.
    for _ in 0..2 {
        for m in mags {
            sync(m, "王焕彩");
        }
    }
    agree(&first, &second);
    agree(&second, &third);
    let show = first.json("王焕彩", &["show", &b, "--json"]);
    assert_eq!(
        show["journal"].as_array().unwrap().len(),
        1 + 3 + 2,
        "{show}"
    );
}

/// Deterministic: the first editor's sync is held just before its push
/// until the second has pushed; its push is rejected, and it fetches,
/// merges and pushes again by itself.
#[test]
fn a_rejected_push_is_fetched_merged_and_pushed_again() {
    let (first, second, _, a, b) = office();
    first.ok("宋欣龙", &["proofread", &a]);
    second.ok("王栋栋", &["proofread", &b]);
    let (slow, flag) = first.paused_at("宋欣龙", "pause-before-push", &["sync"]);
    assert_eq!(
        sync(&second, "王栋栋"),
        "同步完成：收到 0 项更新，送出 1 项。\n"
    );
    std::fs::remove_file(&flag).unwrap();
    let out = slow.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout,
        "同步完成：收到 1 项更新，送出 2 项。\n（送出时共享仓库刚被别人更新过，已自动合并后重新送出。）\n"
    );
    sync(&second, "王栋栋");
    agree(&first, &second);
}

#[test]
fn no_remote_and_an_unreachable_remote_are_one_sentence_each() {
    let mag = Mag::new();
    let err = mag.refused("王焕彩", &["sync"]);
    assert!(err.starts_with("错误：还没有设置共享仓库“origin”"), "{err}");
    mag.git(&["remote", "add", "origin", "/nonexistent/当代濮阳.git"]);
    let err = mag.refused("王焕彩", &["sync"]);
    assert!(err.starts_with("错误：连不上共享仓库“origin”"), "{err}");
    assert_eq!(err.lines().filter(|l| l.starts_with("错误：")).count(), 1);
}

#[test]
fn unsaved_edits_are_saved_first() {
    let (first, _, _, a, _) = office();
    write_body(&first, &a, "手改了没保存。\n");
    let err = first.refused("刘卫防", &["sync"]);
    assert!(
        err.contains("有还没保存的修改：issues/2024-03/a/article.md"),
        "{err}"
    );
}
