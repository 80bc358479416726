//! The office's paper printed from the record: `galley sheet` (稿件处理单
//! and 付印单) and `galley proof` (校样), read back as a person would, with
//! pdftotext, and checked with qpdf.

use std::path::Path;
use std::process::Command;

use crate::sanshen::sanshen_staff;
use crate::support::{Mag, shipped};
use crate::web::{Desk, office};

fn pdftotext(pdf: &Path, layout: bool) -> String {
    let mut cmd = Command::new("pdftotext");
    if layout {
        cmd.arg("-layout");
    }
    let out = cmd
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8(out.stdout).unwrap()
}

fn pages(pdf: &Path) -> usize {
    lopdf::Document::load(pdf).unwrap().get_pages().len()
}

fn qpdf_check(pdf: &Path) {
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(pdf)
        .output()
        .expect("qpdf");
    assert!(
        out.status.success(),
        "qpdf --check: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

fn without_space(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The line of a laid-out page that holds `needle`.
fn line_with<'t>(text: &'t str, needle: &str) -> &'t str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle} in:\n{text}"))
}

#[test]
fn the_sheet_holds_every_name_date_and_note_in_its_row() {
    let mag = Mag::new();
    let key = mag.add("a", "关于我市氢能产业的调研报告", "第一段。\n第二段。\n");
    let on = |day: u32, who: &str, args: &[&str]| mag.ok_on(day, who, args);
    on(
        2,
        "王焕彩",
        &["assign", &key, "刘卫防", "--due", "2024-03-20"],
    );
    on(3, "宋欣龙", &["proofread", &key, "-m", "改正三处错字"]);
    let revised = mag.write("../a2.txt", "第一段，改过。\n第二段。\n");
    on(
        5,
        "刘卫防",
        &["revise", &key, "--file", revised.to_str().unwrap()],
    );
    on(6, "宋欣龙", &["proofread", &key, "-m", "复校无误"]);
    on(8, "刘卫防", &["approve", &key, "-m", "同意刊发"]);

    let pdf = mag.home.join("处理单.pdf");
    let said = mag.ok("王焕彩", &["sheet", &key, "-o", pdf.to_str().unwrap()]);
    assert!(said.starts_with("已生成稿件处理单"), "{said}");
    assert_eq!(pages(&pdf), 1, "one A4 page");
    qpdf_check(&pdf);
    let text = pdftotext(&pdf, true);
    assert!(text.contains("稿件处理单"));
    assert!(text.contains("关于我市氢能产业的调研报告"));
    assert!(text.contains(&format!("稿号：{key}")));
    let assigned = line_with(&text, "王焕彩 于 2024-03-02 10:00 分稿，截稿");
    assert!(assigned.contains("刘卫防"), "the 责任编辑: {assigned}");
    assert!(text.contains("2024-03-20"), "the due date");
    let first = line_with(&text, "改正三处错字");
    assert!(
        first.contains("校对") && first.contains("已过期"),
        "{first}"
    );
    assert!(
        first.contains("宋欣龙") && first.contains("2024-03-03"),
        "{first}"
    );
    let second = line_with(&text, "复校无误");
    assert!(
        second.contains("宋欣龙") && second.contains("2024-03-06") && !second.contains("已过期"),
        "{second}"
    );
    let approval = line_with(&text, "同意刊发");
    assert!(
        approval.contains("审定") && approval.contains("刘卫防") && approval.contains("2024-03-08"),
        "{approval}"
    );
    let at = |needle: &str| text.find(needle).unwrap();
    assert!(at("改正三处错字") < at("复校无误") && at("复校无误") < at("同意刊发"));
    assert!(
        text.contains("修订 1 次（刘卫防），增 3 字，删 0 字"),
        "{text}"
    );
    assert!(text.contains("依据记录"));
    assert!(
        text.contains(&mag.head()[..12]),
        "the commit it was printed from"
    );
}

#[test]
fn a_sanshen_magazine_gets_a_row_for_each_review_and_proofreading() {
    let mag = Mag::with_staff(&sanshen_staff());
    let key = mag.add("a", "甲稿", "正文。\n");
    let pdf = mag.home.join("处理单.pdf");
    mag.ok("王焕彩", &["sheet", &key, "-o", pdf.to_str().unwrap()]);
    let text = pdftotext(&pdf, true);
    let rows: Vec<&str> = ["初审", "复审", "终审", "一校", "二校", "三校"]
        .into_iter()
        .filter(|stage| text.lines().any(|l| l.trim_start().starts_with(stage)))
        .collect();
    assert_eq!(
        rows,
        ["初审", "复审", "终审", "一校", "二校", "三校"],
        "{text}"
    );
    assert_eq!(pages(&pdf), 1);
}

#[test]
fn the_print_order_of_2024_02_names_what_the_printer_needs() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("付印单.pdf");
    shipped(&["sheet", "2024-02", "-o", pdf.to_str().unwrap()]).success();
    qpdf_check(&pdf);
    let text = pdftotext(&pdf, true);
    for needle in [
        "付印单",
        "河南省连续性内资〔濮阳〕002号",
        "总第247期",
        "47 页",
        "濮阳日报社印刷厂有限公司",
        "高昌运",
        "估计 1.80/万",
    ] {
        assert!(
            without_space(&text).contains(&without_space(needle)),
            "{needle} missing:\n{text}"
        );
    }
    let unapproved = line_with(&text, "凝心聚力");
    assert!(unapproved.contains("未审定"), "{unapproved}");
    let approved = line_with(&text, "关于我市氢能产业发展的调研报告");
    assert!(
        approved.contains("宋欣龙") && approved.contains("2024-02-20"),
        "{approved}"
    );
}

