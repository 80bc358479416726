//! Properties of the pure core that must hold for every input, not just
//! the examples in each module's tests. A modest number of cases runs with
//! `cargo test`; `PROPTEST_CASES=10000 cargo test proptests` runs more.

use chrono::{DateTime, Duration, FixedOffset};
use proptest::prelude::*;

use super::diff::tokens::{self, count};
use super::diff::{Block, HunkKind, Options, Run, compare, paragraphs};
use super::frontmatter::{self, Front, Pins};
use super::issue::IssueFile;
use super::journal::{Event, Op, fold_order, tips};
use super::staff::StaffFile;
use super::status::fold;
use super::text;
use super::tomlpos::locate;
use super::workflow::Workflow;

fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

// ---- the journal fold ------------------------------------------------------

/// One step of a simulated office: a clone writes an event having seen
/// what it knows, or two clones sync.
#[derive(Debug, Clone)]
enum Step {
    Write {
        clone: usize,
        op: u8,
        person: u8,
        /// Minutes from the start; clocks may disagree and run backwards.
        minute: i64,
    },
    Sync(usize, usize),
}

const CLONES: usize = 3;
const PEOPLE: [&str; 3] = ["宋欣龙", "刘卫防", "王焕彩"];

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..CLONES, 0u8..5, 0u8..3, 0i64..120).prop_map(|(clone, op, person, minute)| {
            Step::Write { clone, op, person, minute }
        }),
        1 => (0..CLONES, 0..CLONES).prop_map(|(a, b)| Step::Sync(a, b)),
    ]
}

fn start() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2024-02-18T09:00:00+08:00").unwrap()
}

fn event(n: usize, op: u8, person: u8, minute: i64, seen: Vec<String>) -> Event {
    let (op, stage) = match op {
        0 => (Op::Assign, None),
        1 => (Op::Signoff, Some("proofread")),
        2 => (Op::Signoff, Some("approved")),
        3 => (Op::Reopen, None),
        _ => (Op::Revise, None),
    };
    let at = start() + Duration::minutes(minute);
    let mut e = Event::new(op, PEOPLE[person as usize], at);
    e.id = format!("{}-{n:04}", at.format("%Y%m%dT%H%M%SZ"));
    e.seen = seen;
    e.stage = stage.map(str::to_string);
    e.editor = (op == Op::Assign).then(|| PEOPLE[person as usize].to_string());
    e.body = Some(format!("sha256:{}", minute % 3));
    e
}

/// Every clone's events after the steps, and all events anybody wrote.
fn simulate(steps: &[Step]) -> (Vec<Vec<Event>>, Vec<Event>) {
    let mut clones: Vec<Vec<Event>> = vec![vec![]; CLONES];
    let mut all = Vec::new();
    for (n, s) in steps.iter().enumerate() {
        match *s {
            Step::Write {
                clone,
                op,
                person,
                minute,
            } => {
                let e = event(n, op, person, minute, tips(&clones[clone]));
                clones[clone].push(e.clone());
                all.push(e);
            }
            Step::Sync(a, b) => {
                let mut union = clones[a].clone();
                for e in &clones[b] {
                    if !union.iter().any(|u| u.id == e.id) {
                        union.push(e.clone());
                    }
                }
                clones[a] = union.clone();
                clones[b] = union;
            }
        }
    }
    (clones, all)
}

fn ids(events: &[Event]) -> Vec<String> {
    events.iter().map(|e| e.id.clone()).collect()
}

