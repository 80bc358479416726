//! The beginning and end of the month: 撤稿 and its undoing, and 付印 in
//! the record, with everything a released issue refuses afterwards.

use crate::support::Mag;

/// 2024-03 with one approved article in each of its three sections, pages
/// set, and the masthead's print date and run: ready for the printer.
pub fn ready_issue() -> (Mag, Vec<String>) {
    let mag = Mag::new();
    let mut keys = Vec::new();
    for (n, (slug, section)) in [
        ("jiahao", "卷首语"),
        ("yihao", "重要言论"),
        ("binghao", "新能源产业集群"),
    ]
    .into_iter()
    .enumerate()
    {
        let key = mag.add(slug, &format!("{slug}的标题"), "第一段。\n第二段。\n");
        let page = format!("page={}", 1 + n * 2);
        let section = format!("section={section}");
        mag.ok("王焕彩", &["set", &key, &page, "pages=2", &section]);
        mag.ok("王焕彩", &["assign", &key, "刘卫防"]);
        mag.ok("宋欣龙", &["proofread", &key]);
        mag.ok("刘卫防", &["approve", &key]);
        keys.push(key);
    }
    let issue = mag.read("issues/2024-03/issue.toml");
    mag.write(
        "issues/2024-03/issue.toml",
        format!("{issue}print_date = 2024-03-25\nprint_run = 3000\n"),
    );
    mag.git(&["add", "issues/2024-03/issue.toml"]);
    mag.commit_by_hand("刊头：印刷日期和印数");
    (mag, keys)
}

fn last_commit(mag: &Mag) -> String {
    mag.git(&["log", "-1", "--format=%an|%s"])
        .trim()
        .to_string()
}

