//! 的, 地 and 得, told apart by what stands around them.
//!
//! - 得 joins a verb to its complement of degree: 完成得十分出色,
//!   发展得越来越好. A 的 there, between a verb this register uses that way
//!   and a degree word whose phrase ends the clause, is a slip.
//! - 地 joins an adverbial to its verb: 认真地学习贯彻, 积极地推进. A 的
//!   between an adjective this register uses adverbially and a verb that
//!   is not part of a noun phrase (积极的工作态度 is one) is a slip.
//!
//! Both are judged from short word lists rather than a tagger, so that
//! what is flagged can be read off the lists; 积极的财政政策 and 认真的态度
//! are left alone because 财政 and 态度 are not verbs on them.

use super::chars::{ends_at, find_all, is_han, starts};
use super::{Hit, Rule};

/// Verbs of this register that take a complement of degree with 得.
const COMPLEMENT_VERBS: &[&str] = &[
    "完成", "发展", "推进", "落实", "开展", "建设", "执行", "组织", "准备", "实施", "保持", "增长",
    "恢复", "运行", "进行", "贯彻", "表现", "处理", "解决", "安排", "部署", "打造", "经营", "管理",
    "配合", "协调", "做", "干", "搞", "办", "抓", "学", "讲", "写", "跑", "走",
];

/// Words of degree that open a complement.
const DEGREE: &[&str] = &[
    "越来越",
    "十分",
    "非常",
    "特别",
    "更加",
    "极其",
    "相当",
    "比较",
    "格外",
    "很",
    "更",
    "较",
    "太",
];

/// Adjectives this register puts before a verb with 地.
const ADVERBIALS: &[&str] = &[
    "认真",
    "积极",
    "扎实",
    "深入",
    "全面",
    "切实",
    "大力",
    "有效",
    "稳步",
    "主动",
    "努力",
    "坚决",
    "充分",
    "持续",
    "逐步",
    "迅速",
    "严格",
    "有序",
    "精准",
    "坚定",
    "自觉",
    "不断",
    "牢牢",
    "快速",
    "准确",
    "及时",
    "广泛",
    "密切",
    "彻底",
    "全力",
    "创造性",
    "系统",
];

/// Verbs that, after such an adjective, are acted rather than named.
const VERBS: &[&str] = &[
    "学习", "贯彻", "落实", "推进", "推动", "开展", "抓好", "做好", "实施", "加强", "参与", "发挥",
    "解决", "完成", "执行", "维护", "履行", "投入", "应对", "融入", "宣传", "谋划", "部署", "组织",
    "引导", "支持", "配合", "回答", "思考", "对待", "面对", "处理", "破解", "化解", "防范", "打好",
    "打赢", "走好", "用好", "管好", "守好", "讲好",
];

/// Nouns that make verb + noun a noun phrase: 学习态度, 工作作风.
const HEADS: &[&str] = &[
    "态度", "作风", "精神", "态势", "成果", "成效", "氛围", "热情", "劲头", "能力", "水平", "机制",
    "体系", "格局", "局面", "方式", "方法", "思路", "举措", "措施", "保障", "状态", "环境", "条件",
    "效果", "意识", "理念", "任务", "目标", "规划", "计划", "方案", "工作", "过程", "情况", "经验",
    "要求", "力度",
];

fn ends_clause(chars: &[char], at: usize) -> bool {
    chars.get(at).is_none_or(|c| !is_han(*c))
}

pub(crate) fn paragraph(chars: &[char], add: &mut dyn FnMut(Hit)) {
    for at in find_all(chars, &['的']) {
        if should_be_de(chars, at) {
            add(Hit::new(Rule::ParticleDe, at, at + 1).suggest("得"));
        } else if should_be_di(chars, at) {
            add(Hit::new(Rule::ParticleDi, at, at + 1).suggest("地"));
        }
    }
}

/// 完成的十分出色。: verb, 的, degree word, a short phrase, clause end.
fn should_be_de(chars: &[char], at: usize) -> bool {
    if !COMPLEMENT_VERBS.iter().any(|v| ends_at(chars, at, v)) {
        return false;
    }
    DEGREE.iter().any(|d| {
        let from = at + 1 + d.chars().count();
        if !starts(chars, at + 1, d) {
            return false;
        }
        let phrase = chars[from.min(chars.len())..]
            .iter()
            .take_while(|c| is_han(**c))
            .count();
        // 学的很多字: 很多 then a noun counts what was done, no complement.
        let counts_a_noun = phrase > 1 && matches!(chars.get(from), Some('多' | '少'));
        (1..=4).contains(&phrase) && ends_clause(chars, from + phrase) && !counts_a_noun
    })
}

/// 认真的学习贯彻: adverbial, 的, verb, then neither a clause end nor a
/// noun that would make the verb part of a noun phrase.
fn should_be_di(chars: &[char], at: usize) -> bool {
    if !ADVERBIALS.iter().any(|a| ends_at(chars, at, a)) {
        return false;
    }
    VERBS.iter().any(|v| {
        let after = at + 1 + v.chars().count();
        starts(chars, at + 1, v)
            && !ends_clause(chars, after)
            && !starts(chars, after, "的")
            && !HEADS.iter().any(|h| starts(chars, after, h))
    })
}
