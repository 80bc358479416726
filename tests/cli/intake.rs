//! 收稿 on the desk: an issue opened and set up, manuscripts uploaded or
//! pasted, read and shown before anything is committed, and photos, with
//! every bad input refused and nothing written.

use docx_rs::{Docx, Paragraph, Run};
use encoding_rs::GB18030;
use reqwest::blocking::multipart::{Form, Part};

use crate::support::Mag;
use crate::web::{Browser, Desk, hidden, location, office};

fn post_multipart(b: &Browser, path: &str, form: Form) -> reqwest::blocking::Response {
    b.client
        .post(format!("{}{path}", b.url))
        .multipart(form)
        .send()
        .unwrap()
}

fn docx_of(paragraphs: &[&str]) -> Vec<u8> {
    let mut doc = Docx::new();
    for p in paragraphs {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(*p)));
    }
    let mut packed = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut packed).unwrap();
    packed.into_inner()
}

/// Reads `bytes` as the file `name` on the 收稿 form of 2024-03.
fn read(b: &Browser, name: &str, bytes: Vec<u8>) -> reqwest::blocking::Response {
    let csrf = b.csrf("/issues/2024-03/add");
    let form = Form::new()
        .text("csrf", csrf)
        .text("step", "read")
        .part("file", Part::bytes(bytes).file_name(name.to_string()));
    post_multipart(b, "/issues/2024-03/add", form)
}

/// The flash the browser is shown on the page it was sent to.
fn flash_after(b: &Browser, r: reqwest::blocking::Response) -> String {
    assert_eq!(r.status(), 303);
    b.text(&location(&r))
}

const REPORT: &[&str] = &[
    "中共濮阳市委主办",
    "关于我市储能产业发展的调研报告",
    "——2024年2月在全市储能产业座谈会上",
    "市发展改革委 张宏伟",
    "储能是新型电力系统的重要组成部分。",
    "中共濮阳市委主办",
    "一、发展现状",
    "全市已建成储能项目12个。",
];