#[test]
fn a_withdrawn_article_leaves_the_board_and_the_contents_and_keeps_its_record() {
    let mag = Mag::new();
    let kept = mag.add("jiahao", "留用的稿件", "第一段。\n");
    let gone = mag.add("yihao", "撤下的稿件", "第一段。\n");
    mag.ok("宋欣龙", &["proofread", &gone]);

    // Only those who assign may withdraw.
    let refused = mag.refused("刘卫防", &["withdraw", &gone, "--reason", "不用了"]);
    assert!(refused.contains("「撤稿权限」"), "{refused}");

    let said = mag.run("王焕彩", &["withdraw", &gone, "--reason", "作者要求撤回"]);
    let said = String::from_utf8(said.success().get_output().stderr.clone()).unwrap();
    assert!(said.contains("已撤稿：《撤下的稿件》"), "{said}");
    assert_eq!(
        last_commit(&mag),
        "王焕彩|王焕彩撤稿《撤下的稿件》：作者要求撤回"
    );

    let board = mag.json("王焕彩", &["status", "2024-03", "--json"]);
    let on_board: Vec<&str> = board["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["article"].as_str().unwrap())
        .collect();
    assert_eq!(on_board, [kept.as_str()]);
    assert_eq!(board["withdrawn"][0]["article"], gone);
    assert_eq!(board["withdrawn"][0]["withdrawn"]["reason"], "作者要求撤回");
    let status = mag.ok("王焕彩", &["status", "2024-03"]);
    assert!(
        status.contains(
            "已撤稿：《撤下的稿件》（2024-03/yihao）——王焕彩 2024-03-01 撤稿：作者要求撤回"
        ),
        "{status}"
    );
    let toc = mag.ok("王焕彩", &["toc", "2024-03"]);
    assert!(
        toc.contains("留用的稿件") && !toc.contains("撤下的稿件"),
        "{toc}"
    );

    // Its record is kept and shown; nothing more is done to it.
    let show = mag.ok("王焕彩", &["show", &gone]);
    assert!(show.contains("状态：已撤稿（王焕彩 2024-03-01"), "{show}");
    assert!(show.contains("宋欣龙 签署「校对」"), "{show}");
    for args in [
        vec!["approve", gone.as_str()],
        vec!["assign", gone.as_str(), "刘卫防"],
        vec!["set", gone.as_str(), "title=新标题"],
    ] {
        let who = if args[0] == "approve" {
            "刘卫防"
        } else {
            "王焕彩"
        };
        let refused = mag.refused(who, &args);
        assert!(refused.contains("已经撤稿"), "{args:?}: {refused}");
    }

    // Undone, with a reason, it is back with its sign-off intact.
    mag.ok(
        "王焕彩",
        &["withdraw", &gone, "--undo", "--reason", "作者同意刊发"],
    );
    let row = mag.row(&gone);
    assert_eq!(row["status"], "proofread", "{row}");
    mag.ok("王焕彩", &["verify"]);
}

#[test]
fn release_is_refused_with_its_reasons_until_the_issue_is_ready() {
    let mag = Mag::new();
    mag.add("jiahao", "没审完的稿件", "第一段。\n");
    let refused = mag.refused("高昌运", &["release", "2024-03"]);
    assert!(refused.contains("还不能付印"), "{refused}");
    assert!(
        refused.contains("《没审完的稿件》（2024-03/jiahao）还没有在当前文本上审定完毕"),
        "{refused}"
    );
    assert!(refused.contains("刊头缺少印刷日期"), "{refused}");
}

#[test]
fn after_release_the_issue_is_fixed_until_the_chief_editor_withdraws_it() {
    let (mag, keys) = ready_issue();
    let refused = mag.refused("王焕彩", &["release", "2024-03"]);
    assert!(refused.contains("「付印权限」"), "{refused}");

    let said = mag.run("高昌运", &["release", "2024-03"]);
    let said = String::from_utf8(said.success().get_output().stderr.clone()).unwrap();
    assert!(said.contains("已签发2024年第3期付印：3 篇稿件"), "{said}");
    assert_eq!(last_commit(&mag), "高昌运|高昌运签发2024年第3期付印");

    // The record pins every article's text and the contents page.
    let journal = mag.root.join("issues/2024-03/journal");
    let files: Vec<_> = std::fs::read_dir(&journal).unwrap().collect();
    assert_eq!(files.len(), 1);
    let record = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
    assert!(record.contains("op = \"release\""), "{record}");
    assert!(record.contains("by = \"高昌运\""), "{record}");
    assert!(record.contains("contents = \"sha256:"), "{record}");
    for slug in ["jiahao", "yihao", "binghao"] {
        assert!(record.contains(&format!("[articles.{slug}]")), "{record}");
    }
    let status = mag.ok("王焕彩", &["status", "2024-03"]);
    assert!(status.contains("付印：高昌运 2024-03-01"), "{status}");

    // Nothing in the issue changes now, on any path in.
    for (who, args) in [
        ("王焕彩", vec!["set", keys[0].as_str(), "title=改过的标题"]),
        (
            "王焕彩",
            vec!["withdraw", keys[1].as_str(), "--reason", "不用了"],
        ),
        (
            "宋欣龙",
            vec!["reopen", keys[2].as_str(), "--reason", "再看看"],
        ),
    ] {
        let refused = mag.refused(who, &args);
        assert!(
            refused.contains("已由高昌运签发付印"),
            "{args:?}: {refused}"
        );
    }
    let file = mag.write("../new.txt", "正文。\n");
    let refused = mag.refused(
        "王焕彩",
        &[
            "add",
            "2024-03",
            "--title",
            "晚到的稿件",
            "--file",
            file.to_str().unwrap(),
        ],
    );
    assert!(refused.contains("已由高昌运签发付印"), "{refused}");
    let refused = mag.refused("高昌运", &["release", "2024-03"]);
    assert!(refused.contains("已经由高昌运签发付印了"), "{refused}");

    // Withdrawn with a reason, the issue may change again.
    mag.refused(
        "王焕彩",
        &["release", "2024-03", "--undo", "--reason", "换封面"],
    );
    mag.ok(
        "高昌运",
        &["release", "2024-03", "--undo", "--reason", "封二照片要换"],
    );
    assert_eq!(
        last_commit(&mag),
        "高昌运|高昌运撤回2024年第3期付印：封二照片要换"
    );
    let status = mag.ok("王焕彩", &["status", "2024-03"]);
    assert!(status.contains("付印已撤回：高昌运"), "{status}");
    let log = mag.ok("王焕彩", &["log"]);
    let ops: Vec<(String, String)> = log
        .lines()
        .map(|l| l.split('|').map(str::trim).collect::<Vec<_>>())
        .filter(|cells| cells.len() > 4)
        .map(|cells| (cells[2].to_string(), cells[3].to_string()))
        .collect();
    for op in ["签发付印", "撤回付印"] {
        assert!(ops.contains(&("高昌运".into(), op.into())), "{op}: {log}");
    }
    mag.ok("王焕彩", &["set", &keys[0], "pages=2"]);
    mag.ok("王焕彩", &["verify"]);
}

#[test]
fn the_guard_knows_a_forged_release_and_a_change_after_release() {
    let (mag, _) = ready_issue();
    // A release written by hand under the 编辑部主任's name.
    mag.write(
        "issues/2024-03/journal/20240301T020000Z-aaaaaa.toml",
        "op = \"release\"\nby = \"王焕彩\"\nat = \"2024-03-01T10:00:00+08:00\"\n",
    );
    mag.git(&["add", "issues/2024-03/journal"]);
    mag.git(&[
        "-c",
        "user.name=王焕彩",
        "-c",
        "user.email=w@localhost",
        "commit",
        "-q",
        "-m",
        "付印",
    ]);
    let out = mag.run("王焕彩", &["verify"]).code(3);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("「付印权限」"), "{text}");

    // A real one, then a hand edit of a released article.
    let (mag, keys) = ready_issue();
    mag.ok("高昌运", &["release", "2024-03"]);
    let rel = format!("issues/{}/article.md", keys[0]);
    let text = mag.read(&rel).replace("第一段。", "第一段，改了。");
    mag.write(&rel, text);
    mag.git(&["add", &rel]);
    mag.commit_by_hand("付印后偷偷改一句");
    let out = mag.run("王焕彩", &["verify"]).code(3);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("本期已由高昌运签发付印，之后不能再改动稿件"),
        "{text}"
    );
}

