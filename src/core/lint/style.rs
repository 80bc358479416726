//! The office's own lists, kept as files in the magazine repository so
//! that an editor adds an entry without a code change:
//! `style/规范提法.toml`, `style/易错词.toml`, `style/人名职务.toml`, and
//! the facts the 知识性 checks compute with: `style/纪念日.toml` (founding
//! years, anniversaries, the “第N个” observances) and `style/会议.toml`
//! (the party congresses and plenums).

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Deserialize;

use super::Severity;

pub const DIR: &str = "style";
pub const CANONICAL_FILE: &str = "规范提法.toml";
pub const CONFUSION_FILE: &str = "易错词.toml";
pub const NAMES_FILE: &str = "人名职务.toml";
pub const DATES_FILE: &str = "纪念日.toml";
pub const MEETINGS_FILE: &str = "会议.toml";

/// The starter lists `galley init` writes, and what a magazine without a
/// `style/` folder is checked against.
pub const STARTER_CANONICAL: &str = include_str!("../../../templates/style/规范提法.toml");
pub const STARTER_CONFUSION: &str = include_str!("../../../templates/style/易错词.toml");
pub const STARTER_NAMES: &str = include_str!("../../../templates/style/人名职务.toml");
pub const STARTER_DATES: &str = include_str!("../../../templates/style/纪念日.toml");
pub const STARTER_MEETINGS: &str = include_str!("../../../templates/style/会议.toml");

/// The starter lists with the paths `galley init` gives them.
pub fn starter_files() -> impl Iterator<Item = (String, &'static str)> {
    [
        (CANONICAL_FILE, STARTER_CANONICAL),
        (CONFUSION_FILE, STARTER_CONFUSION),
        (NAMES_FILE, STARTER_NAMES),
        (DATES_FILE, STARTER_DATES),
        (MEETINGS_FILE, STARTER_MEETINGS),
    ]
    .into_iter()
    .map(|(file, text)| (format!("{DIR}/{file}"), text))
}

/// A right form and the wrong ones it is written as.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    pub canonical: String,
    pub variants: Vec<String>,
    #[serde(default, deserialize_with = "severity")]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub source: Option<String>,
    /// The variant counts only when followed by one of these; `<数字>`
    /// stands for any digit. 截止 is wrong only before a date.
    #[serde(default)]
    pub followed_by: Vec<String>,
    /// The variant does not count right after one of these: 新时代中国特色
    /// 社会主义思想 is wrong alone and right after 习近平.
    #[serde(default)]
    pub not_after: Vec<String>,
}

/// A person's title over a term of office.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    pub name: String,
    pub title: String,
    #[serde(default, deserialize_with = "date")]
    pub from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "date")]
    pub to: Option<NaiveDate>,
    #[serde(default)]
    pub source: Option<String>,
}

/// Something founded in a known year: “N周年” counts from it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anniversary {
    pub name: String,
    pub year: i32,
    /// What stands before “N周年”: 新中国成立, 建党.
    pub forms: Vec<String>,
    /// What “1949年成立的…” names: 中华人民共和国, 新中国.
    #[serde(default)]
    pub founded: Vec<String>,
    #[serde(default)]
    pub source: Option<String>,
}

/// A day kept every year since `first`: the Nth is in `first + N - 1`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observance {
    pub name: String,
    pub first: i32,
    #[serde(default)]
    pub source: Option<String>,
}

/// A party congress or a plenum, by its short name (党的二十大,
/// 二十届三中全会), with when and where it was held.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub name: String,
    #[serde(deserialize_with = "required_date")]
    pub from: NaiveDate,
    #[serde(default, deserialize_with = "date")]
    pub to: Option<NaiveDate>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Style {
    pub canonical: Vec<Phrase>,
    pub confusions: Vec<Phrase>,
    pub offices: Vec<Office>,
    pub anniversaries: Vec<Anniversary>,
    pub observances: Vec<Observance>,
    pub meetings: Vec<Meeting>,
    /// The lists' forms by their first character, worked out on the first
    /// check rather than once per paragraph.
    indexes: [OnceLock<PhraseIndex>; 3],
}

/// Forms to look for, by first character: (the entry, the form).
pub type PhraseIndex = HashMap<char, Vec<(usize, Vec<char>)>>;

