//! Every rule: a violation, its fix where it has one, and a near miss it
//! must leave alone. Sentences come from the shipped 2024-02 issue where
//! the issue has one.

use chrono::NaiveDate;

use super::names::People;
use super::*;

fn run(paragraphs: &[&str], date: &str) -> Vec<(Rule, String, Option<String>)> {
    let style = Style::starter();
    let pieces: Vec<Piece> = paragraphs
        .iter()
        .enumerate()
        .map(|(i, t)| Piece {
            part: Part::Body,
            paragraph: i + 1,
            text: t,
        })
        .collect();
    let people = People::default();
    let setting = Setting {
        style: &style,
        people: &people,
        date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        language: None,
    };
    check(&pieces, &setting)
        .into_iter()
        .map(|f| (f.rule, f.text, f.suggestion))
        .collect()
}

fn lint(text: &str) -> Vec<(Rule, String, Option<String>)> {
    run(&[text], "2024-02-01")
}

/// The paragraph gives exactly one finding of `rule`, on `flagged`, with
/// `suggestion`.
#[track_caller]
fn flags(rule: Rule, text: &str, flagged: &str, suggestion: Option<&str>) {
    let found: Vec<_> = lint(text).into_iter().filter(|f| f.0 == rule).collect();
    assert_eq!(
        found,
        vec![(rule, flagged.to_string(), suggestion.map(str::to_string))],
        "{text}"
    );
}

/// The paragraph gives no finding of `rule`.
#[track_caller]
fn quiet(rule: Rule, text: &str) {
    let found: Vec<_> = lint(text).into_iter().filter(|f| f.0 == rule).collect();
    assert!(found.is_empty(), "{text}: {found:?}");
}

#[test]
fn there_are_at_least_thirty_rules_in_five_families() {
    assert!(Rule::ALL.len() >= 30);
    for family in [
        Family::Punctuation,
        Family::Numbers,
        Family::Units,
        Family::Words,
        Family::Usage,
    ] {
        assert!(Rule::ALL.iter().any(|r| r.family() == family));
    }
    let mut ids: Vec<_> = Rule::ALL.iter().map(|r| r.id()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), Rule::ALL.len());
}

#[test]
fn paired_marks() {
    flags(Rule::PairUnbalanced, "加强“宜居城市建设。", "“", None);
    flags(Rule::PairUnbalanced, "做好城市精细化管理）。", "）", None);
    quiet(Rule::PairUnbalanced, "加强“宜居城市”“韧性城市”建设。");
    // A quotation running on opens the next paragraph with “.
    let split = run(&["“第一段引文，", "“第二段引文。”"], "2024-02-01");
    assert!(
        split.iter().all(|f| f.0 != Rule::PairUnbalanced),
        "{split:?}"
    );
    // A sentence split over two paragraphs by print extraction.
    let broken = run(&["成功抢占（全省氢能", "产业）发展先机"], "2024-02-01");
    assert!(
        broken.iter().all(|f| f.0 != Rule::PairUnbalanced),
        "{broken:?}"
    );

    let nested = lint("他说：“要落实“双碳”目标。”");
    assert!(
        nested.contains(&(Rule::PairNesting, "“".into(), Some("‘".into()))),
        "{nested:?}"
    );
    assert!(
        nested.contains(&(Rule::PairNesting, "”".into(), Some("’".into()))),
        "{nested:?}"
    );
    quiet(Rule::PairNesting, "他说：“要落实‘双碳’目标。”");

    flags(Rule::PairMixed, "深入有关县（区)、企业", ")", Some("）"));
    flags(Rule::PairMixed, "深入有关县(区）、企业", "(", Some("（"));
    quiet(Rule::PairMixed, "深入有关县（区）、企业");
}

#[test]
fn half_width_marks_in_chinese() {
    flags(
        Rule::HalfwidthComma,
        "注册资金5000万元,智能制造工厂",
        ",",
        Some("，"),
    );
    flags(
        Rule::HalfwidthComma,
        "已投入运营, 一期占地",
        ", ",
        Some("，"),
    );
    quiet(Rule::HalfwidthComma, "总投资12,500元");
    quiet(Rule::HalfwidthComma, "Hello, world");
    flags(
        Rule::HalfwidthSemicolon,
        "投资金额2亿元;濮阳市米琦",
        ";",
        Some("；"),
    );
    quiet(Rule::HalfwidthSemicolon, "见 a;b 两项");
    flags(Rule::HalfwidthColon, "主要有:优必选", ":", Some("："));
    quiet(Rule::HalfwidthColon, "会议于10:30开始");
    flags(
        Rule::HalfwidthExclamation,
        "行将必至!让我们",
        "!",
        Some("！"),
    );
    quiet(Rule::HalfwidthExclamation, "Yahoo! 公司");
    flags(Rule::HalfwidthQuestion, "怎么办?我们", "?", Some("？"));
    quiet(Rule::HalfwidthQuestion, "https://a.cn/?q=1");
    flags(
        Rule::HalfwidthPeriod,
        "取得明显成效.下一步",
        ".",
        Some("。"),
    );
    quiet(Rule::HalfwidthPeriod, "增长1.5倍");
    quiet(Rule::HalfwidthPeriod, "一.总体情况");
}

#[test]
fn half_width_brackets_and_quotes() {
    let found = lint("(本文系2024年2月6日万正峰同志在会上的讲话摘要)");
    assert_eq!(
        found,
        vec![
            (Rule::HalfwidthParen, "(".into(), Some("（".into())),
            (Rule::HalfwidthParen, ")".into(), Some("）".into())),
        ]
    );
    flags(
        Rule::HalfwidthParen,
        "(一) 创新主体方面。",
        "(一) ",
        Some("（一）"),
    );
    quiet(Rule::HalfwidthParen, "采用变压吸附(PSA)等方式");
    quiet(Rule::HalfwidthParen, "纯度高（>99%）");

    let quoted = lint("加强\"宜居城市\"建设");
    assert_eq!(
        quoted,
        vec![
            (Rule::HalfwidthQuote, "\"".into(), Some("“".into())),
            (Rule::HalfwidthQuote, "\"".into(), Some("”".into())),
        ]
    );
    quiet(Rule::HalfwidthQuote, "the \"quoted\" word");
}

#[test]
fn repeated_and_stacked_marks() {
    flags(
        Rule::RepeatedMark,
        "智能制造工厂，，数据标注基地",
        "，，",
        Some("，"),
    );
    flags(Rule::RepeatedMark, "已投入运营。。", "。。", Some("。"));
    quiet(Rule::RepeatedMark, "已投入运营。");
    flags(Rule::StackedMarks, "已投入运营，。", "，。", None);
    quiet(Rule::StackedMarks, "已投入运营。”");
}

#[test]
fn spaces_around_full_width_marks() {
    flags(
        Rule::SpaceAroundMark,
        "非常低，为 -253°C ，液化所需",
        " ",
        Some(""),
    );
    flags(
        Rule::SpaceAroundMark,
        "甲基丙烯酸甲酯、 α-烯烃",
        " ",
        Some(""),
    );
    // Two-character names are spaced to line up; 〔执笔〕 is followed by the title.
    quiet(
        Rule::SpaceAroundMark,
        "陈 宁〔执笔〕 市工信局化学工业科科长",
    );
    quiet(Rule::SpaceAroundMark, "我市2023年完成投资");
    // A photo credit after its caption, and a spaced 间隔号 in a layout line.
    quiet(Rule::SpaceAroundMark, "各项议程后胜利闭幕。 高崧人 / 摄");
    quiet(Rule::SpaceAroundMark, "期 / 月 · 总第247期");
}

