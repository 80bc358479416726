//! What a manuscript says about itself before any field is filled: the
//! title on its first line, a subtitle opening with ——, the byline under
//! them, and a section heading above, as authors and offices lay out a
//! Word file. The person at 收稿 sees this reading and corrects it.

use super::cleanup::is_cjk;

/// The longest line read as a title, subtitle or byline; anything longer
/// is a paragraph of the text.
const MAX_HEADING: usize = 60;
const MAX_BYLINE: usize = 40;
/// Sentence-final marks: a line ending in one is prose, not a heading.
const PROSE_END: &[char] = &['。', '！', '？', '；', '.', '!', '?', ';'];
/// What opens a byline before the names.
const BYLINE_OPENERS: &[&str] = &["文／", "文/", "作者：", "作者:", "□", "●", "◎"];

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Reading {
    pub section: Option<String>,
    pub title: String,
    pub subtitle: Option<String>,
    pub byline: Option<String>,
    pub authors: Vec<String>,
    pub paragraphs: Vec<String>,
}

impl Reading {
    pub fn body(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// Reads `text` (already cleaned: one paragraph per block) against the
/// issue's `sections`.
pub fn read(text: &str, sections: &[String]) -> Reading {
    let mut blocks: Vec<&str> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .collect();
    let mut reading = Reading::default();
    let take = |blocks: &mut Vec<&str>, ok: &dyn Fn(&str) -> bool| -> Option<String> {
        let first = *blocks.first()?;
        ok(first).then(|| blocks.remove(0).to_string())
    };
    reading.section = take(&mut blocks, &|b| section_of(b, sections).is_some())
        .and_then(|b| section_of(&b, sections));
    // A title needs text after it; a one-paragraph paste is all body.
    if blocks.len() > 1 {
        reading.title = take(&mut blocks, &is_heading).unwrap_or_default();
    }
    if !reading.title.is_empty() {
        reading.subtitle = take(&mut blocks, &|b| {
            is_heading(b) && (b.starts_with("——") || b.starts_with('—'))
        });
        reading.byline = take(&mut blocks, &|b| byline_authors(b).is_some());
    }
    if let Some(byline) = &reading.byline {
        reading.authors = byline_authors(byline).unwrap_or_default();
        reading.byline = Some(without_opener(byline).to_string());
    }
    reading.paragraphs = blocks.into_iter().map(String::from).collect();
    reading
}

fn is_heading(block: &str) -> bool {
    !block.contains('\n') && block.chars().count() <= MAX_HEADING && !block.ends_with(PROSE_END)
}

/// `■ 重要言论`, `【重要言论】` or the bare name of one of the sections.
fn section_of(block: &str, sections: &[String]) -> Option<String> {
    let name: String = block
        .trim_matches(|c: char| "■□●◆【】[]〔〕 　".contains(c))
        .to_string();
    sections.iter().find(|s| **s == name).cloned()
}

fn without_opener(line: &str) -> &str {
    BYLINE_OPENERS
        .iter()
        .find_map(|o| line.strip_prefix(o))
        .unwrap_or(line)
        .trim()
}

/// The names a byline gives: `中共濮阳市委书记 万正峰` gives 万正峰,
/// `文／张三 李四` both, `专题调研组九` itself. None when the line does
/// not read as a byline.
fn byline_authors(line: &str) -> Option<Vec<String>> {
    if line.contains('\n') || line.chars().count() > MAX_BYLINE || line.ends_with(PROSE_END) {
        return None;
    }
    let opened = BYLINE_OPENERS.iter().any(|o| line.starts_with(o));
    let rest = without_opener(line);
    let words: Vec<&str> = rest
        .split([' ', '　', '、'])
        .filter(|w| !w.is_empty())
        .collect();
    let is_name = |w: &str| (2..=4).contains(&w.chars().count()) && w.chars().all(is_cjk);
    let group = |w: &str| w.contains("调研组") || w.contains("课题组") || w.ends_with("评论员");
    match words.as_slice() {
        [one] if opened || group(one) => Some(vec![one.to_string()]),
        [one] if is_name(one) => Some(vec![one.to_string()]),
        [.., last] if words.len() > 1 && is_name(last) => {
            // 中共濮阳市委书记 万正峰: a title, then one name; 张三 李四: names.
            let names: Vec<&str> = words.iter().copied().filter(|w| is_name(w)).collect();
            if names.len() == words.len() {
                Some(names.iter().map(|n| n.to_string()).collect())
            } else {
                Some(vec![last.to_string()])
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections() -> Vec<String> {
        vec!["重要言论".into(), "卷首语".into()]
    }

    #[test]
    fn a_report_as_the_office_receives_it() {
        let text = "■ 重要言论\n\n政府工作报告（摘要）\n\n——2024年2月4日在濮阳市第九届人民代表大会第三次会议上\n\n濮阳市人民政府市长 朱良才\n\n2023年是全面贯彻党的二十大精神的开局之年。\n\n一、2023年工作回顾";
        let r = read(text, &sections());
        assert_eq!(r.section.as_deref(), Some("重要言论"));
        assert_eq!(r.title, "政府工作报告（摘要）");
        assert_eq!(
            r.subtitle.as_deref(),
            Some("——2024年2月4日在濮阳市第九届人民代表大会第三次会议上")
        );
        assert_eq!(r.byline.as_deref(), Some("濮阳市人民政府市长 朱良才"));
        assert_eq!(r.authors, vec!["朱良才"]);
        assert_eq!(r.paragraphs.len(), 2);
        assert!(r.body().starts_with("2023年是"));
    }

    #[test]
    fn bylines_of_several_kinds() {
        for (line, authors) in [
            ("文／张三 李四", vec!["张三", "李四"]),
            ("专题调研组九", vec!["专题调研组九"]),
            ("王化记", vec!["王化记"]),
            ("《当代濮阳》特约评论员 张宇", vec!["张宇"]),
        ] {
            let r = read(&format!("题目\n\n{line}\n\n正文第一段。"), &[]);
            assert_eq!(r.authors, authors, "{line}");
        }
    }

    #[test]
    fn prose_is_never_taken_for_a_heading() {
        let r = read("这是一句完整的话。\n\n第二段。", &[]);
        assert_eq!(r.title, "");
        assert_eq!(r.paragraphs.len(), 2);
        let r = read("只有一段没有句号", &[]);
        assert_eq!(r.title, "");
        assert_eq!(r.paragraphs, vec!["只有一段没有句号"]);
        let r = read("题目\n\n本文系作者在会上的讲话。\n\n正文。", &[]);
        assert_eq!(r.byline, None);
        assert_eq!(r.paragraphs.len(), 2);
    }
}
