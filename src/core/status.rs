//! Status is derived, never stored: the journal folded over the workflow.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::frontmatter::Pins;
use super::journal::{Event, Op, ancestry};
use super::workflow::{StageKind, Workflow};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signed {
    pub stage: String,
    pub by: String,
    pub at: DateTime<FixedOffset>,
    pub body: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub printed: Option<String>,
    /// Whether it signed the current text and printed fields; a stale one must be signed again.
    pub fresh: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub event: String,
}

/// Concurrent events that contradict each other and that nobody has yet
/// resolved by acting after seeing both.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Attention {
    SignedWhileReopened {
        stage: String,
        signed_by: String,
        reopened_by: String,
    },
    TwoEditors {
        first: String,
        second: String,
    },
    /// A file of the article that cannot be read as it stands (a journal
    /// record with an unknown op, say); `problem` names the file and line.
    /// Until it is mended the status shown may be incomplete.
    Unreadable {
        problem: String,
    },
}

/// 撤稿: who withdrew the article, when and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Withdrawal {
    pub by: String,
    pub at: DateTime<FixedOffset>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Status {
    /// Set while the article is withdrawn from its issue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Withdrawal>,
    pub editor: Option<String>,
    pub due: Option<NaiveDate>,
    /// Current sign-offs, at most one per stage, in workflow order.
    pub signed: Vec<Signed>,
    /// The last stage such that it and every earlier one are signed on the
    /// current text; `None` is draft.
    pub reached: Option<String>,
    /// The next stage to sign; `None` once every stage is done.
    pub next: Option<String>,
    pub stale: Vec<String>,
    pub attention: Vec<Attention>,
}

impl Status {
    pub fn fresh_stages(&self) -> Vec<String> {
        self.signed
            .iter()
            .filter(|s| s.fresh)
            .map(|s| s.stage.clone())
            .collect()
    }

    /// (stage, signer, fresh) triples, as the workflow rules want them.
    pub fn signed_triples(&self) -> Vec<(String, String, bool)> {
        self.signed
            .iter()
            .map(|s| (s.stage.clone(), s.by.clone(), s.fresh))
            .collect()
    }

    /// People who signed more than one stage on the text as it stands, with
    /// those stages in workflow order: no second person has read that text
    /// for them. The default workflow allows it (an editor may proofread
    /// and approve), so it is shown, not refused.
    pub fn one_signer_stages(&self) -> Vec<(String, Vec<String>)> {
        one_signer_stages(&self.signed)
    }

    pub fn is_complete(&self, wf: &Workflow) -> bool {
        self.reached.as_deref() == wf.stages.last().map(|s| s.id.as_str())
    }
}

/// See `Status::one_signer_stages`.
pub fn one_signer_stages(signed: &[Signed]) -> Vec<(String, Vec<String>)> {
    let mut people: Vec<(String, Vec<String>)> = Vec::new();
    for s in signed.iter().filter(|s| s.fresh) {
        match people.iter_mut().find(|(by, _)| *by == s.by) {
            Some((_, stages)) => stages.push(s.stage.clone()),
            None => people.push((s.by.clone(), vec![s.stage.clone()])),
        }
    }
    people.retain(|(_, stages)| stages.len() > 1);
    people
}

/// Folds events that are already in fold order (see `journal::fold_order`).
pub fn fold(events: &[Event], wf: &Workflow, current: &Pins) -> Status {
    let mut status = Status::default();
    let mut signed: Vec<Signed> = Vec::new();
    for event in events {
        match event.op {
            Op::Assign => {
                status.editor = event.editor.clone();
                status.due = event.due;
            }
            Op::Signoff => {
                let Some(stage) = event.stage.clone() else {
                    continue;
                };
                signed.retain(|s| s.stage != stage);
                signed.push(Signed {
                    stage,
                    by: event.by.clone(),
                    at: event.at,
                    body: event.body.clone().unwrap_or_default(),
                    printed: event.printed.clone(),
                    fresh: false,
                    note: event.note.clone(),
                    event: event.id.clone(),
                });
            }
            Op::Reopen => signed.clear(),
            Op::Withdraw => {
                status.withdrawn = Some(Withdrawal {
                    by: event.by.clone(),
                    at: event.at,
                    reason: event.note.clone().unwrap_or_default(),
                })
            }
            Op::Restore => status.withdrawn = None,
            // 压稿: the text is the same, so proofreading still holds; the
            // reviews answered for the old issue and are given again.
            Op::Move => signed.retain(|s| {
                wf.stage(&s.stage)
                    .is_some_and(|st| st.kind == StageKind::Proofread)
            }),
            Op::Revise | Op::Release | Op::Unrelease => {}
        }
    }
    for s in &mut signed {
        s.fresh = current.hold(&s.body, s.printed.as_deref());
    }
    for stage in &wf.stages {
        match signed.iter().find(|s| s.stage == stage.id) {
            Some(s) if s.fresh && status.next.is_none() => status.reached = Some(stage.id.clone()),
            _ if status.next.is_none() => status.next = Some(stage.id.clone()),
            _ => {}
        }
    }
    status.stale = wf
        .stages
        .iter()
        .filter(|st| signed.iter().any(|s| s.stage == st.id && !s.fresh))
        .map(|st| st.id.clone())
        .collect();
    signed.sort_by_key(|s| wf.index_of(&s.stage).unwrap_or(usize::MAX));
    status.signed = signed;
    status.attention = contradictions(events);
    status
}

