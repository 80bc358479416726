//! Characters and words written twice: 要要, 的的, 发展发展.
//!
//! Only doubles that are never correct are raised:
//! - a function word such as 的, 了, 是 or 要 twice, unless the first
//!   ends a word with the character before it or the second begins one
//!   with the character after (目的的, 为了了解, 现在在, 是是否, 需要要求),
//!   and unless it is part of 是是非非 or 不了了之;
//! - a word of two to four characters twice in a row (发展发展), unless it
//!   is a verb or adjective that is reduplicated in speech (研究研究,
//!   雪白雪白), a run such as 一步一步, or repeated three times or more.
//!
//! Content characters doubled (人人, 常常, 看看) are words and are left
//! alone; so are given names such as 王栋栋.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::chars::is_han;
use super::language::tables::data_lines;
use super::{Hit, Rule};

/// Words that are not doubled in writing; a doubled one is a slip, often
/// where two lines or two edits were joined.
const NEVER_DOUBLED: &str = "的了在和与及为把被从向将并而其于也就都之以对是要";

static GUARD_TEXT: &str = include_str!("../../../data/doubled-guard.txt");

/// Two-character words with one of `NEVER_DOUBLED` in them (jieba).
static GUARD: LazyLock<HashSet<[char; 2]>> = LazyLock::new(|| {
    data_lines(GUARD_TEXT)
        .flat_map(|l| l.split(' '))
        .filter_map(|w| {
            let mut c = w.chars();
            match (c.next(), c.next(), c.next()) {
                (Some(a), Some(b), None) => Some([a, b]),
                _ => None,
            }
        })
        .collect()
});

/// Verbs and adjectives that are reduplicated ABAB in speech: 研究研究,
/// 考虑考虑, 雪白雪白.
const REDUPLICATED: &[&str] = &[
    "研究",
    "讨论",
    "学习",
    "考虑",
    "商量",
    "休息",
    "锻炼",
    "活动",
    "交流",
    "了解",
    "检查",
    "打听",
    "琢磨",
    "体验",
    "尝试",
    "收拾",
    "打扫",
    "整理",
    "准备",
    "比较",
    "思考",
    "放松",
    "调查",
    "认识",
    "介绍",
    "分析",
    "总结",
    "清理",
    "修理",
    "反省",
    "回忆",
    "关心",
    "照顾",
    "帮助",
    "欣赏",
    "感受",
    "试验",
    "表扬",
    "批评",
    "教育",
    "提高",
    "热闹",
    "高兴",
    "暖和",
    "凉快",
    "轻松",
    "舒服",
    "溜达",
    "走动",
    "比划",
    "比画",
    "研讨",
    "合计",
    "盘算",
    "请教",
    "磨炼",
    "历练",
    "锻造",
    "宣传",
    "动员",
    "讲讲",
    "雪白",
    "通红",
    "冰凉",
    "笔直",
    "漆黑",
    "碧绿",
    "金黄",
    "火红",
    "蜡黄",
    "瓦蓝",
    "湛蓝",
    "滚烫",
    "喷香",
    "透亮",
    "锃亮",
    "崭新",
    "稀烂",
    "粉碎",
    "精光",
    "冰冷",
    "乌黑",
    "鲜红",
    "庆祝",
    "恭喜",
    "祝贺",
    "欢迎",
    "感谢",
    "加油",
    "拜托",
    "对不起",
    "辛苦",
    "热乎",
    "溜溜",
];

pub fn paragraph(chars: &[char], add: &mut dyn FnMut(Hit)) {
    characters(chars, add);
    words(chars, add);
}

