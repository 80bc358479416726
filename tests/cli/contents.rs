//! The contents page (目次) and masthead: `galley toc` in every format,
//! the print check, and the page plan.

use assert_cmd::assert::Assert;

use crate::support::{Mag, shipped};

fn stdout(a: &Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

fn stderr(a: &Assert) -> String {
    String::from_utf8(a.get_output().stderr.clone()).unwrap()
}

/// The printed contents page of 2024年第2期 (seed lines 60–112), entry by
/// entry: section, page, title, subtitle, credit. The print credits
/// 凝心聚力 实干笃行 to 方正峰; the article's byline says 万正峰.
const PRINTED: &[(&str, &str, &str, Option<&str>, &str)] = &[
    (
        "卷首语",
        "01",
        "链群培育蓄势能 倍增行动启新程",
        None,
        "特约评论员",
    ),
    (
        "重要言论",
        "04",
        "凝心聚力 实干笃行",
        Some("在中国式现代化建设濮阳实践中展现新作为"),
        "万正峰",
    ),
    (
        "重要言论",
        "08",
        "奏响发展最强音 汇聚发展正能量",
        Some("奋力开创全面转型高质量发展新局面"),
        "万正峰",
    ),
    (
        "重要言论",
        "11",
        "政府工作报告（摘要）",
        Some("——2024年2月4日在濮阳市第九届人民代表大会第三次会议上"),
        "朱良才",
    ),
    (
        "新材料产业集群",
        "18",
        "关于我市生物降解材料产业链的调研报告",
        None,
        "专题调研组一",
    ),
    (
        "新材料产业集群",
        "20",
        "关于我市聚碳新材料产业链的调研报告",
        None,
        "专题调研组二",
    ),
    (
        "新材料产业集群",
        "23",
        "关于我市绿色涂料产业链的调研报告",
        None,
        "专题调研组三",
    ),
    (
        "新材料产业集群",
        "26",
        "关于我市高端聚烯烃产业链的调研报告",
        None,
        "专题调研组四",
    ),
    (
        "新材料产业集群",
        "29",
        "关于我市高端精细化工及电子化学品产业链的调研报告",
        None,
        "专题调研组五",
    ),
    (
        "新材料产业集群",
        "33",
        "关于我市无机非金属材料产业链的调研报告",
        None,
        "专题调研组六",
    ),
    (
        "新能源产业集群",
        "36",
        "关于我市光伏及风电产业发展情况的调研报告",
        None,
        "专题调研组七",
    ),
    (
        "新能源产业集群",
        "39",
        "关于我市氢能产业发展的调研报告",
        None,
        "专题调研组八",
    ),
    (
        "新一代信息技术产业集群",
        "44",
        "关于我市大数据区块链、电子信息装备、信息技术应用服务产业链的调研报告",
        None,
        "专题调研组九",
    ),
    (
        "新一代信息技术产业集群",
        "47",
        "关于我市人工智能产业链的调研报告",
        None,
        "专题调研组十",
    ),
];

#[test]
fn the_contents_model_matches_the_printed_page_entry_for_entry() {
    let json: serde_json::Value = serde_json::from_str(&stdout(
        &shipped(&["toc", "2024-02", "--format", "json"]).success(),
    ))
    .unwrap();
    let mut got = Vec::new();
    for section in json["sections"].as_array().unwrap() {
        for e in section["entries"].as_array().unwrap() {
            got.push((
                section["name"].as_str().unwrap().to_string(),
                e["page_label"].as_str().unwrap().to_string(),
                e["title"].as_str().unwrap().to_string(),
                e["subtitle"].as_str().map(str::to_string),
                e["credit"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join(" "),
            ));
        }
    }
    let want: Vec<_> = PRINTED
        .iter()
        .map(|(s, p, t, sub, c)| {
            (
                s.to_string(),
                p.to_string(),
                t.to_string(),
                sub.map(str::to_string),
                c.to_string(),
            )
        })
        .collect();
    assert_eq!(got, want);
    assert_eq!(json["issue"]["total"], 247);
    assert_eq!(json["cover"]["photographer"], "僧少琴");
    assert_eq!(json["back_cover"]["photographer"], "吴峰");
    let callouts: Vec<&str> = json["callouts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect();
    assert_eq!(callouts, ["P08", "P11", "P20", "P47"]);
    let people: Vec<(String, String)> = json["masthead"]["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["title"].as_str().unwrap().to_string(),
                r["names"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })
        .collect();
    let people: Vec<(&str, &str)> = people
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        people,
        [
            ("主编", "高昌运"),
            ("编辑部主任", "王焕彩"),
            ("责任编辑", "王栋栋 刘卫防"),
            ("美编", "荣萍萍"),
            ("校对", "宋欣龙")
        ]
    );
}

#[test]
fn text_md_and_html_of_the_shipped_issue() {
    let text = shipped(&["toc", "2024-02"]).success();
    // The shipped history records approval only where the print names a
    // 责任编辑, and the print lacks 印刷日期 and 印数; the preview warns.
    assert_eq!(
        stderr(&text),
        format!(
            "{}\n",
            SHIPPED_PROBLEMS.map(|p| format!("注意：{p}")).join("\n")
        )
    );
    insta::assert_snapshot!("toc_text", stdout(&text));
    insta::assert_snapshot!(
        "toc_md",
        stdout(&shipped(&["toc", "2024-02", "--format", "md"]).success())
    );
    let html = stdout(&shipped(&["toc", "2024-02", "--format", "html"]).success());
    assert!(
        html.contains("@page { size: 210mm 285mm;"),
        "trim size from staff.toml"
    );
    assert!(!html.contains("<link") && !html.contains("<script"));
    insta::assert_snapshot!("toc_html", html);
}

const SHIPPED_PROBLEMS: [&str; 13] = [
    "《链群培育蓄势能 倍增行动启新程》（2024-02/lianqun）还没有在当前文本上审定完毕。",
    "《凝心聚力 实干笃行》（2024-02/ningxin）还没有在当前文本上审定完毕。",
    "《奏响发展最强音 汇聚发展正能量》（2024-02/zouxiang）还没有在当前文本上审定完毕。",
    "《政府工作报告（摘要）》（2024-02/zhengfu）还没有在当前文本上审定完毕。",
    "《万正峰讲话摘录》（2024-02/shufa-wanzhengfeng）还没有在当前文本上审定完毕。",
    "《习近平语》（2024-02/shufa-xijinping）还没有在当前文本上审定完毕。",
    "《王化记绘画作品欣赏》（2024-02/huihua-wanghuaji）还没有在当前文本上审定完毕。",
    "《立梁架柱 强筋壮骨》（2024-02/liliang）还没有在当前文本上审定完毕。",
    "刊头缺少印刷日期（内部资料性出版物管理办法第十四条要求）；在编辑台“本期设置”里填写，或用 galley issue set 期号 --print-date 年-月-日。",
    "刊头缺少印数（内部资料性出版物管理办法第十四条要求）；在编辑台“本期设置”里填写，或用 galley issue set 期号 --print-run 册数。",
    "《凝心聚力 实干笃行》（2024-02/ningxin）的差错率估计为万分之2.50，超过限值万分之2；用 galley lint 2024-02/ningxin 查看。",
    "《奏响发展最强音 汇聚发展正能量》（2024-02/zouxiang）的差错率估计为万分之13.17，超过限值万分之2；用 galley lint 2024-02/zouxiang 查看。",
    "《政府工作报告（摘要）》（2024-02/zhengfu）的差错率估计为万分之4.23，超过限值万分之2；用 galley lint 2024-02/zhengfu 查看。",
];

#[test]
fn the_check_lists_what_the_law_requires_and_exits_3() {
    let out = shipped(&["toc", "2024-02", "--check"]).code(3);
    let listed = stdout(&out);
    assert_eq!(listed.lines().collect::<Vec<_>>(), SHIPPED_PROBLEMS);
    assert!(stderr(&out).starts_with("错误：目次还不能付印：发现 13 个问题"));
}

/// The issue's 差错 and its articles' are one figure: the articles'
/// shares add up to the issue's, so every article the check calls over the
/// limit is over it by the same count the issue is judged by.
#[test]
fn the_articles_figures_add_up_to_the_issues() {
    let out = shipped(&["quality", "2024-02", "--json"]).success();
    let q: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let issue = q["weighted_errors"].as_f64().unwrap();
    let articles: f64 = q["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["weighted_errors"].as_f64().unwrap())
        .sum();
    assert!(issue > 1.0, "{issue}");
    assert!((articles - issue).abs() < 1e-6, "{articles} vs {issue}");
    let over: Vec<&str> = q["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["over_limit"].as_bool().unwrap())
        .map(|a| a["article"].as_str().unwrap())
        .collect();
    let listed = stdout(&shipped(&["toc", "2024-02", "--check"]).code(3));
    for key in &over {
        assert!(listed.contains(&format!("（{key}）的差错率")), "{key}");
    }
    assert_eq!(listed.matches("的差错率估计为").count(), over.len());
}

/// A small issue with every kind of problem, then mended one by one.
#[test]
fn every_problem_is_found_and_a_clean_issue_passes() {
    let mag = Mag::new();
    let a = mag.add("jiahao", "甲稿", "第一段。\n");
    let b = mag.add("yihao", "乙稿", "第一段。\n");
    mag.ok("王焕彩", &["set", &a, "page=1", "pages=4"]);
    mag.ok("王焕彩", &["set", &b, "page=3", "pages=2"]);
    mag.ok("王焕彩", &["assign", &a, "刘卫防"]);
    mag.ok("王焕彩", &["assign", &b, "刘卫防"]);
    mag.ok("宋欣龙", &["proofread", &a]);
    mag.ok("刘卫防", &["approve", &a]);
    let fixed = mag.write("../a2.txt", "第一段，改过。\n");
    mag.ok("刘卫防", &["revise", &a, "--file", fixed.to_str().unwrap()]);
    let c = mag.add("binghao", "丙稿", "正文。\n");
    let staff = mag.read("staff.toml").replace(
        "permit = \"河南省连续性内资〔濮阳〕002号\"",
        "permit = \"\"",
    );
    mag.write("staff.toml", staff);
    let out = mag.run("王焕彩", &["toc", "2024-03", "--check"]).code(3);
    let listed = stdout(&out);
    for needle in [
        "《甲稿》（2024-03/jiahao）的「校对」「审定」签署已过期",
        "《甲稿》（2024-03/jiahao）还没有在当前文本上审定完毕",
        "《乙稿》（2024-03/yihao）还没有在当前文本上审定完毕",
        "《丙稿》（2024-03/binghao）还没有在当前文本上审定完毕",
        "《丙稿》（2024-03/binghao）上目次，但没有起始页码",
        "2024-03/jiahao 和 2024-03/yihao 都占了第 3–4 页",
        "栏目“卷首语”下没有上目次的稿件",
        "栏目“新能源产业集群”下没有上目次的稿件",
        "刊头缺少准印证号",
        "刊头缺少印刷日期",
        "刊头缺少印数",
    ] {
        assert!(listed.contains(needle), "missing {needle}:\n{listed}");
    }
    assert_eq!(listed.lines().count(), 11, "{listed}");

    // Mend everything.
    mag.write("staff.toml", crate::support::STAFF);
    mag.ok("宋欣龙", &["proofread", &a]);
    mag.ok("刘卫防", &["approve", &a]);
    mag.ok("王焕彩", &["set", &b, "page=5", "section=卷首语"]);
    mag.ok("宋欣龙", &["proofread", &b]);
    mag.ok("刘卫防", &["approve", &b]);
    mag.ok(
        "王焕彩",
        &["set", &c, "page=7", "pages=1", "section=新能源产业集群"],
    );
    mag.ok("王焕彩", &["assign", &c, "刘卫防"]);
    mag.ok("宋欣龙", &["proofread", &c]);
    mag.ok("刘卫防", &["approve", &c]);
    let issue = mag.read("issues/2024-03/issue.toml");
    mag.write(
        "issues/2024-03/issue.toml",
        format!("{issue}print_date = 2024-03-25\nprint_run = 3000\n"),
    );
    let out = mag.ok("王焕彩", &["toc", "2024-03", "--check"]);
    assert_eq!(out, "2024-03 的目次和刊头检查通过，可以付印。\n");
    let text = mag.ok("王焕彩", &["toc", "2024-03"]);
    assert!(
        text.contains("印刷日期：2024-03-25\n印\u{3000}数：3000 册"),
        "{text}"
    );
}

/// The cells of the first table row that mentions `needle`.
fn cells(table: &str, needle: &str) -> Vec<String> {
    let line = table
        .lines()
        .find(|l| l.starts_with('|') && l.contains(needle))
        .unwrap_or_else(|| panic!("no row with {needle}:\n{table}"));
    line.trim_matches('|')
        .split('|')
        .map(|c| c.trim().to_string())
        .collect()
}

#[test]
fn the_page_plan_flags_gaps_and_overlaps() {
    let out = stdout(&shipped(&["pages", "2024-02"]).success());
    assert_eq!(
        cells(&out, "lianqun")[..3],
        ["01–03", "3", "2024-02/lianqun"]
    );
    assert_eq!(cells(&out, "rengong")[..3], ["47", "1", "2024-02/rengong"]);
    assert!(
        out.trim_end().ends_with("共 47 页，没有空页，没有重叠。"),
        "{out}"
    );

    let mag = Mag::new();
    let a = mag.add("jiahao", "甲稿", "第一段。\n");
    let b = mag.add("yihao", "乙稿", "第一段。\n");
    let c = mag.add("binghao", "丙稿", "第一段。\n");
    mag.ok("王焕彩", &["set", &a, "page=1", "pages=4"]);
    mag.ok("王焕彩", &["set", &b, "page=4", "pages=2"]);
    mag.ok("王焕彩", &["set", &c, "page=9"]);
    let out = mag.ok("王焕彩", &["pages", "2024-03"]);
    assert_eq!(
        cells(&out, "yihao"),
        [
            "04–05",
            "2",
            "2024-03/yihao",
            "乙稿",
            "与 2024-03/jiahao 重叠"
        ]
    );
    assert_eq!(cells(&out, "空页"), ["06–08", "3", "", "（空页）", ""]);
    assert_eq!(
        cells(&out, "binghao"),
        ["09", "1", "2024-03/binghao", "丙稿", "页数未填，按推算"]
    );
    assert!(
        out.trim_end()
            .ends_with("共 9 页，空页：第 6–8 页，重叠 1 处。"),
        "{out}"
    );
}

/// CI installs a Chinese font and says so, so that the PDF branch is the
/// one it runs; elsewhere fontconfig is asked.
fn has_chinese_font() -> bool {
    if std::env::var("GALLEY_EXPECT_CJK_FONT").as_deref() == Ok("1") {
        return true;
    }
    std::process::Command::new("fc-list")
        .arg(":lang=zh")
        .output()
        .is_ok_and(|o| o.status.success() && !o.stdout.is_empty())
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every font the PDF uses is embedded, and as a subset (`ABCDEF+Name`).
fn fonts_are_embedded_subsets(pdf: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut fonts = 0;
    for (_, object) in doc.objects.iter() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"FontDescriptor".as_slice()) {
            continue;
        }
        fonts += 1;
        let name =
            String::from_utf8_lossy(dict.get(b"FontName").unwrap().as_name().unwrap()).into_owned();
        let tag = name.split('+').next().unwrap();
        assert!(
            name.contains('+') && tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "not a subset: {name}"
        );
        assert!(
            [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                .iter()
                .any(|k| dict.has(k)),
            "not embedded: {name}"
        );
    }
    fonts
}

#[test]
fn the_pdf_carries_the_titles_as_text_or_the_missing_font_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("toc.pdf");
    let out = shipped(&[
        "toc",
        "2024-02",
        "--format",
        "pdf",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    if !has_chinese_font() {
        let out = out.code(1);
        assert!(
            stderr(&out).contains("没有找到中文字体"),
            "{}",
            stderr(&out)
        );
        assert!(!pdf.exists(), "no PDF of empty boxes");
        return;
    }
    let out = out.success();
    assert!(stdout(&out).starts_with("已生成目次 PDF："));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = squash(&pdf_extract::extract_text_from_mem(&bytes).unwrap());
    for (section, page, title, subtitle, credit) in PRINTED {
        for needle in [*section, *page, *title, *credit]
            .into_iter()
            .chain(*subtitle)
        {
            assert!(
                text.contains(&squash(needle)),
                "{needle} not in the PDF text:\n{text}"
            );
        }
    }
    for needle in [
        "当代濮阳",
        "DANGDAIPUYANG",
        "总第247期",
        "主编：高昌运",
        "准印证号：河南省连续性内资〔濮阳〕002号",
        "内部资料免费交流",
    ] {
        assert!(
            text.contains(&squash(needle)) || text.contains(needle),
            "{needle} not in:\n{text}"
        );
    }
    assert!(!text.contains("方正峰"));
    assert!(fonts_are_embedded_subsets(&bytes) >= 1);
}

#[test]
fn without_a_chinese_font_no_pdf_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("toc.pdf");
    let out = shipped(&[
        "toc",
        "2024-02",
        "--format",
        "pdf",
        "--no-system-fonts",
        "-o",
        pdf.to_str().unwrap(),
    ])
    .code(1);
    let err = stderr(&out);
    assert!(err.contains("\n错误：没有找到中文字体"), "{err}");
    assert!(
        err.contains("fonts-noto-cjk") && err.contains("--font-path"),
        "{err}"
    );
    assert!(!pdf.exists());
}

#[test]
fn typ_is_the_template_with_its_data_inline() {
    let typ = stdout(&shipped(&["toc", "2024-02", "--format", "typ"]).success());
    assert!(typ.contains("#let c = json(bytes(\""), "{}", &typ[..400]);
    assert!(!typ.contains("json(\"contents.json\")"));
    assert!(typ.contains("政府工作报告（摘要）"));
}

#[test]
fn the_file_name_chooses_the_format_when_none_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("目次.html");
    let out = shipped(&["toc", "2024-02", "-o", html.to_str().unwrap()]).success();
    assert!(stdout(&out).contains("网页"), "{}", stdout(&out));
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    // An explicit --format still wins over the name.
    let text = dir.path().join("目次.html.txt");
    shipped(&[
        "toc",
        "2024-02",
        "--format",
        "md",
        "-o",
        text.to_str().unwrap(),
    ])
    .success();
    assert!(
        !std::fs::read_to_string(&text)
            .unwrap()
            .starts_with("<!DOCTYPE")
    );
    if has_chinese_font() {
        let pdf = dir.path().join("目次.pdf");
        shipped(&["toc", "2024-02", "-o", pdf.to_str().unwrap()]).success();
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    }
}