#[test]
fn enumeration_commas() {
    flags(
        Rule::DunhaoBetweenQuoted,
        "专精特新、“单项冠军”、“小巨人”企业",
        "、",
        Some(""),
    );
    flags(
        Rule::DunhaoBetweenQuoted,
        "《规划》、《方案》",
        "、",
        Some(""),
    );
    quiet(Rule::DunhaoBetweenQuoted, "“单项冠军”“小巨人”企业");
    quiet(
        Rule::DunhaoBetweenQuoted,
        "“单项冠军”（国家级）、“小巨人”企业",
    );

    flags(
        Rule::DunhaoInEstimate,
        "用了三、四个月",
        "三、四",
        Some("三四"),
    );
    quiet(Rule::DunhaoInEstimate, "用了三四个月");
    quiet(Rule::DunhaoInEstimate, "第三、四季度");
    quiet(Rule::DunhaoInEstimate, "一、二、三、四是序号");
}

#[test]
fn ellipsis_and_dashes() {
    flags(Rule::EllipsisForm, "风电、光伏...等", "...", Some("……"));
    flags(
        Rule::EllipsisForm,
        "风电、光伏。。。等",
        "。。。",
        Some("……"),
    );
    flags(Rule::EllipsisForm, "风电、光伏…等", "…", Some("……"));
    quiet(Rule::EllipsisForm, "风电、光伏……等");
    flags(Rule::DashForm, "一个目标--高质量发展", "--", Some("——"));
    flags(Rule::DashForm, "一个目标———高质量发展", "———", Some("——"));
    quiet(Rule::DashForm, "实现“技术攻关—技术应用—成果产业化”有机衔接");
    quiet(
        Rule::DashForm,
        "——2024年2月4日在濮阳市第九届人民代表大会第三次会议上",
    );
    flags(Rule::HyphenBetweenHan, "技术攻关-技术应用", "-", None);
    quiet(Rule::HyphenBetweenHan, "IV-35型储氢瓶，α-烯烃");
}

#[test]
fn opening_numbers() {
    flags(Rule::NumberingSeparator, "一.总体情况", ".", Some("、"));
    flags(Rule::NumberingSeparator, "二，主要问题", "，", Some("、"));
    quiet(Rule::NumberingSeparator, "一、总体情况");
    quiet(Rule::NumberingSeparator, "一是加快推进");
    flags(Rule::NumberingExtraMark, "（一）、行业形势", "、", Some(""));
    quiet(Rule::NumberingExtraMark, "（一）行业形势复杂多变。");

    let mixed = run(&["1.加快推进", "2.扩大规模", "3、丰富应用"], "2024-02-01");
    assert_eq!(
        mixed,
        vec![(Rule::NumberingArabic, "、".into(), Some(".".into()))]
    );
    let mixed = run(&["1.加快推进", "2.扩大规模", "3．丰富应用"], "2024-02-01");
    assert_eq!(
        mixed,
        vec![(Rule::NumberingMixed, "．".into(), Some(".".into()))]
    );
    let same = run(&["1.加快推进", "2.扩大规模"], "2024-02-01");
    assert!(same.is_empty(), "{same:?}");
}

#[test]
fn years_and_dates() {
    flags(
        Rule::YearAbbreviated,
        "早在’98年就已建成",
        "’98年",
        Some("1998年"),
    );
    flags(Rule::YearAbbreviated, "23年1月开工", "23年", Some("2023年"));
    // GB/T 15835—2011: 2008年8月8日 is not written 08年8月8日.
    flags(
        Rule::YearAbbreviated,
        "08年8月8日开幕",
        "08年",
        Some("2008年"),
    );
    flags(
        Rule::YearAbbreviated,
        "23年底建成投产",
        "23年",
        Some("2023年"),
    );
    flags(
        Rule::YearAbbreviated,
        "23年上半年完成",
        "23年",
        Some("2023年"),
    );
    quiet(Rule::YearAbbreviated, "2008年8月8日开幕");
    quiet(Rule::YearAbbreviated, "连续14年稳居全球第一");
    quiet(Rule::YearAbbreviated, "近23年底子越打越牢");
    quiet(Rule::YearAbbreviated, "扎根基层30年初心不改");
    quiet(Rule::YearAbbreviated, "打了20年底子");
    quiet(Rule::YearAbbreviated, "连续30年春节坚守岗位");
    quiet(Rule::YearAbbreviated, "2023年1月开工");
    quiet(Rule::YearAbbreviated, "已有23年历史");
    flags(
        Rule::YearZero,
        "二零二四年二月",
        "二零二四",
        Some("二〇二四"),
    );
    flags(Rule::YearZero, "二O二四年", "二O二四", Some("二〇二四"));
    quiet(Rule::YearZero, "二〇二四年");
    quiet(Rule::YearZero, "一千零二十四年前");
    flags(Rule::DateMixed, "2024年二月召开", "2024年二月", None);
    flags(Rule::DateMixed, "二〇二四年2月召开", "二〇二四年2月", None);
    quiet(Rule::DateMixed, "2024年2月召开");
    quiet(Rule::DateMixed, "二〇二四年二月召开");
}

#[test]
fn ranges_keep_their_signs() {
    flags(
        Rule::RangeSign,
        "占比15～30%之间",
        "15～30%",
        Some("15%～30%"),
    );
    flags(
        Rule::RangeSign,
        "投资13～17万元",
        "13～17万",
        Some("13万～17万"),
    );
    quiet(Rule::RangeSign, "体积分数5%—10%");
    quiet(Rule::RangeSign, "单车储氢1.2—1.5吨");
    quiet(Rule::RangeSign, "投资13万～17万元");
}

#[test]
fn numbers_in_fixed_expressions_and_forms() {
    flags(Rule::FixedExpression, "“14五”时期", "14五", Some("十四五"));
    flags(
        Rule::FixedExpression,
        "深刻领悟“2个确立”",
        "2个确立",
        Some("两个确立"),
    );
    quiet(Rule::FixedExpression, "“十四五”时期");
    quiet(Rule::FixedExpression, "第214五金店");
    flags(
        Rule::FullwidthDigit,
        "注册资金５０００万元",
        "５０００",
        Some("5000"),
    );
    quiet(Rule::FullwidthDigit, "注册资金5000万元");
    flags(Rule::RedundantApprox, "约750亿元左右", "左右", Some(""));
    flags(Rule::RedundantApprox, "超过300家以上", "以上", Some(""));
    quiet(Rule::RedundantApprox, "约750亿元。左右两侧");
    quiet(Rule::RedundantApprox, "规模以上工业企业超过300家");
    flags(Rule::EstimateDigits, "每年3、4个项目", "3、4", Some("三四"));
    quiet(Rule::EstimateDigits, "3、4月份");
    quiet(Rule::EstimateDigits, "3、5个项目");
    flags(
        Rule::DigitGrouping,
        "总投资12,500元",
        "12,500",
        Some("12500"),
    );
    quiet(Rule::DigitGrouping, "总投资12500元");
}

