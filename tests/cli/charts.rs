//! `galley chart`: an issue's progress day by day, and the archive's
//! 差错率, as SVG a browser or a report can take; and the same charts on
//! the desk.

use std::collections::BTreeMap;

use crate::support::{Mag, shipped};
use crate::web::{Desk, office};

/// The chart's SVG, checked to be well-formed XML.
fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}"))
}

fn has_class(node: &roxmltree::Node, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|w| w == class))
}

/// State id → (day → count), from the progress chart's bars.
fn bars(doc: &roxmltree::Document) -> BTreeMap<String, BTreeMap<String, usize>> {
    let mut by_state = BTreeMap::new();
    for series in doc.descendants().filter(|n| has_class(n, "series")) {
        let state = series.attribute("data-state").unwrap().to_string();
        let days: BTreeMap<String, usize> = series
            .children()
            .filter(|n| has_class(n, "mark"))
            .map(|r| {
                (
                    r.attribute("data-day").unwrap().to_string(),
                    r.attribute("data-count").unwrap().parse().unwrap(),
                )
            })
            .collect();
        by_state.insert(state, days);
    }
    by_state
}

fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect()
}

#[test]
fn the_shipped_issue_ends_where_status_stands() {
    let svg = String::from_utf8(
        shipped(&["chart", "progress", "2024-02"])
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    let doc = parse(&svg);
    let bars = bars(&doc);
    assert_eq!(
        bars.keys().cloned().collect::<Vec<_>>(),
        ["approved", "draft", "proofread"],
        "one series per state of the magazine's workflow"
    );
    let last = bars
        .values()
        .flat_map(|days| days.keys().cloned())
        .max()
        .unwrap();
    let board: serde_json::Value = serde_json::from_slice(
        &shipped(&["status", "2024-02", "--json"])
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    let mut on_board: BTreeMap<String, usize> = BTreeMap::new();
    for row in board["articles"].as_array().unwrap() {
        *on_board
            .entry(row["status"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    let on_chart: BTreeMap<String, usize> = bars
        .iter()
        .map(|(state, days)| (state.clone(), days.get(&last).copied().unwrap_or(0)))
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(on_chart, on_board, "the last day, {last}, is the board");
    let data: serde_json::Value = serde_json::from_slice(
        &shipped(&["chart", "progress", "2024-02", "--json"])
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    let in_json: BTreeMap<String, usize> = data["states"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let counts = s["counts"].as_array().unwrap();
            (
                s["state"].as_str().unwrap().to_string(),
                counts.last().unwrap().as_u64().unwrap() as usize,
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(in_json, on_chart, "--json gives the same figures");
    let words = texts(&doc);
    for label in ["草稿", "已校对", "已审定"] {
        assert!(words.iter().any(|t| t == label), "legend lacks {label}");
    }
}

#[test]
fn each_day_shows_what_was_recorded_by_then_with_due_and_print_dates() {
    let mag = Mag::new();
    let a = mag.add("a", "甲稿", "第一段。\n");
    mag.add("b", "乙稿", "第一段。\n");
    mag.ok("王焕彩", &["assign", &a, "刘卫防", "--due", "2024-03-10"]);
    let on = |day: u32, who: &str, args: &[&str]| mag.ok_on(day, who, args);
    on(3, "宋欣龙", &["proofread", &a]);
    let revised = mag.write("../a-v2.txt", "第一段，改过。\n");
    on(
        5,
        "刘卫防",
        &["revise", &a, "--file", revised.to_str().unwrap()],
    );
    let issue = mag.read("issues/2024-03/issue.toml");
    mag.write(
        "issues/2024-03/issue.toml",
        format!("print_date = 2024-03-12\n{issue}"),
    );

    let out = mag
        .cmd("王焕彩")
        .env("GALLEY_NOW", "2024-03-06T18:00:00+08:00")
        .args(["chart", "progress", "2024-03"])
        .assert()
        .success();
    let svg = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let doc = parse(&svg);
    let bars = bars(&doc);
    let count = |state: &str, day: &str| bars[state].get(day).copied().unwrap_or(0);
    assert_eq!(count("draft", "2024-03-01"), 2);
    assert_eq!(count("draft", "2024-03-03"), 1);
    assert_eq!(count("proofread", "2024-03-03"), 1);
    assert_eq!(count("proofread", "2024-03-04"), 1);
    // The revision made the proofreading stale from that day on.
    assert_eq!(count("proofread", "2024-03-05"), 0);
    assert_eq!(count("draft", "2024-03-06"), 2);
    assert!(
        !bars["draft"].contains_key("2024-03-07"),
        "nothing is drawn after today"
    );
    let words = texts(&doc);
    // The list under the axis says whose each deadline is.
    let listed = |label: &str| words.iter().any(|t| t.ends_with(label));
    assert!(listed("截稿 3月10日：刘卫防 1 篇"), "{words:?}");
    assert!(listed("付印 3月12日"), "{words:?}");
    let tip = doc
        .descendants()
        .filter(|n| has_class(n, "mark"))
        .find(|n| n.attribute("data-day") == Some("2024-03-03"))
        .and_then(|n| n.children().find(|c| c.has_tag_name("title")))
        .and_then(|t| t.text())
        .unwrap()
        .to_string();
    assert!(tip.starts_with("2024年3月3日 · "), "{tip}");

    let file = mag.root.join("进度.svg");
    let said = mag.ok(
        "王焕彩",
        &["chart", "progress", "2024-03", "-o", file.to_str().unwrap()],
    );
    assert!(said.starts_with("已生成图表（SVG）"), "{said}");
    parse(&std::fs::read_to_string(&file).unwrap());
}

#[test]
fn an_approval_years_later_is_one_last_bar_and_the_axis_keeps_its_years() {
    let mag = Mag::new();
    let long = "坚持以高质量党建引领基层治理现代化 奋力谱写新时代濮阳高质量发展绚丽篇章";
    let a = mag.add("a", long, "第一段。\n");
    let b = mag.add("b", "乙稿", "第一段。\n");
    mag.ok("王焕彩", &["assign", &a, "刘卫防", "--due", "2024-03-08"]);
    mag.ok("王焕彩", &["assign", &b, "荣萍萍", "--due", "2024-03-09"]);
    let note = "第二段的数据需要核实，请责任编辑与作者联系，确认表述是否准确，并核对引文出处；标题过长，建议压缩到二十字以内。";
    mag.ok_on(4, "王栋栋", &["proofread", &a, "-m", note]);
    mag.ok_on(5, "王栋栋", &["proofread", &b]);
    mag.ok_on(6, "荣萍萍", &["approve", &b]);
    mag.cmd("刘卫防")
        .env("GALLEY_NOW", "2026-12-03T09:00:00+08:00")
        .args(["approve", &a])
        .assert()
        .success();

    let out = mag
        .cmd("王焕彩")
        .env("GALLEY_NOW", "2026-12-03T10:00:00+08:00")
        .args(["chart", "progress", "2024-03"])
        .assert()
        .success();
    let svg = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(svg.len() < 60_000, "{} bytes", svg.len());
    let doc = parse(&svg);
    let bars = bars(&doc);
    let days: std::collections::BTreeSet<&String> = bars.values().flat_map(|d| d.keys()).collect();
    assert!(days.len() <= 71, "{} bars", days.len());
    assert!(
        days.iter()
            .all(|d| d.starts_with("2024-03") || *d == "2026-12-03"),
        "the month, then one bar for what came after: {days:?}"
    );
    let late: Vec<_> = doc
        .descendants()
        .filter(|n| has_class(n, "late"))
        .filter(|n| n.attribute("data-day") == Some("2026-12-03"))
        .collect();
    assert!(!late.is_empty(), "the late bar is marked as such");
    assert_eq!(count_in(&bars, "approved", "2026-12-03"), 2);
    assert_eq!(count_in(&bars, "approved", "2024-03-31"), 1);
    let words = texts(&doc);
    assert!(words.iter().any(|t| t == "其后"), "{words:?}");
    assert!(words.iter().any(|t| t.contains("2026")), "{words:?}");
    assert!(
        words.iter().any(|t| t.starts_with("2024/3/")),
        "the first day carries its year: {words:?}"
    );
    let whose: Vec<_> = words.iter().filter(|t| t.contains("截稿")).collect();
    assert_eq!(whose.len(), 2, "{whose:?}");
    assert!(whose[0].ends_with("截稿 3月8日：刘卫防 1 篇"), "{whose:?}");
    assert!(whose[1].ends_with("截稿 3月9日：荣萍萍 1 篇"), "{whose:?}");
}

fn count_in(bars: &BTreeMap<String, BTreeMap<String, usize>>, state: &str, day: &str) -> usize {
    bars.get(state)
        .and_then(|d| d.get(day))
        .copied()
        .unwrap_or(0)
}

#[test]
fn an_issue_with_no_records_yet_says_so() {
    let mag = Mag::new();
    mag.add("a", "甲稿", "第一段。\n");
    let err = mag.refused("王焕彩", &["chart", "progress", "2024-03"]);
    assert!(err.contains("还没有任何流程记录"), "{err}");
    assert!(err.contains("提示："), "{err}");
}

/// Issue → rate as `galley quality --json` gives it.
fn ledger_rate(mag: &Mag, issue: &str) -> f64 {
    mag.json("王焕彩", &["quality", issue, "--json"])["rate"]
        .as_f64()
        .unwrap()
}

fn points(svg: &str) -> Vec<(String, f64, bool)> {
    let doc = parse(svg);
    doc.descendants()
        .filter(|n| has_class(n, "issue"))
        .map(|n| {
            (
                n.attribute("data-issue").unwrap().to_string(),
                n.attribute("data-rate").unwrap().parse().unwrap(),
                has_class(&n, "over"),
            )
        })
        .collect()
}

#[test]
fn one_mark_per_issue_and_those_over_the_limit_stand_out() {
    let mag = Mag::new();
    mag.add("a", "甲稿", "濮阳市经济持续向好，各项工作稳步推进。\n");
    mag.ok("王焕彩", &["issue", "new", "2024-04"]);
    let file = mag.write("../b.txt", "这是一篇稿子，错别字布署在这里。\n");
    mag.ok(
        "王焕彩",
        &[
            "add",
            "2024-04",
            "--title",
            "乙稿",
            "--slug",
            "b",
            "--section",
            "重要言论",
            "--file",
            file.to_str().unwrap(),
        ],
    );
    let first = mag.ok("王焕彩", &["chart", "quality"]);
    let marks = points(&first);
    assert_eq!(
        marks.iter().map(|m| m.0.as_str()).collect::<Vec<_>>(),
        ["2024-03", "2024-04"]
    );
    for (issue, rate, over) in &marks {
        let expected = ledger_rate(&mag, issue);
        assert!(
            (rate - expected).abs() < 0.005,
            "{issue}: {rate} vs {expected}"
        );
        assert_eq!(*over, expected > 2.0, "{issue}");
    }
    assert!(marks[1].2, "the issue with 布署 is over the limit");
    assert!(first.contains("限值 2.00/万"));

    // Figures are kept between runs, and an edit is seen at once.
    assert_eq!(mag.ok("王焕彩", &["chart", "quality"]), first);
    mag.write(
        "issues/2024-04/b/article.md",
        mag.read("issues/2024-04/b/article.md")
            .replace("布署", "部署"),
    );
    let after = points(&mag.ok("王焕彩", &["chart", "quality"]));
    assert!(!after[1].2, "corrected, it is under the limit");
    assert!((after[1].1 - ledger_rate(&mag, "2024-04")).abs() < 0.005);
}

#[test]
fn the_desk_shows_progress_above_the_board_and_the_archive_on_quality() {
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("王焕彩", "wanghuancai-pw");
    let board = b.text("/issues/2024-03");
    let chart_at = board
        .find("class=\"chart progress wide\"")
        .expect("a chart");
    assert!(
        board.contains("class=\"chart progress narrow\""),
        "and one drawn for phones"
    );
    let table_at = board.find("<table").expect("the board");
    assert!(chart_at < table_at, "the chart is above the board");
    parse(&board[board.find("<svg").unwrap()..board.find("</svg>").unwrap() + 6]);

    let ledger = b.text("/issues/2024-03/quality");
    assert!(ledger.contains("href=\"/quality\""));
    let page = b.text("/quality");
    assert!(page.contains("各期编校质量"));
    let svg = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap() + 6];
    assert_eq!(points(svg).len(), 1);
    assert!(page.contains("href=\"/issues/2024-03/quality\""));
}

#[test]
fn an_issue_not_yet_printed_is_drawn_hollow_and_off_the_line() {
    let (mag, _) = crate::month::ready_issue();
    mag.ok("高昌运", &["release", "2024-03"]);
    mag.ok("王焕彩", &["issue", "new", "2024-04"]);
    let svg = mag.ok("王焕彩", &["chart", "quality"]);
    let doc = parse(&svg);
    let marks: Vec<(String, bool)> = doc
        .descendants()
        .filter(|n| has_class(n, "issue"))
        .map(|n| {
            (
                n.attribute("data-issue").unwrap().to_string(),
                has_class(&n, "unprinted"),
            )
        })
        .collect();
    assert_eq!(
        marks,
        [
            ("2024-03".to_string(), false),
            ("2024-04".to_string(), true)
        ]
    );
    let words = texts(&doc);
    assert!(words.iter().any(|t| t == "未付印"), "{words:?}");
    assert!(words.iter().any(|t| t.contains("估计差错率")), "{words:?}");
    let line = doc
        .descendants()
        .find(|n| n.has_tag_name("polyline"))
        .and_then(|n| n.attribute("points"))
        .unwrap();
    assert_eq!(line.split_whitespace().count(), 1, "only the printed issue");
}