proptest! {
    #![proptest_config(cases(64))]

    /// However the events arrive, every clone that has them all folds
    /// them into the same order and the same status.
    #[test]
    fn every_arrival_order_folds_the_same(
        steps in prop::collection::vec(step(), 1..40),
        seed in any::<u64>(),
    ) {
        let (_, all) = simulate(&steps);
        let wf = Workflow::default();
        let reference = fold_order(all.clone());
        let mut shuffled = all.clone();
        // A deterministic shuffle from the seed: another clone's arrival order.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let other = fold_order(shuffled);
        prop_assert_eq!(ids(&reference), ids(&other));
        let pins = Pins { body: "sha256:1".into(), printed: "sha256:2".into() };
        prop_assert_eq!(
            fold(&reference, &wf, &pins),
            fold(&other, &wf, &pins)
        );
    }

    /// An event written after seeing every tip comes last, and the events
    /// before it keep their order, even when its clock runs behind.
    #[test]
    fn an_event_that_saw_everything_never_reorders_the_past(
        steps in prop::collection::vec(step(), 1..40),
        op in 0u8..5,
        person in 0u8..3,
        minute in -60i64..120,
    ) {
        let (_, all) = simulate(&steps);
        let before = ids(&fold_order(all.clone()));
        let last = event(steps.len(), op, person, minute, tips(&all));
        let mut with = all.clone();
        with.push(last.clone());
        let after = ids(&fold_order(with));
        prop_assert_eq!(&after[..before.len()], &before[..]);
        prop_assert_eq!(&after[before.len()], &last.id);
    }
}

// ---- the character diff ----------------------------------------------------

/// Text as an office produces it: Han characters, Chinese and Western
/// punctuation, Latin words and numbers, combining marks, CRLF, spaces
/// and empty paragraphs.
fn office_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => prop::sample::select("濮阳市委会议城市韧初性发展产业链人民政府工作报告".chars().collect::<Vec<_>>()),
        2 => prop::sample::select("，。、；：？！“”‘’《》（）——…,.;:()\"".chars().collect::<Vec<_>>()),
        2 => prop::sample::select("abcGDP0123456789.%".chars().collect::<Vec<_>>()),
        1 => prop::sample::select(vec!['\u{301}', '\u{308}', 'e', ' ', '\u{3000}']),
        1 => prop::sample::select(vec!['\n', '\r', '\n']),
    ]
}

fn office_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(office_char(), 0..max).prop_map(|cs| cs.into_iter().collect())
}

/// `base` with a few random edits: what a revision usually is.
fn edited(base: String) -> impl Strategy<Value = (String, String)> {
    let len = base.chars().count();
    prop::collection::vec((0..=len, 0usize..6, office_text(8)), 0..6).prop_map(move |edits| {
        let mut chars: Vec<char> = base.chars().collect();
        for (at, remove, insert) in edits {
            let at = at.min(chars.len());
            let end = (at + remove).min(chars.len());
            chars.splice(at..end, insert.chars());
        }
        (base.clone(), chars.into_iter().collect())
    })
}

fn text_pair() -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        3 => office_text(120).prop_flat_map(edited),
        1 => (office_text(80), office_text(80)),
    ]
}

/// One side's paragraphs, rebuilt from the blocks alone.
fn rebuild(blocks: &[Block], count: usize, new_side: bool) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = vec![None; count];
    let side = |run: &Run| -> String {
        match run {
            Run::Same { text } => text.clone(),
            Run::Change { old, new } => {
                if new_side {
                    new.clone()
                } else {
                    old.clone()
                }
            }
        }
    };
    let mut put = |index: usize, text: String| {
        assert!(out[index].is_none(), "paragraph {index} placed twice");
        out[index] = Some(text);
    };
    for block in blocks {
        match block {
            Block::Same { old, new, text } => put(if new_side { *new } else { *old }, text.clone()),
            Block::Edited { old, new, runs, .. } => {
                let joined: String = runs.iter().map(side).collect();
                let indexes = if new_side { new } else { old };
                let parts: Vec<&str> = if indexes.is_empty() {
                    vec![]
                } else {
                    joined.split('\n').collect()
                };
                assert_eq!(parts.len(), indexes.len(), "{joined:?} over {indexes:?}");
                for (i, p) in indexes.iter().zip(parts) {
                    put(*i, p.to_string());
                }
            }
            Block::Moved { old, new, runs } => {
                put(
                    if new_side { *new } else { *old },
                    runs.iter().map(side).collect(),
                );
            }
            Block::MovedAway { .. } => {}
        }
    }
    out
}

