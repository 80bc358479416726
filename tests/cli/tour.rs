//! The README's tour, as a new office would walk it.

use encoding_rs::GB18030;

use crate::support::Mag;

#[test]
fn init_makes_one_commit_with_staff_and_issues() {
    let mag = Mag::bare();
    mag.run("王焕彩", &["init", "新刊", "--name", "濮阳通讯"])
        .success()
        .stderr(predicates::str::contains("建好《濮阳通讯》的杂志仓库"));
    let root = mag.root.join("新刊");
    let staff = std::fs::read_to_string(root.join("staff.toml")).unwrap();
    assert!(staff.contains("name = \"濮阳通讯\""));
    assert!(root.join("issues/.gitkeep").exists());
    let log = std::process::Command::new("git")
        .args(["log", "--format=%s%n%b", "--name-only"])
        .current_dir(&root)
        .output()
        .unwrap();
    let log = String::from_utf8(log.stdout).unwrap();
    assert!(
        log.starts_with("创建《濮阳通讯》杂志仓库\nGalley-Op: init"),
        "{log}"
    );
    assert!(log.contains("staff.toml") && log.contains("issues/.gitkeep"));
}

#[test]
fn init_inside_an_existing_repository_keeps_everything_there() {
    let mag = Mag::bare();
    mag.git(&["init", "-q", "-b", "main"]);
    mag.git(&[
        "-c",
        "user.name=x",
        "-c",
        "user.email=x@x",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "old",
    ]);
    mag.write("notes.txt", "staged");
    mag.git(&["add", "notes.txt"]);
    mag.write("draft.txt", "untracked");
    mag.ok("王焕彩", &["init"]);
    assert_eq!(mag.commit_count(), 2);
    let status = mag.git(&["status", "--porcelain"]);
    assert!(status.contains("A  notes.txt"), "{status}");
    assert!(status.contains("?? draft.txt"), "{status}");
    let files = mag.git(&[
        "-c",
        "core.quotepath=false",
        "show",
        "--name-only",
        "--format=",
        "HEAD",
    ]);
    assert_eq!(
        files,
        "issues/.gitkeep\nstaff.toml\nstyle/人名职务.toml\nstyle/会议.toml\nstyle/易错词.toml\nstyle/纪念日.toml\nstyle/规范提法.toml\n\
         templates/order.typ\ntemplates/proof.typ\ntemplates/sheet.typ\ntemplates/toc.typ\n"
    );
    let again = mag.refused("王焕彩", &["init"]);
    assert!(again.contains("已经是杂志仓库"), "{again}");
}

#[test]
fn issues_are_created_and_listed() {
    let mag = Mag::new();
    mag.ok("王焕彩", &["issue", "new", "2024-4"]);
    let toml = mag.read("issues/2024-04/issue.toml");
    assert!(toml.contains("total = 249"), "next running number: {toml}");
    assert!(
        toml.contains("sections = [\"卷首语\", \"重要言论\", \"新能源产业集群\"]"),
        "{toml}"
    );
    let list = mag.ok("王焕彩", &["issue", "list"]);
    insta::assert_snapshot!(list);
    let json = mag.json("王焕彩", &["issue", "list", "--json"]);
    assert_eq!(json[1]["issue"], "2024-04");
    assert_eq!(json[1]["total"], 249);
}