fn characters(chars: &[char], add: &mut dyn FnMut(Hit)) {
    for i in 1..chars.len() {
        let c = chars[i];
        if chars[i - 1] != c || !NEVER_DOUBLED.contains(c) {
            continue;
        }
        // 是是非非, 了了之 and 一一 are words.
        let aabb = chars
            .get(i + 1)
            .is_some_and(|&n| chars.get(i + 2) == Some(&n) && is_han(n))
            || (i >= 3 && chars[i - 2] == chars[i - 3] && is_han(chars[i - 2]));
        let set_phrase = c == '了' && chars.get(i + 1) == Some(&'之');
        let tripled = chars.get(i + 1) == Some(&c) || (i >= 2 && chars[i - 2] == c);
        // 目的的, 为了了解: a word ends at the first or begins at the second.
        let ends_word = i >= 2 && GUARD.contains(&[chars[i - 2], c]);
        let begins_word = chars.get(i + 1).is_some_and(|&n| GUARD.contains(&[c, n]));
        if !aabb && !set_phrase && !tripled && !ends_word && !begins_word {
            add(Hit::new(Rule::DoubledChar, i - 1, i + 1).suggest(c.to_string()));
        }
    }
}

fn words(chars: &[char], add: &mut dyn FnMut(Hit)) {
    let mut i = 0;
    while i < chars.len() {
        let mut found = None;
        for len in (2..=4).rev() {
            if i + 2 * len > chars.len() {
                continue;
            }
            let (a, b) = (&chars[i..i + len], &chars[i + len..i + 2 * len]);
            if a != b || !a.iter().all(|&c| is_han(c)) {
                continue;
            }
            found = Some(len);
            break;
        }
        let Some(len) = found else {
            i += 1;
            continue;
        };
        let unit = &chars[i..i + len];
        let word: String = unit.iter().collect();
        let once_more = chars.get(i + 2 * len..i + 3 * len) == Some(unit);
        let before_too = i >= len && chars[i - len..i] == *unit;
        // 一步一步, 谢谢谢谢 (AAAA), and verbs said twice in speech.
        // 走着走着, 说着说着: an action going on while another comes.
        let going_on = len == 2 && matches!(unit[1], '着' | '著');
        let legitimate = unit[0] == '一'
            || going_on
            || unit.iter().all(|&c| c == unit[0])
            || REDUPLICATED.contains(&word.as_str())
            || once_more
            || before_too;
        if !legitimate {
            add(Hit::new(Rule::DoubledWord, i, i + 2 * len).suggest(word));
        }
        i += 2 * len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Rule, String)> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        paragraph(&chars, &mut |h| {
            out.push((h.rule, chars[h.start..h.end].iter().collect()))
        });
        out
    }

    #[test]
    fn a_function_word_twice_is_flagged() {
        for (text, doubled) in [
            ("推动的的发展", "的的"),
            ("我们要要加强学习", "要要"),
            ("这是是一项长期任务", "是是"),
            ("完成了了三项任务", "了了"),
            ("在在全市范围内推开", "在在"),
        ] {
            assert_eq!(
                found(text),
                vec![(Rule::DoubledChar, doubled.to_string())],
                "{text}"
            );
        }
    }

    #[test]
    fn doubles_across_a_word_boundary_are_right() {
        for text in [
            "实现目的的手段",
            "为了了解情况",
            "我现在在北京",
            "关键是是否落实",
            "需要要求各地",
            "对对方负责",
            "可以以此为鉴",
            "以及及时处置",
            "是是非非",
            "不了了之",
            "人人都是主人翁",
            "常常看看",
            "紧紧围绕",
            "全过程人民民主",
            "王栋栋",
        ] {
            assert_eq!(found(text), vec![], "{text}");
        }
    }

    #[test]
    fn a_word_twice_is_flagged_and_reduplication_is_not() {
        assert_eq!(
            found("推动经济发展发展"),
            vec![(Rule::DoubledWord, "发展发展".into())]
        );
        assert_eq!(
            found("坚持高质量高质量发展"),
            vec![(Rule::DoubledWord, "高质量高质量".into())]
        );
        assert_eq!(
            found("一个家庭家庭应该达到平衡"),
            vec![(Rule::DoubledWord, "家庭家庭".into())]
        );
        for text in [
            "回去研究研究再说",
            "大家商量商量",
            "一步一步往前走",
            "一点一点积累",
            "谢谢谢谢",
            "加油加油加油",
            "雪白雪白的墙",
            "我原来要去跟你们庆祝庆祝",
            "恭喜恭喜，欢迎欢迎",
            "他们谈着谈着就到了四点半",
        ] {
            assert_eq!(found(text), vec![], "{text}");
        }
    }
}
