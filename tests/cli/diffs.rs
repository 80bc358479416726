//! Revisions and character-exact diffs: `galley log ARTICLE` and
//! `galley diff`, on real Chinese text.

use crate::support::Mag;

const R1: &str = "濮阳是一座因油而生、因油而兴的城市。\n\
加强“宜居城市”“初性城市”“智慧城市”建设，做好城市精细化管理。\n\
今天的会议很重要,大家要认真领会。\n\
2023年全市GDP增长3.5%，好于预期。\n";

/// r2 fixes one character, the punctuation width, and a number.
const R2: &str = "濮阳是一座因油而生、因油而兴的城市。\n\
加强“宜居城市”“韧性城市”“智慧城市”建设，做好城市精细化管理。\n\
今天的会议很重要，大家要认真领会。\n\
2023年全市GDP增长4.2%，好于预期。\n";

/// r3 moves the first paragraph to the end and splits the second.
const R3: &str = "加强“宜居城市”“韧性城市”“智慧城市”建设。\n做好城市精细化管理。\n\
今天的会议很重要，大家要认真领会。\n\
2023年全市GDP增长4.2%，好于预期。\n\
濮阳是一座因油而生、因油而兴的城市。\n";

/// An article with r1, r2 (proofread by 宋欣龙) and r3.
fn three_revisions() -> (Mag, String) {
    let mag = Mag::new();
    let key = mag.add("chengshi", "城市建设", R1);
    let r2 = mag.write("../r2.txt", R2);
    mag.ok(
        "刘卫防",
        &[
            "revise",
            &key,
            "--file",
            r2.to_str().unwrap(),
            "-m",
            "改正错字",
        ],
    );
    mag.ok("宋欣龙", &["proofread", &key]);
    mag.ok("王焕彩", &["set", &key, "title=城市建设要点"]);
    let r3 = mag.write("../r3.txt", R3);
    mag.ok(
        "刘卫防",
        &[
            "revise",
            &key,
            "--file",
            r3.to_str().unwrap(),
            "-m",
            "调整段落",
        ],
    );
    (mag, key)
}

fn diff(mag: &Mag, args: &[&str]) -> String {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    mag.ok("刘卫防", &all)
}

#[test]
fn log_numbers_revisions_and_counts_their_characters() {
    let (mag, key) = three_revisions();
    let log = mag.ok("王焕彩", &["log", &key]);
    let revision_rows: Vec<&str> = log.lines().filter(|l| l.starts_with("| r")).collect();
    assert_eq!(revision_rows.len(), 3, "{log}");
    // Newest first; the title change and the sign-off are not revisions.
    assert!(revision_rows[0].contains("| r3 ") && revision_rows[0].contains("调整段落"));
    assert!(revision_rows[1].contains("| r2 ") && revision_rows[1].contains("| +5 −5 "));
    assert!(revision_rows[2].contains("| r1 ") && revision_rows[2].contains("王焕彩"));
    assert!(log.contains("| 宋欣龙 "), "{log}");
    assert!(log.contains("共 3 个修订"), "{log}");

    let json = mag.json("王焕彩", &["log", &key, "--json"]);
    let numbers: Vec<u64> = json
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["revision"]["number"].as_u64())
        .collect();
    assert_eq!(numbers, [3, 2, 1]);
}

#[test]
fn a_bare_diff_shows_what_changed_since_the_last_sign_off() {
    let (mag, key) = three_revisions();
    let out = diff(&mag, &[&key]);
    let header = out.lines().next().unwrap();
    assert_eq!(
        header,
        "《城市建设要点》：「校对」签署的文本（宋欣龙签署，r2） → 当前文本（r3）"
    );
    assert_eq!(
        out.lines().skip(1).collect::<Vec<_>>(),
        [
            "第 1–2 段：…性城市”“智慧城市”建设[-，-]{+。¶+}做好城市精细化管理。",
            "第 5 段（由原第 1 段移来）：濮阳是一座因油而生、因油而兴的城市。",
            "合计：增 0 字，删 0 字，改 0 字，只改标点 1 处，段落移动 1 处，段落拆分 1 处。",
        ]
    );
}

