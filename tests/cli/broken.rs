//! Files people edit by hand, broken in the ways they get broken. One bad
//! file never takes the board down; the command that needs it says what is
//! wrong in one Chinese sentence, exits 1 and changes nothing.

use crate::support::{Mag, STAFF};

/// Commits a hand-written journal record with plain git, the way someone
/// who bypassed galley would.
fn hand_record(mag: &Mag, article: &str, name: &str, toml: &str) {
    let rel = format!("issues/{article}/journal/{name}.toml");
    mag.write(&rel, toml);
    mag.git(&["add", &rel]);
    mag.commit_by_hand("手工记录");
}

const UNKNOWN_OP: &str = "op = \"approve\"\nby = \"高昌运\"\nat = \"2024-03-01T10:00:00+08:00\"\n";

#[test]
fn a_record_with_an_unknown_op_marks_its_article_and_spares_the_rest() {
    let mag = Mag::new();
    let good = mag.add("good", "好稿", "正文。\n");
    let bad = mag.add("bad", "坏稿", "正文。\n");
    mag.ok("宋欣龙", &["proofread", &good]);
    hand_record(&mag, &bad, "20240301T020000Z-abcdef", UNKNOWN_OP);

    let board = mag.ok("王焕彩", &["status", "2024-03"]);
    assert!(board.contains("2024-03/good"), "{board}");
    assert!(board.contains("2024-03/bad"), "{board}");
    assert!(
        board.contains("需处理：2024-03/bad 的文件有问题")
            && board.contains("issues/2024-03/bad/journal/20240301T020000Z-abcdef.toml 第 1 行的操作“approve”galley 不认识"),
        "{board}"
    );
    let json = mag.json("王焕彩", &["status", "2024-03", "--json"]);
    let bad_row = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["article"] == "2024-03/bad")
        .unwrap();
    assert_eq!(bad_row["attention"][0]["kind"], "unreadable");

    // Commands on the broken article refuse; the others work as ever.
    let err = mag.refused("高昌运", &["reopen", &bad, "--reason", "再看"]);
    assert!(err.contains("galley 不认识"), "{err}");
    assert!(err.contains("其他稿件不受影响"), "{err}");
    mag.ok("高昌运", &["approve", &good]);

    // The contents page and the page plan still come out, and the check
    // counts the broken article as a problem.
    mag.ok("王焕彩", &["set", &good, "page=1"]);
    mag.ok("王焕彩", &["pages", "2024-03"]);
    mag.ok("王焕彩", &["toc", "2024-03"]);
    let check = mag.run("王焕彩", &["toc", "2024-03", "--check"]).code(3);
    let out = String::from_utf8_lossy(&check.get_output().stdout).into_owned()
        + &String::from_utf8_lossy(&check.get_output().stderr);
    assert!(
        out.contains("2024-03/bad 的文件有问题，目次和进度可能不完整"),
        "{out}"
    );
}

#[test]
fn a_sign_off_for_a_stage_not_in_the_workflow_is_named() {
    let mag = Mag::new();
    let bad = mag.add("bad", "坏稿", "正文。\n");
    hand_record(
        &mag,
        &bad,
        "20240301T020000Z-abcdef",
        "op = \"signoff\"\nby = \"高昌运\"\nat = \"2024-03-01T10:00:00+08:00\"\nstage = \"终审\"\n",
    );
    let err = mag.refused("宋欣龙", &["proofread", &bad]);
    assert!(
        err.contains("第 4 行签署的环节“终审”不在 staff.toml 的流程里"),
        "{err}"
    );
    assert!(err.contains("proofread（校对）"), "{err}");
    mag.ok("王焕彩", &["status", "2024-03"]);
}

