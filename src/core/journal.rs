//! Journal events: one small TOML file each, never changed once written.
//!
//! Each event lists in `seen` the journal's tips when it was written (the
//! events nobody had yet seen past). That makes the journal a small DAG like
//! git's own: the fold order is causal first, then by `at`, then by id, so
//! every clone folds the same way, and two events that did not see each
//! other are known to be concurrent.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::tomlpos::{TomlProblem, locate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Assign,
    Signoff,
    Reopen,
    Revise,
    /// 撤稿: the article leaves its issue's board, contents and page plan.
    Withdraw,
    /// The withdrawal taken back.
    Restore,
    /// 付印, in the issue's own journal: the issue goes to the printer on
    /// the texts it pins.
    Release,
    /// The 付印 withdrawn, with a reason.
    Unrelease,
    /// 压稿: the article moved to another issue (`from`), its whole record
    /// carried with it.
    Move,
}

impl Op {
    pub const ALL: [Op; 9] = [
        Op::Assign,
        Op::Signoff,
        Op::Reopen,
        Op::Revise,
        Op::Withdraw,
        Op::Restore,
        Op::Release,
        Op::Unrelease,
        Op::Move,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Op::Assign => "assign",
            Op::Signoff => "signoff",
            Op::Reopen => "reopen",
            Op::Revise => "revise",
            Op::Withdraw => "withdraw",
            Op::Restore => "restore",
            Op::Release => "release",
            Op::Unrelease => "unrelease",
            Op::Move => "move",
        }
    }

    /// Kept in an issue's own journal, not an article's.
    pub fn is_issue_level(self) -> bool {
        matches!(self, Op::Release | Op::Unrelease)
    }
}

/// What a 付印 pins of one article: its body and printed fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinnedText {
    pub body: String,
    pub printed: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The file stem; not stored inside the file.
    #[serde(skip)]
    pub id: String,
    pub op: Op,
    pub by: String,
    pub at: DateTime<FixedOffset>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seen: Vec<String>,
    /// assign: the 责任编辑
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editor: Option<String>,
    /// assign: the due date
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// signoff: the stage id
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// signoff and revise: the hash of the body text
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// signoff: the hash of the printed fields (title, authors, …); absent
    /// in records written before sign-offs covered them
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed: Option<String>,
    /// 审读意见, a reopen reason, or a revision message
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// release: the hash of the contents page as released
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contents: Option<String>,
    /// release: every article's text, by slug
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub articles: BTreeMap<String, PinnedText>,
    /// move: the issue the article came from
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

impl Event {
    pub fn new(op: Op, by: &str, at: DateTime<FixedOffset>) -> Event {
        Event {
            id: String::new(),
            op,
            by: by.to_string(),
            at,
            seen: vec![],
            editor: None,
            due: None,
            stage: None,
            body: None,
            printed: None,
            note: None,
            contents: None,
            articles: BTreeMap::new(),
            from: None,
        }
    }

    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("events always serialize")
    }

    pub fn from_toml(id: &str, source: &str) -> Result<Event, TomlProblem> {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let mut event: Event = toml::from_str(source).map_err(|e| locate(source, &e, 0))?;
        event.id = id.to_string();
        Ok(event)
    }

    fn key(&self) -> (DateTime<Utc>, &str) {
        (self.at.with_timezone(&Utc), self.id.as_str())
    }
}

