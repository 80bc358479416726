//! Cleaning text the way it arrives from a PDF or a typeset proof: page
//! furniture repeated on every page, paragraphs broken at page ends, and
//! stray spaces between Chinese and digits (`2024 年`). The authors'
//! wording is never touched.

/// Sentence-final marks; a line ending in anything else, if long, was cut
/// by a page break.
const CLOSERS: &str = "。！？；：…”’」』）)】.!?;:";

/// Lines shorter than this are headings or list items, never cut paragraphs.
const MIN_BROKEN_LINE: usize = 30;

pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// `furniture` lists running heads and other lines printed on every page;
/// a line equal to one of them (ignoring spaces) is dropped.
pub fn clean(text: &str, furniture: &[String]) -> String {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let furniture: Vec<String> = furniture
        .iter()
        .map(|f| squash(f))
        .filter(|f| !f.is_empty())
        .collect();
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !furniture.contains(&squash(l)))
        .map(|l| drop_stray_spaces(&l))
        .collect();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut open = false;
    for line in lines {
        if line.is_empty() {
            open = paragraphs.last().is_some_and(|p| is_cut(p));
            continue;
        }
        match paragraphs.last_mut() {
            Some(last) if (open || is_cut(last)) && !starts_new_block(&line) => {
                last.push_str(&line)
            }
            _ => paragraphs.push(line),
        }
        open = false;
    }
    paragraphs.join("\n\n")
}

/// Longest list entry, and longest name before its space, in characters.
const MAX_LIST_ENTRY: usize = 60;
const MAX_LIST_NAME: usize = 10;

/// A list entry such as 郭瑾萍〔执笔〕 市行政审批……科长: a short line that
/// opens with a short name and a space. Prose may hold a space too
/// (`55% 的`), but not so early in so short a line.
pub fn is_list_entry(line: &str) -> bool {
    let line = without_enumerator(line.trim());
    line.chars().count() <= MAX_LIST_ENTRY
        && line
            .split_once(' ')
            .is_some_and(|(name, _)| !name.is_empty() && name.chars().count() <= MAX_LIST_NAME)
}

/// `(二) 从全国看` → `从全国看`; other lines unchanged.
fn without_enumerator(line: &str) -> &str {
    let Some(rest) = line.strip_prefix(['(', '（']) else {
        return line;
    };
    match rest
        .char_indices()
        .take(4)
        .find(|(_, c)| matches!(c, ')' | '）'))
    {
        Some((i, c)) => rest[i + c.len_utf8()..].trim_start(),
        None => line,
    }
}

fn is_cut(paragraph: &str) -> bool {
    !is_list_entry(paragraph)
        && paragraph.chars().count() >= MIN_BROKEN_LINE
        && paragraph
            .chars()
            .last()
            .is_some_and(|c| !CLOSERS.contains(c))
}

/// Numbered headings and list items begin a block even after a long line.
fn starts_new_block(line: &str) -> bool {
    let first = line.chars().next().unwrap_or(' ');
    "一二三四五六七八九十（(■".contains(first) && line.chars().take(4).any(|c| "、）)".contains(c))
}

/// Removes spaces between a Han character and a digit or Latin letter.
pub fn drop_stray_spaces(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' {
            let start = i;
            while i < chars.len() && chars[i] == ' ' {
                i += 1;
            }
            let before = start.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i).copied();
            let stray = match (before, after) {
                (Some(a), Some(b)) => {
                    (is_cjk(a) && b.is_ascii_alphanumeric())
                        || (a.is_ascii_alphanumeric() && is_cjk(b))
                }
                _ => false,
            };
            if !stray {
                out.extend(&chars[start..i]);
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_spaces_between_han_and_digits_only() {
        assert_eq!(
            drop_stray_spaces("我市 2023 年取得的成绩"),
            "我市2023年取得的成绩"
        );
        assert_eq!(drop_stray_spaces("人民路 158 号"), "人民路158号");
        assert_eq!(drop_stray_spaces("陈 宁〔执笔〕"), "陈 宁〔执笔〕");
        assert_eq!(drop_stray_spaces("PAO/POE 材料"), "PAO/POE材料");
    }

    #[test]
    fn joins_paragraphs_cut_by_a_page_and_drops_furniture() {
        let text = "坚持把科技创新作为重要引擎，更高水平推动高质量发展的活力和后劲不断增强，更高水平\n\n中共濮阳市委主办\n\n激发高质量发展活力，坚定不移走好路子。\n\n以务实重干开新局、谱新篇，必须严谨负责抓落实\n\n习近平总书记强调。";
        let furniture = vec!["中共濮阳市委主办".to_string()];
        assert_eq!(
            clean(text, &furniture),
            "坚持把科技创新作为重要引擎，更高水平推动高质量发展的活力和后劲不断增强，更高水平激发高质量发展活力，坚定不移走好路子。\n\n以务实重干开新局、谱新篇，必须严谨负责抓落实\n\n习近平总书记强调。"
        );
    }

    #[test]
    fn joins_an_enumerated_paragraph_cut_by_a_page() {
        let text = "(二) 从全国看，氢能产业呈现快速发展态势，但仍处于发展初期。自2019年氢能被首次写\n\n入政府工作报告以来。";
        assert_eq!(
            clean(text, &[]),
            "(二) 从全国看，氢能产业呈现快速发展态势，但仍处于发展初期。自2019年氢能被首次写入政府工作报告以来。"
        );
    }

    #[test]
    fn a_space_inside_prose_does_not_make_a_list() {
        let text = "累计拥有家用燃料电池热电联供系统超过40万套。工业领域。目前全球约55% 的氢需求用于氨\n\n合成，25% 用于炼油厂加氢生产。";
        assert_eq!(
            clean(text, &[]),
            "累计拥有家用燃料电池热电联供系统超过40万套。工业领域。目前全球约55% 的氢需求用于氨合成，25% 用于炼油厂加氢生产。"
        );
    }

    #[test]
    fn keeps_member_lists_one_person_a_line() {
        let text = "郭瑾萍〔执笔〕 市行政审批和政务信息管理局智慧城市建设和产业发展科科长\n\n周文铭 市行政审批和政务信息管理局智慧城市建设和产业发展科副科长";
        assert_eq!(clean(text, &[]).matches("\n\n").count(), 1);
    }

    #[test]
    fn keeps_headings_after_a_cut_line() {
        let text = "这是一段很长很长的正文内容，它没有以句号结尾，因为排版时被截断了吗不是\n\n二、存在问题\n\n正文。";
        assert_eq!(clean(text, &[]).matches("\n\n").count(), 2);
    }
}