#[test]
fn each_kind_of_rev_names_the_right_text() {
    let (mag, key) = three_revisions();
    let by_number = diff(&mag, &[&key, "--from", "r1", "--to", "r2"]);
    assert!(by_number.contains("[-初-]{+韧+}"), "{by_number}");
    assert!(by_number.contains("[-,-]{+，+}"), "{by_number}");
    assert!(by_number.contains("[-3.5-]{+4.2+}"), "{by_number}");

    for stage in ["proofread", "校对"] {
        let by_stage = diff(&mag, &[&key, "--from", "r1", "--to", stage]);
        assert_eq!(
            by_stage.lines().skip(1).collect::<Vec<_>>(),
            by_number.lines().skip(1).collect::<Vec<_>>()
        );
    }

    let commits = mag.git(&["log", "--format=%h %s"]);
    let r2_commit = commits
        .lines()
        .find(|l| l.contains("改正错字"))
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    let by_commit = diff(&mag, &[&key, "--from", "r1", "--to", &r2_commit]);
    assert!(
        by_commit.lines().next().unwrap().contains("时的文本（r2）"),
        "{by_commit}"
    );
    assert!(by_commit.contains("[-初-]{+韧+}"));

    // Unsaved hand edits are the work tree, and the default `--to`.
    let file = format!("issues/{key}/article.md");
    let edited = mag.read(&file).replace("好于预期", "超出预期");
    mag.write(&file, edited);
    let work = diff(&mag, &[&key, "--from", "r3", "--to", "work"]);
    assert!(work.contains("[-好于-]{+超出+}"), "{work}");
    assert!(
        work.lines()
            .next()
            .unwrap()
            .ends_with("当前文本（含未保存的修改）")
    );
    assert_eq!(diff(&mag, &[&key, "--from", "r3"]), work);
}

#[test]
fn bad_revs_are_refused_with_a_sentence() {
    let (mag, key) = three_revisions();
    let err = mag.refused("刘卫防", &["diff", &key, "--from", "r9"]);
    assert!(err.contains("不认识要比较的版本“r9”"), "{err}");
    assert!(err.contains("r1–r3"), "{err}");
    let err = mag.refused("刘卫防", &["diff", &key, "--from", "昨天"]);
    assert!(err.contains("不认识"), "{err}");
    let err = mag.refused("刘卫防", &["diff", &key, "--from", "approved"]);
    assert!(err.contains("还没有人签署过「审定」"), "{err}");
}

#[test]
fn a_backwards_comparison_is_shown_and_said() {
    let (mag, key) = three_revisions();
    let out = mag
        .run("刘卫防", &["diff", &key, "--from", "r2", "--to", "r1"])
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("起点 r2"), "{stderr}");
    assert!(stderr.contains("反向"), "{stderr}");
    assert!(stdout.contains("[-韧-]{+初+}"), "{stdout}");
}

#[test]
fn one_revision_has_nothing_to_compare() {
    let mag = Mag::new();
    let key = mag.add("dan", "单篇", "只有一段文字。\n");
    let out = mag.ok("刘卫防", &["diff", &key]);
    assert_eq!(out, "《单篇》只有一个修订（r1），还没有可以比较的内容。\n");
}

#[test]
fn punctuation_only_revisions_say_so() {
    let mag = Mag::new();
    let key = mag.add("biaodian", "标点", "他说:\"好的,明天见.\"\n");
    let fixed = mag.write("../fixed.txt", "他说：“好的，明天见。”\n");
    mag.ok(
        "刘卫防",
        &["revise", &key, "--file", fixed.to_str().unwrap()],
    );
    let out = diff(&mag, &[&key]);
    assert!(
        out.trim_end()
            .ends_with("合计：增 0 字，删 0 字，改 0 字，只改标点 3 处。"),
        "{out}"
    );
}

#[test]
fn unreadable_text_in_history_is_refused() {
    let (mag, key) = three_revisions();
    let file = format!("issues/{key}/article.md");
    let good = mag.read(&file);
    mag.write(&file, b"\xff\xfe\x00\x00\x01\x02binary\x00junk".as_slice());
    mag.git(&[
        "-c",
        "user.name=x",
        "-c",
        "user.email=x@x",
        "commit",
        "-qam",
        "坏文件",
    ]);
    mag.write(&file, good);
    mag.git(&[
        "-c",
        "user.name=x",
        "-c",
        "user.email=x@x",
        "commit",
        "-qam",
        "恢复",
    ]);
    let err = mag.refused("刘卫防", &["diff", &key]);
    assert!(err.contains("不是可以识别的文字"), "{err}");
}

