//! The shipped 2024年第2期 matches its printed text, and its board shows
//! who did what exactly as the print does.

use std::path::Path;

use assert_cmd::Command;

use galley::core::staff::StaffFile;

use crate::support::{STAFF, sealed};

const PRINTED: &str = include_str!("../fixtures/2024-02-printed.txt");

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn board() -> serde_json::Value {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("galley").unwrap();
    sealed(&mut cmd, home.path());
    let out = cmd
        .arg("-C")
        .arg(repo())
        .args(["status", "2024-02", "--json"])
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The printed text without running heads and photo captions, whitespace
/// removed, so paragraphs cut by a page end or a photo read through.
fn printed_without_furniture() -> String {
    let staff: StaffFile = toml::from_str(STAFF).unwrap();
    let heads: Vec<String> = staff
        .magazine
        .running_heads
        .iter()
        .map(|h| squash(h))
        .collect();
    assert_eq!(heads.len(), 3, "staff.toml lists the printed running heads");
    let lines: Vec<&str> = PRINTED.lines().filter(|l| !l.trim().is_empty()).collect();
    let credit_only = |l: &str| l.contains("/ 摄") && squash(l).chars().count() <= 6;
    let kept: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| {
            let caption = l.contains("/ 摄")
                || l.trim_end().ends_with(" 摄")
                || lines.get(i + 1).is_some_and(|next| credit_only(next));
            !caption && !heads.contains(&squash(l))
        })
        .map(|(_, l)| *l)
        .collect();
    squash(&kept.join("\n"))
}

fn contents_rows(board: &serde_json::Value) -> Vec<serde_json::Value> {
    board["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["in_toc"] == true)
        .cloned()
        .collect()
}

fn article_text(key: &str) -> String {
    let (issue, slug) = key.split_once('/').unwrap();
    std::fs::read_to_string(
        repo()
            .join("issues")
            .join(issue)
            .join(slug)
            .join("article.md"),
    )
    .unwrap()
}

#[test]
fn fourteen_articles_in_printed_order_with_honest_statuses() {
    let board = board();
    let rows = &contents_rows(&board);
    let got: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{:02} {} {} {}",
                r["page"].as_u64().unwrap(),
                r["section"].as_str().unwrap(),
                r["editor"].as_str().unwrap_or("-"),
                r["status"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "01 卷首语 - proofread",
            "04 重要言论 - proofread",
            "08 重要言论 - proofread",
            "11 重要言论 - proofread",
            "18 新材料产业集群 宋欣龙 approved",
            "20 新材料产业集群 宋欣龙 approved",
            "23 新材料产业集群 荣萍萍 approved",
            "26 新材料产业集群 王栋栋 approved",
            "29 新材料产业集群 王栋栋 approved",
            "33 新材料产业集群 宋欣龙 approved",
            "36 新能源产业集群 刘卫防 approved",
            "39 新能源产业集群 宋欣龙 approved",
            "44 新一代信息技术产业集群 刘卫防 approved",
            "47 新一代信息技术产业集群 宋欣龙 approved",
        ]
    );
    let proofreaders: Vec<&str> = rows
        .iter()
        .map(|r| r["signed"][0]["by"].as_str().unwrap())
        .collect();
    assert_eq!(
        proofreaders[3], "王栋栋",
        "校对：王栋栋 under the government report"
    );
    assert!(
        proofreaders
            .iter()
            .enumerate()
            .all(|(i, p)| i == 3 || *p == "宋欣龙")
    );
}

