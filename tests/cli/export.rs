//! `galley export`: the text for layout, as Word or plain text, of the
//! shipped 2024-02 issue and of small scenarios; and an article's
//! revisions as Word 修订, opened in LibreOffice where it is installed.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use galley::core::frontmatter;

use crate::support::{Mag, shipped};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One part of a zip (a .docx is one), as text.
fn part(zip_bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).unwrap();
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("no {name}"));
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    text
}

fn names(zip_bytes: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).unwrap();
    archive.file_names().map(String::from).collect()
}

/// The paragraphs of a document.xml: (style, text), deleted text left out.
fn paragraphs(xml: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    doc.descendants()
        .filter(|n| n.has_tag_name((w, "p")))
        .map(|p| {
            let style = p
                .descendants()
                .find(|n| n.has_tag_name((w, "pStyle")))
                .and_then(|s| s.attribute((w, "val")))
                .unwrap_or_default()
                .to_string();
            let text: String = p
                .descendants()
                .filter(|n| n.has_tag_name((w, "t")))
                .filter_map(|t| t.text())
                .collect();
            (style, text)
        })
        .collect()
}

struct Shipped {
    title: String,
    page: Option<u32>,
    body: String,
}

fn shipped_articles() -> Vec<Shipped> {
    let dir = repo().join("issues/2024-02");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path().join("article.md");
        if let Ok(source) = std::fs::read_to_string(&path) {
            let text = frontmatter::parse(&source).unwrap();
            out.push(Shipped {
                title: text.front.title,
                page: text.front.page,
                body: text.body,
            });
        }
    }
    out
}

fn export_to(args: &[&str], name: &str) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    all.extend(["-o", file.to_str().unwrap()]);
    let out = shipped(&all).success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    (dir, file, stderr)
}

#[test]
fn the_shipped_issue_as_one_word_file_in_page_order_with_the_styles() {
    let (_dir, file, said) = export_to(&["2024-02", "--draft"], "2024-02.docx");
    assert!(said.contains("已导出 18 篇到"), "{said}");
    assert!(said.contains("未审定"), "{said}");
    let bytes = std::fs::read(&file).unwrap();
    let document = part(&bytes, "word/document.xml");
    let styles = part(&bytes, "word/styles.xml");
    for style in ["标题", "副标题", "作者", "正文", "图片说明"] {
        assert!(
            styles.contains(&format!("w:styleId=\"{style}\"")),
            "{style} not in styles.xml"
        );
    }
    // 首行缩进 2 characters, in the fonts the office has.
    let body_style = styles.split("w:styleId=\"正文\"").nth(1).unwrap();
    let body_style = &body_style[..body_style.find("</w:style>").unwrap()];
    assert!(
        body_style.contains("w:firstLineChars=\"200\""),
        "{body_style}"
    );
    assert!(styles.contains("w:eastAsia=\"SimSun\"") && styles.contains("w:eastAsia=\"SimHei\""));
    assert!(styles.contains("<w:lang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\" />"));
    // No automatic gap between Chinese and digits: 2024年第3期, as printed.
    assert!(
        styles.contains(
            "<w:pPrDefault><w:pPr><w:autoSpaceDE w:val=\"0\" /><w:autoSpaceDN w:val=\"0\" />"
        ),
        "{styles}"
    );

    let paras = paragraphs(&document);
    let titles: Vec<&str> = paras
        .iter()
        .filter(|(s, _)| s == "标题")
        .map(|(_, t)| t.as_str())
        .collect();
    let articles = shipped_articles();
    assert_eq!(titles.len(), articles.len());
    // Page order: every article with a page, by page; then the rest.
    let mut paged: Vec<&Shipped> = articles.iter().filter(|a| a.page.is_some()).collect();
    paged.sort_by_key(|a| a.page);
    let expected: Vec<&str> = paged.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(&titles[..expected.len()], expected.as_slice());
    assert_eq!(titles[0], "链群培育蓄势能 倍增行动启新程");
    // The text is there, a paragraph of 正文 each.
    let qingneng = articles.iter().find(|a| a.title.contains("氢能")).unwrap();
    let first = qingneng.body.split("\n\n").next().unwrap();
    assert!(
        paras.iter().any(|(s, t)| s == "正文" && t == first),
        "{first}"
    );
    assert!(
        paras
            .iter()
            .any(|(s, t)| s == "图片说明" && t.ends_with("本通 / 摄"))
    );
    // The header says 未审定, and so does the line above each draft.
    let header = part(&bytes, "word/header1.xml");
    assert!(
        header.contains("《当代濮阳》2024年第2期（总第247期）　未审定稿"),
        "{header}"
    );
    let above = |title: &str| {
        let at = paras.iter().position(|(_, t)| t == title).unwrap();
        paras[at - 1].0 == "审定标记"
    };
    assert!(above("凝心聚力 实干笃行"), "ningxin is not approved");
    assert!(!above(&qingneng.title), "qingneng is approved");
}

