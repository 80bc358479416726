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

/// `text` without the lines that are running heads, the rest as it was.
pub fn without_furniture(text: &str, furniture: &[String]) -> String {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let heads: Vec<String> = furniture
        .iter()
        .map(|f| squash(f))
        .filter(|f| !f.is_empty())
        .collect();
    text.lines()
        .filter(|l| !heads.contains(&squash(l)))
        .map(|l| drop_stray_spaces(l.trim()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The running heads `clean` drops from `text`, each with how often it
/// was found, in the order first seen.
pub fn furniture_in(text: &str, furniture: &[String]) -> Vec<(String, usize)> {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut found: Vec<(String, usize)> = Vec::new();
    for line in text.lines() {
        let line = squash(line);
        let Some(head) = furniture
            .iter()
            .find(|f| !f.trim().is_empty() && squash(f) == line)
        else {
            continue;
        };
        match found.iter_mut().find(|(h, _)| h == head) {
            Some((_, n)) => *n += 1,
            None => found.push((head.clone(), 1)),
        }
    }
    found
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

const NUMERALS: &str = "一二三四五六七八九十0123456789";

/// The text after a heading number: `(二) 从全国看` and `二、存在问题` give
/// `从全国看` and `存在问题`. Only numerals count, so `(IC) 是用硅材料`
/// is prose.
fn after_enumerator(line: &str) -> Option<&str> {
    let (inner, rest) = match line.strip_prefix(['(', '（']) {
        Some(rest) => {
            let close = rest.find([')', '）'])?;
            let bracket = rest[close..].chars().next()?.len_utf8();
            (&rest[..close], &rest[close + bracket..])
        }
        None => line.split_once('、')?,
    };
    let numeral =
        (1..=3).contains(&inner.chars().count()) && inner.chars().all(|c| NUMERALS.contains(c));
    numeral.then(|| rest.trim_start())
}

fn without_enumerator(line: &str) -> &str {
    after_enumerator(line).unwrap_or(line)
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
    line.starts_with('■') || after_enumerator(line).is_some()
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
    fn only_numerals_make_a_heading_number() {
        assert_eq!(after_enumerator("(二) 从全国看"), Some("从全国看"));
        assert_eq!(after_enumerator("（十二）加强"), Some("加强"));
        assert_eq!(after_enumerator("三、对策建议"), Some("对策建议"));
        assert_eq!(after_enumerator("(IC) 是用硅材料制作的"), None);
        assert_eq!(after_enumerator("铝矾土、石墨"), None);
        let text = "硅材料具有耐高温和抗辐射性能较好、性能与机械性能优良、易于生长大尺寸高纯度晶体等优点，95% 以上的半导体器件和99% 以上的集成电路\n\n(IC) 是用硅材料制作的。";
        assert_eq!(clean(text, &[]).matches("\n\n").count(), 0);
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
