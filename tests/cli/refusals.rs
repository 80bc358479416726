//! Bad input gets one clear Chinese sentence and a hint, exit code 1, and
//! nothing changed (`Mag::refused` checks HEAD and the work tree).

use crate::support::Mag;

#[test]
fn broken_staff_toml_names_file_line_and_column() {
    let mag = Mag::new();
    let staff = mag
        .read("staff.toml")
        .replace("name = \"刘卫防\"", "name = 刘卫防");
    mag.write("staff.toml", staff);
    let line = mag
        .read("staff.toml")
        .lines()
        .position(|l| l == "name = 刘卫防")
        .unwrap()
        + 1;
    let err = mag.refused("王焕彩", &["status"]);
    assert!(
        err.contains(&format!("staff.toml 第 {line} 行第 8 列格式有误")),
        "{err}"
    );
}

#[test]
fn broken_issue_toml_and_front_matter_are_located() {
    let mag = Mag::new();
    let key = mag.add("a", "甲", "正文");
    mag.write(
        "issues/2024-03/issue.toml",
        "year = 2024\nnumber = 3\ntotal = 二百\n",
    );
    let err = mag.refused("王焕彩", &["status", "2024-03"]);
    assert!(
        err.contains("issues/2024-03/issue.toml 第 3 行第 9 列格式有误"),
        "{err}"
    );
    mag.git(&["checkout", "--", "issues/2024-03/issue.toml"]);

    let path = "issues/2024-03/a/article.md";
    let text = mag
        .read(path)
        .replace("section = \"重要言论\"", "section = [重要言论");
    mag.write(path, text);
    let err = mag.refused("宋欣龙", &["proofread", &key]);
    assert!(err.contains("issues/2024-03/a/article.md 第 3 行"), "{err}");
}

#[test]
fn unknown_person_role_and_stage() {
    let mag = Mag::new();
    let key = mag.add("a", "甲", "正文");
    let err = mag.refused("张三", &["proofread", &key]);
    assert!(
        err.contains("“张三”不在 staff.toml 的工作人员名单里"),
        "{err}"
    );
    assert!(err.contains("高昌运"), "lists the staff: {err}");
    let err = mag.refused("王焕彩", &["assign", &key, "李四"]);
    assert!(err.contains("“李四”不在"), "{err}");
    let err = mag.refused("宋欣龙", &["signoff", &key, "排版"]);
    assert!(err.contains("流程中没有“排版”这个环节"), "{err}");
    assert!(err.contains("校对（proofread）、审定（approved）"), "{err}");

    let staff = mag
        .read("staff.toml")
        .replace("roles = [\"校对\", \"责任编辑\"]", "roles = [\"校队\"]");
    mag.write("staff.toml", staff);
    let err = mag.refused("宋欣龙", &["status"]);
    assert!(err.contains("宋欣龙的角色“校队”不是已知角色"), "{err}");
}

#[test]
fn article_references_that_are_ambiguous_or_unknown() {
    let mag = Mag::new();
    mag.add("qingneng", "关于我市氢能产业发展的调研报告", "正文");
    mag.add(
        "guangfu",
        "关于我市光伏及风电产业发展情况的调研报告",
        "正文",
    );
    let err = mag.refused("宋欣龙", &["proofread", "调研报告"]);
    assert!(err.contains("“调研报告”对应 2 篇稿件"), "{err}");
    assert!(
        err.contains("2024-03/qingneng《关于我市氢能产业发展的调研报告》"),
        "{err}"
    );
    assert!(err.contains("2024-03/guangfu"), "{err}");
    let err = mag.refused("宋欣龙", &["proofread", "人工智能"]);
    assert!(err.contains("找不到稿件“人工智能”"), "{err}");
    let err = mag.refused("宋欣龙", &["proofread", "2024-03/nope"]);
    assert!(err.contains("找不到稿件“2024-03/nope”"), "{err}");
    mag.ok("宋欣龙", &["proofread", "氢能"]);
}

#[test]
fn unsafe_slugs_are_refused() {
    let mag = Mag::new();
    for (slug, why) in [
        ("a/b", "含有斜杠"),
        ("..", "含有“..”"),
        ("a b", "含有空格"),
        ("a\u{7}b", "含有控制字符"),
        ("氢能", "含有中文"),
    ] {
        let err = mag.refused(
            "王焕彩",
            &["add", "2024-03", "--title", "甲", "--slug", slug],
        );
        assert!(err.contains(why), "{slug}: {err}");
    }
}

#[test]
fn files_that_are_not_text() {
    let mag = Mag::new();
    let locked = locked_docx();
    let cases: [(&str, &[u8], &str); 7] = [
        (
            "../photo.txt",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            "不是文本文件",
        ),
        (
            "../old.txt",
            b"\x80\xff\xfe\x80abc",
            "既不是 UTF-8，也不是 GB18030",
        ),
        ("../a.pdf", b"x", "不支持的文件类型"),
        (
            "../旧稿.docx",
            "改了扩展名的文本".as_bytes(),
            "不是有效的 Word 文档",
        ),
        (
            "../带宏.docm",
            b"PK\x03\x04",
            "启用宏的 Word 文档（.docm），不收",
        ),
        ("../旧版.doc", b"\xd0\xcf\x11\xe0", "旧版 Word 或 WPS 格式"),
        // What Word writes for a document with a password to open: a
        // compound file whose directory names the EncryptedPackage stream.
        ("../加密.docx", &locked, "设了打开密码"),
    ];
    for (name, bytes, why) in cases {
        let file = mag.write(name, bytes);
        let args = [
            "add",
            "2024-03",
            "--title",
            "甲",
            "--file",
            file.to_str().unwrap(),
        ];
        let err = mag.refused("王焕彩", &args);
        assert!(err.contains(why), "{name}: {err}");
    }
}

