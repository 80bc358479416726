//! 付印: the issue's own journal folded into whether it is released, by
//! whom, when, and on which texts.

use chrono::{DateTime, FixedOffset};

use super::journal::{Event, Op, PinnedText};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub struct Released {
    pub by: String,
    pub at: DateTime<FixedOffset>,
    pub event: String,
    pub contents: Option<String>,
    pub articles: BTreeMap<String, PinnedText>,
}

/// A 付印 withdrawn: who, when, why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreleased {
    pub by: String,
    pub at: DateTime<FixedOffset>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReleaseState {
    /// The 付印 in force, if any.
    pub released: Option<Released>,
    /// The last time a 付印 was withdrawn.
    pub withdrawn: Option<Unreleased>,
}

/// Folds an issue's events, already in fold order.
pub fn fold(events: &[Event]) -> ReleaseState {
    let mut state = ReleaseState::default();
    for event in events {
        match event.op {
            Op::Release => {
                state.released = Some(Released {
                    by: event.by.clone(),
                    at: event.at,
                    event: event.id.clone(),
                    contents: event.contents.clone(),
                    articles: event.articles.clone(),
                })
            }
            Op::Unrelease => {
                state.released = None;
                state.withdrawn = Some(Unreleased {
                    by: event.by.clone(),
                    at: event.at,
                    reason: event.note.clone().unwrap_or_default(),
                });
            }
            _ => {}
        }
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hour: u32) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2024-02-25T{hour:02}:00:00+08:00")).unwrap()
    }

    #[test]
    fn a_release_holds_until_it_is_withdrawn_and_may_be_signed_again() {
        let mut release = Event::new(Op::Release, "高昌运", at(9));
        release.id = "r1".into();
        let mut undo = Event::new(Op::Unrelease, "高昌运", at(10));
        undo.note = Some("封二照片换了".into());
        let mut again = Event::new(Op::Release, "高昌运", at(11));
        again.id = "r2".into();
        assert_eq!(fold(&[release.clone()]).released.unwrap().event, "r1");
        let withdrawn = fold(&[release.clone(), undo.clone()]);
        assert!(withdrawn.released.is_none());
        assert_eq!(withdrawn.withdrawn.unwrap().reason, "封二照片换了");
        assert_eq!(fold(&[release, undo, again]).released.unwrap().event, "r2");
    }
}
