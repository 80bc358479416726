//! 人名职务 in both directions: a known person written under another
//! person's title (市长万正峰, when 万正峰 is 市委书记 and 朱良才 市长),
//! and a name one character away from a known one where a name stands
//! (方正峰 for 万正峰 in a byline, an author list, or after a title).
//!
//! Known names are the staff list's, the 人名职务 table's, and the
//! authors the office has already printed; see `People`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::chars::{find_all, is_han};
use super::style::Office;
use super::{Hit, Part, Rule, Setting};

/// The names the office knows, and how sure it is of each.
#[derive(Debug, Clone, Default)]
pub struct People {
    /// On the staff list or in the 人名职务 table.
    pub listed: BTreeSet<String>,
    /// Authors as printed, with how many articles carry each.
    pub printed: BTreeMap<String, usize>,
}

impl People {
    /// Where known names stand in `chars`: a name is not a slip of the
    /// words it happens to resemble.
    pub fn spans(&self, chars: &[char]) -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        for name in self.listed.iter().chain(self.printed.keys()) {
            let name: Vec<char> = name.chars().collect();
            if name.is_empty() || name.len() > chars.len() {
                continue;
            }
            for at in 0..=chars.len() - name.len() {
                if chars[at..at + name.len()] == name[..] {
                    spans.push((at, at + name.len()));
                }
            }
        }
        spans
    }

    fn is_known(&self, name: &str) -> bool {
        self.listed.contains(name) || self.printed.contains_key(name)
    }

    /// How established a name is: listed names outweigh any count.
    fn weight(&self, name: &str) -> usize {
        match self.listed.contains(name) {
            true => usize::MAX,
            false => self.printed.get(name).copied().unwrap_or(0),
        }
    }

    /// The one known name a character away from `written`, if the known
    /// name is established (listed, or printed more than once) and more
    /// so than `written`.
    fn near(&self, written: &[char]) -> Option<&str> {
        let own = self.weight(&written.iter().collect::<String>());
        let mut found = self
            .listed
            .iter()
            .chain(self.printed.keys())
            .filter(|known| self.weight(known) >= 2 && self.weight(known) > own)
            .filter(|known| one_apart(&known.chars().collect::<Vec<_>>(), written));
        let first = found.next()?;
        found.all(|other| other == first).then_some(first.as_str())
    }
}

fn one_apart(a: &[char], b: &[char]) -> bool {
    a.len() == b.len() && a.iter().zip(b).filter(|(x, y)| x != y).count() == 1
}

/// Titles that stand before or after a name; the table's own titles are
/// added to these.
const TITLES: &[&str] = &[
    "市委书记",
    "市委副书记",
    "市长",
    "副市长",
    "市委常委",
    "市人大常委会主任",
    "市政协主席",
    "省委书记",
    "省长",
    "副省长",
    "县委书记",
    "县长",
    "区委书记",
    "区长",
    "书记",
    "主任",
    "副主任",
    "局长",
    "副局长",
    "主席",
    "副主席",
    "总书记",
    "国家主席",
    "国务院总理",
    "总理",
    "主编",
    "同志",
];

/// The two or three characters before a title such as 主席 or 书记: a
/// name, whatever words its characters happen to resemble.
pub(crate) fn before_titles(chars: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for title in TITLES {
        let title: Vec<char> = title.chars().collect();
        for at in 2..chars.len() {
            if chars[at..].starts_with(&title) {
                spans.push((at.saturating_sub(3), at));
            }
        }
    }
    spans
}

pub(crate) fn paragraph(chars: &[char], part: Part, setting: &Setting, add: &mut dyn FnMut(Hit)) {
    let in_term = in_term(&setting.style.offices, setting.date);
    let titles = titles(&in_term);
    someone_elses_title(chars, &in_term, &titles, add);
    near_misses(chars, part, setting, &in_term, &titles, add);
}

fn in_term(offices: &[Office], date: Option<NaiveDate>) -> Vec<&Office> {
    offices
        .iter()
        .filter(|o| {
            date.is_some_and(|d| o.from.is_none_or(|f| f <= d) && o.to.is_none_or(|t| d < t))
        })
        .collect()
}

fn titles(in_term: &[&Office]) -> Vec<Vec<char>> {
    let mut all: Vec<Vec<char>> = TITLES
        .iter()
        .copied()
        .chain(in_term.iter().map(|o| o.title.as_str()))
        .map(|t| t.chars().collect())
        .collect();
    // The longest first, so that 副市长 is read before 市长.
    all.sort_by_key(|t| std::cmp::Reverse(t.len()));
    all.dedup();
    all
}

