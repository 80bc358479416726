//! The rules: their ids, families, default severities and which fixes are
//! certain. What each says to a person lives in `messages::lint`.

use super::Severity;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// 标点 (GB/T 15834)
    Punctuation,
    /// 数字 (GB/T 15835)
    Numbers,
    /// 量和单位 (GB 3100–3102)
    Units,
    /// 文字
    Words,
    /// 规范提法和人名职务
    Usage,
    /// 知识性：成立年份、周年、会议
    Facts,
}

macro_rules! rules {
    ($($variant:ident = $id:literal, $family:ident, $severity:ident, $certain:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule { $($variant),* }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            /// The id shown with a finding and used in `--json`.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$variant => $id),* }
            }
            pub fn family(self) -> Family {
                match self { $(Rule::$variant => Family::$family),* }
            }
            pub fn severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity),* }
            }
            /// Whether the rule's suggestion may be applied by `--fix`.
            pub fn certain(self) -> bool {
                match self { $(Rule::$variant => $certain),* }
            }
        }
    };
}

rules! {
    PairUnbalanced = "punct-pair-unbalanced", Punctuation, Warning, false;
    PairNesting = "punct-pair-nesting", Punctuation, Warning, false;
    PairMixed = "punct-pair-mixed", Punctuation, Error, true;
    HalfwidthComma = "punct-halfwidth-comma", Punctuation, Error, true;
    HalfwidthColon = "punct-halfwidth-colon", Punctuation, Error, true;
    HalfwidthSemicolon = "punct-halfwidth-semicolon", Punctuation, Error, true;
    HalfwidthExclamation = "punct-halfwidth-exclamation", Punctuation, Error, true;
    HalfwidthQuestion = "punct-halfwidth-question", Punctuation, Error, true;
    HalfwidthParen = "punct-halfwidth-paren", Punctuation, Error, true;
    HalfwidthQuote = "punct-halfwidth-quote", Punctuation, Error, true;
    HalfwidthPeriod = "punct-halfwidth-period", Punctuation, Error, true;
    RepeatedMark = "punct-repeated", Punctuation, Error, true;
    StackedMarks = "punct-stacked", Punctuation, Warning, false;
    SpaceAroundMark = "punct-space", Punctuation, Warning, false;
    DunhaoBetweenQuoted = "punct-dunhao-quoted", Punctuation, Warning, false;
    DunhaoInEstimate = "punct-dunhao-estimate", Punctuation, Warning, false;
    EllipsisForm = "punct-ellipsis", Punctuation, Error, true;
    DashForm = "punct-dash", Punctuation, Error, false;
    HyphenBetweenHan = "punct-hyphen-han", Punctuation, Info, false;
    NumberingSeparator = "punct-numbering-separator", Punctuation, Warning, false;
    NumberingExtraMark = "punct-numbering-extra", Punctuation, Error, false;
    NumberingMixed = "punct-numbering-mixed", Punctuation, Warning, false;
    NumberingArabic = "punct-numbering-arabic", Punctuation, Warning, true;
    DunhaoBeforeDeng = "punct-dunhao-deng", Punctuation, Warning, false;
    EmphaticRepeated = "punct-emphatic-repeated", Punctuation, Warning, false;
    QuestionExclamationOrder = "punct-question-exclamation", Punctuation, Warning, false;
    TitleMarkOnName = "punct-title-mark-name", Punctuation, Warning, false;
    ListSeparators = "punct-list-separators", Punctuation, Warning, false;
    QuestionOnStatement = "punct-question-statement", Punctuation, Warning, false;
    QuestionMissing = "punct-question-missing", Punctuation, Warning, false;
    YearAbbreviated = "num-year-abbreviated", Numbers, Error, false;
    YearZero = "num-year-zero", Numbers, Error, false;
    DateMixed = "num-date-mixed", Numbers, Warning, false;
    RangeSign = "num-range-sign", Numbers, Error, false;
    RangeHyphen = "num-range-hyphen", Numbers, Warning, false;
    DigitsWithQian = "num-digits-qian", Numbers, Warning, false;
    NumeralsMixed = "num-numerals-mixed", Numbers, Warning, false;
    FixedExpression = "num-fixed-expression", Numbers, Error, false;
    FullwidthDigit = "num-fullwidth-digit", Numbers, Error, true;
    RedundantApprox = "num-redundant-approx", Numbers, Warning, false;
    EstimateDigits = "num-estimate-digits", Numbers, Warning, false;
    DigitGrouping = "num-digit-grouping", Numbers, Info, false;
    UnitCase = "unit-case", Units, Error, true;
    CelsiusMixed = "unit-celsius-mixed", Units, Warning, false;
    UnitMixedScripts = "unit-mixed-scripts", Units, Warning, false;
    UnitObsolete = "unit-obsolete", Units, Warning, false;
    UnitProduct = "unit-product", Units, Warning, false;
    UnitStylesMixed = "unit-styles-mixed", Units, Warning, false;
    Confusion = "word-confusion", Words, Error, false;
    Slip = "word-slip", Words, Warning, false;
    IdiomSlip = "word-idiom", Words, Warning, false;
    FunctionWord = "word-function", Words, Warning, false;
    ParticleDe = "word-particle-de", Words, Warning, false;
    ParticleDi = "word-particle-di", Words, Warning, false;
    DoubledChar = "word-doubled", Words, Warning, false;
    DoubledWord = "word-doubled-word", Words, Warning, false;
    MixedAccording = "word-according-shows", Words, Warning, false;
    MixedBecause = "word-because-causes", Words, Warning, false;
    MixedReason = "word-reason-caused", Words, Warning, false;
    Canonical = "usage-canonical", Usage, Error, false;
    CanonicalMissing = "usage-missing-char", Usage, Warning, false;
    TitleOutOfTerm = "usage-title-term", Usage, Error, false;
    TitleOfAnother = "usage-title-of-another", Usage, Error, false;
    NameNearMiss = "usage-name-near-miss", Usage, Warning, false;
    FactAnniversary = "fact-anniversary", Facts, Error, false;
    FactObservance = "fact-observance", Facts, Error, false;
    FactFounding = "fact-founding", Facts, Error, false;
    FactMeeting = "fact-meeting", Facts, Error, false;
    FactMeetingAhead = "fact-meeting-ahead", Facts, Error, false;
}