#[test]
fn broken_front_matter_marks_one_article_and_spares_the_board() {
    let mag = Mag::new();
    mag.add("good", "好稿", "正文。\n");
    let bad = mag.add("bad", "坏稿", "正文。\n");
    mag.write(
        &format!("issues/{bad}/article.md"),
        "+++\ntitle = 坏稿\n+++\n正文。\n",
    );
    let board = mag.ok("王焕彩", &["status", "2024-03"]);
    assert!(board.contains("好稿"), "{board}");
    assert!(
        board.contains("article.md 第 2 行第 9 列格式有误"),
        "{board}"
    );
    let err = mag.refused("宋欣龙", &["proofread", &bad]);
    assert!(err.contains("格式有误"), "{err}");
}

#[test]
fn an_article_folder_without_article_md_is_named() {
    let mag = Mag::new();
    mag.write("issues/2024-03/empty/photo.jpg", "not really a photo");
    let err = mag.refused("宋欣龙", &["proofread", "2024-03/empty"]);
    assert!(
        err.contains("文件夹 issues/2024-03/empty 里没有 article.md，不是一篇稿件"),
        "{err}"
    );
    mag.ok("王焕彩", &["status", "2024-03"]);
}

#[test]
fn two_people_with_one_name_in_staff_toml_are_refused() {
    let mag = Mag::new();
    let key = mag.add("a", "甲稿", "正文。\n");
    let twice = format!("{STAFF}\n[[staff]]\nname = \"宋欣龙\"\nroles = [\"校对\"]\n");
    mag.write("staff.toml", twice);
    let err = mag.refused("宋欣龙", &["proofread", &key]);
    assert!(
        err.contains("staff.toml 里有两位同名的工作人员“宋欣龙”"),
        "{err}"
    );
}

#[test]
fn an_issue_folder_not_named_year_number_is_named() {
    let mag = Mag::new();
    mag.write("issues/2024-3/issue.toml", "year = 2024\nnumber = 3\n");
    let err = mag.refused("王焕彩", &["status", "2024-3"]);
    assert!(err.contains("文件夹 issues/2024-3 的名字不是期号"), "{err}");
    assert!(err.contains("issues/2024-03"), "{err}");
    let err = mag.refused("王焕彩", &["status", "三月号"]);
    assert!(err.contains("“三月号”不是期号"), "{err}");
}

#[test]
fn a_twenty_megabyte_import_is_refused_before_reading_it() {
    let mag = Mag::new();
    let big = mag.write("../whole-year.txt", "濮阳".repeat(20 * 1024 * 1024 / 6));
    let err = mag.refused(
        "王焕彩",
        &[
            "add",
            "2024-03",
            "--title",
            "全年合订",
            "--file",
            big.to_str().unwrap(),
        ],
    );
    assert!(err.contains("有 20.0 MB，太大了，不像是一篇稿件"), "{err}");
    let key = mag.add("a", "甲稿", "正文。\n");
    let err = mag.refused("刘卫防", &["revise", &key, "--file", big.to_str().unwrap()]);
    assert!(err.contains("太大了"), "{err}");
}

#[test]
fn an_article_name_with_a_nul_or_a_newline_is_refused() {
    let mag = Mag::new();
    let key = mag.add("a", "甲稿", "正文。\n");
    for bad in [
        format!("{key}\n"),
        "甲\u{1}稿".to_string(),
        "2024-03/a\u{7f}".to_string(),
    ] {
        let err = mag.refused("宋欣龙", &["proofread", &bad]);
        assert!(err.contains("里有换行或其他看不见的控制字符"), "{err}");
    }
}

#[test]
fn galley_now_in_the_wrong_format_is_refused() {
    let mag = Mag::new();
    let key = mag.add("a", "甲稿", "正文。\n");
    let head = mag.head();
    let out = mag
        .cmd("宋欣龙")
        .args(["proofread", &key])
        .env("GALLEY_NOW", "2024年3月1日")
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("环境变量 GALLEY_NOW 的值“2024年3月1日”不是有效时间"),
        "{err}"
    );
    assert!(err.contains("提示："), "{err}");
    assert_eq!(mag.head(), head);
}