#[test]
fn without_draft_an_unapproved_text_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.docx");
    let out = shipped(&["export", "2024-02", "-o", file.to_str().unwrap()]).code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.starts_with(
            "错误：有 8 篇稿件还没有审定：《链群培育蓄势能 倍增行动启新程》、《凝心聚力 实干笃行》"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("默认只导出审定稿"), "{stderr}");
    assert!(
        stderr.contains("提示：要导出未审定的文本，加 --draft：galley export 2024-02 --draft"),
        "{stderr}"
    );
    assert!(!file.exists());
    let out = shipped(&["export", "2024-02/ningxin", "-o", file.to_str().unwrap()]).code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.starts_with("错误：《凝心聚力 实干笃行》还没有审定，默认只导出审定稿。"),
        "{stderr}"
    );
    assert!(!file.exists());
}

#[test]
fn an_approved_article_as_gb18030_text_reads_back_byte_for_byte() {
    let (_d1, utf8, _) = export_to(&["2024-02/qingneng", "--format", "txt"], "a.txt");
    let (_d2, gb, _) = export_to(
        &[
            "2024-02/qingneng",
            "--format",
            "txt",
            "--encoding",
            "gb18030",
            "--crlf",
        ],
        "b.txt",
    );
    let utf8 = std::fs::read_to_string(utf8).unwrap();
    let gb = std::fs::read(gb).unwrap();
    assert!(std::str::from_utf8(&gb).is_err(), "not GB18030");
    let (decoded, _, bad) = encoding_rs::GB18030.decode(&gb);
    assert!(!bad);
    assert_eq!(decoded, utf8.replace('\n', "\r\n"));
    let (again, _, _) = encoding_rs::GB18030.encode(&decoded);
    assert_eq!(again.as_ref(), gb.as_slice());
    // Approved: no mark; title lines first, then one paragraph a line.
    assert!(!utf8.contains("未审定"), "{utf8}");
    assert!(
        utf8.starts_with("关于我市氢能产业发展的调研报告\n专题调研组八\n\n濮阳市氢能产业工作专班")
    );
    let source =
        std::fs::read_to_string(repo().join("issues/2024-02/qingneng/article.md")).unwrap();
    let body = frontmatter::parse(&source).unwrap().body;
    for paragraph in body.split("\n\n") {
        assert!(
            utf8.contains(&format!("\n{}\n", paragraph.trim())),
            "{paragraph}"
        );
    }
    assert!(
        !utf8.chars().any(|c| c.is_control() && c != '\n'),
        "a control character"
    );
}

#[test]
fn a_whole_issue_as_a_zip_of_one_file_each_named_in_page_order() {
    let (_dir, file, _) = export_to(
        &["2024-02", "--draft", "--zip", "--format", "txt"],
        "2024-02.zip",
    );
    let bytes = std::fs::read(file).unwrap();
    let list = names(&bytes);
    assert_eq!(list.len(), 18);
    assert_eq!(list[0], "01-p001-lianqun.txt");
    assert_eq!(list[1], "02-p004-ningxin.txt");
    assert_eq!(list[11], "12-p039-qingneng.txt");
    assert!(list[14..].iter().all(|n| !n.contains("-p")), "{list:?}");
    let mut sorted = list.clone();
    sorted.sort();
    assert_eq!(list, sorted);
    let one = part(&bytes, "12-p039-qingneng.txt");
    assert!(one.starts_with("关于我市氢能产业发展的调研报告\n"), "{one}");
    let draft = part(&bytes, "02-p004-ningxin.txt");
    assert!(
        draft.starts_with("《当代濮阳》2024年第2期（总第247期）　未审定稿\n"),
        "{draft}"
    );
    assert!(draft.contains("【未审定】"), "{draft}");
}