#[test]
fn the_proof_of_a_five_page_article_runs_over_pages_and_holds_every_word() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("校样.pdf");
    shipped(&["proof", "2024-02/qingneng", "-o", pdf.to_str().unwrap()]).success();
    assert!(pages(&pdf) > 1, "the article runs over several pages");
    qpdf_check(&pdf);
    let text = pdftotext(&pdf, false);
    assert!(
        without_space(&text).contains("第一校·校对：宋欣龙"),
        "the running strip"
    );
    // The running strip and the footer of each page, which pdftotext puts
    // in the middle of a paragraph that runs over a page.
    let strip = |l: &&str| {
        let l = without_space(l);
        l.starts_with("《当代濮阳》")
            || l.contains("校对：")
            || l.contains("依据记录")
            || l.contains("本单依据")
            || chrono::NaiveDate::parse_from_str(&l, "%Y-%m-%d").is_ok()
            || (l.starts_with('第') && l.ends_with('页'))
            || (l.starts_with("刊内第") && l.ends_with('页'))
            || (l.starts_with("校样第") && l.ends_with('张'))
            || l == "关于我市氢能产业发展的调研报告"
    };
    let printed: String = without_space(
        &text
            .lines()
            .filter(|l| !strip(l))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let body = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("issues/2024-02/qingneng/article.md"),
    )
    .unwrap();
    let body = body.rsplit("+++").next().unwrap();
    let paragraphs: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(paragraphs.len() > 20);
    for (i, p) in paragraphs.iter().enumerate() {
        assert!(
            printed.contains(&without_space(p)),
            "paragraph {} is not in the proof: {p}",
            i + 1
        );
    }
}

#[test]
fn marks_put_each_finding_beside_its_line_and_mark_the_spot() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("校样.pdf");
    shipped(&[
        "proof",
        "2024-02/zhengfu",
        "--marks",
        "-o",
        pdf.to_str().unwrap(),
    ])
    .success();
    let boxes = words(&pdf);
    let find = |needle: &str| {
        boxes
            .iter()
            .find(|w| w.0.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not in the proof"))
    };
    // Paragraph 42: the note on 投贷联动 stands beside the line of 投贷,
    // eleven lines below the paragraph's first, with a ① at the spot.
    let note = find("①提示“贷”改为“资”");
    let spot = find("坚持“投贷");
    assert_eq!(note.1, spot.1, "the same page");
    assert!(
        (note.2 - spot.2).abs() < 4.0,
        "note {note:?} beside {spot:?}"
    );
    let paragraph = boxes
        .iter()
        .find(|w| w.0 == "42" && w.1 == spot.1)
        .expect("paragraph 42's number");
    assert!(
        spot.2 - paragraph.2 > 100.0,
        "the spot is lines below the paragraph's top"
    );
    let text = pdftotext(&pdf, false);
    assert!(text.contains("①"), "the mark in the text");
}

