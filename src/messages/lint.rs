//! What `galley lint` and `galley quality` print and say.

use std::path::Path;

use super::q;
use crate::core::lint::quality::Corrections;
use crate::core::lint::style::StyleProblem;
use crate::core::lint::{Family, Finding, Part, Rule, Severity};
use crate::error::GalleyError;

const P: &str = "GB/T 15834—2011《标点符号用法》";
const N: &str = "GB/T 15835—2011《出版物上数字用法》";
const U: &str = "GB 3100～3102—1993《量和单位》";

pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "建议",
        Severity::Info => "提示",
    }
}

pub fn family(f: Family) -> &'static str {
    match f {
        Family::Punctuation => "标点",
        Family::Numbers => "数字",
        Family::Units => "量和单位",
        Family::Words => "文字",
        Family::Usage => "规范提法",
        Family::Facts => "知识性",
    }
}

pub fn part(p: Part) -> &'static str {
    match p {
        Part::Kicker => "引题",
        Part::Title => "标题",
        Part::Subtitle => "副题",
        Part::Byline => "署名",
        Part::Authors => "作者",
        Part::TocCredit => "目次署名",
        Part::Body => "正文",
        Part::Masthead => "刊头",
    }
}

/// The rule's short Chinese name, for lists and tallies.
pub fn rule_name(rule: Rule) -> &'static str {
    match rule {
        Rule::PairUnbalanced => "成对标号不配对",
        Rule::PairNesting => "引号或书名号套用不当",
        Rule::PairMixed => "全角半角括号混配",
        Rule::HalfwidthComma => "半角逗号",
        Rule::HalfwidthColon => "半角冒号",
        Rule::HalfwidthSemicolon => "半角分号",
        Rule::HalfwidthExclamation => "半角叹号",
        Rule::HalfwidthQuestion => "半角问号",
        Rule::HalfwidthParen => "半角括号",
        Rule::HalfwidthQuote => "半角引号",
        Rule::HalfwidthPeriod => "半角句点",
        Rule::RepeatedMark => "点号重复",
        Rule::StackedMarks => "点号连用",
        Rule::SpaceAroundMark => "标点前后有空格",
        Rule::DunhaoBetweenQuoted => "并列引号、书名号间的顿号",
        Rule::DunhaoInEstimate => "概数中的顿号",
        Rule::EllipsisForm => "省略号形式",
        Rule::DashForm => "破折号形式",
        Rule::HyphenBetweenHan => "汉字间的短横",
        Rule::NumberingSeparator => "序次语后的标点",
        Rule::NumberingExtraMark => "括号序次语后多余的标点",
        Rule::NumberingMixed => "序次语写法不一致",
        Rule::NumberingArabic => "阿拉伯数字序次语后用了顿号",
        Rule::DunhaoBeforeDeng => "“等”前的顿号",
        Rule::EmphaticRepeated => "叹号或问号叠用",
        Rule::QuestionExclamationOrder => "问叹号连用的次序",
        Rule::TitleMarkOnName => "会议、活动或机构名称用了书名号",
        Rule::ListSeparators => "“一是……二是……”各项间的标点不一",
        Rule::YearAbbreviated => "年份简写",
        Rule::YearZero => "年份中的“〇”",
        Rule::DateMixed => "日期数字形式混用",
        Rule::RangeSign => "数值范围的符号",
        Rule::RangeHyphen => "数值范围用了短横线",
        Rule::DigitsWithQian => "阿拉伯数字与“千”“百”连用",
        Rule::NumeralsMixed => "汉字数字与阿拉伯数字混用",
        Rule::FixedExpression => "固定提法中的数字",
        Rule::FullwidthDigit => "全角数字",
        Rule::RedundantApprox => "概数词语重复",
        Rule::EstimateDigits => "概数用了阿拉伯数字",
        Rule::DigitGrouping => "数字分节用逗号",
        Rule::UnitCase => "单位符号大小写",
        Rule::CelsiusMixed => "摄氏度符号不统一",
        Rule::UnitMixedScripts => "单位中文名称与符号混用",
        Rule::UnitObsolete => "废弃的单位名称",
        Rule::UnitProduct => "组合单位符号缺中圆点",
        Rule::UnitStylesMixed => "一句中单位符号与中文名称混用",
        Rule::Confusion => "易错词",
        Rule::Slip => "疑似错字",
        Rule::IdiomSlip => "成语、习用语中的错字",
        Rule::FunctionWord => "同音的虚词、单字词用错",
        Rule::ParticleDe => "“的”应为“得”",
        Rule::ParticleDi => "“的”应为“地”",
        Rule::DoubledChar => "字重复",
        Rule::DoubledWord => "词重复",
        Rule::MixedAccording => "句式杂糅（根据……显示）",
        Rule::MixedBecause => "句式杂糅（由于……导致）",
        Rule::MixedReason => "句式杂糅（原因是……造成的）",
        Rule::QuestionOnStatement => "陈述句用了问号",
        Rule::QuestionMissing => "问句用了句号",
        Rule::Canonical => "规范提法",
        Rule::CanonicalMissing => "规范提法漏字",
        Rule::TitleOutOfTerm => "职务与任期不符",
        Rule::TitleOfAnother => "职务张冠李戴",
        Rule::NameNearMiss => "人名疑似写错",
        Rule::FactAnniversary => "周年数与年份不符",
        Rule::FactObservance => "“第N个”纪念日的序数与年份不符",
        Rule::FactFounding => "成立年份不对",
        Rule::FactMeeting => "会议的时间或地点不对",
        Rule::FactMeetingAhead => "会议在本期日期之后才召开",
    }
}