#[test]
fn control_characters_never_reach_the_file() {
    let mag = Mag::new();
    let key = mag.add("jiahao", "标题", "第一段。\n");
    // galley refuses other control characters in a file; a tab, bidi
    // marks and a stray BOM can be there.
    let file = "issues/2024-03/jiahao/article.md";
    let source = mag.read(file).replace(
        "第一段。",
        "第一段\u{feff}有\u{200f}控制符。\n\n第二段\u{202e}反向\t。",
    );
    mag.write(file, source);
    let file = mag.home.join("out.txt");
    mag.ok(
        "王焕彩",
        &[
            "export",
            &key,
            "--draft",
            "--format",
            "txt",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("第一段有控制符。\n第二段反向 。\n"), "{text}");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    assert!(!text.contains(['\u{200f}', '\u{202e}']));
}

#[test]
fn after_approval_the_approved_text_is_exported_until_asked_for_the_draft() {
    let mag = Mag::new();
    let key = mag.add(
        "jiahao",
        "审定后改过的稿件",
        "审定时的第一段。\n\n第二段。\n",
    );
    mag.ok("王焕彩", &["assign", &key, "刘卫防"]);
    mag.ok("宋欣龙", &["proofread", &key]);
    mag.ok("刘卫防", &["approve", &key]);
    let later = mag.write("../later.txt", "审定后改动的第一段。\n\n第二段。\n");
    mag.ok(
        "宋欣龙",
        &[
            "revise",
            &key,
            "--file",
            later.to_str().unwrap(),
            "-m",
            "改",
        ],
    );
    let file = mag.home.join("out.txt");
    let out = mag
        .run(
            "王焕彩",
            &[
                "export",
                &key,
                "--format",
                "txt",
                "-o",
                file.to_str().unwrap(),
            ],
        )
        .success();
    let said = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        said.contains("审定后又改过，导出的是审定时的文本"),
        "{said}"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text, "审定后改过的稿件\n\n审定时的第一段。\n第二段。\n");
    mag.ok(
        "王焕彩",
        &[
            "export",
            &key,
            "--draft",
            "--format",
            "txt",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("《当代濮阳》2024年第3期（总第248期）　未审定稿\n\n\n【未审定】"),
        "{text}"
    );
    assert!(text.contains("审定后改动的第一段。"), "{text}");
}

// ---- LibreOffice ---------------------------------------------------------

/// CI installs LibreOffice and says so, so that these tests run there;
/// elsewhere they run where `soffice` is found.
fn soffice() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("soffice"))
            .find(|p| p.is_file())
    });
    if std::env::var("GALLEY_EXPECT_SOFFICE").as_deref() == Ok("1") {
        assert!(
            found.is_some(),
            "GALLEY_EXPECT_SOFFICE=1 but no soffice on PATH"
        );
    }
    found
}

/// A LibreOffice of its own for one test: a fresh profile, holding the
/// macro that accepts or rejects every tracked change and saves as text.
struct Office {
    bin: PathBuf,
    dir: tempfile::TempDir,
}

const MACRO: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Resolve(inPath As String, outPath As String, command As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), &quot;_blank&quot;, 0, args())
  If command &lt;&gt; &quot;&quot; Then
    dispatcher = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
    dispatcher.executeDispatch(doc.CurrentController.Frame, command, &quot;&quot;, 0, Array())
  End If
  Dim out(1) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;Text (encoded)&quot;
  out(1).Name = &quot;FilterOptions&quot;
  out(1).Value = &quot;UTF8&quot;
  doc.storeToURL(ConvertToURL(outPath), out())
  doc.close(True)
End Sub
</script:module>
"#;

impl Office {
    fn new(bin: PathBuf) -> Office {
        let dir = tempfile::tempdir().unwrap();
        let office = Office { bin, dir };
        let status = office
            .command()
            .arg("--terminate_after_init")
            .status()
            .unwrap();
        assert!(status.success());
        let module = office.profile().join("user/basic/Standard/Module1.xba");
        assert!(module.exists(), "LibreOffice made no profile");
        std::fs::write(module, MACRO).unwrap();
        office
    }

    fn profile(&self) -> PathBuf {
        self.dir.path().join("profile")
    }