#[test]
fn the_desk_hands_out_the_paper_to_people_logged_in_only() {
    let (mag, key) = office();
    let desk = Desk::start(&mag);
    let stranger = desk.browser();
    let r = stranger.get(&format!("/a/{key}/sheet.pdf"));
    assert_eq!(r.status(), 303);
    assert!(crate::web::location(&r).starts_with("/login"));

    let b = desk.browser();
    b.login("王焕彩", "wanghuancai-pw");
    let page = b.text(&format!("/a/{key}"));
    for link in ["sheet.pdf", "proof.pdf", "proof.pdf?marks=1"] {
        assert!(
            page.contains(&format!("href=\"/a/{key}/{link}\"")),
            "{link}"
        );
    }
    for path in [
        format!("/a/{key}/sheet.pdf"),
        format!("/a/{key}/proof.pdf"),
        format!("/a/{key}/proof.pdf?marks=1"),
        "/issues/2024-03/sheet.pdf".to_string(),
        "/issues/2024-03/proof.pdf".to_string(),
    ] {
        let r = b.get(&path);
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(r.headers()["content-type"], "application/pdf", "{path}");
        let named = r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(named.starts_with("inline; filename=\""), "{path}: {named}");
        assert!(named.contains("filename*=UTF-8''"), "{path}: {named}");
        assert!(r.bytes().unwrap().starts_with(b"%PDF-"), "{path}");
    }
    let sheet = b.get(&format!("/a/{key}/sheet.pdf"));
    let named = sheet.headers()["content-disposition"].to_str().unwrap();
    let encoded = named.split("filename*=UTF-8''").nth(1).unwrap();
    let name = percent_decode(encoded);
    assert_eq!(
        name,
        "稿件处理单-2024-03-关于我市氢能产业发展的调研报告.pdf"
    );
    assert!(
        named.contains("filename=\"sheet-2024-03-qingneng.pdf\""),
        "{named}"
    );
    let order = b.get("/issues/2024-03/sheet.pdf");
    let named = order.headers()["content-disposition"].to_str().unwrap();
    assert_eq!(
        percent_decode(named.split("UTF-8''").nth(1).unwrap()),
        "付印单-2024-03.pdf"
    );
    let toc = b.get("/issues/2024-03/toc.pdf");
    if toc.status() == 200 {
        let named = toc.headers()["content-disposition"].to_str().unwrap();
        assert_eq!(
            percent_decode(named.split("UTF-8''").nth(1).unwrap()),
            "目次-2024-03.pdf"
        );
    }
    assert_eq!(b.get("/a/2024-03/nosuch/sheet.pdf").status(), 404);
    assert_eq!(b.get("/issues/2031-01/sheet.pdf").status(), 404);
}

/// Word boxes of a PDF as pdftotext -bbox gives them: (word, page, yMin, yMax).
fn words(pdf: &Path) -> Vec<(String, usize, f64, f64)> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let html = String::from_utf8(out.stdout).unwrap();
    let mut page = 0;
    let mut found = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page") {
            page += 1;
        }
        let Some(rest) = line.strip_prefix("<word ") else {
            continue;
        };
        let attr = |name: &str| -> f64 {
            let at = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            rest[at..].split('"').next().unwrap().parse().unwrap()
        };
        let word = rest.split('>').nth(1).unwrap().split('<').next().unwrap();
        found.push((word.to_string(), page, attr("yMin"), attr("yMax")));
    }
    found
}

const LONG_TITLE: &str =
    "关于我市大数据区块链、电子信息装备、信息技术应用服务产业链高质量发展的调研报告（上篇）";

const LONG_NOTE: &str = "第一处：第三段“产业链”应统一为“产业链条”；第二处：数据与统计局公布的不一致，请作者核实；第三处：人名职务需按规范提法更正；第四处：图片说明缺少拍摄者署名；第五处：引文出处需补充；第六处：标点符号多处半角需改全角。";