/// One line: what is wrong and which clause says so.
pub fn explain(f: &Finding) -> String {
    let text = q(&f.text);
    let suggestion = f.suggestion.as_deref().map(q).unwrap_or_default();
    let note = f.note.as_deref().map(q).unwrap_or_default();
    match f.rule {
        Rule::PairUnbalanced => {
            format!("“{text}”在本段找不到与它配对的另一半（{P}4.8 引号、4.9 括号、4.15 书名号）。")
        }
        Rule::PairNesting => format!(
            "引号里再用引号要用单引号‘’，书名号里再用书名号要用〈〉（{P}4.8 引号、4.15 书名号）。"
        ),
        Rule::PairMixed => format!("一对括号一半全角一半半角，应统一为“（）”（{P}4.9 括号）。"),
        Rule::HalfwidthComma => format!("中文句子里用了半角逗号，应为“，”（{P}4.4 逗号）。"),
        Rule::HalfwidthColon => format!("中文句子里用了半角冒号，应为“：”（{P}4.7 冒号）。"),
        Rule::HalfwidthSemicolon => format!("中文句子里用了半角分号，应为“；”（{P}4.6 分号）。"),
        Rule::HalfwidthExclamation => format!("中文句子里用了半角叹号，应为“！”（{P}4.3 叹号）。"),
        Rule::HalfwidthQuestion => format!("中文句子里用了半角问号，应为“？”（{P}4.2 问号）。"),
        Rule::HalfwidthParen => format!("括住中文的括号用了半角，应为全角“（）”（{P}4.9 括号）。"),
        Rule::HalfwidthQuote => format!("中文里用了半角引号，应为“”（{P}4.8 引号）。"),
        Rule::HalfwidthPeriod => format!("中文句末用了半角句点，应为“。”（{P}4.1 句号）。"),
        Rule::RepeatedMark => format!("点号“{text}”重复了（{P}第5章 标点符号的位置和书写形式）。"),
        Rule::StackedMarks => format!("两个点号“{text}”连用，只应保留一个（{P}4.1～4.7 点号）。"),
        Rule::SpaceAroundMark => {
            format!("全角标点前后不留空格（{P}第5章 标点符号的位置和书写形式）。")
        }
        Rule::DunhaoBetweenQuoted => {
            format!("标有引号、书名号的并列成分之间通常不用顿号（{P}4.5.3.5）。")
        }
        Rule::DunhaoInEstimate => {
            format!("相邻两数连用表示概数，中间不用顿号，写作“{suggestion}”（{P}4.5 顿号）。")
        }
        Rule::EllipsisForm => format!("省略号是六个小圆点“……”，占两个字的位置（{P}4.11 省略号）。"),
        Rule::DashForm => format!("破折号是“——”，占两个字的位置（{P}4.10 破折号）。"),
        Rule::HyphenBetweenHan => format!(
            "汉字之间的短横：表示起止或相关应为连接号“—”，表示解释说明应为破折号“——”（{P}4.10 破折号、4.13 连接号）。"
        ),
        Rule::NumberingSeparator => format!("汉字数字序次语之后用顿号“、”（{P}4.5 顿号）。"),
        Rule::NumberingExtraMark => format!("带括号的序次语后面不再加标点（{P}4.9 括号）。"),
        Rule::NumberingMixed => format!("同一篇里同级序次语写法不一，本篇多数写作“{suggestion}”。"),
        Rule::NumberingArabic => format!(
            "不带括号的阿拉伯数字序次语后面用下脚点“.”，不用顿号，如“1.”（{P}附录B；GB/T 9704—2012《党政机关公文格式》7.3.3：一、（一）1.（1））。"
        ),
        Rule::DunhaoBeforeDeng => format!(
            "并列成分之间用顿号时，末尾的“等”“等等”前面不再用顿号（{P}附录B）。"
        ),
        Rule::EmphaticRepeated => format!(
            "“{text}”叠用了标点：没有异常强烈的感情需要表达时不宜叠用问号、叹号，本刊文稿一般只用一个（{P}4.2 问号、4.3 叹号）。"
        ),
        Rule::QuestionExclamationOrder => {
            format!("问号和叹号连用时，先问号后叹号，写作“？！”（{P}4.3 叹号）。")
        }
        Rule::ListSeparators => format!(
            "同一组“一是……二是……”的各项之间，标点应当一致，本段多数用“{suggestion}”（{P}4.6 分号）。"
        ),
        Rule::TitleMarkOnName => format!(
            "会议、活动、组织机构等不是作品，名称不用书名号，可写作“{suggestion}”；如果确是以此为名的作品（图书、影视等），请保留（{P}4.15 书名号和附录A）。"
        ),
        Rule::YearAbbreviated => match f.suggestion {
            Some(_) => format!(
                "年份不能简写，应写全四位，即“{suggestion}”（{N}5.1 阿拉伯数字的使用）。"
            ),
            None => format!("年份不能简写，应写全四位（{N}5.1 阿拉伯数字的使用）。"),
        },
        Rule::YearZero => {
            format!("汉字数字年份中的“零”应写作“〇”，不写作“零”或字母 O（{N}5.2 汉字数字的使用）。")
        }
        Rule::DateMixed => {
            format!("一个日期里年、月、日的数字形式应当一致（{N}第4章 数字形式的选用）。")
        }
        Rule::RangeSign => format!(
            "数值范围中百分号和“万”“亿”不能省略，应写作“{suggestion}”（{N}5.1 阿拉伯数字的使用）。"
        ),
        Rule::RangeHyphen => format!(
            "表示数值范围用浪纹线“～”（年份起止也可用一字线“—”），不用短横线“-”（{P}4.13 连接号；{N}5.1 阿拉伯数字的使用）。"
        ),
        Rule::DigitsWithQian => format!(
            "阿拉伯数字只能与“万”“亿”连用，不与“千”“百”连用，应写作“{suggestion}”（{N}5.1 阿拉伯数字的使用）。"
        ),
        Rule::NumeralsMixed => format!(
            "一个数里汉字数字和阿拉伯数字混用，统计数字统一用阿拉伯数字，写作“{suggestion}”（{N}4.1 选用阿拉伯数字）。"
        ),
        Rule::FixedExpression => {
            format!("固定提法、缩略语中的数字用汉字，写作“{suggestion}”（{N}4.2 选用汉字数字）。")
        }
        Rule::FullwidthDigit => format!("阿拉伯数字应为半角（{N}5.1 阿拉伯数字的使用）。"),
        Rule::RedundantApprox => {
            format!("概数已用“约”“超过”“不足”一类词表示，后面的“{text}”重复，宜删去。")
        }
        Rule::EstimateDigits => {
            format!("相邻两数连用表示概数应用汉字，写作“{suggestion}”（{N}4.2 选用汉字数字）。")
        }
        Rule::DigitGrouping => format!(
            "非科技文本中多位数不用逗号分节，可写作“{suggestion}”（{N}5.1 阿拉伯数字的使用）。"
        ),
        Rule::UnitCase => format!("单位符号“{text}”大小写不对，应为“{suggestion}”（{U}）。"),
        Rule::CelsiusMixed => format!("本篇摄氏度符号写法不一，多数写作“{suggestion}”（{U}）。"),
        Rule::UnitMixedScripts => "单位的中文名称和国际符号不能混在一个单位里（GB 3101—1993《有关量、单位和符号的一般原则》）。".to_string(),
        Rule::UnitProduct => format!(
            "相乘构成的组合单位，符号之间加中圆点，“{text}”应写作“{suggestion}”（GB 3101—1993《有关量、单位和符号的一般原则》）。"
        ),
        Rule::UnitStylesMixed => format!(
            "同一句里同一种量的单位，“{text}”和别处写法不一：要么都用国际符号，要么都用中文名称（{U}）。"
        ),
        Rule::UnitObsolete => format!("“{text}”是已废除的单位名称，应为“{suggestion}”（{U}）。"),
        Rule::Confusion => format!("“{text}”应为“{suggestion}”（易错词表：{note}）。"),
        Rule::Slip => format!(
            "“{text}”可能是“{suggestion}”之误，改后读作“{note}”，文意更通顺。这是按词频统计和音近、形近字推断的，请对照原稿核实。"
        ),
        Rule::FunctionWord => format!(
            "“{text}”可能是“{suggestion}”之误：按词语三元模型（libime 语言模型）推断，改后这一句读来通顺得多。这是统计推断，请对照原稿核实。"
        ),
        Rule::IdiomSlip => format!(
            "“{note}”是固定的成语或习用语，这里把“{suggestion}”写成了“{text}”（成语表取自 jieba 词典）。"
        ),
        Rule::ParticleDe => "动词后面连接表示程度的补语，用“得”（如“完成得十分出色”）。".to_string(),
        Rule::ParticleDi => "修饰动词的状语后面用“地”（如“认真地学习贯彻”）；“认真的态度”这样修饰名词的才用“的”。".to_string(),
        Rule::DoubledChar => format!("“{text}”重复，可能是多打了一个字。"),
        Rule::DoubledWord => format!("“{suggestion}”连写了两遍，可能是多打了一遍。"),
        Rule::MixedAccording => "“根据……显示”句式杂糅，删去“根据”或改为“根据……可知”。".to_string(),
        Rule::MixedBecause => "“由于……导致”句式杂糅，删去“由于”或“导致”之一。".to_string(),
        Rule::MixedReason => "“原因是……造成的”句式杂糅，删去“造成的”一类词。".to_string(),
        Rule::QuestionOnStatement => format!("句中的疑问词只是句子的一部分，全句并不发问，句末用句号（{P}4.2 问号）。"),
        Rule::QuestionMissing => format!("这是问句，句末用问号（{P}4.2 问号）。"),
        Rule::Canonical => format!("规范提法是“{suggestion}”（规范提法表：{note}）。"),
        Rule::CanonicalMissing => format!("“{text}”像是规范提法“{suggestion}”漏了字（规范提法表）。"),
        Rule::TitleOutOfTerm => format!("按本期日期，职务与任期不符（人名职务表：{note}）。"),
        Rule::TitleOfAnother => format!("职务写错了人：{note}（人名职务表，按本期日期）。"),
        Rule::NameNearMiss => format!(
            "“{text}”和本刊已知的“{suggestion}”只差一个字，可能是人名写错（已知人名来自 staff.toml、人名职务表和已刊作者）。"
        ),
        Rule::FactAnniversary => match f.severity {
            Severity::Error => format!("按成立年份推算，周年数不对，应为“{suggestion}”：{note}（纪念日表）。"),
            _ => format!("按本期年份推算，周年数可能不对，应为“{suggestion}”：{note}（纪念日表；如指往年的纪念，请忽略）。"),
        },
        Rule::FactObservance => match f.severity {
            Severity::Error => format!("按第一个的年份推算，序数不对，应为“{suggestion}”：{note}（纪念日表）。"),
            _ => format!("按本期年份推算，序数可能不对，应为“{suggestion}”：{note}（纪念日表；如指往年的这一天，请忽略）。"),
        },
        Rule::FactFounding => format!("成立年份不对，应为“{suggestion}”：{note}（纪念日表）。"),
        Rule::FactMeeting => format!("会议的时间或地点与记载不符：{note}（会议表）。"),
        Rule::FactMeetingAhead => format!("按本期日期，会议尚未召开：{note}（会议表；如本期日期不对，请先改正日期）。"),
    }
}