/// The done-when scenario of the core issue: two articles, one from a
/// GB18030 file; assign, proofread, approve, revise; read it back.
#[test]
fn the_whole_workflow_from_assignment_to_stale_signoffs() {
    let mag = Mag::new();
    let (gb, _, _) = GB18030.encode("各位代表：\r\n\r\n现在，我代表市人民政府作报告。\r\n");
    let gb_file = mag.write("../report.txt", &gb);
    mag.run(
        "王焕彩",
        &[
            "add",
            "2024-03",
            "--title",
            "政府工作报告（摘要）",
            "--author",
            "朱良才",
            "--section",
            "重要言论",
            "--page",
            "11",
            "--pages",
            "7",
            "--file",
            gb_file.to_str().unwrap(),
        ],
    )
    .success()
    .stderr(predicates::str::contains("2024-03/zhengfugongzuo"));
    let article = mag.read("issues/2024-03/zhengfugongzuo/article.md");
    assert!(
        article.ends_with("+++\n\n各位代表：\n\n现在，我代表市人民政府作报告。\n"),
        "{article}"
    );
    mag.add("lianqun", "链群培育蓄势能 倍增行动启新程", "把握发展大势。");
    mag.ok(
        "王焕彩",
        &["set", "lianqun", "section=卷首语", "page=1", "pages=3"],
    );

    mag.ok(
        "王焕彩",
        &["assign", "政府工作报告", "刘卫防", "--due", "2024-03-10"],
    );
    mag.ok("宋欣龙", &["proofread", "政府工作报告"]);
    let row = mag.row("2024-03/zhengfugongzuo");
    assert_eq!(row["status_label"], "已校对");
    mag.ok("刘卫防", &["approve", "政府工作报告", "-m", "同意付印"]);
    let row = mag.row("2024-03/zhengfugongzuo");
    assert_eq!(row["status"], "approved");
    assert_eq!(row["editor"], "刘卫防");
    assert_eq!(row["stale"], serde_json::json!([]));

    let board = mag.ok("王焕彩", &["status"]);
    insta::assert_snapshot!("board_approved", board);

    let new_text = mag.write(
        "../report2.txt",
        "各位代表：\n\n现在，我代表市人民政府，向大会报告工作。\n",
    );
    mag.run(
        "刘卫防",
        &[
            "revise",
            "政府工作报告",
            "--file",
            new_text.to_str().unwrap(),
            "-m",
            "核对讲话稿",
        ],
    )
    .success()
    .stderr(predicates::str::contains(
        "原有的「校对」「审定」签署已过期",
    ));
    let row = mag.row("2024-03/zhengfugongzuo");
    assert_eq!(row["status"], "draft");
    assert_eq!(row["stale"], serde_json::json!(["proofread", "approved"]));
    assert_eq!(row["next"], "proofread");

    let board = mag.ok("王焕彩", &["status", "2024-03"]);
    insta::assert_snapshot!("board_stale", board);
    let show = mag.ok("王焕彩", &["show", "政府工作报告"]);
    insta::assert_snapshot!("show_stale", show);

    let log = mag.ok("王焕彩", &["log", "政府工作报告", "--json"]);
    let log: serde_json::Value = serde_json::from_str(&log).unwrap();
    let ops: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["op"].as_str().unwrap())
        .collect();
    assert_eq!(ops, ["revise", "signoff", "signoff", "assign", "add"]);
    let who: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["author"].as_str().unwrap())
        .collect();
    assert_eq!(who, ["刘卫防", "刘卫防", "宋欣龙", "王焕彩", "王焕彩"]);

    let plain = mag.git(&[
        "log",
        "--format=%an|%s|%(trailers:key=Galley-Op,valueonly)",
        "-6",
    ]);
    let lines: Vec<&str> = plain.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines,
        [
            "刘卫防|刘卫防修订《政府工作报告（摘要）》：核对讲话稿|revise",
            "刘卫防|刘卫防签署《政府工作报告（摘要）》的「审定」|signoff",
            "宋欣龙|宋欣龙签署《政府工作报告（摘要）》的「校对」|signoff",
            "王焕彩|王焕彩指定刘卫防担任《政府工作报告（摘要）》的责任编辑|assign",
            "王焕彩|王焕彩修改《链群培育蓄势能 倍增行动启新程》的栏目、页码、页数|set",
            "王焕彩|王焕彩新建稿件《链群培育蓄势能 倍增行动启新程》|add",
        ]
    );
}