/// 2024-03 as the office works it: a long title, six authors, a long
/// note returned and proofread again after a revision, then approved.
fn worked_month() -> (Mag, String) {
    let mag = Mag::new();
    let key = mag.add(
        "dashuju",
        LONG_TITLE,
        "第一段2024年第3期，1至2月增长8.6%。\n\n第二段，深刻领悟“两个确立”的决定性意义。\n",
    );
    let on = |day: u32, who: &str, args: &[&str]| mag.ok_on(day, who, args);
    let mut set = vec!["set", &key, "page=5", "pages=4", "byline=本刊记者 甲"];
    let authors = "authors=甲,乙,丙,丁,戊,己";
    set.push(authors);
    mag.ok("王焕彩", &set);
    on(
        2,
        "王焕彩",
        &["assign", &key, "刘卫防", "--due", "2024-03-20"],
    );
    let twice = format!("{LONG_NOTE}{LONG_NOTE}");
    on(3, "王栋栋", &["proofread", &key, "-m", &twice]);
    on(4, "刘卫防", &["reopen", &key, "--reason", LONG_NOTE]);
    let revised = mag.write(
        "../dashuju2.txt",
        "第一段2024年第3期，1至2月增长8.6%。\n\n第二段，深刻领悟“两个确立”的决定性意义，改过。\n",
    );
    on(
        5,
        "刘卫防",
        &[
            "revise",
            &key,
            "--file",
            revised.to_str().unwrap(),
            "-m",
            "按校对意见改",
        ],
    );
    on(6, "宋欣龙", &["proofread", &key, "-m", LONG_NOTE]);
    on(8, "刘卫防", &["approve", &key, "-m", LONG_NOTE]);
    (mag, key)
}

#[test]
fn the_zhengfu_proof_prints_its_subtitle_and_numbers_as_the_magazine_does() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("校样.pdf");
    shipped(&["proof", "2024-02/zhengfu", "-o", pdf.to_str().unwrap()]).success();
    let text = pdftotext(&pdf, false);
    assert!(!text.contains("————"), "a doubled dash:\n{text}");
    assert!(text.contains("——2024年2月4日"), "{text}");
    // No space between Chinese and digits: the strip and the body.
    assert!(text.contains("2024年第2期（总第247期）"), "{text}");
    assert!(text.contains("增长6.5%"), "{text}");
    assert!(!text.contains("2024 年"), "{text}");
    // The strip: the round 王栋栋 signed, its date, the magazine's pages.
    let flat = without_space(&text);
    assert!(flat.contains("第一校·校对：王栋栋"), "{text}");
    assert!(flat.contains("刊内第11—17页"), "{text}");
    assert!(!flat.contains("第1页"), "the PDF's own page number: {text}");
    let quality = shipped(&["quality", "2024-02"]).get_output().stdout.clone();
    assert!(
        String::from_utf8(quality)
            .unwrap()
            .contains("2024-02/zhengfu 第一校 王栋栋 2024-02-20"),
        "galley quality numbers the round the same way"
    );
}

#[test]
fn a_revised_article_waits_for_the_next_round_with_a_strip_on_one_line() {
    let (mag, key) = worked_month();
    let pdf = mag.home.join("校样.pdf");
    mag.ok_on(9, "王焕彩", &["proof", &key, "-o", pdf.to_str().unwrap()]);
    let text = pdftotext(&pdf, true);
    let strip = line_with(&text, "《当代濮阳》");
    // The text as it stands was signed by 宋欣龙 in the second round.
    let flat = without_space(strip);
    assert!(flat.contains("第二校·校对：宋欣龙"), "{strip}");
    assert!(flat.contains("2024-03-06"), "the round's date: {strip}");
    assert!(flat.contains("刊内第5—8页"), "{strip}");
    assert!(flat.contains('…'), "the long title cut short: {strip}");
    assert!(!flat.contains(LONG_TITLE), "{strip}");

    // After another revision the proof is the third round's, to be read.
    let again = mag.write("../dashuju3.txt", "第一段。\n\n第二段。\n");
    mag.ok_on(
        10,
        "刘卫防",
        &[
            "revise",
            &key,
            "--file",
            again.to_str().unwrap(),
            "-m",
            "再改",
        ],
    );
    mag.ok_on(10, "王焕彩", &["proof", &key, "-o", pdf.to_str().unwrap()]);
    let text = pdftotext(&pdf, true);
    let flat = without_space(line_with(&text, "《当代濮阳》"));
    assert!(flat.contains("第三校·校对：＿＿＿＿"), "{flat}");
    assert!(!flat.contains("宋欣龙"), "{flat}");
}