#[test]
fn units() {
    flags(Rule::UnitCase, "220KV化工变", "KV", Some("kV"));
    flags(Rule::UnitCase, "35Mpa加氢", "Mpa", Some("MPa"));
    flags(Rule::UnitCase, "每公斤50元，重20Kg", "Kg", Some("kg"));
    quiet(Rule::UnitCase, "35MPa和70MPa两种压力等级");
    quiet(Rule::UnitCase, "KV公司的产品");
    let mixed = run(
        &["液化温度为-253°C。", "室外温度为5℃。", "最低为-10℃。"],
        "2024-02-01",
    );
    assert_eq!(
        mixed,
        vec![(Rule::CelsiusMixed, "°C".into(), Some("℃".into()))]
    );
    quiet(Rule::CelsiusMixed, "控制在2°C以内，液化温度为-253°C");
    flags(Rule::UnitMixedScripts, "时速120km/小时", "km/小时", None);
    flags(Rule::UnitMixedScripts, "时速120公里/h", "公里/h", None);
    quiet(Rule::UnitMixedScripts, "时速120km/h");
    flags(Rule::UnitObsolete, "身高180公分", "公分", Some("厘米"));
    quiet(Rule::UnitObsolete, "公分母");
}

#[test]
fn words() {
    flags(
        Rule::Confusion,
        "加强“宜居城市”“初性城市”“智慧城市”建设",
        "初性城市",
        Some("韧性城市"),
    );
    quiet(Rule::Confusion, "加强“宜居城市”“韧性城市”“智慧城市”建设");
    flags(
        Rule::Confusion,
        "截止2022年底，全国燃料电池车辆",
        "截止",
        Some("截至"),
    );
    quiet(Rule::Confusion, "申报截止日期为3月1日");
    flags(Rule::DoubledChar, "推动的的发展", "的的", Some("的"));
    quiet(Rule::DoubledChar, "让人民群众有更多实实在在的获得感");
    quiet(Rule::DoubledChar, "是是非非");
    quiet(Rule::DoubledChar, "不了了之");
    flags(
        Rule::MixedAccording,
        "根据有关数据显示，全球半数",
        "根据有关数据显示",
        None,
    );
    quiet(Rule::MixedAccording, "有关数据显示，全球半数");
    quiet(Rule::MixedAccording, "根据有关数据，全球半数风电显示出");
    flags(
        Rule::MixedBecause,
        "由于“双碳”政策导向，光伏新增装机大幅增长，导致光伏玻璃需求增高",
        "由于“双碳”政策导向，光伏新增装机大幅增长，导致",
        None,
    );
    quiet(
        Rule::MixedBecause,
        "由于政策导向，光伏玻璃需求增高。导致这一结果的是",
    );
    flags(
        Rule::MixedReason,
        "原因是管理不善造成的",
        "原因是管理不善造成的",
        None,
    );
    quiet(Rule::MixedReason, "原因是管理不善");
}

#[test]
fn canonical_phrasings_and_terms_of_office() {
    flags(
        Rule::Canonical,
        "团结在以习近平总书记为核心的党中央周围",
        "以习近平总书记为核心的党中央",
        Some("以习近平同志为核心的党中央"),
    );
    quiet(Rule::Canonical, "团结在以习近平同志为核心的党中央周围");
    quiet(Rule::Canonical, "习近平总书记强调");

    let late = run(&["国务院总理李克强指出"], "2024-02-01");
    assert_eq!(
        late,
        vec![(Rule::TitleOutOfTerm, "国务院总理李克强".into(), None)]
    );
    assert!(run(&["国务院总理李克强指出"], "2020-02-01").is_empty());
    let early = run(&["李强国务院总理指出"], "2020-02-01");
    assert_eq!(
        early,
        vec![(Rule::TitleOutOfTerm, "李强国务院总理".into(), None)]
    );
    assert!(run(&["国务院总理李强指出"], "2024-02-01").is_empty());
}

