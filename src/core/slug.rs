//! Article slugs: short ASCII directory names, safe on every file system.

use pinyin::ToPinyin;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlugProblem {
    Empty,
    Slash,
    DotDot,
    Whitespace,
    Control,
    NotAscii,
    BadChar(char),
    TooLong,
}

pub const MAX_LEN: usize = 48;

pub fn validate(slug: &str) -> Result<(), SlugProblem> {
    if slug.is_empty() {
        return Err(SlugProblem::Empty);
    }
    if slug.contains('/') || slug.contains('\\') {
        return Err(SlugProblem::Slash);
    }
    if slug.contains("..") {
        return Err(SlugProblem::DotDot);
    }
    if slug.chars().any(char::is_control) {
        return Err(SlugProblem::Control);
    }
    if slug.chars().any(char::is_whitespace) {
        return Err(SlugProblem::Whitespace);
    }
    if !slug.is_ascii() {
        return Err(SlugProblem::NotAscii);
    }
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
    if let Some(c) = slug.chars().find(|&c| !allowed(c)) {
        return Err(SlugProblem::BadChar(c));
    }
    if !slug.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Err(SlugProblem::BadChar(slug.chars().next().unwrap_or('-')));
    }
    if slug.len() > MAX_LEN {
        return Err(SlugProblem::TooLong);
    }
    Ok(())
}

/// Openings that nearly every title in a municipal magazine shares, and
/// that would make every slug alike.
const COMMON_OPENINGS: [&str; 5] = ["关于我市", "关于全市", "关于", "我市", "濮阳市"];

const MAX_SYLLABLES: usize = 4;

/// A readable slug from a title: the pinyin of its first few characters,
/// e.g. 关于我市氢能产业发展的调研报告 → qingnengchanye. Latin words and
/// numbers are kept and joined to the pinyin with `-`.
pub fn derive(title: &str) -> String {
    let mut rest = title.trim();
    for opening in COMMON_OPENINGS {
        if let Some(r) = rest.strip_prefix(opening) {
            rest = r;
            break;
        }
    }
    // Runs of pinyin or of Latin text, joined with `-` at the end.
    let mut runs: Vec<String> = Vec::new();
    let mut in_pinyin = false;
    let mut syllables = 0;
    for (c, py) in rest.chars().zip(rest.to_pinyin()) {
        if let Some(py) = py {
            if syllables == MAX_SYLLABLES {
                break;
            }
            if !in_pinyin {
                runs.push(String::new());
            }
            runs.last_mut().expect("pushed").push_str(py.plain());
            in_pinyin = true;
            syllables += 1;
        } else if c.is_ascii_alphanumeric() {
            if in_pinyin || runs.is_empty() {
                runs.push(String::new());
            }
            runs.last_mut()
                .expect("pushed")
                .push(c.to_ascii_lowercase());
            in_pinyin = false;
        } else {
            if syllables >= 2 {
                break;
            }
            if !in_pinyin && runs.last().is_some_and(|r| !r.is_empty()) {
                runs.push(String::new());
            }
        }
    }
    let mut out = runs
        .into_iter()
        .filter(|r| !r.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    out.truncate(MAX_LEN - 4);
    let out = out.trim_matches('-').to_string();
    if out.is_empty() || validate(&out).is_err() {
        "article".into()
    } else {
        out
    }
}

/// The first of `base`, `base-2`, `base-3`, … that `taken` does not hold.
pub fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !taken(s))
        .expect("some suffix is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_pinyin_slugs() {
        assert_eq!(derive("关于我市氢能产业发展的调研报告"), "qingnengchanye");
        assert_eq!(derive("凝心聚力 实干笃行"), "ningxinjuli");
        assert_eq!(derive("政府工作报告（摘要）"), "zhengfugongzuo");
        assert_eq!(derive("5G 网络建设"), "5g-wangluojianshe");
        assert_eq!(derive("——"), "article");
    }

    #[test]
    fn rejects_unsafe_slugs() {
        assert_eq!(validate("a/b"), Err(SlugProblem::Slash));
        assert_eq!(validate("a..b"), Err(SlugProblem::DotDot));
        assert_eq!(validate(".."), Err(SlugProblem::DotDot));
        assert_eq!(validate("a b"), Err(SlugProblem::Whitespace));
        assert_eq!(validate("a\u{7}b"), Err(SlugProblem::Control));
        assert_eq!(validate("氢能"), Err(SlugProblem::NotAscii));
        assert_eq!(validate("Qing"), Err(SlugProblem::BadChar('Q')));
        assert_eq!(validate("-x"), Err(SlugProblem::BadChar('-')));
        assert_eq!(validate(""), Err(SlugProblem::Empty));
        assert!(validate("qingneng-2").is_ok());
    }

    #[test]
    fn unique_adds_a_number() {
        assert_eq!(unique("a", |s| s == "a" || s == "a-2"), "a-3");
        assert_eq!(unique("b", |_| false), "b");
    }
}