pub fn replacement(f: &Finding) -> Option<String> {
    match f.suggestion.as_deref()? {
        "" => Some("删去".to_string()),
        s => Some(format!("改为“{}”", q(s))),
    }
}

/// 正文第3段第15字
pub fn place(p: Part, paragraph: usize, start: usize) -> String {
    match p {
        Part::Body | Part::Masthead => format!("{}第{paragraph}段第{}字", part(p), start + 1),
        _ => format!("{}第{}字", part(p), start + 1),
    }
}

pub fn also_at(places: &[String]) -> String {
    const SHOWN: usize = 8;
    let mut list = places
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join("、");
    if places.len() > SHOWN {
        list.push_str(&format!("等 {} 处", places.len()));
    }
    format!("同样的问题还在：{list}")
}

pub fn clean(scope: &str, characters: usize) -> String {
    format!("{scope}：没有发现问题（共 {characters} 字）。")
}

pub fn summary(scope: &str, errors: usize, warnings: usize, infos: usize) -> String {
    format!("{scope}：错误 {errors} 处，建议 {warnings} 处，提示 {infos} 处。")
}

/// Said when the optional word trigram model is not installed.
pub fn no_word_model() -> String {
    "提示：没有安装词语三元模型（Debian 软件包 libime-data-language-model），“以/已”“在/再”一类同音虚词没有检查。装上即可：sudo apt install libime-data-language-model".to_string()
}