#[test]
fn json_gives_hunks_with_kinds_and_places() {
    let (mag, key) = three_revisions();
    let json = mag.json(
        "刘卫防",
        &[
            "diff", &key, "--from", "r1", "--to", "r2", "--format", "json",
        ],
    );
    let hunks = json["hunks"].as_array().unwrap();
    let kinds: Vec<&str> = hunks.iter().map(|h| h["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["replace", "punctuation", "replace"]);
    assert_eq!(hunks[0]["old"], "初");
    assert_eq!(hunks[0]["new"], "韧");
    assert_eq!(hunks[0]["new_at"]["paragraph"], 2);
    assert_eq!(hunks[0]["new_at"]["offset"], 9);
    assert_eq!(json["summary"]["changed"], 1 + 3);
    assert_eq!(json["summary"]["punctuation"], 1);
    assert_eq!(json["from"]["revision"], 1);
    assert_eq!(json["to"]["revision"], 2);
}

#[test]
fn formats_on_real_text() {
    let (mag, key) = three_revisions();
    let range = [key.as_str(), "--from", "r1"];
    insta::assert_snapshot!("inline_plain", diff(&mag, &range));
    let mut colored = range.to_vec();
    colored.extend(["--color", "always"]);
    insta::assert_snapshot!("inline_color", diff(&mag, &colored));
    let mut unified = range.to_vec();
    unified.extend(["--format", "unified"]);
    insta::assert_snapshot!("unified", diff(&mag, &unified));
    let mut html = range.to_vec();
    html.extend(["--format", "html"]);
    let page = diff(&mag, &html);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<del>初</del><ins>韧</ins>"), "{page}");
    assert!(
        !page.contains("<link") && !page.contains("<script"),
        "self-contained"
    );
    insta::assert_snapshot!("html", page);
}

#[test]
fn html_goes_to_a_file_with_o() {
    let (mag, key) = three_revisions();
    let out = diff(&mag, &[&key, "--format", "html", "-o", "../redline.html"]);
    assert!(out.starts_with("已写入"), "{out}");
    let page = std::fs::read_to_string(mag.root.join("../redline.html")).unwrap();
    assert!(page.contains("合计："));
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The seed prints 初性城市 in 万正峰's speech (凝心聚力 实干笃行);
/// correcting it shows exactly that character and nothing else.
#[test]
fn correcting_the_shipped_speech_shows_exactly_that_character() {
    let mag = Mag::new();
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("issues/2024-02");
    copy_dir(&shipped, &mag.root.join("issues/2024-02"));
    mag.git(&["add", "issues/2024-02"]);
    mag.git(&[
        "-c",
        "user.name=王焕彩",
        "-c",
        "user.email=w@x",
        "commit",
        "-qm",
        "收入第2期",
    ]);
    let source = mag.read("issues/2024-02/ningxin/article.md");
    let body = source.splitn(3, "+++\n").nth(2).unwrap();
    assert_eq!(body.matches("初性城市").count(), 1);
    let fixed = mag.write("../ningxin.txt", body.replace("初性城市", "韧性城市"));
    mag.ok(
        "宋欣龙",
        &[
            "revise",
            "2024-02/ningxin",
            "--file",
            fixed.to_str().unwrap(),
            "-m",
            "改正错字",
        ],
    );
    let json = mag.json("宋欣龙", &["diff", "2024-02/ningxin", "--format", "json"]);
    let hunks = json["hunks"].as_array().unwrap();
    assert_eq!(hunks.len(), 1, "{json}");
    assert_eq!(
        (hunks[0]["old"].as_str(), hunks[0]["new"].as_str()),
        (Some("初"), Some("韧"))
    );
    let out = mag.ok("宋欣龙", &["diff", "2024-02/ningxin"]);
    assert!(
        out.contains("“宜居城市”“[-初-]{+韧+}性城市”“智慧城市”"),
        "{out}"
    );
    assert!(
        out.trim_end()
            .ends_with("合计：增 0 字，删 0 字，改 1 字，只改标点 0 处。"),
        "{out}"
    );
}