    fn command(&self) -> StdCommand {
        let mut cmd = StdCommand::new(&self.bin);
        cmd.arg("--headless")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                self.profile().display()
            ))
            .env("HOME", self.dir.path());
        cmd
    }

    fn read_txt(path: &Path) -> String {
        let text = std::fs::read_to_string(path).unwrap();
        text.trim_start_matches('\u{feff}').replace("\r\n", "\n")
    }

    /// `soffice --convert-to txt`, as a person would run it.
    fn convert(&self, docx: &Path) -> String {
        let out = self.dir.path().join("converted");
        let status = self
            .command()
            .args(["--convert-to", "txt:Text (encoded):UTF8", "--outdir"])
            .arg(&out)
            .arg(docx)
            .status()
            .unwrap();
        assert!(status.success());
        let name = docx.file_stem().unwrap().to_str().unwrap();
        Office::read_txt(&out.join(format!("{name}.txt")))
    }

    /// The document with every tracked change accepted (`.uno:AcceptAllTrackedChanges`)
    /// or rejected, as text.
    fn resolved(&self, docx: &Path, command: &str) -> String {
        let out = self.dir.path().join(format!("{command}.txt"));
        let status = self
            .command()
            .arg(format!(
                "macro:///Standard.Module1.Resolve(\"{}\",\"{}\",\".uno:{command}\")",
                docx.display(),
                out.display()
            ))
            .status()
            .unwrap();
        assert!(status.success());
        assert!(out.exists(), "the macro wrote nothing");
        Office::read_txt(&out)
    }
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn libreoffice_opens_the_exported_word_file_with_the_text_intact() {
    let Some(bin) = soffice() else {
        eprintln!("skipped: no soffice (set GALLEY_EXPECT_SOFFICE=1 to require it)");
        return;
    };
    let (_dir, file, _) = export_to(&["2024-02/qingneng"], "qingneng.docx");
    let office = Office::new(bin);
    let text = office.convert(&file);
    let source =
        std::fs::read_to_string(repo().join("issues/2024-02/qingneng/article.md")).unwrap();
    let body = frontmatter::parse(&source).unwrap().body;
    let mut expected = vec![
        "关于我市氢能产业发展的调研报告".to_string(),
        "专题调研组八".to_string(),
    ];
    expected.extend(lines(&body));
    assert_eq!(lines(&text), expected);
}

/// r1 as added and signed, then three revisions by two people: each
/// change must carry its editor's name and day.
fn three_revisions() -> (Mag, String) {
    let mag = Mag::new();
    let key = mag.add(
        "qingneng",
        "氢能产业调研报告",
        "濮阳氢能产业发展迅速。\n\n一是制氢成本较高，二是储运难度大。\n\n三是标准不完善。\n",
    );
    mag.ok("王焕彩", &["assign", &key, "刘卫防"]);
    mag.ok_on(
        2,
        "宋欣龙",
        &["proofread", &key, "-m", "数字请核对原始材料"],
    );
    let revise = |day: u32, who: &str, body: &str, n: usize| {
        let file = mag.write(&format!("../r{n}.txt"), body);
        mag.ok_on(
            day,
            who,
            &[
                "revise",
                &key,
                "--file",
                file.to_str().unwrap(),
                "-m",
                "改稿",
            ],
        );
    };
    // 宋欣龙 adds 市 and splits the second paragraph.
    revise(
        3,
        "宋欣龙",
        "濮阳市氢能产业发展迅速。\n\n一是制氢成本较高。\n\n二是储运难度大。\n\n三是标准不完善。\n",
        2,
    );
    // 刘卫防 rewrites 迅速 and changes only a punctuation mark.
    revise(
        4,
        "刘卫防",
        "濮阳市氢能产业高质量发展。\n\n一是制氢成本较高。\n\n二是储运难度大！\n\n三是标准不完善。\n",
        3,
    );
    // 宋欣龙 deletes a paragraph.
    revise(
        5,
        "宋欣龙",
        "濮阳市氢能产业高质量发展。\n\n一是制氢成本较高。\n\n二是储运难度大！\n",
        4,
    );
    (mag, key)
}