#[test]
fn markup_is_not_text() {
    let found = lint("- （一）倍增行动聚势开篇。");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn print_conventions_are_quiet() {
    for text in [
        "河南省连续性内资〔濮阳〕002号",
        "郭瑾萍〔执笔〕 市行政审批和政务信息管理局智慧城市建设科科长",
        "实现“技术攻关—技术应用—成果产业化”有机衔接",
        "特种聚丙烯和聚丙烯酸酯为辅链的“1+3”产业体系基本形成。",
        "单车储氢1.2—1.5吨，是长管拖车的3—4倍",
        "我市2023年完成投资120亿元，同比增长15.2%。",
        "电话：0393—6666877",
    ] {
        let found = lint(text);
        assert!(found.is_empty(), "{text}: {found:?}");
    }
}

#[test]
fn fix_applies_only_certain_suggestions() {
    let body = "注册资金5000万元,智能制造工厂，，数据标注基地。\n\n(一) 创新主体方面。根据有关数据显示，约750亿元左右。\n\n220KV化工变。";
    let paragraphs = crate::core::diff::paragraphs(body);
    let pieces: Vec<Piece> = paragraphs
        .iter()
        .enumerate()
        .map(|(i, t)| Piece {
            part: Part::Body,
            paragraph: i + 1,
            text: t,
        })
        .collect();
    let style = Style::starter();
    let findings = check(
        &pieces,
        &Setting {
            style: &style,
            people: &People::default(),
            date: None,
            language: None,
        },
    );
    let applied = fix::apply(body, &pieces, &findings);
    assert_eq!(applied.count, 4);
    assert_eq!(
        applied.body,
        "注册资金5000万元，智能制造工厂，数据标注基地。\n\n（一）创新主体方面。根据有关数据显示，约750亿元左右。\n\n220kV化工变。"
    );
    assert_eq!(
        applied.rules,
        vec![
            Rule::HalfwidthComma,
            Rule::HalfwidthParen,
            Rule::RepeatedMark,
            Rule::UnitCase
        ]
    );
}

#[test]
fn weighted_errors_follow_the_periodical_rules() {
    let style = Style::starter();
    let text =
        "初性城市，初性城市，初性城市，初性城市。以习近平总书记为核心的党中央。a,b中文,中文,中文";
    let pieces = [Piece {
        part: Part::Body,
        paragraph: 1,
        text,
    }];
    let findings = check(
        &pieces,
        &Setting {
            style: &style,
            people: &People::default(),
            date: None,
            language: None,
        },
    );
    // four 初性城市 count 3, the formulation 2, two commas 0.2.
    let weighed = quality::weighted_errors(&findings);
    assert!((weighed - 5.2).abs() < 1e-9, "{weighed}");
    assert!((quality::rate(5.2, 52_000) - 1.0).abs() < 1e-9);
}

#[test]
fn articles_share_the_issues_weighted_errors() {
    let style = Style::starter();
    let run = |text: &str| {
        let pieces = [Piece {
            part: Part::Body,
            paragraph: 1,
            text,
        }];
        check(
            &pieces,
            &Setting {
                style: &style,
                people: &People::default(),
                date: None,
                language: None,
            },
        )
    };
    // Twelve half-width commas in one article and eight in the other: the
    // issue's punctuation counts 1 (capped), shared 0.6 and 0.4; each
    // article weighed alone would say 1 and 0.8, 1.8 in all.
    let first = run(&"中文,".repeat(12));
    let second = run(&"中文,".repeat(8));
    let shares = quality::weighted_shares(&[first.iter().collect(), second.iter().collect()]);
    let issue = quality::weighted_errors(first.iter().chain(&second));
    assert!((issue - 1.0).abs() < 1e-9, "{issue}");
    assert!((shares[0] - 0.6).abs() < 1e-9, "{shares:?}");
    assert!((shares[1] - 0.4).abs() < 1e-9, "{shares:?}");
    assert!((shares.iter().sum::<f64>() - issue).abs() < 1e-9);
}

fn names_run(pieces: &[(Part, &str)]) -> Vec<(Rule, String, Option<String>, Severity)> {
    let mut style = Style::starter();
    for (name, title) in [("万正峰", "市委书记"), ("朱良才", "市长")] {
        style.offices.push(style::Office {
            name: name.into(),
            title: title.into(),
            from: None,
            to: None,
            source: None,
        });
    }
    let mut people = People::default();
    people
        .listed
        .extend(["万正峰", "朱良才", "宋欣龙", "刘卫防", "王栋栋"].map(String::from));
    people.printed.insert("冯琛琛".into(), 3);
    people.printed.insert("冯琛".into(), 1);
    // The slip itself is an author of the issue, as it is when typed in.
    people.printed.insert("方正峰".into(), 1);
    let pieces: Vec<Piece> = pieces
        .iter()
        .map(|(part, text)| Piece {
            part: *part,
            paragraph: 1,
            text,
        })
        .collect();
    let setting = Setting {
        style: &style,
        people: &people,
        date: NaiveDate::from_ymd_opt(2024, 2, 25),
        language: None,
    };
    check(&pieces, &setting)
        .into_iter()
        .filter(|f| matches!(f.rule, Rule::NameNearMiss | Rule::TitleOfAnother))
        .map(|f| (f.rule, f.text, f.suggestion, f.severity))
        .collect()
}

#[test]
fn a_name_a_character_off_is_caught_where_a_name_stands() {
    // The printed contents page of 2024年第2期 credits 方正峰; beside the
    // title that is 万正峰's own it is an error.
    for (part, text, severity) in [
        (Part::Authors, "方正峰", Severity::Warning),
        (Part::Byline, "中共濮阳市委书记 方正峰", Severity::Error),
        (Part::Body, "市委书记方正峰多次强调", Severity::Error),
    ] {
        let expected = (
            Rule::NameNearMiss,
            "方正峰".to_string(),
            Some("万正峰".to_string()),
            severity,
        );
        assert_eq!(names_run(&[(part, text)]), [expected], "{text}");
    }
    // An author printed once does not correct one printed three times.
    assert_eq!(names_run(&[(Part::Authors, "冯琛、王群才")]), []);
}

#[test]
fn names_that_are_right_or_merely_alike_are_left_alone() {
    for (part, text) in [
        (Part::Byline, "中共濮阳市委书记 万正峰"),
        (Part::Authors, "冯琛琛、王群才"),
        (Part::Body, "市委书记万正峰多次强调：制造业是立市之本。"),
        // Another person who shares two characters with a colleague.
        (Part::Body, "主任刘卫东介绍，市长朱良才出席。"),
        (
            Part::Body,
            "本文系2024年2月6日万正峰同志在市九届人大三次会议闭幕时的讲话摘要。",
        ),
    ] {
        assert_eq!(names_run(&[(part, text)]), [], "{text}");
    }
}

#[test]
fn a_leader_under_another_leaders_title_is_an_error() {
    assert_eq!(
        names_run(&[(Part::Body, "市长万正峰出席会议并讲话。")]),
        [(
            Rule::TitleOfAnother,
            "市长万正峰".into(),
            None,
            Severity::Error
        )]
    );
    assert_eq!(
        names_run(&[(
            Part::Body,
            "万正峰、朱良才出席。市委书记万正峰讲话，市长朱良才主持。"
        )]),
        []
    );
}

/// What one rule flags in `paragraphs`, with its suggestions.
fn corrections(paragraphs: &[&str], only: Rule) -> Vec<(String, String)> {
    run(paragraphs, "2024-02-25")
        .into_iter()
        .filter(|(rule, _, _)| *rule == only)
        .map(|(_, text, suggestion)| (text, suggestion.unwrap_or_default()))
        .collect()
}

#[test]
fn common_miswritten_words_are_caught_and_their_neighbours_are_not() {
    let words = corrections(
        &[
            "要科学布署，擎画蓝图，弛而不息纠“四风”，保障人民当家做主。",
            "其中部份项目已签定合同，为乡村震兴赓续力量。",
        ],
        Rule::Confusion,
    );
    let expected = [
        ("布署", "部署"),
        ("擎画", "擘画"),
        ("弛而不息", "驰而不息"),
        ("当家做主", "当家作主"),
        ("部份", "部分"),
        ("签定", "签订"),
        ("震兴", "振兴"),
    ];
    assert_eq!(words, expected.map(|(a, b)| (a.to_string(), b.to_string())));
    // 严峻工作、研究境外、既便于 hold the letters of a miswriting
    // across a word boundary.
    let quiet = run(
        &["形势严峻工作繁重，研究境外经验，既便于管理又审慎密切关注。"],
        "2024-02-25",
    );
    assert!(
        quiet.iter().all(|(rule, _, _)| *rule != Rule::Confusion),
        "{quiet:?}"
    );
}

#[test]
fn formulations_from_the_party_documents_and_their_guards() {
    let canonical = corrections(
        &[
            "深刻领会“两个确立”的决定性意义，增强“四个意识”，准确、完整、全面贯彻新发展理念。",
            "认真学习新时代中国特色社会主义思想，市委市政府高度重视，推进中国和香港合作。",
            "坚持党的二十大精神，学习习近平新时代中国特色社会主义思想，听取十九大报告。",
        ],
        Rule::Canonical,
    );
    let expected = [
        (
            "深刻领会“两个确立”的决定性意义",
            "深刻领悟“两个确立”的决定性意义",
        ),
        (
            "准确、完整、全面贯彻新发展理念",
            "完整、准确、全面贯彻新发展理念",
        ),
        (
            "新时代中国特色社会主义思想",
            "习近平新时代中国特色社会主义思想",
        ),
        ("市委市政府", "市委、市政府"),
        ("中国和香港", "内地与香港"),
        ("十九大", "党的十九大"),
    ];
    assert_eq!(
        canonical,
        expected.map(|(a, b)| (a.to_string(), b.to_string()))
    );
}

#[test]
fn de_di_de_by_what_stands_around_them() {
    let particles = |text: &str| -> Vec<(Rule, Option<String>)> {
        run(&[text], "2024-02-25")
            .into_iter()
            .filter(|(rule, _, _)| matches!(rule, Rule::ParticleDe | Rule::ParticleDi))
            .map(|(rule, _, suggestion)| (rule, suggestion))
            .collect()
    };
    for (text, rule, right) in [
        ("全市上下要认真的学习贯彻全会精神。", Rule::ParticleDi, "地"),
        ("各部门要积极的推进项目建设。", Rule::ParticleDi, "地"),
        ("去年的各项任务完成的十分出色。", Rule::ParticleDe, "得"),
        ("产业链群发展的越来越好。", Rule::ParticleDe, "得"),
        ("调研报告写的很清楚。", Rule::ParticleDe, "得"),
        ("这几年他学的很多。", Rule::ParticleDe, "得"),
    ] {
        assert_eq!(particles(text), [(rule, Some(right.to_string()))], "{text}");
    }
    for text in [
        "积极的财政政策要加力提效。",
        "认真的态度和扎实的作风是做好工作的保证。",
        "要有积极的工作态度和扎实的工作作风。",
        "他们做的很多工作得到群众认可。",
        "他们都已经忘记了在小学时学的很多字。",
        "全市上下要认真地学习贯彻全会精神。",
        "去年的各项任务完成得十分出色。",
        "实现全面的发展。",
    ] {
        assert_eq!(particles(text), [], "{text}");
    }
}

/// The rule classes of issue 28, each with the examples of GB/T 15834—2011
/// and GB/T 15835—2011 where the standard gives one, and the right form
/// left alone.
#[test]
fn arabic_opening_numbers_take_a_full_stop_not_a_dunhao() {
    flags(Rule::NumberingArabic, "1、生产经营情况", "、", Some("."));
    flags(
        Rule::NumberingArabic,
        "主要做法：2、强化要素保障",
        "、",
        Some("."),
    );
    quiet(Rule::NumberingArabic, "1. 生产经营情况");
    quiet(Rule::NumberingArabic, "一、总体情况");
    quiet(Rule::NumberingArabic, "1、2号机组同时投运");
    quiet(Rule::NumberingArabic, "全市3、4月份的数据");
    // The fix is certain: `--fix` may apply it.
    assert!(Rule::NumberingArabic.certain());
}

#[test]
fn no_dunhao_before_the_deng_of_a_list() {
    // GB/T 15834—2011 附录B: 并列成分之间用顿号，末尾的“等”前不用顿号。
    flags(
        Rule::DunhaoBeforeDeng,
        "现代生物学、物理学、化学、数学、等基础科学的发展，带动了医学科学的进步。",
        "、",
        Some(""),
    );
    flags(
        Rule::DunhaoBeforeDeng,
        "新材料、新能源、等等，都是重点产业。",
        "、",
        Some(""),
    );
    quiet(
        Rule::DunhaoBeforeDeng,
        "现代生物学、物理学、化学、数学等基础科学的发展，带动了医学科学的进步。",
    );
    quiet(Rule::DunhaoBeforeDeng, "规格、等级、价格都要标明。");
    // With commas between the parts, a comma before 等等 is right.
    quiet(
        Rule::DunhaoBeforeDeng,
        "文章主题是什么，用哪些材料，哪些详写，哪些略写，等等。",
    );
}

#[test]
fn question_and_exclamation_marks_stand_once_and_in_order() {
    flags(
        Rule::EmphaticRepeated,
        "这是全市人民的骄傲！！",
        "！！",
        Some("！"),
    );
    flags(
        Rule::EmphaticRepeated,
        "难道不该反思吗？？？",
        "？？？",
        Some("？"),
    );
    flags(
        Rule::QuestionExclamationOrder,
        "这么点困难就能把我们吓倒吗！？",
        "！？",
        Some("？！"),
    );
    // GB/T 15834—2011 4.3: 问号后再加叹号 for a strong rhetorical question.
    quiet(
        Rule::QuestionExclamationOrder,
        "这么点困难就能把我们吓倒吗？！",
    );
    quiet(Rule::EmphaticRepeated, "这么点困难就能把我们吓倒吗？！");
    quiet(Rule::EmphaticRepeated, "我们一定要把濮阳建设好！");
}

#[test]
fn meetings_activities_and_organisations_take_no_title_marks() {
    flags(
        Rule::TitleMarkOnName,
        "全国两会期间，《十四届全国人大二次会议》在北京召开。",
        "《十四届全国人大二次会议》",
        Some("十四届全国人大二次会议"),
    );
    // GB/T 15834—2011 附录A, examples of 书名号 misused.
    flags(
        Rule::TitleMarkOnName,
        "本市将召开《全国食用天然色素应用研讨会》。",
        "《全国食用天然色素应用研讨会》",
        Some("全国食用天然色素应用研讨会"),
    );
    flags(
        Rule::TitleMarkOnName,
        "《文史杂志社》编辑力量比较雄厚。",
        "《文史杂志社》",
        Some("《文史》杂志社"),
    );
    quiet(Rule::TitleMarkOnName, "《文史》杂志社编辑力量比较雄厚。");
    quiet(Rule::TitleMarkOnName, "学习《在全国组织工作会议上的讲话》");
    quiet(Rule::TitleMarkOnName, "读《红楼梦》，订《人民日报》");
    quiet(
        Rule::TitleMarkOnName,
        "印发《关于开展制造业倍增行动的实施方案》",
    );
}

#[test]
fn ranges_take_a_wave_dash_not_a_hyphen() {
    flags(Rule::RangeHyphen, "工期3-5天", "-", Some("～"));
    flags(Rule::RangeHyphen, "每亩增产50-80公斤", "-", Some("～"));
    flags(Rule::RangeHyphen, "2023-2024年度", "-", Some("—"));
    // GB/T 15835—2011 5.1: the standard's ranges.
    for right in [
        "-36～-8℃",
        "第400—429页",
        "售价12500～20000元",
        "9亿～16亿",
        "13万元～17万元",
        "15%～30%",
    ] {
        quiet(Rule::RangeHyphen, right);
    }
    // Dates, telephone numbers, standards' and models' numbers.
    for right in [
        "于2024-02-15发布",
        "电话：0393-6666877",
        "依据GB/T 15834-2011执行",
        "引进ABC-300型设备",
        "3-戊酮",
    ] {
        quiet(Rule::RangeHyphen, right);
    }
}

#[test]
fn arabic_numerals_stand_with_wan_and_yi_only() {
    // GB/T 15835—2011 5.1: 345 000 000公里 is not written 3亿4千5百万公里.
    let found: Vec<_> = lint("全长3亿4千5百万公里")
        .into_iter()
        .filter(|f| f.0 == Rule::DigitsWithQian)
        .collect();
    assert_eq!(
        found,
        vec![
            (Rule::DigitsWithQian, "4千".into(), Some("4000".into())),
            (Rule::DigitsWithQian, "5百".into(), Some("500".into())),
        ]
    );
    flags(Rule::DigitsWithQian, "带动就业3千余人", "3千", Some("3000"));
    flags(Rule::DigitsWithQian, "产值1.5千万元", "1.5千", Some("1500"));
    for right in [
        "全长34500万公里",
        "全长3.45亿公里",
        "管道4542千米",
        "10千伏线路",
        "日产50千克",
        "三千余人",
        "提高3个百分点",
    ] {
        quiet(Rule::DigitsWithQian, right);
    }
}

#[test]
fn units_multiplied_take_a_middle_dot_and_one_sentence_one_style() {
    flags(Rule::UnitCase, "年发电1200KWh", "KWh", Some("kW·h"));
    flags(Rule::UnitCase, "全长20KM", "KM", Some("km"));
    flags(Rule::UnitProduct, "年发电1200kWh", "kWh", Some("kW·h"));
    quiet(Rule::UnitProduct, "年发电1200kW·h");
    flags(
        Rule::UnitStylesMixed,
        "新建道路全长20km，宽30米。",
        "km",
        None,
    );
    flags(
        Rule::UnitStylesMixed,
        "风机单机5MW，共计50万千瓦，另建10MW储能。",
        "千瓦",
        None,
    );
    // Power and energy are different quantities; so are sentences.
    quiet(Rule::UnitStylesMixed, "装机100MW，年发电量1.2亿千瓦时。");
    quiet(Rule::UnitStylesMixed, "道路全长20km。另建绿道30米。");
    quiet(Rule::UnitStylesMixed, "集成了35MPa和70MPa两种压力等级");
    quiet(Rule::UnitStylesMixed, "时速120km/h，制动距离40米。");
}

#[test]
fn words_written_twice() {
    flags(Rule::DoubledChar, "我们要要加强学习", "要要", Some("要"));
    flags(
        Rule::DoubledWord,
        "推动经济发展发展",
        "发展发展",
        Some("发展"),
    );
    quiet(Rule::DoubledChar, "实现目的的手段");
    quiet(Rule::DoubledChar, "为了了解情况");
    quiet(Rule::DoubledWord, "回去研究研究再说");
    quiet(Rule::DoubledWord, "一步一步往前走");
    assert_eq!(Rule::DoubledChar.severity(), Severity::Warning);
}

#[test]
fn the_parts_of_one_list_are_separated_one_way() {
    flags(
        Rule::ListSeparators,
        "主要做法：一是加强领导；二是完善机制。三是强化考核；四是严格问责。",
        "。",
        Some("；"),
    );
    flags(
        Rule::ListSeparators,
        "一是抓项目。项目是发展的生命线。二是抓招商。三是抓服务；四是抓作风。",
        "；",
        Some("。"),
    );
    quiet(
        Rule::ListSeparators,
        "主要做法：一是加强领导；二是完善机制；三是强化考核。",
    );
    quiet(
        Rule::ListSeparators,
        "一是抓项目。项目是发展的生命线。二是抓招商。三是抓服务。",
    );
    // 统一是 opens no list.
    quiet(Rule::ListSeparators, "思想统一是前提；二是字不成列。");
}

/// Correctly printed text of the shipped issue: none of issue 28's new
/// rules speak.
#[test]
fn the_new_rules_are_quiet_on_correct_print() {
    let new = [
        Rule::NumberingArabic,
        Rule::DunhaoBeforeDeng,
        Rule::EmphaticRepeated,
        Rule::QuestionExclamationOrder,
        Rule::TitleMarkOnName,
        Rule::ListSeparators,
        Rule::RangeHyphen,
        Rule::DigitsWithQian,
        Rule::UnitProduct,
        Rule::UnitStylesMixed,
        Rule::DoubledChar,
        Rule::DoubledWord,
    ];
    for text in [
        "1. 生产经营情况。2023年，全市化工产业实现营业收入1200亿元。",
        "全过程人民民主的市域实践，紧紧围绕群众急难愁盼，让人民群众有更多实实在在的获得感。",
        "根据国家能源局数据，截至2023年11月底，全国累计太阳能发电装机容量约557.62GW，1—11月，我国新增装机规模为163.88GW。",
        "中建材400t/d超白光热材料生产线建成投产。",
        "西气东输管道4542千米，其中扬子（32千米）、长岭（43千米）。",
        "深化产业链链长和产业联盟会长“双长”制，联合攻关关键核心技术。",
        "化学工业科科长葛某，市市场监督管理局",
    ] {
        let found: Vec<_> = lint(text)
            .into_iter()
            .filter(|f| new.contains(&f.0))
            .collect();
        assert!(found.is_empty(), "{text}: {found:?}");
    }
}

/// The 知识性 findings on one paragraph in an issue dated `date`: the
/// rule, the flagged text, the suggestion and the severity.
fn facts(text: &str, date: &str) -> Vec<(Rule, String, Option<String>, Severity)> {
    facts_with_notes(text, date)
        .into_iter()
        .map(|(r, t, s, v, _)| (r, t, s, v))
        .collect()
}

#[allow(clippy::type_complexity)]
fn facts_with_notes(
    text: &str,
    date: &str,
) -> Vec<(Rule, String, Option<String>, Severity, String)> {
    let style = Style::starter();
    let people = People::default();
    let setting = Setting {
        style: &style,
        people: &people,
        date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        language: None,
    };
    let pieces = [Piece {
        part: Part::Body,
        paragraph: 1,
        text,
    }];
    check(&pieces, &setting)
        .into_iter()
        .filter(|f| f.rule.family() == Family::Facts)
        .map(|f| {
            (
                f.rule,
                f.text,
                f.suggestion,
                f.severity,
                f.note.unwrap_or_default(),
            )
        })
        .collect()
}

#[track_caller]
fn fact(
    rule: Rule,
    text: &str,
    date: &str,
    flagged: &str,
    suggestion: Option<&str>,
    severity: Severity,
) {
    assert_eq!(
        facts(text, date),
        vec![(
            rule,
            flagged.to_string(),
            suggestion.map(str::to_string),
            severity
        )],
        "{text} ({date})"
    );
}

#[track_caller]
fn no_fact(text: &str, date: &str) {
    let found = facts(text, date);
    assert!(found.is_empty(), "{text} ({date}): {found:?}");
}

#[test]
fn anniversaries_are_counted_from_the_founding_year() {
    use Severity::{Error, Warning};
    let a = Rule::FactAnniversary;
    // 中国共产党 1921
    no_fact("今年是中国共产党成立103周年。", "2024-02-01");
    no_fact("今年是中国共产党成立102周年。", "2023-06-01");
    // 今年 is the issue's year, which a reprinted speech can make wrong:
    // a 建议. A year written out is certain: an 错误.
    fact(
        a,
        "今年是中国共产党成立102周年。",
        "2024-02-01",
        "中国共产党成立102周年",
        Some("中国共产党成立103周年"),
        Warning,
    );
    fact(
        a,
        "2024年是建党一百零二周年。",
        "2024-02-01",
        "建党一百零二周年",
        Some("建党一百零三周年"),
        Error,
    );
    // The year written wins over the issue's.
    no_fact("2021年是中国共产党成立100周年。", "2024-02-01");
    // 新中国 1949; 共和国成立 inside 中华人民共和国成立 is read once.
    no_fact(
        "今年是中华人民共和国成立75周年、人民政协成立75周年。",
        "2024-02-01",
    );
    fact(
        a,
        "2024年是新中国成立74周年。",
        "2024-02-01",
        "新中国成立74周年",
        Some("新中国成立75周年"),
        Error,
    );
    fact(
        a,
        "今年是中华人民共和国成立76周年，也是……",
        "2024-02-01",
        "中华人民共和国成立76周年",
        Some("中华人民共和国成立75周年"),
        Warning,
    );
    // 中国人民解放军 1927, 改革开放 1978, 全国人大 1954, 濮阳建市 1983
    no_fact("今年是中国人民解放军建军97周年。", "2024-02-01");
    fact(
        a,
        "今年是中国人民解放军建军96周年。",
        "2024-02-01",
        "中国人民解放军建军96周年",
        Some("中国人民解放军建军97周年"),
        Warning,
    );
    no_fact("今年是改革开放46周年。", "2024-02-01");
    fact(
        a,
        "今年是改革开放45周年。",
        "2024-02-01",
        "改革开放45周年",
        Some("改革开放46周年"),
        Warning,
    );
    no_fact(
        "今年是全国人民代表大会成立70周年，也是市人大及其常委会设立40周年。",
        "2024-02-01",
    );
    fact(
        a,
        "今年正值濮阳建市40周年。",
        "2024-02-01",
        "濮阳建市40周年",
        Some("濮阳建市41周年"),
        Warning,
    );
    no_fact("今年正值濮阳建市40周年。", "2023-09-01");
    // Print extracted from a typeset page spaces the digits.
    no_fact(
        "今年是新中国成立 75 周年、是实现“十四五”规划目标任务的关键之年。",
        "2024-02-01",
    );
    fact(
        a,
        "今年是新中国成立 74 周年。",
        "2024-02-01",
        "新中国成立 74 周年",
        Some("新中国成立75周年"),
        Warning,
    );
    fact(
        a,
        "2024 年是改革开放45周年。",
        "2024-02-01",
        "改革开放45周年",
        Some("改革开放46周年"),
        Error,
    );
    // Without a year, only an anniversary looked forward to is checked,
    // and only as a 建议.
    fact(
        a,
        "喜迎建党102周年。",
        "2024-02-01",
        "建党102周年",
        Some("建党103周年"),
        Warning,
    );
    no_fact("喜迎建党103周年。", "2024-02-01");
    no_fact("回顾建党102周年时的情景。", "2024-02-01");
    // A named event is not a count of years.
    no_fact(
        "2023年，我们认真学习习近平总书记在庆祝中国共产党成立100周年大会上的重要讲话。",
        "2024-02-01",
    );
    no_fact(
        "今年是习近平总书记在庆祝中国共产党成立100周年大会上发表重要讲话3周年。",
        "2024-02-01",
    );
}

#[test]
fn observances_are_counted_from_the_first_year() {
    use Severity::{Error, Warning};
    let o = Rule::FactObservance;
    // 全民国家安全教育日, first 2016: the ninth in 2024.
    no_fact("2024年4月15日是第九个全民国家安全教育日。", "2024-02-01");
    no_fact("第9个全民国家安全教育日到来之际。", "2024-04-01");
    fact(
        o,
        "2024年4月15日是第八个全民国家安全教育日。",
        "2024-02-01",
        "第八个全民国家安全教育日",
        Some("第九个全民国家安全教育日"),
        Error,
    );
    // 国家宪法日, first 2014: without a year, against the issue's, as 建议.
    no_fact("在第十一个国家宪法日到来之际。", "2024-12-01");
    fact(
        o,
        "在第十个国家宪法日到来之际。",
        "2024-12-01",
        "第十个国家宪法日",
        Some("第十一个国家宪法日"),
        Warning,
    );
    // 今年4月15日是 names the year as the issue's: a 建议.
    fact(
        o,
        "今年4月15日是第八个全民国家安全教育日。",
        "2024-02-01",
        "第八个全民国家安全教育日",
        Some("第九个全民国家安全教育日"),
        Warning,
    );
    // Far from the issue's count, without a year, it is a look back.
    no_fact(
        "习近平总书记在第一个全民国家安全教育日到来之际作出重要指示。",
        "2024-02-01",
    );
    // 中国农民丰收节, first 2018; the year beside it decides.
    no_fact("2018年第一个中国农民丰收节。", "2024-02-01");
    fact(
        o,
        "2024年第六个中国农民丰收节。",
        "2024-02-01",
        "第六个中国农民丰收节",
        Some("第七个中国农民丰收节"),
        Error,
    );
}

#[test]
fn founding_years() {
    let f = Rule::FactFounding;
    let e = Severity::Error;
    no_fact("1921年成立的中国共产党，走过了百年历程。", "2024-02-01");
    fact(
        f,
        "1922年成立的中国共产党，走过了百年历程。",
        "2024-02-01",
        "1922年",
        Some("1921年"),
        e,
    );
    fact(
        f,
        "中国共产党成立于1922年。",
        "2024-02-01",
        "1922年",
        Some("1921年"),
        e,
    );
    no_fact("中华人民共和国成立于1949年。", "2024-02-01");
    fact(
        f,
        "新中国成立于1950年。",
        "2024-02-01",
        "1950年",
        Some("1949年"),
        e,
    );
    no_fact("1927年8月1日诞生的人民军队。", "2024-02-01");
    fact(
        f,
        "1928年8月1日诞生的人民军队。",
        "2024-02-01",
        "1928年",
        Some("1927年"),
        e,
    );
    fact(
        f,
        "中国人民解放军于1928年8月1日在南昌诞生。",
        "2024-02-01",
        "1928年",
        Some("1927年"),
        e,
    );
    // Another body of the same name's opening words.
    no_fact("1949年成立的中国共产党濮阳县委员会。", "2024-02-01");
    no_fact(
        "中国共产党于2021年7月1日隆重庆祝成立100周年。",
        "2024-02-01",
    );
}

#[test]
fn congresses_and_plenums_by_date_and_place() {
    let m = Rule::FactMeeting;
    let e = Severity::Error;
    no_fact("2022年10月召开的党的二十大，擘画了宏伟蓝图。", "2024-02-01");
    fact(
        m,
        "2023年召开的党的二十大，擘画了宏伟蓝图。",
        "2024-02-01",
        "2023年",
        Some("2022年"),
        e,
    );
    no_fact("2022年10月，党的二十大胜利召开。", "2024-02-01");
    fact(
        m,
        "2022年11月，党的二十大胜利召开。",
        "2024-02-01",
        "2022年11月",
        Some("2022年10月"),
        e,
    );
    no_fact(
        "党的二十届三中全会于2024年7月15日至18日在北京召开。",
        "2024-09-01",
    );
    fact(
        m,
        "党的二十届三中全会于2024年8月在北京召开。",
        "2024-09-01",
        "2024年8月",
        Some("2024年7月"),
        e,
    );
    fact(
        m,
        "中国共产党第二十届中央委员会第三次全体会议于2023年7月在北京召开。",
        "2024-09-01",
        "2023年7月",
        Some("2024年7月"),
        e,
    );
    fact(
        m,
        "在上海召开的党的二十大，擘画了宏伟蓝图。",
        "2024-02-01",
        "上海",
        Some("北京"),
        e,
    );
    // The note says what the data holds, and what was held that year.
    let found = facts_with_notes("2024年召开的二十届二中全会。", "2024-09-01");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .4
            .contains("二十届二中全会于2023年2月26日至28日在北京召开"),
        "{}",
        found[0].4
    );
    assert!(
        found[0].4.contains("2024年召开的是二十届三中全会"),
        "{}",
        found[0].4
    );
    assert!(found[0].4.contains("新华社"), "{}", found[0].4);
    // 去年 is the issue's year less one; it is flagged, with nothing to
    // put in its place.
    fact(m, "去年召开的党的二十大。", "2024-02-01", "去年", None, e);
    no_fact("去年召开的党的二十大。", "2023-02-01");
    // A plenum dated wrong in an issue before it: the date is the finding.
    let found = facts_with_notes(
        "2023年2月召开的党的二十届三中全会审议通过了方案。",
        "2024-02-01",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1.as_str()), (m, "2023年2月"));
    assert!(
        found[0].4.contains("2023年召开的是二十届二中全会"),
        "{}",
        found[0].4
    );
    // A bare year of a meeting's spirit is not its date.
    no_fact("2023年，全面贯彻党的二十大精神开局之年。", "2024-02-01");
}