#[test]
fn on_the_desk_an_article_is_withdrawn_and_the_chief_editor_signs_the_release() {
    use crate::web::{Desk, location, set_password};
    let (mag, keys) = ready_issue();
    set_password(&mag, "王焕彩", "wanghuancai-pw");
    set_password(&mag, "高昌运", "gaochangyun-pw");
    set_password(&mag, "刘卫防", "liuweifang-pw");
    let desk = Desk::start(&mag);

    let editor = desk.browser();
    editor.login("刘卫防", "liuweifang-pw");
    let page = editor.text(&format!("/a/{}", keys[2]));
    assert!(
        !page.contains("action=\"/a/2024-03/binghao/withdraw\""),
        "no form for her"
    );
    let board = editor.text("/issues/2024-03");
    assert!(
        !board.contains("/issues/2024-03/release"),
        "no release form for her"
    );

    assert!(board.contains("本期还没有签发付印"), "{board}");
    let director = desk.browser();
    director.login("王焕彩", "wanghuancai-pw");
    let path = format!("/a/{}", keys[2]);
    let csrf = director.csrf(&path);
    let r = director.post(
        &format!("{path}/withdraw"),
        &[("csrf", &csrf), ("reason", "版面不够，下期再用")],
    );
    assert_eq!(location(&r), path);
    let shown = director.text(&path);
    assert!(shown.contains("已撤稿：《binghao的标题》"), "{shown}");
    assert!(shown.contains("恢复稿件"), "{shown}");
    let board = director.text("/issues/2024-03");
    assert!(board.contains("已撤稿件"), "{board}");
    assert!(board.contains("版面不够，下期再用"), "{board}");
    assert_eq!(
        last_commit(&mag),
        "王焕彩|王焕彩撤稿《binghao的标题》：版面不够，下期再用"
    );
    let csrf = director.csrf(&path);
    director.post(
        &format!("{path}/withdraw"),
        &[("csrf", &csrf), ("undo", "1"), ("reason", "版面够了")],
    );

    let chief = desk.browser();
    chief.login("高昌运", "gaochangyun-pw");
    let csrf = chief.csrf("/issues/2024-03");
    let r = chief.post(
        "/issues/2024-03/release",
        &[("csrf", &csrf), ("reason", "")],
    );
    assert_eq!(location(&r), "/issues/2024-03");
    let board = chief.text("/issues/2024-03");
    assert!(board.contains("已签发2024年第3期付印：3 篇稿件"), "{board}");
    assert!(board.contains("付印：高昌运 2024-03-01"), "{board}");
    assert!(board.contains("撤回付印"), "{board}");
    assert_eq!(last_commit(&mag), "高昌运|高昌运签发2024年第3期付印");

    // The 付印单 prints the recorded signature.
    let order = mag.json("王焕彩", &["sheet", "2024-03", "--format", "json"]);
    assert_eq!(order["released_by"], "高昌运", "{order}");
    // A change on the desk is refused, saying why.
    let csrf = director.csrf(&path);
    director.post(
        &format!("{path}/withdraw"),
        &[("csrf", &csrf), ("reason", "又不用了")],
    );
    let shown = director.text(&path);
    assert!(shown.contains("已由高昌运签发付印"), "{shown}");
    mag.ok("王焕彩", &["verify"]);
}