/// Every w:ins or w:del: (tag, author, date, text).
fn tracked(xml: &str) -> Vec<(String, String, String, String)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    doc.descendants()
        .filter(|n| n.has_tag_name((w, "ins")) || n.has_tag_name((w, "del")))
        .map(|n| {
            let text: String = n
                .descendants()
                .filter(|t| t.has_tag_name((w, "t")) || t.has_tag_name((w, "delText")))
                .filter_map(|t| t.text())
                .collect();
            let in_mark = n.parent().is_some_and(|p| p.has_tag_name((w, "rPr")));
            (
                n.tag_name().name().to_string(),
                n.attribute((w, "author")).unwrap_or_default().to_string(),
                n.attribute((w, "date")).unwrap_or_default().to_string(),
                if in_mark { "¶".to_string() } else { text },
            )
        })
        .collect()
}

#[test]
fn changes_as_word_tracked_changes_each_under_its_editor_and_date() {
    let (mag, key) = three_revisions();
    let file = mag.home.join("修订.docx");
    let out = mag
        .run(
            "王焕彩",
            &["export", &key, "--changes", "-o", file.to_str().unwrap()],
        )
        .success();
    let said = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        said.contains("r2 宋欣龙，r3 刘卫防，r4 宋欣龙；签署意见 1 条作为批注。"),
        "{said}"
    );
    assert!(
        said.contains("起点：「校对」签署的文本（宋欣龙签署，r1）"),
        "{said}"
    );
    let bytes = std::fs::read(&file).unwrap();
    let document = part(&bytes, "word/document.xml");
    let marks = tracked(&document);
    let song = |day: u32| ("宋欣龙".to_string(), format!("2024-03-{day:02}T10:00:00Z"));
    let liu = ("刘卫防".to_string(), "2024-03-04T10:00:00Z".to_string());
    let find = |tag: &str, text: &str| {
        marks
            .iter()
            .find(|m| m.0 == tag && m.3 == text)
            .map(|m| (m.1.clone(), m.2.clone()))
            .unwrap_or_else(|| panic!("no {tag} {text}: {marks:?}"))
    };
    assert_eq!(find("ins", "市"), song(3));
    assert_eq!(find("del", "迅速"), liu);
    assert_eq!(find("ins", "高质量"), liu);
    assert_eq!(find("del", "。"), liu);
    assert_eq!(find("ins", "！"), liu);
    assert_eq!(find("del", "三是标准不完善。"), song(5));
    // The split: 宋欣龙's comma out, a full stop and a paragraph mark in.
    assert_eq!(find("del", "，"), song(3));
    assert!(
        marks
            .iter()
            .any(|m| m.0 == "ins" && m.3 == "¶" && (m.1.clone(), m.2.clone()) == song(3))
    );
    assert!(
        marks
            .iter()
            .any(|m| m.0 == "del" && m.3 == "¶" && (m.1.clone(), m.2.clone()) == song(5))
    );
    assert!(
        marks.iter().all(|m| m.1 == "宋欣龙" || m.1 == "刘卫防"),
        "{marks:?}"
    );
    // The proofreader's note is a comment at the start of the text.
    let comments = part(&bytes, "word/comments.xml");
    assert!(comments.contains("w:author=\"宋欣龙\""), "{comments}");
    assert!(
        comments.contains("「校对」签署意见：数字请核对原始材料"),
        "{comments}"
    );
    let first_body = document.find("w:pStyle w:val=\"正文\"").unwrap();
    let comment_start = document.find("w:commentRangeStart").unwrap();
    assert!(comment_start > first_body);
    assert!(comment_start < document[first_body..].find("w:t").unwrap() + first_body);

    let Some(bin) = soffice() else {
        eprintln!("skipped the LibreOffice part: no soffice");
        return;
    };
    let office = Office::new(bin);
    let accepted = office.resolved(&file, "AcceptAllTrackedChanges");
    let rejected = office.resolved(&file, "RejectAllTrackedChanges");
    let head = ["氢能产业调研报告".to_string()];
    let with_head = |body: &[&str]| {
        head.iter()
            .cloned()
            .chain(body.iter().map(|s| s.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        lines(&accepted),
        with_head(&[
            "濮阳市氢能产业高质量发展。",
            "一是制氢成本较高。",
            "二是储运难度大！"
        ])
    );
    assert_eq!(
        lines(&rejected),
        with_head(&[
            "濮阳氢能产业发展迅速。",
            "一是制氢成本较高，二是储运难度大。",
            "三是标准不完善。"
        ])
    );
}

#[test]
fn changes_between_named_revisions_and_the_refusals() {
    let (mag, key) = three_revisions();
    let file = mag.home.join("r3.docx");
    let out = mag
        .run(
            "王焕彩",
            &[
                "export",
                &key,
                "--changes",
                "--from",
                "r3",
                "--to",
                "r4",
                "-o",
                file.to_str().unwrap(),
            ],
        )
        .success();
    let said = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(said.contains("：r4 宋欣龙。"), "{said}");
    let marks = tracked(&part(&std::fs::read(&file).unwrap(), "word/document.xml"));
    assert!(
        marks.iter().all(|m| m.0 == "del" && m.1 == "宋欣龙"),
        "{marks:?}"
    );

    let refused = mag.refused(
        "王焕彩",
        &[
            "export",
            &key,
            "--changes",
            "--from",
            "r4",
            "--to",
            "r2",
            "-o",
            "x.docx",
        ],
    );
    assert!(refused.contains("没有修订可导出"), "{refused}");
    let refused = mag.run(
        "王焕彩",
        &["export", "2024-03", "--changes", "-o", "x.docx"],
    );
    let stderr = String::from_utf8(refused.code(2).get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("--changes 要写一篇稿件"), "{stderr}");
}

// ---- a returned Word file ------------------------------------------------

fn returned_docx(in_table: bool) -> Vec<u8> {
    use docx_rs::{Comment, Delete, Docx, Insert, Paragraph, Run, Table, TableCell, TableRow};
    let first = Paragraph::new()
        .add_run(Run::new().add_text("濮阳"))
        .add_insert(
            Insert::new(Run::new().add_text("市"))
                .author("张作者")
                .date("2024-03-06T09:00:00Z"),
        )
        .add_comment_start(
            Comment::new(7)
                .author("李领导")
                .date("2024-03-07T09:00:00Z")
                .add_paragraph(Paragraph::new().add_run(Run::new().add_text("请核实"))),
        )
        .add_run(Run::new().add_text("氢能"))
        .add_delete(
            Delete::new()
                .add_run(Run::new().add_delete_text("快速"))
                .author("李领导")
                .date("2024-03-07T09:00:00Z"),
        )
        .add_comment_end(7)
        .add_run(Run::new().add_text("发展。"));
    let mut doc = Docx::new()
        .add_paragraph(first)
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("第二段。")));
    if in_table {
        doc = doc.add_table(Table::new(vec![TableRow::new(vec![
            TableCell::new().add_paragraph(
                Paragraph::new()
                    .add_insert(Insert::new(Run::new().add_text("表内")).author("张作者")),
            ),
        ])]));
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut buf).unwrap();
    buf.into_inner()
}