#[test]
fn margin_notes_quote_with_double_and_inner_single_marks() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("校样.pdf");
    shipped(&[
        "proof",
        "2024-02/zhengfu",
        "--marks",
        "-o",
        pdf.to_str().unwrap(),
    ])
    .success();
    let text = pdftotext(&pdf, false);
    assert!(!text.contains('「') && !text.contains('」'), "{text}");
    assert!(text.contains("提示“莅”改为“立”"), "{text}");
}

#[test]
fn the_sheet_with_long_notes_keeps_each_tag_in_its_cell_and_names_its_second_page() {
    let (mag, key) = worked_month();
    // More rounds with long notes, so that the sheet runs to two pages.
    for day in 10..14 {
        mag.ok_on(day, "刘卫防", &["reopen", &key, "--reason", LONG_NOTE]);
        mag.ok_on(
            day,
            "宋欣龙",
            &["proofread", &key, "-m", &format!("{LONG_NOTE}{LONG_NOTE}")],
        );
    }
    let pdf = mag.home.join("处理单.pdf");
    mag.ok_on(15, "王焕彩", &["sheet", &key, "-o", pdf.to_str().unwrap()]);
    let boxes = words(&pdf);
    // The first sign-off's tag ends above the row of the next sign-off.
    let tag = boxes
        .iter()
        .find(|w| w.0.contains("已撤回"))
        .expect("a 已撤回 tag");
    let next = boxes
        .iter()
        .find(|w| w.0 == "宋欣龙" && w.1 == tag.1 && w.2 > tag.2 - 1.0)
        .expect("the next sign-off's name");
    assert!(
        tag.3 <= next.2 + 0.5,
        "the tag {tag:?} runs into the next row {next:?}"
    );

    assert_eq!(pages(&pdf), 2, "long notes run to a second page");
    let text = pdftotext(&pdf, true);
    let second = text.split('\u{c}').nth(1).unwrap();
    assert!(second.contains(&format!("稿号：{key}")), "{second}");
    assert!(second.contains("关于我市大数据区块链"), "{second}");
    assert!(without_space(second).contains("第2页，共2页"), "{second}");
    let first = text.split('\u{c}').next().unwrap();
    assert!(without_space(first).contains("第1页，共2页"), "{first}");
}

#[test]
fn the_sheet_says_the_same_character_count_as_show_and_has_the_lines_an_office_fills() {
    let (mag, key) = worked_month();
    let shown = mag.json("王焕彩", &["show", &key, "--json"])["characters"]
        .as_u64()
        .unwrap();
    let pdf = mag.home.join("处理单.pdf");
    mag.ok_on(9, "王焕彩", &["sheet", &key, "-o", pdf.to_str().unwrap()]);
    let text = without_space(&pdftotext(&pdf, true));
    assert!(text.contains(&format!("正文字数{shown}字")), "{text}");
    for needle in [
        "署名本刊记者甲",
        "页码第5—8页",
        "版面共4页",
        "核红",
        "主编（高昌运）",
    ] {
        assert!(text.contains(needle), "{needle} missing: {text}");
    }
}

#[test]
fn the_print_order_lists_pages_in_order_and_speaks_to_the_chief_editor() {
    let mag = Mag::new();
    let late = mag.add("houji", "后记", "正文。\n");
    let early = mag.add("juanshou", "卷首", "正文。\n");
    mag.ok("王焕彩", &["set", &late, "page=8"]);
    mag.ok("王焕彩", &["set", &early, "page=1", "pages=4"]);
    let pdf = mag.home.join("付印单.pdf");
    mag.ok("王焕彩", &["sheet", "2024-03", "-o", pdf.to_str().unwrap()]);
    let text = pdftotext(&pdf, true);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle}:\n{text}"))
    };
    assert!(at("卷首") < at("后记"), "page order:\n{text}");
    for absent in [
        "galley",
        "issue.toml",
        "print_date",
        "2024-02-25",
        "staff.toml",
    ] {
        assert!(
            !text.contains(absent),
            "{absent} on the printed form:\n{text}"
        );
    }
    let flat = without_space(&text);
    for needle in [
        "大16开（210×285毫米）",
        "编辑部主任",
        "（王焕彩）",
        "交货日期",
        "装订",
        "刊头还没有印刷日期",
    ] {
        assert!(
            flat.contains(&without_space(needle)),
            "{needle} missing:\n{text}"
        );
    }
}