// ---- 压稿 ------------------------------------------------------------------

/// `ready_issue()` plus an empty 2024-04.
fn with_next_issue() -> (Mag, Vec<String>) {
    let (mag, keys) = ready_issue();
    mag.ok(
        "王焕彩",
        &["issue", "new", "2024-04", "--section", "新能源产业集群"],
    );
    (mag, keys)
}

fn stderr_of(out: assert_cmd::assert::Assert) -> String {
    String::from_utf8(out.success().get_output().stderr.clone()).unwrap()
}

#[test]
fn a_moved_article_keeps_its_history_and_its_proofreading_and_is_approved_again() {
    let (mag, keys) = with_next_issue();
    let said = stderr_of(mag.run(
        "王焕彩",
        &[
            "move",
            &keys[2],
            "2024-04",
            "--reason",
            "版面不够，压到下期",
        ],
    ));
    assert!(
        said.contains("已压稿：《binghao的标题》从 2024-03/binghao 移到 2024-04/binghao"),
        "{said}"
    );
    assert!(said.contains("审定要在新的一期重新签署"), "{said}");
    assert_eq!(
        last_commit(&mag),
        "王焕彩|王焕彩把《binghao的标题》从2024年第3期压到2024年第4期：版面不够，压到下期"
    );
    // One commit moved the whole folder; nothing is left behind.
    let changed = mag.git(&["show", "--no-renames", "--name-status", "--format=", "HEAD"]);
    assert!(
        changed.contains("D\tissues/2024-03/binghao/article.md"),
        "{changed}"
    );
    assert!(
        changed.contains("A\tissues/2024-04/binghao/article.md"),
        "{changed}"
    );
    assert!(!mag.root.join("issues/2024-03/binghao").exists());
    assert_eq!(mag.git(&["status", "--porcelain"]), "");

    // The page placement belonged to the old issue's plan.
    let text = mag.read("issues/2024-04/binghao/article.md");
    assert!(!text.contains("page"), "{text}");
    assert!(text.contains("第一段。"), "{text}");

    // The record came along: 校对 still holds, 审定 is to be given again.
    let show = mag.ok("王焕彩", &["show", "2024-04/binghao"]);
    assert!(show.contains("宋欣龙 签署「校对」"), "{show}");
    assert!(show.contains("刘卫防 签署「审定」"), "{show}");
    assert!(
        show.contains("王焕彩 压稿，从 2024-03 移到本期——版面不够，压到下期"),
        "{show}"
    );
    assert!(show.contains("状态：已校对，下一步：待审定"), "{show}");
    let log = mag.ok("王焕彩", &["log", "2024-04/binghao"]);
    for line in ["压稿", "新建稿件", "分稿", "r1"] {
        assert!(log.contains(line), "{line}: {log}");
    }
    assert!(log.contains("共 1 个修订"), "{log}");
    let status = mag.ok("王焕彩", &["status", "2024-03"]);
    assert!(!status.contains("binghao"), "{status}");
    let status = mag.ok("王焕彩", &["status", "2024-04"]);
    assert!(status.contains("2024-04/binghao"), "{status}");

    // Approved again in the new issue, it is done; the history verifies.
    mag.ok("刘卫防", &["approve", "2024-04/binghao"]);
    let show = mag.ok("王焕彩", &["show", "2024-04/binghao"]);
    assert!(show.contains("状态：已审定"), "{show}");
    mag.ok("王焕彩", &["verify"]);
}