#[test]
fn a_returned_word_file_with_changes_and_comments_is_shown_then_accepted() {
    let mag = Mag::new();
    let key = mag.add("qingneng", "氢能", "濮阳氢能快速发展。\n\n第二段。\n");
    let file = mag.write("../返回.docx", returned_docx(false));
    let file = file.to_str().unwrap();
    let args = ["revise", key.as_str(), "--file", file, "-m", "作者返回"];
    let refused = mag.refused("宋欣龙", &args);
    assert!(
        refused.starts_with("错误：文件里有 2 处修订、1 条批注，还没有保存。"),
        "{refused}"
    );
    assert!(
        refused.contains("加 --accept 接受全部修订并保存"),
        "{refused}"
    );
    let shown = mag.run("宋欣龙", &args).code(1);
    let shown = String::from_utf8(shown.get_output().stdout.clone()).unwrap();
    assert_eq!(
        shown,
        "这份 Word 文件里有 2 处修订、1 条批注：\n  修订 张作者 2024-03-06：插入「市」\n  修订 李领导 2024-03-07：删除「快速」\n  批注 李领导 2024-03-07：「氢能快速」请核实\n"
    );

    mag.ok(
        "宋欣龙",
        &["revise", &key, "--file", file, "-m", "作者返回", "--accept"],
    );
    let article = mag.read("issues/2024-03/qingneng/article.md");
    assert!(
        article.ends_with("\n濮阳市氢能发展。\n\n第二段。\n"),
        "{article}"
    );
    let subject = mag.git(&["log", "-1", "--format=%an|%s"]);
    assert_eq!(
        subject.trim(),
        "宋欣龙|宋欣龙修订《氢能》：作者返回（接受 Word 修订：张作者 1 处、李领导 1 处）"
    );
    let journal = mag.root.join("issues/2024-03/qingneng/journal");
    let notes: Vec<String> = std::fs::read_dir(journal)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .filter(|t| t.contains("op = \"revise\""))
        .collect();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].contains("批注（李领导 2024-03-07）：「氢能快速」请核实"),
        "{}",
        notes[0]
    );
}