/// Which forms of the lists an index holds.
#[derive(Debug, Clone, Copy)]
pub enum Forms {
    CanonicalVariants = 0,
    ConfusionVariants = 1,
    /// The 规范提法 with one character inside them left out.
    CanonicalShortened = 2,
}

impl Style {
    /// The forms of `which`, indexed; `make` lists them the first time.
    pub fn index(
        &self,
        which: Forms,
        make: impl FnOnce(&Style) -> Vec<(usize, Vec<char>)>,
    ) -> &PhraseIndex {
        self.indexes[which as usize].get_or_init(|| {
            let mut index = PhraseIndex::new();
            for (entry, form) in make(self) {
                if let Some(&first) = form.first() {
                    index.entry(first).or_default().push((entry, form));
                }
            }
            index
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DatesFile {
    #[serde(default)]
    anniversary: Vec<Anniversary>,
    #[serde(default)]
    observance: Vec<Observance>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeetingsFile {
    #[serde(default)]
    meeting: Vec<Meeting>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PhraseFile {
    #[serde(default)]
    entry: Vec<Phrase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficeFile {
    #[serde(default)]
    entry: Vec<Office>,
}

/// What is wrong with one style file, for the message.
#[derive(Debug, Clone)]
pub struct StyleProblem {
    pub file: &'static str,
    pub line: Option<usize>,
    pub detail: String,
}

fn problem(file: &'static str, source: &str, e: toml::de::Error) -> StyleProblem {
    let line = e
        .span()
        .map(|s| source[..s.start.min(source.len())].matches('\n').count() + 1);
    StyleProblem {
        file,
        line,
        detail: e.message().to_string(),
    }
}

impl Style {
    /// Parses the five files; `None` for a file that is not there.
    pub fn parse(
        canonical: Option<&str>,
        confusions: Option<&str>,
        offices: Option<&str>,
        dates: Option<&str>,
        meetings: Option<&str>,
    ) -> Result<Style, StyleProblem> {
        let phrases = |file: &'static str, text: &str| {
            toml::from_str::<PhraseFile>(text)
                .map(|f| f.entry)
                .map_err(|e| problem(file, text, e))
        };
        let canonical = phrases(CANONICAL_FILE, canonical.unwrap_or(STARTER_CANONICAL))?;
        let confusions = phrases(CONFUSION_FILE, confusions.unwrap_or(STARTER_CONFUSION))?;
        let names = offices.unwrap_or(STARTER_NAMES);
        let offices = toml::from_str::<OfficeFile>(names)
            .map(|f| f.entry)
            .map_err(|e| problem(NAMES_FILE, names, e))?;
        let dates = dates.unwrap_or(STARTER_DATES);
        let dates =
            toml::from_str::<DatesFile>(dates).map_err(|e| problem(DATES_FILE, dates, e))?;
        let meetings = meetings.unwrap_or(STARTER_MEETINGS);
        let meetings = toml::from_str::<MeetingsFile>(meetings)
            .map_err(|e| problem(MEETINGS_FILE, meetings, e))?;
        Ok(Style {
            canonical,
            confusions,
            offices,
            anniversaries: dates.anniversary,
            observances: dates.observance,
            meetings: meetings.meeting,
            indexes: Default::default(),
        })
    }

    pub fn starter() -> Style {
        Style::parse(None, None, None, None, None).expect("the starter style files parse")
    }
}

fn severity<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Severity>, D::Error> {
    let text = String::deserialize(d)?;
    match text.trim() {
        "错误" | "error" => Ok(Some(Severity::Error)),
        "建议" | "warning" => Ok(Some(Severity::Warning)),
        "提示" | "info" => Ok(Some(Severity::Info)),
        other => Err(serde::de::Error::custom(format!(
            "severity 应为 错误、建议 或 提示，这里写的是“{other}”"
        ))),
    }
}

fn required_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    date(d)?.ok_or_else(|| serde::de::Error::custom("没有这一天"))
}

fn date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    let value = toml::value::Datetime::deserialize(d)?;
    let Some(day) = value.date else {
        return Err(serde::de::Error::custom("日期应写成 2023-03-11 这样"));
    };
    NaiveDate::from_ymd_opt(day.year.into(), day.month.into(), day.day.into())
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom("没有这一天"))
}