/// A new event id: its UTC time, then six hex digits that differ between
/// two events made in the same second on different machines.
pub fn new_id(at: DateTime<FixedOffset>, entropy: &str) -> String {
    let digest = Sha256::digest(entropy.as_bytes());
    let tail = super::hex(&digest[..3]);
    format!("{}-{tail}", at.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ"))
}

/// Events that no other event has seen past: what a new event should list.
pub fn tips(events: &[Event]) -> Vec<String> {
    let seen: HashSet<&str> = events
        .iter()
        .flat_map(|e| e.seen.iter().map(String::as_str))
        .collect();
    let mut tips: Vec<String> = events
        .iter()
        .filter(|e| !seen.contains(e.id.as_str()))
        .map(|e| e.id.clone())
        .collect();
    tips.sort();
    tips
}

/// Causal order, ties broken by (`at`, id). References to events that are
/// not present (say, a file deleted by hand) are ignored.
pub fn fold_order(mut events: Vec<Event>) -> Vec<Event> {
    events.sort_by(|a, b| a.key().cmp(&b.key()));
    let index: HashMap<String, usize> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i))
        .collect();
    let mut waiting: Vec<usize> = events
        .iter()
        .map(|e| e.seen.iter().filter(|s| index.contains_key(*s)).count())
        .collect();
    let mut children: Vec<Vec<usize>> = vec![vec![]; events.len()];
    for (i, e) in events.iter().enumerate() {
        for s in &e.seen {
            if let Some(&p) = index.get(s) {
                children[p].push(i);
            }
        }
    }
    // Index order is already (at, id) order, so the smallest ready index wins.
    let mut ready: BTreeSet<usize> = (0..events.len()).filter(|&i| waiting[i] == 0).collect();
    let mut order = Vec::with_capacity(events.len());
    while let Some(i) = ready.pop_first() {
        order.push(i);
        for &c in &children[i] {
            waiting[c] -= 1;
            if waiting[c] == 0 {
                ready.insert(c);
            }
        }
    }
    // A cycle can only come from hand-edited files; keep those events anyway.
    let placed: HashSet<usize> = order.iter().copied().collect();
    order.extend((0..events.len()).filter(|i| !placed.contains(i)));
    let mut slots: Vec<Option<Event>> = events.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// For each event (by position in `events`), the positions of the events it
/// had seen, directly or through others.
pub fn ancestry(events: &[Event]) -> Vec<HashSet<usize>> {
    let index: HashMap<&str, usize> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut memo: Vec<Option<HashSet<usize>>> = vec![None; events.len()];
    fn visit(
        i: usize,
        events: &[Event],
        index: &HashMap<&str, usize>,
        memo: &mut Vec<Option<HashSet<usize>>>,
        depth: usize,
    ) -> HashSet<usize> {
        if let Some(done) = &memo[i] {
            return done.clone();
        }
        let mut all = HashSet::new();
        if depth < events.len() {
            for s in &events[i].seen {
                if let Some(&p) = index.get(s.as_str()) {
                    all.insert(p);
                    all.extend(visit(p, events, index, memo, depth + 1));
                }
            }
        }
        memo[i] = Some(all.clone());
        all
    }
    (0..events.len())
        .map(|i| visit(i, events, &index, &mut memo, 0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn ev(id: &str, time: &str, seen: &[&str]) -> Event {
        let mut e = Event::new(Op::Signoff, "宋欣龙", at(time));
        e.id = id.into();
        e.seen = seen.iter().map(|s| s.to_string()).collect();
        e
    }

    #[test]
    fn events_round_trip_through_toml() {
        let mut e = Event::new(Op::Assign, "王焕彩", at("2024-02-18T16:20:00+08:00"));
        e.editor = Some("刘卫防".into());
        e.due = NaiveDate::from_ymd_opt(2024, 2, 20);
        e.note = Some("请尽快".into());
        let text = e.to_toml();
        assert!(
            text.starts_with("op = \"assign\"\nby = \"王焕彩\""),
            "{text}"
        );
        let mut back = Event::from_toml("x", &text).unwrap();
        back.id.clear();
        assert_eq!(back, e);
    }

    #[test]
    fn ids_sort_by_utc_time() {
        let id = new_id(at("2024-02-18T16:20:00+08:00"), "seed");
        assert!(id.starts_with("20240218T082000Z-"), "{id}");
        assert_eq!(id.len(), "20240218T082000Z-".len() + 6);
    }

    #[test]
    fn causality_beats_a_wrong_clock() {
        // b was written after seeing a, on a machine whose clock ran behind.
        let a = ev("a", "2024-02-18T10:00:00+08:00", &[]);
        let b = ev("b", "2024-02-18T09:00:00+08:00", &["a"]);
        let c = ev("c", "2024-02-18T09:30:00+08:00", &[]);
        let order: Vec<String> = fold_order(vec![b, c, a])
            .into_iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(order, ["c", "a", "b"]);
    }

    #[test]
    fn tips_and_ancestry_reveal_concurrent_events() {
        let a = ev("a", "2024-02-18T10:00:00+08:00", &[]);
        let b = ev("b", "2024-02-18T11:00:00+08:00", &["a"]);
        let c = ev("c", "2024-02-18T11:30:00+08:00", &["a"]);
        let events = vec![a, b, c];
        assert_eq!(tips(&events), ["b", "c"]);
        let anc = ancestry(&events);
        assert!(anc[1].contains(&0) && anc[2].contains(&0));
        assert!(!anc[2].contains(&1) && !anc[1].contains(&2));
    }
}