#[test]
fn a_returned_word_file_with_changes_in_a_table_is_refused_whole() {
    let mag = Mag::new();
    let key = mag.add("qingneng", "氢能", "濮阳氢能快速发展。\n\n第二段。\n");
    let file = mag.write("../表格.docx", returned_docx(true));
    let refused = mag.refused(
        "宋欣龙",
        &["revise", &key, "--file", file.to_str().unwrap(), "--accept"],
    );
    assert!(
        refused.starts_with("错误：这份 Word 文件里有表格里的修订"),
        "{refused}"
    );
    assert!(refused.contains("没有保存"), "{refused}");
}

#[test]
fn an_exported_changes_file_accepted_back_gives_the_text_it_ends_at() {
    let (mag, key) = three_revisions();
    let file = mag.home.join("r3.docx");
    let file = file.to_str().unwrap();
    mag.ok(
        "王焕彩",
        &[
            "export",
            &key,
            "--changes",
            "--from",
            "r1",
            "--to",
            "r3",
            "-o",
            file,
        ],
    );
    let shown = mag.run("刘卫防", &["revise", &key, "--file", file]).code(1);
    let shown = String::from_utf8(shown.get_output().stdout.clone()).unwrap();
    assert!(
        shown.contains("  修订 宋欣龙 2024-03-03：分段\n"),
        "{shown}"
    );
    assert!(
        shown.contains("  批注 宋欣龙 2024-03-02：「校对」签署意见：数字请核对原始材料\n"),
        "{shown}"
    );
    mag.ok("刘卫防", &["revise", &key, "--file", file, "--accept"]);
    let article = mag.read("issues/2024-03/qingneng/article.md");
    assert!(
        article.ends_with("\n濮阳市氢能产业高质量发展。\n\n一是制氢成本较高。\n\n二是储运难度大！\n\n三是标准不完善。\n"),
        "{article}"
    );
}

// ---- on the desk ---------------------------------------------------------