#[test]
fn an_issue_is_opened_and_set_up_on_the_desk_by_those_who_assign() {
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    let editor = desk.browser();
    editor.login("刘卫防", "liuweifang-pw");
    let head = mag.head();
    let page = editor.text("/issues/new");
    assert!(page.contains("只有主编或编辑部主任可以新建一期"), "{page}");
    let r = editor.post(
        "/issues/new",
        &[("csrf", &hidden(&page, "csrf")), ("issue", "2024-04")],
    );
    assert!(flash_after(&editor, r).contains("刘卫防不符合"));
    assert_eq!(mag.head(), head);

    let chief = desk.browser();
    chief.login("王焕彩", "wanghuancai-pw");
    let page = chief.text("/issues/new");
    // The next number, the next 总期号 and the sections of 2024-03.
    assert!(page.contains("value=\"2024-04\""), "{page}");
    assert!(page.contains("value=\"249\""), "{page}");
    assert!(page.contains("卷首语\n重要言论\n新能源产业集群"), "{page}");
    let csrf = hidden(&page, "csrf");
    for (id, said) in [
        ("2024-13", "本刊每年 12 期"),
        ("2024-03", "2024-03 这一期已经存在"),
        ("二〇二四", "不是期号"),
    ] {
        let r = chief.post("/issues/new", &[("csrf", &csrf), ("issue", id)]);
        let shown = flash_after(&chief, r);
        assert!(shown.contains(said), "{id}: {shown}");
    }
    let r = chief.post(
        "/issues/new",
        &[
            ("csrf", &csrf),
            ("issue", "2024-04"),
            ("print_date", "2029-04-25"),
        ],
    );
    assert!(flash_after(&chief, r).contains("印刷日期 2029年4月25日 离 2024年第4期太远了"));
    assert_eq!(mag.head(), head);

    let r = chief.post(
        "/issues/new",
        &[
            ("csrf", &csrf),
            ("issue", "2024-04"),
            ("total", "249"),
            ("print_date", "2024-04-25"),
            ("print_run", "3000"),
            ("sections", "卷首语\n重要言论\n\n新材料产业集群\n"),
        ],
    );
    assert_eq!(location(&r), "/issues/2024-04");
    assert!(
        chief
            .text("/issues/2024-04")
            .contains("已新建2024年第4期（总第249期）")
    );
    assert_eq!(
        mag.git(&["log", "-1", "--format=%an %s"]).trim(),
        "王焕彩 王焕彩新建2024年第4期（总第249期）"
    );
    let file = mag.read("issues/2024-04/issue.toml");
    assert!(
        file.contains("sections = [\"卷首语\", \"重要言论\", \"新材料产业集群\"]"),
        "{file}"
    );
    assert!(
        file.contains("print_date = 2024-04-25\nprint_run = 3000"),
        "{file}"
    );

    // Settings later, with the same checks; a comment in issue.toml stays.
    mag.write(
        "issues/2024-04/issue.toml",
        format!("# 本期为储能专刊\n{file}"),
    );
    mag.git(&[
        "-c",
        "user.name=王焕彩",
        "-c",
        "user.email=w@x",
        "commit",
        "-qam",
        "注释",
    ]);
    let page = chief.text("/issues/2024-04/settings");
    assert!(page.contains("value=\"2024-04-25\""), "{page}");
    let csrf = hidden(&page, "csrf");
    let settings = |run: &str, total: &str, sections: &str| {
        chief.post(
            "/issues/2024-04/settings",
            &[
                ("csrf", csrf.as_str()),
                ("total", total),
                ("print_date", "2024-04-25"),
                ("print_run", run),
                ("pages", "48"),
                ("sections", sections),
            ],
        )
    };
    let head = mag.head();
    let shown = flash_after(&chief, settings("3000", "248", "卷首语"));
    assert!(
        shown.contains("总第248期已经是 2024-03 那一期的总期号了"),
        "{shown}"
    );
    let shown = flash_after(&chief, settings("三千", "249", "卷首语"));
    assert!(shown.contains("印数“三千”不对"), "{shown}");
    assert_eq!(mag.head(), head);
    let shown = flash_after(
        &chief,
        settings("3500", "249", "卷首语\n重要言论\n新材料产业集群"),
    );
    assert!(
        shown.contains("已修改2024年第4期（总第249期）的印数、页数"),
        "{shown}"
    );
    let file = mag.read("issues/2024-04/issue.toml");
    assert!(file.starts_with("# 本期为储能专刊\n"), "{file}");
    assert!(file.contains("print_run = 3500"), "{file}");
    assert!(file.contains("pages = 48"), "{file}");
    // A section an article is filed under can't be taken away.
    let shown = flash_after(
        &chief,
        chief.post(
            "/issues/2024-03/settings",
            &[("csrf", csrf.as_str()), ("sections", "卷首语")],
        ),
    );
    assert!(shown.contains("里还有稿件"), "{shown}");
}

#[test]
fn the_command_line_sets_an_issue_with_the_same_checks() {
    let mag = Mag::new();
    mag.ok(
        "王焕彩",
        &[
            "issue",
            "set",
            "2024-03",
            "--print-date",
            "2024-03-25",
            "--print-run",
            "3000",
        ],
    );
    let file = mag.read("issues/2024-03/issue.toml");
    assert!(
        file.contains("print_date = 2024-03-25\nprint_run = 3000"),
        "{file}"
    );
    let err = mag.refused(
        "王焕彩",
        &["issue", "set", "2024-03", "--print-date", "2024-3-32"],
    );
    assert!(err.contains("印刷日期“2024-3-32”不是日期"), "{err}");
    let err = mag.refused("宋欣龙", &["issue", "set", "2024-03", "--print-run", "10"]);
    assert!(err.contains("宋欣龙不符合"), "{err}");
    let err = mag.refused("王焕彩", &["issue", "new", "2024-13"]);
    assert!(err.contains("本刊每年 12 期"), "{err}");
    let check = mag
        .run("王焕彩", &["toc", "2024-03", "--check"])
        .get_output()
        .stderr
        .clone();
    let check = String::from_utf8_lossy(&check);
    assert!(!check.contains("印数"), "{check}");
}