/// `%E7%A8%BF` back to 稿.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn one_person_on_proofreading_and_approval_is_named_on_the_forms_and_the_desk() {
    let (mag, key) = office();
    mag.ok("王焕彩", &["assign", &key, "王栋栋"]);
    mag.ok("王栋栋", &["proofread", &key]);
    let order = mag.home.join("付印单.pdf");
    let print_order = |mag: &Mag| {
        mag.ok(
            "王焕彩",
            &["sheet", "2024-03", "-o", order.to_str().unwrap()],
        );
        without_space(&pdftotext(&order, false))
    };
    assert!(
        print_order(&mag).contains("每篇的各个环节都由不同的人签署"),
        "one stage signed is no overlap"
    );
    mag.ok("王栋栋", &["approve", &key]);

    let warning = "王栋栋一人签署了「校对」和「审定」，这份文本没有经过第二个人";
    let sheet = mag.home.join("处理单.pdf");
    mag.ok("王焕彩", &["sheet", &key, "-o", sheet.to_str().unwrap()]);
    let text = without_space(&pdftotext(&sheet, false));
    assert!(text.contains(warning), "{text}");
    assert!(
        text.contains("手签"),
        "room for a signature by hand:\n{text}"
    );

    let text = print_order(&mag);
    assert!(
        text.contains(
            "2024-03/qingneng《关于我市氢能产业发展的调研报告》：王栋栋一人签署了「校对」和「审定」"
        ),
        "{text}"
    );
    assert!(!text.contains("每篇的各个环节都由不同的人签署"), "{text}");
    assert!(
        text.contains("校次（按记录）：三校及以上0篇，二校0篇，一校1篇，未校0篇"),
        "{text}"
    );
    assert!(text.contains("核红人签字"), "{text}");

    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("王焕彩", "wanghuancai-pw");
    assert!(b.text(&format!("/a/{key}")).contains(warning));
    let issue = b.text("/issues/2024-03");
    assert!(
        issue.contains("下面的稿件由同一个人签署了当前文本的两个环节")
            && issue.contains(&format!("href=\"/a/{key}\"")),
        "{issue}"
    );
}

#[test]
fn margin_notes_near_the_foot_of_a_page_stay_on_it_without_overlapping() {
    let mag = Mag::new();
    let clean = |n: usize| {
        format!(
            "第{n}段，全市规模以上工业增加值增长百分之八点六，推动大数据区块链产业高质量发展，做好“稳”与“进”两篇文章，坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党的二十大精神。"
        )
    };
    // Eighteen half-width commas in the paragraph that ends page one:
    // eighteen notes stacked from its line would run past the page's foot.
    let crowded =
        "倒数一段,一,二,三,四,五,六,七,八,九,十,十一,十二,十三,十四,十五,十六,十七,十八。";
    let mut paragraphs: Vec<String> = (1..=10).map(clean).collect();
    paragraphs.push(crowded.to_string());
    paragraphs.extend((12..=15).map(clean));
    let key = mag.add("a6", "第6篇稿件的标题", &(paragraphs.join("\n\n") + "\n"));
    let pdf = mag.home.join("校样.pdf");
    mag.ok(
        "王焕彩",
        &["proof", &key, "--marks", "-o", pdf.to_str().unwrap()],
    );
    // 285 mm high with a 20 mm foot margin, in points.
    let foot = (285.0 - 20.0) / 25.4 * 72.0;
    let notes: Vec<_> = words(&pdf)
        .into_iter()
        .filter(|w| w.0.contains("错误"))
        .collect();
    assert_eq!(notes.len(), 18, "{notes:?}");
    for w in &notes {
        assert!(w.3 <= foot + 1.0, "a note past the foot of its page: {w:?}");
    }
    let mut on_first: Vec<_> = notes.iter().filter(|w| w.1 == 1).collect();
    on_first.sort_by(|a, b| a.2.total_cmp(&b.2));
    assert_eq!(
        on_first.len(),
        18,
        "all beside their paragraph, on page one"
    );
    for pair in on_first.windows(2) {
        assert!(
            pair[1].2 >= pair[0].3 - 0.5,
            "notes overlap: {:?} and {:?}",
            pair[0],
            pair[1]
        );
    }
}
