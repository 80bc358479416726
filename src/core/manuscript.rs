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
    let (mut reading, rest) = split_head(text, sections);
    reading.paragraphs = rest
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(String::from)
        .collect();
    reading
}

/// The heading lines at the top of `text`, line by line (so that a long
/// subtitle is never joined to the byline under it as a page-broken
/// paragraph would be), and the text after them.
pub fn split_head<'t>(text: &'t str, sections: &[String]) -> (Reading, &'t str) {
    let mut reading = Reading::default();
    let mut lines = Lines { text, at: 0 };
    if let Some(section) = lines.peek().and_then(|l| section_of(l, sections)) {
        reading.section = Some(section);
        lines.next();
    }
    // A title needs text after it; a one-paragraph paste is all body.
    if let Some(title) = lines.peek().filter(|l| is_heading(l))
        && lines.has_after_peek()
    {
        reading.title = title.to_string();
        lines.next();
        if let Some(sub) = lines.peek().filter(|l| is_heading(l) && l.starts_with('—')) {
            reading.subtitle = Some(sub.to_string());
            lines.next();
        }
        if let Some(authors) = lines.peek().and_then(byline_authors) {
            reading.byline = lines.peek().map(|l| without_opener(l).to_string());
            reading.authors = authors;
            lines.next();
        }
    }
    (reading, &text[lines.at..])
}

/// The non-empty lines of a text, trimmed, with where the next begins.
struct Lines<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Lines<'t> {
    fn peek(&self) -> Option<&'t str> {
        self.text[self.at..]
            .split('\n')
            .map(str::trim)
            .find(|l| !l.is_empty())
    }

    fn next(&mut self) {
        let rest = &self.text[self.at..];
        let start = rest.len() - rest.trim_start().len();
        let end = rest[start..].find('\n').map_or(rest.len(), |n| start + n);
        self.at += end;
    }

    fn has_after_peek(&self) -> bool {
        let mut after = Lines {
            text: self.text,
            at: self.at,
        };
        after.next();
        after.peek().is_some()
    }
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
    fn heading_lines_are_read_one_by_one() {
        // A 30-character subtitle with no full stop reads, to the cleaner,
        // like a paragraph cut at a page end; here it stays a line.
        let text = "政府工作报告（摘要）\n——2024年2月4日在濮阳市第九届人民代表大会第三次会议上\n濮阳市人民政府市长 朱良才\n\n正文。";
        let (head, rest) = split_head(text, &[]);
        assert_eq!(head.title, "政府工作报告（摘要）");
        assert_eq!(head.authors, vec!["朱良才"]);
        assert_eq!(rest.trim(), "正文。");
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