pub fn next_step(fixable: usize, article: Option<&str>) -> Option<String> {
    if fixable == 0 {
        return None;
    }
    Some(match article {
        Some(a) => format!("其中 {fixable} 处可以自动改正：galley lint {a} --fix"),
        None => format!("其中 {fixable} 处可以自动改正：对每篇运行 galley lint 期号/稿件 --fix"),
    })
}

pub fn errors_found(errors: usize) -> GalleyError {
    GalleyError::check(format!("发现 {errors} 处错误。"))
        .hint("改正后再运行一次 galley lint；确认不是错误的，可以在 style/ 里的词表中调整。")
}

pub fn fix_needs_article() -> GalleyError {
    GalleyError::usage("--fix 一次只改一篇稿件。")
        .hint("写明稿件，例如：galley lint 2024-02/qingneng --fix")
}

pub fn fix_nothing(article: &str) -> String {
    format!("{article}：没有可以自动改正的地方，正文没有改动。")
}

pub fn fix_message(rules: &[Rule]) -> String {
    let names: Vec<&str> = rules.iter().map(|r| rule_name(*r)).collect();
    format!("自动校对改正：{}", names.join("、"))
}

pub fn fix_done(article: &str, count: usize, rules: &[Rule], stale: &[String]) -> String {
    let ids: Vec<&str> = rules.iter().map(|r| r.id()).collect();
    let mut text = format!(
        "{article}：自动改正 {count} 处（{}），已保存为新修订。用 galley diff {article} 查看每处改动。",
        ids.join("、")
    );
    if !stale.is_empty() {
        text.push_str(&format!(
            "原有的「{}」签署已过期，需要重新签署。",
            stale.join("」「")
        ));
    }
    text
}