#[test]
fn a_move_is_refused_for_the_wrong_person_issue_or_article() {
    let (mag, keys) = with_next_issue();
    let refused = mag.refused("刘卫防", &["move", &keys[2], "2024-04", "--reason", "压"]);
    assert!(refused.contains("「撤稿权限」"), "{refused}");
    let refused = mag.refused("王焕彩", &["move", &keys[2], "2024-13", "--reason", "压"]);
    assert!(refused.contains("没有"), "{refused}");
    let refused = mag.refused("王焕彩", &["move", &keys[2], "2024-3x", "--reason", "压"]);
    assert!(refused.contains("不是期号"), "{refused}");
    let refused = mag.refused("王焕彩", &["move", &keys[2], "2024-03", "--reason", "压"]);
    assert!(refused.contains("本来就在2024年第3期"), "{refused}");
    let refused = mag.refused("王焕彩", &["move", &keys[2], "2024-04", "--reason", " "]);
    assert!(refused.contains("压稿必须写明理由"), "{refused}");

    // The slug is taken in the target issue.
    let file = mag.write("../other.txt", "别的正文。\n");
    mag.ok(
        "王焕彩",
        &[
            "add",
            "2024-04",
            "--title",
            "另一篇",
            "--slug",
            "binghao",
            "--file",
            file.to_str().unwrap(),
        ],
    );
    let refused = mag.refused("王焕彩", &["move", &keys[2], "2024-04", "--reason", "压"]);
    assert!(
        refused.contains("已经有一篇目录名为 binghao 的稿件"),
        "{refused}"
    );

    // A withdrawn article.
    mag.ok("王焕彩", &["withdraw", &keys[1], "--reason", "不用了"]);
    let refused = mag.refused("王焕彩", &["move", &keys[1], "2024-04", "--reason", "压"]);
    assert!(refused.contains("已经撤稿"), "{refused}");

    // Unsaved hand edits would be left behind.
    let rel = format!("issues/{}/article.md", keys[0]);
    let text = mag.read(&rel).replace("第一段。", "第一段，手改。");
    mag.write(&rel, text);
    let refused = mag.refused("王焕彩", &["move", &keys[0], "2024-04", "--reason", "压"]);
    assert!(refused.contains("还没有提交的改动"), "{refused}");
}

#[test]
fn a_move_out_of_or_into_a_released_issue_is_refused() {
    let (mag, keys) = with_next_issue();
    mag.ok("高昌运", &["release", "2024-03"]);
    let refused = mag.refused("王焕彩", &["move", &keys[2], "2024-04", "--reason", "压"]);
    assert!(refused.contains("已由高昌运签发付印"), "{refused}");

    // Into one: 2024-04 released (its record written as the chief's own).
    let (mag, keys) = with_next_issue();
    mag.write(
        "issues/2024-04/journal/20240301T030000Z-bbbbbb.toml",
        "op = \"release\"\nby = \"高昌运\"\nat = \"2024-03-01T11:00:00+08:00\"\n",
    );
    mag.git(&["add", "issues/2024-04/journal"]);
    mag.git(&[
        "-c",
        "user.name=高昌运",
        "-c",
        "user.email=g@localhost",
        "commit",
        "-q",
        "-m",
        "付印",
    ]);
    let refused = mag.refused("王焕彩", &["move", &keys[2], "2024-04", "--reason", "压"]);
    assert!(refused.contains("已由高昌运签发付印"), "{refused}");
}