#[test]
fn duplicate_slug_and_issue() {
    let mag = Mag::new();
    mag.add("a", "甲", "正文");
    let err = mag.refused(
        "王焕彩",
        &["add", "2024-03", "--title", "乙", "--slug", "a"],
    );
    assert!(err.contains("2024-03 里已经有名为 a 的稿件"), "{err}");
    let err = mag.refused("王焕彩", &["issue", "new", "2024-03"]);
    assert!(err.contains("2024-03 这一期已经存在"), "{err}");
    // Without --slug a free name is chosen instead.
    mag.ok("王焕彩", &["add", "2024-03", "--title", "甲乙丙"]);
    mag.ok("王焕彩", &["add", "2024-03", "--title", "甲乙丙"]);
    assert!(
        mag.root
            .join("issues/2024-03/jiayibing-2/article.md")
            .exists()
    );
}

#[test]
fn signoffs_by_people_without_the_role() {
    let mag = Mag::new();
    let key = mag.add("a", "甲", "正文");
    mag.ok("王焕彩", &["assign", &key, "刘卫防"]);
    let err = mag.refused("刘卫防", &["proofread", &key]);
    assert!(
        err.contains("流程规则「签署权限」，「校对」只能由具有“校对”角色的人签署，刘卫防不符合"),
        "{err}"
    );
    mag.ok("宋欣龙", &["proofread", &key]);
    let err = mag.refused("王栋栋", &["approve", &key]);
    assert!(
        err.contains("「审定」只能由具有“主编”角色的人或本文责任编辑（刘卫防）签署"),
        "{err}"
    );
    let err = mag.refused("荣萍萍", &["assign", &key, "荣萍萍"]);
    assert!(err.contains("流程规则「分稿权限」"), "{err}");
    let err = mag.refused("王焕彩", &["assign", &key, "高昌运"]);
    assert!(err.contains("流程规则「责任编辑资格」"), "{err}");
    let err = mag.refused("宋欣龙", &["proofread", &key]);
    assert!(err.contains("流程规则「不重复签署」"), "{err}");
    mag.ok("高昌运", &["approve", &key]);
}

#[test]
fn approval_before_proofreading_is_out_of_order() {
    let mag = Mag::new();
    let key = mag.add("a", "甲", "正文");
    let err = mag.refused("高昌运", &["approve", &key]);
    assert!(
        err.contains("流程规则「先后顺序」，须先完成「校对」"),
        "{err}"
    );
}

#[test]
fn signing_text_with_unsaved_hand_edits() {
    let mag = Mag::new();
    let key = mag.add("a", "甲", "原文。");
    let path = "issues/2024-03/a/article.md";
    mag.write(path, mag.read(path).replace("原文。", "改过的原文。"));
    let err = mag.refused("宋欣龙", &["proofread", &key]);
    assert!(err.contains("尚未保存的手工修改"), "{err}");
    assert!(err.contains("galley save 2024-03/a"), "{err}");
    let err = mag.refused("王焕彩", &["set", &key, "page=3"]);
    assert!(err.contains("尚未保存的手工修改"), "{err}");
}

#[test]
fn outside_a_magazine_repository() {
    let mag = Mag::bare();
    mag.run("王焕彩", &["status"])
        .code(1)
        .stderr(predicates::str::contains(
            "不在杂志仓库里：从这里往上找不到 staff.toml",
        ))
        .stderr(predicates::str::contains(
            "提示：请先进入杂志仓库所在的文件夹",
        ));
}

#[test]
fn a_held_index_lock_is_named_and_left_alone() {
    let mag = Mag::new();
    let key = mag.add("a", "甲", "正文");
    mag.write(".git/index.lock", "");
    let err = mag.refused("宋欣龙", &["proofread", &key]);
    assert!(err.contains(".git/index.lock 一直没有释放"), "{err}");
    assert!(
        mag.root.join(".git/index.lock").exists(),
        "galley must not delete a lock"
    );
    std::fs::remove_file(mag.root.join(".git/index.lock")).unwrap();
    mag.ok("宋欣龙", &["proofread", &key]);
}

#[test]
fn bad_values_for_set_and_dates() {
    let mag = Mag::new();
    let key = mag.add("a", "甲", "正文");
    let err = mag.refused("王焕彩", &["set", &key, "page=四"]);
    assert!(err.contains("页码 必须是正整数"), "{err}");
    let err = mag.refused("王焕彩", &["set", &key, "colour=red"]);
    assert!(err.contains("稿件信息里没有“colour”这一项"), "{err}");
    let err = mag.refused("王焕彩", &["set", &key, "栏目=副刊"]);
    assert!(err.contains("本期没有“副刊”这个栏目"), "{err}");
    let err = mag.refused("王焕彩", &["assign", &key, "刘卫防", "--due", "下周"]);
    assert!(err.contains("“下周”不是有效日期"), "{err}");
}

#[test]
fn usage_errors_exit_2_in_chinese() {
    let mag = Mag::new();
    mag.run("王焕彩", &["frobnicate"])
        .code(2)
        .stderr(predicates::str::contains("错误：没有“frobnicate”这条命令"));
    mag.run("王焕彩", &["assign"])
        .code(2)
        .stderr(predicates::str::contains("错误：缺少必填的参数"));
}

/// The first bytes of a password-protected .docx: the compound-file
/// signature, then, in its directory, the stream names in UTF-16.
fn locked_docx() -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    for name in ["EncryptionInfo", "EncryptedPackage"] {
        bytes.extend(name.encode_utf16().flat_map(|u| u.to_le_bytes()));
        bytes.resize(bytes.len() + 64, 0);
    }
    bytes
}