pub fn style_unreadable(path: &Path, p: &StyleProblem) -> GalleyError {
    let at = p.line.map(|l| format!("第 {l} 行")).unwrap_or_default();
    GalleyError::user(format!("词表 {}{at} 读不懂：{}", path.display(), q(&p.detail)))
        .hint("对照文件开头的说明改正这一处；不想要这份词表时可以删掉整个文件，galley 会用内置的起步词表。")
}

// galley quality

pub const QUALITY_HEADER: [&str; 9] = [
    "稿件",
    "标题",
    "字数",
    "校对改正 文/标/数",
    "错误",
    "建议",
    "提示",
    "差错（加权）",
    "估计差错率",
];
pub const QUALITY_TOTAL: &str = "全期";
pub const OVER_LIMIT: &str = "超标";

pub fn rate(rate: f64) -> String {
    format!("{rate:.2}/万")
}

pub fn counting_note(limit: f64) -> String {
    format!(
        "字数：正文和标题、副题、引题的非空白字符（不含署名）。差错按期刊编校差错计算方法计：错别字每处 1 个（同一错误最多计 3 次），规范提法和职务错误每处 2 个，知识性差错（成立年份、周年、会议）每处 1 个，标点、数字用法、单位符号每处 0.1 个（每类最多 1 个）；只计“错误”级、尚未改正的问题。这些上限按全期算，各篇按所占处数分摊，所以各篇差错加起来正好是全期的差错。差错率 = 差错 ÷ 字数 × 10000，限值万分之{}（staff.toml 的 [quality] error_rate_limit）。",
        trim_number(limit)
    )
}