/// Moves 2024-03/binghao to 2024-04 with plain git, committed as `who`,
/// with a move record by `who` when `record`.
fn move_by_hand(mag: &Mag, who: &str, record: bool) {
    mag.git(&["mv", "issues/2024-03/binghao", "issues/2024-04/binghao"]);
    if record {
        mag.write(
            "issues/2024-04/binghao/journal/20240301T040000Z-cccccc.toml",
            format!(
                "op = \"move\"\nby = \"{who}\"\nat = \"2024-03-01T12:00:00+08:00\"\nnote = \"压\"\nfrom = \"2024-03\"\n"
            ),
        );
        mag.git(&["add", "issues/2024-04/binghao"]);
    }
    let name = format!("user.name={who}");
    mag.git(&[
        "-c",
        &name,
        "-c",
        "user.email=x@localhost",
        "commit",
        "-q",
        "-m",
        "压稿",
    ]);
}

#[test]
fn verify_refuses_a_move_without_its_record_or_by_someone_who_may_not() {
    let (mag, _) = with_next_issue();
    move_by_hand(&mag, "王焕彩", false);
    let out = mag.run("王焕彩", &["verify"]).code(3);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("被删除了"), "{text}");

    let (mag, _) = with_next_issue();
    move_by_hand(&mag, "刘卫防", true);
    let out = mag.run("王焕彩", &["verify"]).code(3);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("「撤稿权限」"), "{text}");
    assert!(!text.contains("被删除了"), "{text}");

    // The same by the 编辑部主任, with the record, is a move like galley's.
    let (mag, _) = with_next_issue();
    move_by_hand(&mag, "王焕彩", true);
    mag.ok("王焕彩", &["verify"]);

    // A record naming an issue the article did not come from.
    let (mag, keys) = with_next_issue();
    mag.ok("王焕彩", &["move", &keys[2], "2024-04", "--reason", "压"]);
    mag.write(
        "issues/2024-04/yihao2/journal/20240301T050000Z-dddddd.toml",
        "op = \"move\"\nby = \"王焕彩\"\nat = \"2024-03-01T13:00:00+08:00\"\nfrom = \"2024-03\"\n",
    );
    mag.git(&["add", "issues/2024-04/yihao2"]);
    mag.git(&[
        "-c",
        "user.name=王焕彩",
        "-c",
        "user.email=w@localhost",
        "commit",
        "-q",
        "-m",
        "假压稿",
    ]);
    let out = mag.run("王焕彩", &["verify"]).code(3);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("没有把那里的稿件和全部流程记录原样搬过来"),
        "{text}"
    );
}