#[test]
fn status_is_in_contents_order_and_mine_filters() {
    let mag = Mag::new();
    mag.add("b", "第二篇", "正文");
    mag.add("a", "第一篇", "正文");
    mag.add("c", "卷首的话", "正文");
    mag.ok("王焕彩", &["set", "a", "page=4"]);
    mag.ok("王焕彩", &["set", "b", "page=8"]);
    mag.ok("王焕彩", &["set", "c", "section=卷首语", "page=1"]);
    mag.ok("王焕彩", &["assign", "2024-03/b", "王栋栋"]);
    let board = mag.json("王焕彩", &["status", "--json"]);
    let order: Vec<&str> = board["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["article"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["2024-03/c", "2024-03/a", "2024-03/b"]);
    let mine = mag.json("王栋栋", &["status", "--mine", "--json"]);
    // 王栋栋 is b's editor, and as a 校对 may proofread all three.
    assert_eq!(mine["articles"].as_array().unwrap().len(), 3);
    let mine = mag.json("刘卫防", &["status", "--mine", "--json"]);
    assert_eq!(mine["articles"].as_array().unwrap().len(), 0);
    mag.run("刘卫防", &["status", "--mine"])
        .success()
        .stdout(predicates::str::contains("目前没有需要您处理的稿件"));
}

#[test]
fn edit_runs_the_editor_and_save_records_hand_edits() {
    let mag = Mag::new();
    let key = mag.add("chuxing", "关于韧性城市", "加强“宜居城市”“初性城市”建设。");
    mag.ok("宋欣龙", &["proofread", &key]);
    // A hand edit in any editor, then `save`.
    let path = "issues/2024-03/chuxing/article.md";
    let text = mag.read(path).replace("初性城市", "韧性城市");
    mag.write(path, text.replace('\n', "\r\n"));
    assert_eq!(mag.row(&key)["unsaved"], true);
    mag.ok("宋欣龙", &["save", &key, "-m", "改正错字"]);
    assert_eq!(mag.row(&key)["unsaved"], false);
    assert!(mag.read(path).contains("韧性城市") && !mag.read(path).contains('\r'));
    assert_eq!(mag.row(&key)["stale"], serde_json::json!(["proofread"]));
    // `edit` with a scripted editor.
    let script = mag.write(
        "../editor.sh",
        "#!/bin/sh\nsed -i 's/建设。/建设，提升品质。/' \"$1\"\n",
    );
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .unwrap();
    mag.cmd("宋欣龙")
        .env("EDITOR", &script)
        .args(["edit", &key, "-m", "补充"])
        .assert()
        .success();
    assert!(mag.read(path).contains("提升品质"));
    let subjects = mag.git(&["log", "--format=%s", "-2"]);
    assert_eq!(
        subjects,
        "宋欣龙修订《关于韧性城市》：补充\n宋欣龙修订《关于韧性城市》：改正错字\n"
    );
    // Nothing changed: no commit.
    let head = mag.head();
    mag.run("宋欣龙", &["save", &key])
        .success()
        .stderr(predicates::str::contains("没有需要保存的修改"));
    assert_eq!(mag.head(), head);
}

#[test]
fn reopen_withdraws_signoffs_but_history_keeps_them() {
    let mag = Mag::new();
    let key = mag.add("x", "一篇稿件", "正文。");
    mag.ok("王焕彩", &["assign", &key, "刘卫防"]);
    mag.ok("宋欣龙", &["proofread", &key]);
    mag.ok("刘卫防", &["reopen", &key, "--reason", "数据需要核实"]);
    let row = mag.row(&key);
    assert_eq!(row["status"], "draft");
    assert_eq!(row["signed"], serde_json::json!([]));
    let show = mag.ok("王焕彩", &["show", &key]);
    assert!(show.contains("宋欣龙 签署「校对」"), "{show}");
    assert!(show.contains("刘卫防 退回稿件——数据需要核实"), "{show}");
    let again = mag.refused("刘卫防", &["reopen", &key, "--reason", "再退"]);
    assert!(again.contains("没有任何签署"), "{again}");
}

#[test]
fn titles_cannot_smuggle_terminal_controls() {
    let mag = Mag::new();
    // Typed or pasted, they never reach the record or the commit.
    let key = mag.add("evil", "标题\u{1b}[2J\u{202e}反转\u{7}", "正文");
    let stored = mag.read("issues/2024-03/evil/article.md");
    assert!(stored.contains("title = \"标题[2J反转\""), "{stored}");
    let subjects = mag.git(&["log", "--format=%s"]);
    assert!(
        !subjects.contains('\u{1b}') && !subjects.contains('\u{7}'),
        "{subjects:?}"
    );
    mag.ok("王焕彩", &["set", &key, "subtitle=副\u{1}标题\u{2028}二"]);
    assert!(
        mag.read("issues/2024-03/evil/article.md")
            .contains("subtitle = \"副标题 二\"")
    );
    // Written into the file by hand, they are shown escaped.
    mag.write(
        "issues/2024-03/evil/article.md",
        stored.replace("标题[2J反转", "标题\\u001b[2J\\u202e反转"),
    );
    let board = mag.ok("王焕彩", &["status"]);
    assert!(!board.contains('\u{1b}') && !board.contains('\u{202e}'));
    assert!(board.contains("标题\\u{001b}[2J\\u{202e}反转"), "{board}");
}