proptest! {
    #![proptest_config(cases(128))]

    /// The redline holds both texts exactly: reading its old side gives
    /// the old paragraphs, its new side the new ones.
    #[test]
    fn the_redline_reproduces_both_texts((a, b) in text_pair()) {
        let options = Options { segmenter: &tokens::chars, deadline: None };
        let r = compare(&a, &b, &options);
        let (old, new) = (paragraphs(&a), paragraphs(&b));
        let old_back = rebuild(&r.blocks, old.len(), false);
        let new_back = rebuild(&r.blocks, new.len(), true);
        let want = |ps: &[&str]| ps.iter().map(|p| Some(p.to_string())).collect::<Vec<_>>();
        prop_assert_eq!(old_back, want(&old));
        prop_assert_eq!(new_back, want(&new));
        prop_assert_eq!(r.is_empty(), old == new);
    }

    /// The summary a proofreader reads first agrees with the hunks listed
    /// under it, and each hunk points at its own text.
    #[test]
    fn the_summary_counts_what_the_hunks_show((a, b) in text_pair()) {
        let options = Options { segmenter: &tokens::chars, deadline: None };
        let r = compare(&a, &b, &options);
        let s = r.summary;
        let of = |k: HunkKind| r.hunks.iter().filter(|h| h.kind == k).count();
        prop_assert_eq!(s.moved, of(HunkKind::Move));
        prop_assert_eq!(s.punctuation, of(HunkKind::Punctuation));
        prop_assert_eq!(s.space, of(HunkKind::Space));
        let sum = |kinds: &[HunkKind], new: bool| -> usize {
            r.hunks.iter()
                .filter(|h| kinds.contains(&h.kind))
                .map(|h| count(if new { &h.new } else { &h.old }))
                .sum()
        };
        prop_assert_eq!(s.inserted + s.changed, sum(&[HunkKind::Insert, HunkKind::Replace], true));
        prop_assert_eq!(s.deleted + s.changed, sum(&[HunkKind::Delete, HunkKind::Replace], false));
        let not_moves = |new: bool| sum(&[
            HunkKind::Insert, HunkKind::Delete, HunkKind::Replace, HunkKind::Punctuation,
            HunkKind::Space, HunkKind::Split, HunkKind::Join,
        ], new);
        prop_assert_eq!(s.added_chars, not_moves(true));
        prop_assert_eq!(s.removed_chars, not_moves(false));
        let new_paragraphs = paragraphs(&b);
        for h in r.hunks.iter().filter(|h| h.kind != HunkKind::Move) {
            let (Some(at), Some(first)) = (h.new_at, h.new.split('\n').next()) else { continue };
            if first.is_empty() { continue }
            let text: String = new_paragraphs[at.paragraph - 1].chars().skip(at.offset).collect();
            prop_assert!(text.starts_with(first), "{:?} not at {:?} in {:?}", first, at, text);
        }
    }
}

// ---- parsing what people write by hand ------------------------------------

fn lines_of(text: &str) -> usize {
    text.lines().count().max(1)
}