#[test]
fn on_the_desk_an_article_is_moved_through_the_form() {
    use crate::web::{Desk, location, set_password};
    let (mag, keys) = with_next_issue();
    set_password(&mag, "王焕彩", "wanghuancai-pw");
    set_password(&mag, "刘卫防", "liuweifang-pw");
    let desk = Desk::start(&mag);
    let path = format!("/a/{}", keys[2]);

    let editor = desk.browser();
    editor.login("刘卫防", "liuweifang-pw");
    let page = editor.text(&path);
    assert!(!page.contains("/binghao/move"), "no form for her");

    let director = desk.browser();
    director.login("王焕彩", "wanghuancai-pw");
    let page = director.text(&path);
    assert!(
        page.contains("action=\"/a/2024-03/binghao/move\""),
        "{page}"
    );
    assert!(page.contains("<option value=\"2024-04\">"), "{page}");
    let csrf = director.csrf(&path);
    let r = director.post(
        &format!("{path}/move"),
        &[
            ("csrf", &csrf),
            ("issue", "2024-04"),
            ("reason", "版面不够，压到下期"),
        ],
    );
    assert_eq!(location(&r), "/a/2024-04/binghao");
    let shown = director.text("/a/2024-04/binghao");
    assert!(shown.contains("已压稿：《binghao的标题》"), "{shown}");
    assert_eq!(
        last_commit(&mag),
        "王焕彩|王焕彩把《binghao的标题》从2024年第3期压到2024年第4期：版面不够，压到下期"
    );
    assert!(!mag.root.join("issues/2024-03/binghao").exists());

    // Refused on the desk, it says why and stays on the page.
    let path = format!("/a/{}", keys[1]);
    let csrf = director.csrf(&path);
    let r = director.post(
        &format!("{path}/move"),
        &[("csrf", &csrf), ("issue", "2024-03"), ("reason", "压")],
    );
    assert_eq!(location(&r), path);
    let shown = director.text(&path);
    assert!(shown.contains("本来就在2024年第3期"), "{shown}");
    mag.ok("王焕彩", &["verify"]);
}

#[test]
fn the_whole_page_plan_is_set_in_one_form_and_overlaps_are_refused() {
    use crate::web::{Desk, location, set_password};
    let (mag, _) = ready_issue();
    set_password(&mag, "荣萍萍", "rongpingping-pw");
    let desk = Desk::start(&mag);
    let designer = desk.browser();
    designer.login("荣萍萍", "rongpingping-pw");
    let page = designer.text("/issues/2024-03/pages");
    assert!(page.contains("name=\"page.yihao\" value=\"3\""), "{page}");
    let post = |fields: &[(&str, &str)]| {
        let csrf = designer.csrf("/issues/2024-03/pages");
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        let r = designer.post("/issues/2024-03/pages", &form);
        assert_eq!(location(&r), "/issues/2024-03/pages");
        designer.text("/issues/2024-03/pages")
    };
    let head = mag.head();
    let shown = post(&[
        ("page.jiahao", "1"),
        ("pages.jiahao", "4"),
        ("page.yihao", "3"),
        ("pages.yihao", "2"),
        ("page.binghao", "5"),
        ("pages.binghao", "2"),
    ]);
    assert!(shown.contains("页码有重叠，这次没有保存"), "{shown}");
    assert!(
        shown.contains("2024-03/jiahao 和 2024-03/yihao 都占了第 3–4 页"),
        "{shown}"
    );
    assert_eq!(mag.head(), head, "nothing was saved");
    let shown = post(&[("page.yihao", "三"), ("pages.yihao", "2")]);
    assert!(
        shown.contains("2024-03/yihao 的页码“三”不是正整数"),
        "{shown}"
    );
    assert_eq!(mag.head(), head, "nothing was saved");

    let shown = post(&[
        ("page.jiahao", "1"),
        ("pages.jiahao", "2"),
        ("page.yihao", "3"),
        ("pages.yihao", "4"),
        ("page.binghao", "9"),
        ("pages.binghao", "2"),
    ]);
    assert!(shown.contains("已保存 2 篇稿件的页码"), "{shown}");
    assert!(shown.contains("空页：第 7–8 页"), "{shown}");
    assert_eq!(
        mag.commit_count(),
        mag_commits_before(&mag, &head) + 1,
        "one commit"
    );
    assert_eq!(last_commit(&mag), "荣萍萍|荣萍萍排定2024-03的页码（2 篇）");
    let show = mag.ok("王焕彩", &["show", "2024-03/binghao"]);
    assert!(show.contains("页码：09-10"), "{show}");
}

/// Commits up to and including `head`.
fn mag_commits_before(mag: &Mag, head: &str) -> usize {
    mag.git(&["rev-list", "--count", head])
        .trim()
        .parse()
        .unwrap()
}