/// The title written right before `at` (a space apart at most) or right
/// after `end`, and its span.
fn title_at(chars: &[char], at: usize, end: usize, titles: &[Vec<char>]) -> Option<(usize, usize)> {
    let space = |i: usize| matches!(chars.get(i), Some(' ' | '\u{3000}'));
    let before = if at > 0 && space(at - 1) { at - 1 } else { at };
    if let Some(t) = titles
        .iter()
        .find(|t| before >= t.len() && chars[before - t.len()..before] == t[..])
    {
        return Some((before - t.len(), before));
    }
    let after = if space(end) { end + 1 } else { end };
    titles
        .iter()
        .find(|t| chars.get(after..after + t.len()) == Some(&t[..]))
        .map(|t| (after, after + t.len()))
}

/// 市长万正峰: the title is another person's in this term, and not his.
fn someone_elses_title(
    chars: &[char],
    in_term: &[&Office],
    titles: &[Vec<char>],
    add: &mut dyn FnMut(Hit),
) {
    let names: BTreeSet<&str> = in_term.iter().map(|o| o.name.as_str()).collect();
    for name in names {
        let own: Vec<&Office> = in_term.iter().copied().filter(|o| o.name == name).collect();
        let pattern: Vec<char> = name.chars().collect();
        for at in find_all(chars, &pattern) {
            let end = at + pattern.len();
            let Some((s, e)) = title_at(chars, at, end, titles) else {
                continue;
            };
            let written: String = chars[s..e].iter().collect();
            // 书记 for 市委书记 is his title, shortened.
            if own
                .iter()
                .any(|o| o.title.ends_with(&written) || written.ends_with(&o.title))
            {
                continue;
            }
            let holder = in_term
                .iter()
                .find(|o| o.name != name && (o.title == written || written.ends_with(&o.title)));
            if let Some(holder) = holder {
                let span = (s.min(at), e.max(end));
                let right: Vec<&str> = own.iter().map(|o| o.title.as_str()).collect();
                add(Hit::new(Rule::TitleOfAnother, span.0, span.1).note(format!(
                    "{name}现任{}；{}是{}的职务",
                    right.join("、"),
                    holder.title,
                    holder.name
                )));
            }
        }
    }
}

/// Where a name stands: each 2–4 character run of Han characters in an
/// author list, a byline or a contents-page credit, and the run after a
/// title anywhere. A run that is a known name, or one character away from
/// none, is left alone.
fn near_misses(
    chars: &[char],
    part: Part,
    setting: &Setting,
    in_term: &[&Office],
    titles: &[Vec<char>],
    add: &mut dyn FnMut(Hit),
) {
    let people = setting.people;
    let mut slots: Vec<(usize, usize)> = Vec::new();
    if matches!(part, Part::Byline | Part::Authors | Part::TocCredit) {
        let mut i = 0;
        while i < chars.len() {
            if !is_han(chars[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && is_han(chars[i]) {
                i += 1;
            }
            slots.push((start, i));
        }
    }
    for title in titles {
        for at in find_all(chars, title) {
            let from = at + title.len();
            let run = chars[from..].iter().take_while(|c| is_han(**c)).count();
            // The name is the whole run, or (in running text) its first
            // two or three characters.
            for len in [run.min(4), 3, 2] {
                if len >= 2 && len <= run {
                    slots.push((from, from + len));
                }
            }
        }
    }
    // A byline run such as 中共濮阳市委书记万正峰 ends in the name.
    let mut seen = BTreeSet::new();
    for (start, end) in slots {
        for name_start in [start, end.saturating_sub(3), end.saturating_sub(2)] {
            if name_start < start || end - name_start < 2 || end - name_start > 4 {
                continue;
            }
            let written = &chars[name_start..end];
            let text: String = written.iter().collect();
            // A printed author may still be a slip for a name the office
            // knows better; a listed one never is.
            let known = people.is_known(&text);
            let Some(right) = people
                .near(written)
                .filter(|_| !people.listed.contains(&text))
            else {
                if known {
                    break;
                }
                continue;
            };
            if !seen.insert((name_start, end)) {
                continue;
            }
            // Strong when the title beside it is the known person's own.
            let own_title = title_at(chars, name_start, end, titles).is_some_and(|(s, e)| {
                let t: String = chars[s..e].iter().collect();
                in_term
                    .iter()
                    .any(|o| o.name == right && (o.title.ends_with(&t) || t.ends_with(&o.title)))
            });
            // In running text many people share all but one character of
            // a name; only a title that is the known person's own tells.
            if part != Part::Byline
                && part != Part::Authors
                && part != Part::TocCredit
                && !own_title
            {
                continue;
            }
            let mut hit = Hit::new(Rule::NameNearMiss, name_start, end).suggest(right.to_string());
            if own_title {
                hit = hit.severity(super::Severity::Error);
            }
            add(hit);
            break;
        }
    }
}