proptest! {
    #![proptest_config(cases(256))]

    /// Arbitrary bytes as an article file, a journal record, staff.toml or
    /// issue.toml: never a panic; either parsed or an error that points at
    /// a line that exists.
    #[test]
    fn hand_written_files_parse_or_point_at_the_line(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let source = String::from_utf8_lossy(&bytes);
        if let Err(frontmatter::FrontProblem::Toml(p)) = frontmatter::parse(&source) {
            prop_assert!(p.line >= 1 && p.line <= lines_of(&source) + 1, "{p:?}");
        }
        if let Err(p) = Event::from_toml("x", &source) {
            prop_assert!(p.line >= 1 && p.line <= lines_of(&source), "{p:?}");
        }
        if let Err(e) = toml::from_str::<StaffFile>(&source) {
            let p = locate(&source, &e, 0);
            prop_assert!(p.line >= 1 && p.line <= lines_of(&source), "{p:?}");
        }
        let _ = toml::from_str::<IssueFile>(&source);
    }

    /// The same, for text that looks like TOML: keys, strings, tables.
    #[test]
    fn toml_shaped_text_parses_or_points_at_the_line(
        lines in prop::collection::vec(prop_oneof![
            Just("op = \"signoff\"".to_string()),
            Just("by = \"宋欣龙\"".to_string()),
            Just("at = 2024-02-18T09:00:00+08:00".to_string()),
            Just("[[staff]]".to_string()),
            Just("name = \"当代濮阳\"".to_string()),
            Just("title = \"未闭合".to_string()),
            Just("+++".to_string()),
            "[a-z]{1,6} = [0-9\"\\[\\]{}a-z]{0,8}",
            "[\\u{4e00}-\\u{4e20}]{0,6}",
        ], 0..12),
    ) {
        let source = lines.join("\n");
        let _ = frontmatter::parse(&source);
        if let Err(p) = Event::from_toml("x", &source) {
            prop_assert!(p.line >= 1 && p.line <= lines_of(&source), "{p:?}");
        }
        let _ = toml::from_str::<StaffFile>(&source);
        let _ = toml::from_str::<Front>(&source);
    }
}

// ---- importing text --------------------------------------------------------

fn body_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            8 => prop::sample::select("濮阳市委会议城市韧性发展，。、“”《》（）abc123".chars().collect::<Vec<_>>()),
            1 => Just('\n'),
        ],
        0..200,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(cases(128))]

    /// Whatever encoding and line endings the file came in, decoding it,
    /// storing it as an article and reading the article back gives the
    /// same body.
    #[test]
    fn every_office_encoding_stores_the_same_body(
        body in body_text(),
        encoding in 0u8..3,
        crlf in any::<bool>(),
    ) {
        let sent = if crlf { body.replace('\n', "\r\n") } else { body.clone() };
        let bytes = match encoding {
            0 => sent.clone().into_bytes(),
            1 => [&[0xEF, 0xBB, 0xBF][..], sent.as_bytes()].concat(),
            _ => encoding_rs::GB18030.encode(&sent).0.into_owned(),
        };
        let decoded = text::decode(&bytes).expect("office text decodes");
        prop_assert_eq!(&decoded.text, &body);
        let stored = frontmatter::render(&frontmatter::render_front(&Front::new("题")), &decoded.text);
        let back = frontmatter::parse(&stored).expect("what galley writes reads back");
        prop_assert_eq!(back.body, frontmatter::canonical_body(&body));
    }
}

// ---- Word 修订 ---------------------------------------------------------------

/// A short body of a few characters, full stops, commas and paragraph and
/// line breaks, so that random edits often touch the same places.
fn small_body() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("濮"),
            Just("阳"),
            Just("氢"),
            Just("能"),
            Just("。"),
            Just("，"),
            Just("\n"),
            Just("\n\n"),
        ],
        0..40,
    )
    .prop_map(|cs| cs.concat())
}

proptest! {
    #![proptest_config(cases(256))]

    /// However the revisions follow one another, the tracked document
    /// gives the last text with every change accepted and the first with
    /// every change rejected, and each revision's mark is its own.
    #[test]
    fn tracked_changes_accept_to_the_last_text_and_reject_to_the_first(
        base in small_body(),
        bodies in prop::collection::vec(small_body(), 1..4),
    ) {
        use super::changes::{Mark, Step, accepted, normalized, rejected, track};
        let steps: Vec<Step> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| Step { body: b.clone(), author: format!("编辑{i}"), date: String::new() })
            .collect();
        let tracked = track(&base, &steps, None);
        prop_assert_eq!(accepted(&tracked), normalized(bodies.last().unwrap()));
        prop_assert_eq!(rejected(&tracked), normalized(&base));
        for (_, mark) in &tracked {
            if let Mark::Inserted(k) | Mark::Deleted(k) = mark {
                prop_assert!(*k < steps.len());
            }
        }
    }
}