#[test]
fn every_article_reads_as_printed_paragraph_by_paragraph() {
    let printed = printed_without_furniture();
    let board = board();
    for row in board["articles"].as_array().unwrap() {
        let key = row["article"].as_str().unwrap();
        let text = article_text(key);
        let body = text.splitn(3, "+++\n").nth(2).unwrap();
        let least = if row["in_toc"] == true { 400 } else { 30 };
        assert!(squash(body).chars().count() > least, "{key} is too short");
        // The whole body is one unbroken stretch of the print: nothing
        // dropped, nothing added, nothing reordered.
        let whole = squash(body);
        let first = body
            .split("\n\n")
            .map(squash)
            .find(|p| !p.is_empty())
            .unwrap();
        let start = printed
            .find(&first)
            .unwrap_or_else(|| panic!("{key}: its opening is not in the print: {first}"));
        let mut at = start;
        for paragraph in body.split("\n\n").map(squash).filter(|p| !p.is_empty()) {
            assert!(
                printed[at..].starts_with(&paragraph),
                "{key}: the print does not continue with: {paragraph}"
            );
            at += paragraph.len();
        }
        assert_eq!(&printed[start..at], whole);
        assert!(
            !body.contains("中共濮阳市委主办"),
            "{key} keeps a running head"
        );
        assert!(
            !body.contains(" 年") && !body.contains("2023 "),
            "{key} keeps a stray space before 年"
        );
    }
}

#[test]
fn the_authors_errors_are_kept_for_the_proofreader() {
    let text = std::fs::read_to_string(repo().join("issues/2024-02/ningxin/article.md")).unwrap();
    assert!(text.contains("“宜居城市”“初性城市”“智慧城市”"));
    assert!(text.contains("高质量科企和水平人才"));
}

#[test]
fn pieces_off_the_contents_page_and_photo_captions_are_kept() {
    let board = board();
    let off: Vec<&str> = board["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["in_toc"] == false)
        .map(|r| r["article"].as_str().unwrap())
        .collect();
    assert_eq!(off.len(), 4, "{off:?}");
    for slug in [
        "liliang",
        "shufa-wanzhengfeng",
        "shufa-xijinping",
        "huihua-wanghuaji",
    ] {
        assert!(
            off.contains(&format!("2024-02/{slug}").as_str()),
            "{slug} missing: {off:?}"
        );
    }
    let liliang = article_text("2024-02/liliang");
    assert!(
        liliang.contains("kicker = \"为“高质量发展·制造业倍增”建言献策\""),
        "{liliang}"
    );

    // Every caption and credit in the front matter is printed, as caption then credit.
    let printed = squash(PRINTED);
    let mut captions = 0;
    for row in board["articles"].as_array().unwrap() {
        let text = article_text(row["article"].as_str().unwrap());
        let front = text.split("+++\n").nth(1).unwrap();
        let front: toml::Table = toml::from_str(front).unwrap();
        for photo in front
            .get("photos")
            .and_then(|p| p.as_array())
            .into_iter()
            .flatten()
        {
            let caption = squash(photo["caption"].as_str().unwrap());
            let credit = photo["credit"].as_str().unwrap();
            assert!(
                printed.contains(&caption) && printed.contains(&format!("{credit}/摄")),
                "{caption} {credit}"
            );
            captions += 1;
        }
    }
    assert_eq!(captions, 8, "the eight photo captions the issue prints");
}

/// A page break the import failed to close shows as a paragraph that opens
/// with punctuation, or a long one that stops mid-sentence.
#[test]
fn no_paragraph_is_left_cut_by_a_page() {
    let closers = "。！？；：…”’」』）)】.!?;:";
    let board = board();
    let mut checked = 0;
    for row in contents_rows(&board) {
        let key = row["article"].as_str().unwrap();
        let text = article_text(key);
        let body = text.splitn(3, "+++\n").nth(2).unwrap();
        for p in body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            checked += 1;
            assert!(!p.starts_with(['，', '。', '、', '；', '：']), "{key}: {p}");
            let list_entry = p.chars().count() <= 60 && p.contains(' ');
            let open = p.chars().count() >= 30 && !p.ends_with(|c| closers.contains(c));
            assert!(!open || list_entry, "{key} stops mid-sentence: {p}");
        }
    }
    assert!(checked > 300, "{checked}");
}