#[test]
fn a_plenum_not_yet_held() {
    let a = Rule::FactMeetingAhead;
    fact(
        a,
        "深入学习贯彻党的二十届三中全会精神。",
        "2023-11-01",
        "党的二十届三中全会",
        None,
        Severity::Warning,
    );
    fact(
        a,
        "关于二十届三中全会的几点思考。",
        "2023-11-01",
        "二十届三中全会",
        None,
        Severity::Warning,
    );
    no_fact("以优异成绩迎接党的二十届三中全会胜利召开。", "2024-06-01");
    no_fact("党的二十届三中全会将于7月在北京召开。", "2024-06-01");
    // An issue dated by its month may be printed after a meeting that month.
    no_fact("深入学习贯彻党的二十届三中全会精神。", "2024-07-01");
    no_fact("全面贯彻党的二十大和二十届二中全会精神。", "2024-02-01");
    fact(
        a,
        "全面贯彻党的二十大和二十届二中全会精神。",
        "2023-01-01",
        "二十届二中全会",
        None,
        Severity::Warning,
    );
}

/// The shipped 2024-02 issue's bodies and titles, a 2024 issue: none of
/// the 知识性 rules speaks, though it has 今年是新中国成立75周年, 党的二十大
/// and 二十届二中全会.
#[test]
fn the_shipped_issue_has_no_wrong_facts() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("issues/2024-02");
    let mut paragraphs = 0;
    let mut mentions = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path().join("article.md");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            paragraphs += 1;
            if ["周年", "二十大", "中全会", "成立于"]
                .iter()
                .any(|w| line.contains(w))
            {
                mentions += 1;
            }
            let found = facts(line, "2024-02-01");
            assert!(found.is_empty(), "{}: {line}: {found:?}", path.display());
        }
    }
    // The same issue as extracted from the printed copy, line by line.
    let printed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/2024-02-printed.txt"),
    )
    .unwrap();
    for line in printed.lines() {
        paragraphs += 1;
        let found = facts(line, "2024-02-01");
        assert!(found.is_empty(), "printed: {line}: {found:?}");
    }
    assert!(paragraphs > 1400, "{paragraphs}");
    assert!(mentions >= 5, "{mentions}");
}