fn contradictions(events: &[Event]) -> Vec<Attention> {
    let seen = ancestry(events);
    let concurrent = |i: usize, j: usize| !seen[i].contains(&j) && !seen[j].contains(&i);
    let resolved = |i: usize, j: usize, by: &[Op]| {
        (j + 1..events.len())
            .any(|k| by.contains(&events[k].op) && seen[k].contains(&i) && seen[k].contains(&j))
    };
    let mut found = Vec::new();
    for j in 0..events.len() {
        for i in 0..j {
            if !concurrent(i, j) {
                continue;
            }
            let (a, b) = (&events[i], &events[j]);
            match (a.op, b.op) {
                (Op::Signoff, Op::Reopen) | (Op::Reopen, Op::Signoff) => {
                    if resolved(i, j, &[Op::Signoff, Op::Reopen]) {
                        continue;
                    }
                    let (sign, reopen) = if a.op == Op::Signoff { (a, b) } else { (b, a) };
                    found.push(Attention::SignedWhileReopened {
                        stage: sign.stage.clone().unwrap_or_default(),
                        signed_by: sign.by.clone(),
                        reopened_by: reopen.by.clone(),
                    });
                }
                (Op::Assign, Op::Assign) if a.editor != b.editor => {
                    if resolved(i, j, &[Op::Assign]) {
                        continue;
                    }
                    found.push(Attention::TwoEditors {
                        first: a.editor.clone().unwrap_or_default(),
                        second: b.editor.clone().unwrap_or_default(),
                    });
                }
                _ => {}
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::journal::fold_order;

    fn at(minute: u32) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2024-02-18T10:{minute:02}:00+08:00")).unwrap()
    }

    struct Journal(Vec<Event>);

    impl Journal {
        fn push(&mut self, mut e: Event, seen: &[&str]) -> &mut Self {
            e.id = format!("e{}", self.0.len());
            e.seen = seen.iter().map(|s| s.to_string()).collect();
            self.0.push(e);
            self
        }
        fn assign(&mut self, editor: &str, seen: &[&str]) -> &mut Self {
            let mut e = Event::new(Op::Assign, "王焕彩", at(self.0.len() as u32));
            e.editor = Some(editor.into());
            self.push(e, seen)
        }
        fn sign(&mut self, stage: &str, by: &str, body: &str, seen: &[&str]) -> &mut Self {
            let mut e = Event::new(Op::Signoff, by, at(self.0.len() as u32));
            e.stage = Some(stage.into());
            e.body = Some(body.into());
            self.push(e, seen)
        }
        fn reopen(&mut self, by: &str, seen: &[&str]) -> &mut Self {
            let e = Event::new(Op::Reopen, by, at(self.0.len() as u32));
            self.push(e, seen)
        }
        fn fold(&self, body: &str) -> Status {
            self.fold_printed(body, "p1")
        }
        fn fold_printed(&self, body: &str, printed: &str) -> Status {
            let pins = Pins {
                body: body.into(),
                printed: printed.into(),
            };
            fold(&fold_order(self.0.clone()), &Workflow::default(), &pins)
        }
    }

    #[test]
    fn a_changed_title_makes_a_signoff_that_pinned_it_stale() {
        let mut j = Journal(vec![]);
        j.sign("proofread", "宋欣龙", "h1", &[]);
        j.0[0].printed = Some("p1".into());
        assert_eq!(
            j.fold_printed("h1", "p1").reached.as_deref(),
            Some("proofread")
        );
        let retitled = j.fold_printed("h1", "p2");
        assert_eq!(retitled.reached, None);
        assert_eq!(retitled.stale, ["proofread"]);
    }

    #[test]
    fn a_signoff_from_before_printed_pins_still_holds_on_its_body() {
        let mut j = Journal(vec![]);
        j.sign("proofread", "宋欣龙", "h1", &[]);
        assert_eq!(
            j.fold_printed("h1", "p2").reached.as_deref(),
            Some("proofread")
        );
        assert_eq!(j.fold_printed("h2", "p1").stale, ["proofread"]);
    }

    #[test]
    fn one_person_on_two_stages_of_the_current_text_is_named_until_the_text_changes() {
        let mut j = Journal(vec![]);
        j.sign("proofread", "王焕彩", "h1", &[])
            .sign("approved", "王焕彩", "h1", &["e0"]);
        assert_eq!(
            j.fold("h1").one_signer_stages(),
            [(
                "王焕彩".to_string(),
                vec!["proofread".to_string(), "approved".to_string()]
            )]
        );
        // Once the text changes neither sign-off holds, so nobody has
        // signed two stages of the text as it stands.
        assert!(j.fold("h2").one_signer_stages().is_empty());
        let mut two = Journal(vec![]);
        two.sign("proofread", "王栋栋", "h1", &[])
            .sign("approved", "刘卫防", "h1", &["e0"]);
        assert!(two.fold("h1").one_signer_stages().is_empty());
    }

    #[test]
    fn signed_stages_in_order_reach_approved() {
        let mut j = Journal(vec![]);
        j.assign("刘卫防", &[])
            .sign("proofread", "宋欣龙", "h1", &["e0"])
            .sign("approved", "刘卫防", "h1", &["e1"]);
        let s = j.fold("h1");
        assert_eq!(s.editor.as_deref(), Some("刘卫防"));
        assert_eq!(s.reached.as_deref(), Some("approved"));
        assert_eq!(s.next, None);
        assert!(s.stale.is_empty());
        assert!(s.is_complete(&Workflow::default()));
    }

    #[test]
    fn revised_text_makes_both_signoffs_stale() {
        let mut j = Journal(vec![]);
        j.sign("proofread", "宋欣龙", "h1", &[])
            .sign("approved", "刘卫防", "h1", &["e0"]);
        let s = j.fold("h2");
        assert_eq!(s.reached, None);
        assert_eq!(s.next.as_deref(), Some("proofread"));
        assert_eq!(s.stale, ["proofread", "approved"]);
    }

    #[test]
    fn a_later_stage_alone_does_not_count() {
        let mut j = Journal(vec![]);
        j.sign("approved", "高昌运", "h1", &[]);
        let s = j.fold("h1");
        assert_eq!(s.reached, None);
        assert_eq!(s.next.as_deref(), Some("proofread"));
    }

    #[test]
    fn reopen_withdraws_signoffs() {
        let mut j = Journal(vec![]);
        j.sign("proofread", "宋欣龙", "h1", &[])
            .reopen("刘卫防", &["e0"]);
        let s = j.fold("h1");
        assert!(s.signed.is_empty());
        assert_eq!(s.reached, None);
        assert!(s.attention.is_empty());
    }

    #[test]
    fn concurrent_approve_and_reopen_need_attention_until_resolved() {
        let mut j = Journal(vec![]);
        j.sign("proofread", "宋欣龙", "h1", &[])
            .sign("approved", "刘卫防", "h1", &["e0"])
            .reopen("高昌运", &["e0"]);
        let s = j.fold("h1");
        assert_eq!(
            s.attention,
            [Attention::SignedWhileReopened {
                stage: "approved".into(),
                signed_by: "刘卫防".into(),
                reopened_by: "高昌运".into()
            }]
        );
        j.reopen("高昌运", &["e1", "e2"]);
        assert!(j.fold("h1").attention.is_empty());
    }

    #[test]
    fn concurrent_assignments_to_different_editors_need_attention() {
        let mut j = Journal(vec![]);
        j.assign("刘卫防", &[]).assign("王栋栋", &[]);
        assert_eq!(j.fold("h").attention.len(), 1);
        j.assign("王栋栋", &["e0", "e1"]);
        assert!(j.fold("h").attention.is_empty());
    }
}
