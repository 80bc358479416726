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
        without_space(&text).contains("第二校·校对：宋欣龙"),
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
fn marks_put_the_checkers_findings_beside_their_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("校样.pdf");
    shipped(&[
        "proof",
        "2024-02/zouxiang",
        "--marks",
        "-o",
        pdf.to_str().unwrap(),
    ])
    .success();
    let text = pdftotext(&pdf, true);
    let first = line_with(&text, "刚刚过去的");
    assert!(first.trim_start().starts_with('1'), "{first}");
    assert!(first.contains("错误「市委市政府」"), "{first}");
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
        assert!(r.bytes().unwrap().starts_with(b"%PDF-"), "{path}");
    }
    assert_eq!(b.get("/a/2024-03/nosuch/sheet.pdf").status(), 404);
    assert_eq!(b.get("/issues/2031-01/sheet.pdf").status(), 404);
}