/// Wrong sentences of every 知识性 kind cut at any point and spliced with
/// scraps of the patterns: no index runs off a paragraph, and the uncut
/// sentences are still found.
#[test]
fn fact_patterns_cut_anywhere_do_not_panic() {
    const WRONG: &[&str] = &[
        "今年4月15日是第八个全民国家安全教育日。",
        "2024 年是新中国成立 74 周年。",
        "中国人民解放军于1928年8月1日在南昌诞生。",
        "党的二十届三中全会于2024年8月15日至18日在上海召开。",
        "中国共产党第二十届中央委员会第三次全体会议于2023年7月在北京召开。",
        "1922年成立的中国共产党。",
        "深入学习贯彻党的二十届三中全会精神。",
        "2023年召开的中国共产党第二十次全国代表大会。",
    ];
    const PARTS: &[&str] = &[
        "2024",
        "年",
        "7",
        "月",
        "日",
        " ",
        "今年",
        "是",
        "，",
        "第",
        "十",
        "百",
        "个",
        "周年",
        "党的",
        "届",
        "中全会",
        "于",
        "在",
        "的",
    ];
    let mut seed: u64 = 0x2024_0201;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    for text in WRONG {
        assert!(!facts(text, "2024-02-01").is_empty(), "{text}");
    }
    for _ in 0..600 {
        let mut text = String::new();
        for _ in 0..3 {
            let chars: Vec<char> = WRONG[next() % WRONG.len()].chars().collect();
            let a = next() % (chars.len() + 1);
            let b = a + next() % (chars.len() + 1 - a);
            text.extend(&chars[a..b]);
            text.push_str(PARTS[next() % PARTS.len()]);
        }
        facts(&text, "2024-02-01");
    }
}