pub fn rounds_heading() -> &'static str {
    "各轮校对的改正："
}

pub fn round_line(
    article: &str,
    round: usize,
    person: &str,
    date: &str,
    c: &Corrections,
) -> String {
    format!(
        "  {article} {} {} {date} 签署：改正文字 {} 处，标点 {} 处，数字 {} 处",
        super::paper::round(round),
        q(person),
        c.words,
        c.punctuation,
        c.numbers
    )
}

pub fn verdict(issue: &str, rate: f64, limit: f64) -> String {
    if rate > limit {
        format!(
            "{issue} 估计差错率万分之{:.2}，超过限值万分之{}。先用 galley lint {issue} 查看错误，有把握的用 --fix 改正。",
            rate,
            trim_number(limit)
        )
    } else {
        format!(
            "{issue} 估计差错率万分之{:.2}，在限值万分之{}以内。",
            rate,
            trim_number(limit)
        )
    }
}

pub fn over_limit(article: &str, title: &str, rate: f64, limit: f64) -> String {
    format!(
        "《{}》（{article}）的差错率估计为万分之{:.2}，超过限值万分之{}；用 galley lint {article} 查看。",
        q(title),
        rate,
        trim_number(limit)
    )
}

fn trim_number(n: f64) -> String {
    let s = format!("{n:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