fn saved_as(r: &reqwest::blocking::Response) -> String {
    let named = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(named.starts_with("attachment; "), "{named}");
    let encoded = named.split("filename*=UTF-8''").nth(1).unwrap();
    percent_encoding::percent_decode_str(encoded)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

#[test]
fn the_desk_hands_out_word_and_text_copies_and_takes_a_returned_file_only_when_told() {
    use crate::web::{Desk, hidden, office};
    let (mag, key) = office();
    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("刘卫防", "liuweifang-pw");
    let page = b.text(&format!("/a/{key}"));
    assert!(
        page.contains(&format!("href=\"/a/{key}/copy.docx?draft=1\"")),
        "a draft is offered as a draft"
    );
    let refused = b.get(&format!("/a/{key}/copy.docx"));
    assert_ne!(refused.status(), 200);
    assert!(refused.text().unwrap().contains("还没有审定"));
    let draft = b.get(&format!("/a/{key}/copy.docx?draft=1"));
    assert_eq!(draft.status(), 200);
    assert_eq!(
        saved_as(&draft),
        "未审定稿-2024-03-关于我市氢能产业发展的调研报告.docx"
    );
    let xml = part(&draft.bytes().unwrap(), "word/document.xml");
    assert!(xml.contains("第一段。") && xml.contains("未审定"), "{xml}");

    mag.ok("宋欣龙", &["proofread", &key]);
    mag.ok("刘卫防", &["approve", &key]);
    let page = b.text(&format!("/a/{key}"));
    assert!(page.contains(&format!("href=\"/a/{key}/copy.docx\"")));
    let approved = b.get(&format!("/a/{key}/copy.docx"));
    assert_eq!(
        saved_as(&approved),
        "审定稿-2024-03-关于我市氢能产业发展的调研报告.docx"
    );
    let text = b.get(&format!("/a/{key}/copy.txt?encoding=gb18030&crlf=1"));
    assert_eq!(
        text.headers()["content-type"],
        "text/plain; charset=gb18030"
    );
    let bytes = text.bytes().unwrap();
    let (decoded, _, bad) = encoding_rs::GB18030.decode(&bytes);
    assert!(
        !bad && decoded.contains("第一段。\r\n第二段。\r\n"),
        "{decoded:?}"
    );
    let issue = b.get("/issues/2024-03/copy.zip");
    assert_eq!(saved_as(&issue), "审定稿-2024-03.zip");
    let files = names(&issue.bytes().unwrap());
    assert_eq!(files, ["01-qingneng.docx"], "{files:?}");

    // A returned Word file with 修订 and 批注: nothing is taken in until
    // the person says to accept them.
    let returned = || {
        let page = b.text(&format!("/a/{key}"));
        reqwest::blocking::multipart::Form::new()
            .text("csrf", hidden(&page, "csrf"))
            .text("base", hidden(&page, "base"))
            .text("message", "作者返回")
            .part(
                "file",
                reqwest::blocking::multipart::Part::bytes(returned_docx(false))
                    .file_name("返回.docx"),
            )
    };
    let post = |form| {
        b.client
            .post(format!("{}/a/{key}/revise", b.url))
            .multipart(form)
            .send()
            .unwrap()
    };
    let before = mag.git(&["rev-parse", "HEAD"]);
    assert_eq!(post(returned()).status(), 303);
    assert_eq!(mag.git(&["rev-parse", "HEAD"]), before, "nothing saved");
    let page = b.text(&format!("/a/{key}"));
    assert!(
        page.contains("上传的 Word 文件里有 2 处修订、1 条批注，还没有保存。")
            && page.contains("修订 张作者 2024-03-06：插入「市」")
            && page.contains("批注 李领导 2024-03-07：「氢能快速」请核实"),
        "{page}"
    );
    assert_eq!(post(returned().text("accept", "1")).status(), 303);
    assert_eq!(
        mag.git(&["log", "-1", "--format=%an|%s"]).trim(),
        "刘卫防|刘卫防修订《关于我市氢能产业发展的调研报告》：作者返回（接受 Word 修订：张作者 1 处、李领导 1 处）"
    );
    let changes = b.get(&format!("/a/{key}/changes.docx"));
    assert_eq!(
        saved_as(&changes),
        "修订-2024-03-关于我市氢能产业发展的调研报告.docx"
    );
    let xml = part(&changes.bytes().unwrap(), "word/document.xml");
    assert!(xml.contains("w:author=\"刘卫防\""), "{xml}");
}

#[test]
fn a_returned_file_made_on_an_older_revision_is_refused_and_both_changes_are_named() {
    let mag = Mag::new();
    // r1 is the text the returned file's 修订 start from.
    let key = mag.add("qingneng", "氢能", "濮阳氢能快速发展。\n\n第二段。\n");
    let later = mag.write("../r2.txt", "濮阳氢能快速发展。\n\n第二段，补充了数据。\n");
    mag.ok(
        "刘卫防",
        &[
            "revise",
            &key,
            "--file",
            later.to_str().unwrap(),
            "-m",
            "补数据",
        ],
    );
    let before = mag.read("issues/2024-03/qingneng/article.md");
    let file = mag.write("../返回.docx", returned_docx(false));
    let args = [
        "revise",
        key.as_str(),
        "--file",
        file.to_str().unwrap(),
        "--accept",
    ];
    let refused = mag.refused("宋欣龙", &args);
    assert!(
        refused.contains("这份 Word 文件是在 r1（王焕彩，2024-03-01）的文本上改的，那以后这篇稿件又有了 r2 的修订；照文件保存会把这些修订冲掉，所以没有保存。"),
        "{refused}"
    );
    assert!(
        refused.contains("galley diff 2024-03/qingneng --from r1"),
        "{refused}"
    );
    let listed = mag.run("宋欣龙", &args).code(1);
    let listed = String::from_utf8(listed.get_output().stdout.clone()).unwrap();
    assert!(
        listed.contains("修订 李领导 2024-03-07：删除「快速」"),
        "{listed}"
    );
    assert_eq!(
        mag.read("issues/2024-03/qingneng/article.md"),
        before,
        "nothing lost"
    );
}