#[test]
fn a_question_word_in_a_statement_takes_a_full_stop() {
    // GB/T 15834—2011 4.2: 问号 by the sentence's mood, not its words.
    flags(
        Rule::QuestionOnStatement,
        "我不知道他为什么没来参加会议？",
        "？",
        Some("。"),
    );
    flags(
        Rule::QuestionOnStatement,
        "工作成效关键在于各项措施如何落到实处？",
        "？",
        Some("。"),
    );
    quiet(Rule::QuestionOnStatement, "你知道他为什么没来吗？");
    quiet(Rule::QuestionOnStatement, "我们应该怎样把工作做好？");
    quiet(Rule::QuestionOnStatement, "不知道，他为什么没来？");
    quiet(Rule::QuestionOnStatement, "难道我们不清楚问题在哪里？");
}

#[test]
fn a_question_asked_takes_a_question_mark() {
    flags(
        Rule::QuestionMissing,
        "你们村今年的大豆丰收了吗。",
        "。",
        Some("？"),
    );
    flags(
        Rule::QuestionMissing,
        "这样的好日子是从哪里来的呢。",
        "。",
        Some("？"),
    );
    quiet(Rule::QuestionMissing, "这样的好日子来之不易呢。");
    quiet(Rule::QuestionMissing, "他问大家有没有困难。");
    quiet(Rule::QuestionMissing, "你们村今年的大豆丰收了吗？");
}