#[test]
fn a_manuscript_is_read_and_shown_and_added_only_when_confirmed() {
    let (mag, _) = office();
    mag.ok(
        "王焕彩",
        &[
            "issue",
            "set",
            "2024-03",
            "--section",
            "卷首语",
            "--section",
            "重要言论",
            "--section",
            "新能源产业集群",
        ],
    );
    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("王焕彩", "wanghuancai-pw");
    let head = mag.head();
    let r = read(&b, "储能调研.docx", docx_of(REPORT));
    assert_eq!(r.status(), 200);
    let preview = r.text().unwrap();
    assert!(
        preview.contains("关于我市储能产业发展的调研报告</textarea>"),
        "{preview}"
    );
    assert!(
        preview.contains("value=\"——2024年2月在全市储能产业座谈会上\""),
        "{preview}"
    );
    assert!(
        preview.contains("value=\"市发展改革委 张宏伟\""),
        "{preview}"
    );
    assert!(preview.contains("value=\"张宏伟\""), "{preview}");
    assert!(preview.contains("读到正文 3 段"), "{preview}");
    assert!(preview.contains("“中共濮阳市委主办”，2 处"), "{preview}");
    assert!(
        preview.contains("<li>全市已建成储能项目12个。</li>"),
        "{preview}"
    );
    // Reading commits nothing.
    assert_eq!(mag.head(), head);

    let confirm = |title: &str, slug: &str| {
        let form = Form::new()
            .text("csrf", hidden(&preview, "csrf"))
            .text("step", "add")
            .text("title", title.to_string())
            .text("subtitle", "——2024年2月在全市储能产业座谈会上")
            .text("byline", "市发展改革委 张宏伟")
            .text("authors", "张宏伟")
            .text("section", "新能源产业集群")
            .text("slug", slug.to_string())
            .text("body", hidden(&preview, "body").replace("&#10;", "\n"));
        post_multipart(&b, "/issues/2024-03/add", form)
    };
    let r = confirm("关于我市储能产业发展的调研报告", "chuneng");
    assert_eq!(location(&r), "/a/2024-03/chuneng");
    assert_eq!(
        mag.git(&["log", "-1", "--format=%an %s"]).trim(),
        "王焕彩 王焕彩新建稿件《关于我市储能产业发展的调研报告》"
    );
    let text = mag.read("issues/2024-03/chuneng/article.md");
    assert!(text.contains("authors = [\"张宏伟\"]"), "{text}");
    assert!(text.contains("section = \"新能源产业集群\""), "{text}");
    assert!(
        text.contains("储能是新型电力系统的重要组成部分。\n\n一、发展现状"),
        "{text}"
    );
    assert!(!text.contains("中共濮阳市委主办"), "{text}");

    // The same slug again: the reading is shown again with the refusal.
    let head = mag.head();
    let r = confirm("储能（再收一次）", "chuneng");
    assert_eq!(r.status(), 200);
    let again = r.text().unwrap();
    assert!(
        again.contains("chuneng") && again.contains("已经"),
        "{again}"
    );
    assert!(again.contains("储能（再收一次）"), "{again}");
    assert_eq!(mag.head(), head);
}

#[test]
fn pasted_text_and_a_gb18030_file_are_read_like_any_manuscript() {
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("王焕彩", "wanghuancai-pw");
    let (bytes, _, _) =
        GB18030.encode("凝心聚力\r\n\r\n中共濮阳市委书记 万正峰\r\n\r\n这是正文。\r\n");
    let preview = read(&b, "讲话.txt", bytes.into_owned()).text().unwrap();
    assert!(preview.contains("凝心聚力</textarea>"), "{preview}");
    assert!(preview.contains("value=\"万正峰\""), "{preview}");
    let csrf = b.csrf("/issues/2024-03/add");
    let form = Form::new()
        .text("csrf", csrf)
        .text("step", "read")
        .text("pasted", "卷首语的题目\n\n一段正文。\n\n又一段。");
    let preview = post_multipart(&b, "/issues/2024-03/add", form)
        .text()
        .unwrap();
    assert!(preview.contains("卷首语的题目</textarea>"), "{preview}");
    assert!(preview.contains("读到正文 2 段"), "{preview}");
    // The heading lines as the seed prints them: a 30-character subtitle
    // without a full stop stays apart from the byline under it.
    let csrf = b.csrf("/issues/2024-03/add");
    let form = Form::new().text("csrf", csrf).text("step", "read").text(
        "pasted",
        "政府工作报告（摘要）\n\n——2024年2月4日在濮阳市第九届人民代表大会第三次会议上\n\n濮阳市人民政府市长 朱良才\n\n\n\n2月4日，市长朱良才作政府工作报告。",
    );
    let preview = post_multipart(&b, "/issues/2024-03/add", form)
        .text()
        .unwrap();
    assert!(
        preview.contains("value=\"濮阳市人民政府市长 朱良才\""),
        "{preview}"
    );
    assert!(preview.contains("读到正文 1 段"), "{preview}");
}

