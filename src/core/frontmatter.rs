//! `article.md`: TOML front matter between `+++` lines, then the text.
//!
//! The front matter holds only what people edit; the workflow lives in the
//! journal. The body hash that sign-offs record is taken over the canonical
//! body, so line endings and trailing blank lines never make a sign-off stale.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::tomlpos::{TomlProblem, locate};

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Photo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub caption: String,
    /// The photographer, printed as "赵留丹 / 摄".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

impl Photo {
    /// Reads a caption the way it is printed: `说明 赵留丹 / 摄`, `说明 僧少琴 摄`,
    /// or only `本通 / 摄`. Text without a credit is all caption.
    pub fn from_printed(text: &str) -> Photo {
        let text = text.trim();
        let stripped = ["/ 摄", "/摄", " 摄"]
            .iter()
            .find_map(|suffix| text.strip_suffix(suffix));
        let Some(rest) = stripped else {
            return Photo {
                file: None,
                caption: text.to_string(),
                credit: None,
            };
        };
        let rest = rest.trim_end();
        let (caption, credit) = match rest.rfind(char::is_whitespace) {
            Some(i) => (rest[..i].trim(), rest[i..].trim()),
            None => ("", rest),
        };
        Photo {
            file: None,
            caption: caption.to_string(),
            credit: (!credit.is_empty()).then(|| credit.to_string()),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Front {
    /// 引题: the line printed above the title, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kicker: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// The byline as printed, e.g. 中共濮阳市委书记 万正峰.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// What the contents page prints instead of the authors, e.g.
    /// 特约评论员 for a commentary signed 《当代濮阳》特约评论员 张宇.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toc_credit: Option<String>,
    /// Start page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Extent in pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    /// False for pieces printed in the issue but left off the contents page.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub in_toc: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<Photo>,
}

fn yes() -> bool {
    true
}
fn is_true(v: &bool) -> bool {
    *v
}

impl Front {
    pub fn new(title: &str) -> Front {
        Front {
            kicker: None,
            title: title.to_string(),
            subtitle: None,
            authors: vec![],
            byline: None,
            toc_credit: None,
            section: None,
            page: None,
            pages: None,
            in_toc: true,
            photos: vec![],
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArticleText {
    /// The front matter as written, so edits can keep its layout and comments.
    pub front_source: String,
    pub front: Front,
    /// The canonical body: LF line endings, no trailing blank lines.
    pub body: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FrontProblem {
    NoOpeningFence,
    NoClosingFence,
    Toml(TomlProblem),
}

/// LF line endings, no leading or trailing blank lines.
pub fn canonical_body(body: &str) -> String {
    // Most bodies have no CR; copying 30,000 characters twice for nothing
    // showed in the cost of a diff.
    let unified = if body.contains('\r') {
        std::borrow::Cow::Owned(body.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(body)
    };
    unified.trim_start_matches('\n').trim_end().to_string()
}

/// The canonical body of an article file read from history. A hand-made
/// commit may have broken the front matter; the text is still worth
/// comparing and hashing, so then the file counts whole.
pub fn body_or_whole(source: &str) -> String {
    match parse(source) {
        Ok(t) => canonical_body(&t.body),
        Err(_) => canonical_body(source),
    }
}

/// The hash a sign-off records: what text exactly was signed.
pub fn body_hash(body: &str) -> String {
    sha256_of(canonical_body(body).as_bytes())
}

fn sha256_of(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    format!("sha256:{}", super::hex(&digest))
}

/// The hash of what is printed with the text and so is approved with it:
/// 引题, title, subtitle, authors, byline and the contents-page credit.
/// Page, extent and section are layout, decided later by the 美编, and
/// are left out so that moving an article does not undo its approval.
pub fn printed_hash(front: &Front) -> String {
    let printed = serde_json::json!([
        front.kicker,
        front.title,
        front.subtitle,
        front.authors,
        front.byline,
        front.toc_credit,
    ]);
    sha256_of(printed.to_string().as_bytes())
}

/// What a sign-off pins, each by hash: the body, and the printed fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pins {
    pub body: String,
    pub printed: String,
}

impl Pins {
    pub fn of(text: &ArticleText) -> Pins {
        Pins {
            body: body_hash(&text.body),
            printed: printed_hash(&text.front),
        }
    }

    /// For `article.md` as stored, readable or not: a file whose front
    /// matter cannot be read pins its whole text and no printed fields.
    pub fn of_source(source: &str) -> Pins {
        match parse(source) {
            Ok(text) => Pins::of(&text),
            Err(_) => Pins {
                body: body_hash(source),
                printed: String::new(),
            },
        }
    }

    /// Whether a sign-off that recorded `body` and, if it is recent
    /// enough to have recorded them, `printed` still holds.
    pub fn hold(&self, body: &str, printed: Option<&str>) -> bool {
        body == self.body && printed.is_none_or(|p| p == self.printed)
    }
}

/// The most an `article.md` may hold: about ten times the longest article
/// in thirty years of the magazine. Every page that shows an article, and
/// every check of it, is bounded by it.
pub const MAX_ARTICLE_BYTES: usize = 2 * 1024 * 1024;

pub fn parse(text: &str) -> Result<ArticleText, FrontProblem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n");
    let rest = text
        .strip_prefix("+++\n")
        .ok_or(FrontProblem::NoOpeningFence)?;
    let mut offset = 0;
    let mut close = None;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let (front_end, body_start) = close.ok_or(FrontProblem::NoClosingFence)?;
    let front_source = rest[..front_end].to_string();
    let front: Front = toml::from_str(&front_source)
        .map_err(|e| FrontProblem::Toml(locate(&front_source, &e, 1)))?;
    Ok(ArticleText {
        front_source,
        front,
        body: canonical_body(&rest[body_start..]),
    })
}

pub fn render(front_source: &str, body: &str) -> String {
    let mut out = String::from("+++\n");
    out.push_str(front_source);
    if !front_source.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("+++\n");
    let body = canonical_body(body);
    if !body.is_empty() {
        out.push('\n');
        out.push_str(&body);
        out.push('\n');
    }
    out
}

pub fn render_front(front: &Front) -> String {
    toml::to_string(front).expect("front matter always serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_front_matter_and_body() {
        let mut front = Front::new("凝心聚力 实干笃行");
        front.authors = vec!["万正峰".into()];
        front.page = Some(4);
        let text = render(&render_front(&front), "第一段。\n\n第二段。\n\n\n");
        let parsed = parse(&text).unwrap();
        assert_eq!(parsed.front, front);
        assert_eq!(parsed.body, "第一段。\n\n第二段。");
    }

    #[test]
    fn printed_captions_split_into_caption_and_credit() {
        let p = Photo::from_printed(
            "2023年12月20日，专题调研组赴濮阳市中汇新能源科技有限公司调研。 赵留丹 / 摄",
        );
        assert_eq!(
            p.caption,
            "2023年12月20日，专题调研组赴濮阳市中汇新能源科技有限公司调研。"
        );
        assert_eq!(p.credit.as_deref(), Some("赵留丹"));
        let p = Photo::from_printed("封面照片 僧少琴 摄");
        assert_eq!(
            (p.caption.as_str(), p.credit.as_deref()),
            ("封面照片", Some("僧少琴"))
        );
        let p = Photo::from_printed("本通 / 摄");
        assert_eq!(
            (p.caption.as_str(), p.credit.as_deref()),
            ("", Some("本通"))
        );
        let p = Photo::from_printed("没有署名的图片说明");
        assert_eq!((p.caption.as_str(), p.credit), ("没有署名的图片说明", None));
    }

    #[test]
    fn crlf_and_bom_do_not_change_the_hash() {
        let a = "\u{feff}+++\r\ntitle = \"甲\"\r\n+++\r\n\r\n正文\r\n第二行\r\n";
        let parsed = parse(a).unwrap();
        assert_eq!(body_hash(&parsed.body), body_hash("正文\n第二行"));
        assert_ne!(body_hash("正文"), body_hash("正文。"));
    }

    #[test]
    fn broken_front_matter_reports_the_file_line() {
        let text = "+++\ntitle = \"甲\"\npage = 四\n+++\n正文\n";
        match parse(text) {
            Err(FrontProblem::Toml(p)) => assert_eq!((p.line, p.column), (3, 8)),
            other => panic!("{other:?}"),
        }
        assert_eq!(parse("正文"), Err(FrontProblem::NoOpeningFence));
        assert_eq!(
            parse("+++\ntitle = \"甲\"\n"),
            Err(FrontProblem::NoClosingFence)
        );
    }
}