#[test]
fn a_fixed_term_with_a_character_left_out_is_found() {
    flags(
        Rule::CanonicalMissing,
        "坚持和发展中国特色社会义。",
        "中国特色社会义",
        Some("中国特色社会主义"),
    );
    flags(
        Rule::CanonicalMissing,
        "发展全过程人民主，保障人民当家作主。",
        "全过程人民主",
        Some("全过程人民民主"),
    );
    quiet(Rule::CanonicalMissing, "坚持和发展中国特色社会主义。");
    quiet(Rule::CanonicalMissing, "发展全过程人民民主。");
    quiet(Rule::CanonicalMissing, "以习近平同志为核心的党中央。");
    // An older wording, not an omission.
    quiet(Rule::CanonicalMissing, "聚力完善现代产业体系。");
}

#[test]
fn chinese_numerals_and_digits_are_not_mixed_in_one_number() {
    flags(
        Rule::NumeralsMixed,
        "全市新增规上企业二十3家。",
        "二十3",
        Some("23"),
    );
    flags(
        Rule::NumeralsMixed,
        "同比增长百分之5.6。",
        "百分之5.6",
        Some("5.6%"),
    );
    quiet(Rule::NumeralsMixed, "全市新增规上企业23家，同比增长5.6%。");
    quiet(
        Rule::NumeralsMixed,
        "实现“十四五”规划目标，召开第十三届会议。",
    );
    flags(Rule::NumeralsMixed, "召开第十3届会议。", "十3", Some("13"));
    quiet(Rule::NumeralsMixed, "百分之百完成任务。");
    quiet(Rule::NumeralsMixed, "统一3项标准，十分重要。");
}