#[test]
fn bad_manuscripts_are_refused_with_what_to_do() {
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("王焕彩", "wanghuancai-pw");
    let head = mag.head();
    let mut program = b"MZ\x90\x00\x03\x00\x00\x00".to_vec();
    program.extend(vec![0u8; 4096]);
    let pictures_only = {
        let mut doc = Docx::new();
        doc = doc.add_paragraph(Paragraph::new());
        let mut packed = std::io::Cursor::new(Vec::new());
        doc.build().pack(&mut packed).unwrap();
        packed.into_inner()
    };
    for (name, bytes, said) in [
        ("报告.docx", program.clone(), "不是有效的 Word 文档"),
        ("报告.exe", program, "不支持"),
        ("空白.txt", Vec::new(), "里没有读到文字"),
        ("只有图片.docx", pictures_only, "里没有读到文字"),
    ] {
        let r = read(&b, name, bytes);
        let shown = flash_after(&b, r);
        assert!(shown.contains(said), "{name}: {shown}");
    }
    let csrf = b.csrf("/issues/2024-03/add");
    let nothing = Form::new().text("csrf", csrf).text("step", "read");
    let shown = flash_after(&b, post_multipart(&b, "/issues/2024-03/add", nothing));
    assert!(shown.contains("没有收到稿件"), "{shown}");
    assert_eq!(mag.head(), head);
}

fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&[
        0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77,
        0x53, 0xDE,
    ]);
    bytes.extend_from_slice(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]);
    bytes
}

#[test]
fn photos_are_taken_by_their_content_and_shown_on_the_article() {
    let (mag, key) = office();
    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("王焕彩", "wanghuancai-pw");
    let photo = |name: &str, bytes: Vec<u8>, caption: &str| {
        let csrf = b.csrf(&format!("/a/{key}"));
        let form = Form::new()
            .text("csrf", csrf)
            .text("caption", caption.to_string())
            .text("credit", "赵留丹")
            .part("file", Part::bytes(bytes).file_name(name.to_string()));
        post_multipart(&b, &format!("/a/{key}/photo"), form)
    };
    let head = mag.head();
    let shown = flash_after(
        &b,
        photo("照片.jpg", b"MZ\x90\x00 a program".to_vec(), "调研现场"),
    );
    assert!(shown.contains("不是 JPEG 或 PNG 图片"), "{shown}");
    // Past the cap but within what the desk reads, so the page says why;
    // a 30 MB one is cut off before it is read at all.
    let mut big = vec![0xFF, 0xD8, 0xFF];
    big.resize(10 * 1024 * 1024 + 512 * 1024, 0);
    let r = photo("大图.jpg", big, "调研现场");
    assert_eq!(r.status(), 413);
    assert!(r.text().unwrap().contains("照片请另存为"));
    let csrf = b.csrf(&format!("/a/{key}"));
    let huge = Form::new()
        .text("csrf", csrf)
        .text("caption", "调研现场")
        .part(
            "file",
            Part::bytes(vec![0xFF; 30 * 1024 * 1024]).file_name("更大.jpg"),
        );
    let sent = b
        .client
        .post(format!("{}/a/{key}/photo", b.url))
        .multipart(huge)
        .send();
    assert!(sent.is_err() || sent.unwrap().status() == 413);
    assert_eq!(mag.head(), head);

    let shown = flash_after(
        &b,
        photo("现场照片.PNG", png(), "2023年12月20日，调研组在企业调研。"),
    );
    assert!(shown.contains("添加图片说明"), "{shown}");
    assert_eq!(
        mag.git(&["show", "--stat", "--format=%an", "HEAD"])
            .lines()
            .next()
            .unwrap(),
        "王焕彩"
    );
    let text = mag.read(&format!("issues/{key}/article.md"));
    assert!(text.contains("file = \"photo-1.png\""), "{text}");
    let page = b.text(&format!("/a/{key}"));
    assert!(
        page.contains(&format!("src=\"/a/{key}/photos/photo-1.png\"")),
        "{page}"
    );
    assert!(page.contains("赵留丹 / 摄"), "{page}");
    let r = b.get(&format!("/a/{key}/photos/photo-1.png"));
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/png");
    assert_eq!(r.bytes().unwrap().to_vec(), png());
    // Only photos the article lists are served.
    assert_eq!(b.get(&format!("/a/{key}/photos/article.md")).status(), 404);
}
