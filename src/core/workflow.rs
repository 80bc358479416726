//! Workflow stages, who may sign them, and the separation-of-duty rules.

use serde::{Deserialize, Serialize};

use super::staff::Person;

/// What a stage is for; `galley proofread` and `galley approve` pick the
/// next stage of their kind, so the same commands work for any workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum StageKind {
    Proofread,
    #[default]
    Review,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stage {
    /// ASCII id used in journal files, e.g. `proofread`.
    pub id: String,
    /// The act, as the office names it, e.g. 校对.
    pub name: String,
    /// The status label once signed; defaults to 已 + name.
    #[serde(default)]
    pub done: Option<String>,
    #[serde(default)]
    pub kind: StageKind,
    /// Roles whose holders may sign this stage.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Whether the article's assigned 责任编辑 may sign it as well.
    #[serde(default)]
    pub assigned_editor: bool,
}

impl Stage {
    pub fn done_label(&self) -> String {
        self.done
            .clone()
            .unwrap_or_else(|| format!("已{}", self.name))
    }
}

/// "No one signs two of these stages on the same article."
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DistinctSigners {
    pub name: String,
    pub stages: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Workflow {
    /// The role an assigned editor must hold.
    #[serde(default = "default_editor_role")]
    pub editor_role: String,
    /// Roles that may assign any article to an editor.
    #[serde(default = "default_assigners")]
    pub assigners: Vec<String>,
    /// Whether an editor may take an unassigned article themselves.
    #[serde(default = "default_true")]
    pub self_assign: bool,
    /// Roles that may sign 付印 for an issue, and withdraw it.
    #[serde(default = "default_releasers")]
    pub releasers: Vec<String>,
    /// Roles that look after the desk's accounts: set colleagues'
    /// passwords and read the access log.
    #[serde(default = "default_assigners")]
    pub administrators: Vec<String>,
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub distinct_signers: Vec<DistinctSigners>,
}

fn default_editor_role() -> String {
    "责任编辑".into()
}
fn default_assigners() -> Vec<String> {
    vec!["主编".into(), "编辑部主任".into()]
}
fn default_releasers() -> Vec<String> {
    vec!["主编".into()]
}
fn default_true() -> bool {
    true
}

impl Default for Workflow {
    /// The office's practice (DESIGN §2): draft → 校对 → 审定.
    fn default() -> Self {
        Workflow {
            editor_role: default_editor_role(),
            assigners: default_assigners(),
            self_assign: true,
            releasers: default_releasers(),
            administrators: default_assigners(),
            stages: vec![
                Stage {
                    id: "proofread".into(),
                    name: "校对".into(),
                    done: None,
                    kind: StageKind::Proofread,
                    roles: vec!["校对".into()],
                    assigned_editor: false,
                },
                Stage {
                    id: "approved".into(),
                    name: "审定".into(),
                    done: None,
                    kind: StageKind::Review,
                    roles: vec!["主编".into()],
                    assigned_editor: true,
                },
            ],
            distinct_signers: vec![],
        }
    }
}

/// Why a workflow action was refused. Each names the rule that refused it;
/// `messages` turns it into Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    LacksRole {
        stage: String,
        person: String,
        roles: Vec<String>,
        assigned_editor: Option<Option<String>>,
    },
    OutOfOrder {
        stage: String,
        missing: String,
    },
    Separation {
        rule: String,
        person: String,
        signed: String,
        stage: String,
    },
    AlreadySigned {
        stage: String,
        by: String,
    },
    NotAnEditor {
        person: String,
        role: String,
    },
    MayNotAssign {
        person: String,
        roles: Vec<String>,
    },
    NothingToReopen,
    MayNotReopen {
        person: String,
    },
    /// 撤稿 and moving an article are for those who assign.
    MayNotWithdraw {
        person: String,
        roles: Vec<String>,
    },
    AlreadyWithdrawn,
    NotWithdrawn,
    /// Nothing but restoring it may be done to a withdrawn article.
    Withdrawn,
    MayNotRelease {
        person: String,
        roles: Vec<String>,
    },
    AlreadyReleased {
        by: String,
    },
    NotReleased,
    /// The issue has gone to the printer: its articles are fixed.
    Released {
        by: String,
    },
    /// Opening an issue, or changing its settings, is for those who assign.
    MayNotOpenIssue {
        person: String,
        roles: Vec<String>,
    },
}

/// A problem in the `[workflow]` table itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkflowProblem {
    NoStages,
    BadStageId(String),
    DuplicateStage(String),
    RuleUnknownStage { rule: String, stage: String },
}

impl Workflow {
    pub fn validate(&self) -> Result<(), WorkflowProblem> {
        if self.stages.is_empty() {
            return Err(WorkflowProblem::NoStages);
        }
        for (i, stage) in self.stages.iter().enumerate() {
            let ok = !stage.id.is_empty()
                && stage.id != "draft"
                && stage
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
            if !ok {
                return Err(WorkflowProblem::BadStageId(stage.id.clone()));
            }
            if self.stages[..i]
                .iter()
                .any(|s| s.id == stage.id || s.name == stage.name)
            {
                return Err(WorkflowProblem::DuplicateStage(stage.id.clone()));
            }
        }
        for rule in &self.distinct_signers {
            for id in &rule.stages {
                if self.stage(id).is_none() {
                    return Err(WorkflowProblem::RuleUnknownStage {
                        rule: rule.name.clone(),
                        stage: id.clone(),
                    });
                }
            }
        }
        Ok(())
    }

    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    /// Finds a stage by its id or its Chinese name, the way people type it.
    pub fn lookup(&self, word: &str) -> Option<&Stage> {
        let word = word.trim();
        self.stages
            .iter()
            .find(|s| s.id.eq_ignore_ascii_case(word) || s.name == word || s.done_label() == word)
    }

    pub fn stage_name(&self, id: &str) -> String {
        self.stage(id)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    pub fn stage_names(&self, ids: &[String]) -> Vec<String> {
        ids.iter().map(|id| self.stage_name(id)).collect()
    }

    /// Whether `person` may sign `stage` given who the article is assigned to.
    pub fn may_sign(
        &self,
        stage: &Stage,
        person: &Person,
        assigned: Option<&str>,
    ) -> Result<(), Refusal> {
        if stage.roles.iter().any(|r| person.has_role(r)) {
            return Ok(());
        }
        if stage.assigned_editor && assigned == Some(person.name.as_str()) {
            return Ok(());
        }
        Err(Refusal::LacksRole {
            stage: stage.name.clone(),
            person: person.name.clone(),
            roles: stage.roles.clone(),
            assigned_editor: stage.assigned_editor.then(|| assigned.map(str::to_string)),
        })
    }

    /// Checks a sign-off against order and separation of duties.
    /// `signed` lists the article's current (not withdrawn) sign-offs as
    /// (stage id, signer, still matches the text).
    pub fn check_signoff(
        &self,
        stage: &Stage,
        person: &Person,
        assigned: Option<&str>,
        signed: &[(String, String, bool)],
    ) -> Result<(), Refusal> {
        self.may_sign(stage, person, assigned)?;
        if let Some((_, by, true)) = signed.iter().find(|(s, _, fresh)| s == &stage.id && *fresh) {
            return Err(Refusal::AlreadySigned {
                stage: stage.name.clone(),
                by: by.clone(),
            });
        }
        let index = self.index_of(&stage.id).unwrap_or(0);
        for earlier in &self.stages[..index] {
            let done = signed
                .iter()
                .any(|(s, _, fresh)| s == &earlier.id && *fresh);
            if !done {
                return Err(Refusal::OutOfOrder {
                    stage: stage.name.clone(),
                    missing: earlier.name.clone(),
                });
            }
        }
        for rule in &self.distinct_signers {
            if !rule.stages.contains(&stage.id) {
                continue;
            }
            let clash = signed
                .iter()
                .find(|(s, by, _)| s != &stage.id && rule.stages.contains(s) && by == &person.name);
            if let Some((other, _, _)) = clash {
                return Err(Refusal::Separation {
                    rule: rule.name.clone(),
                    person: person.name.clone(),
                    signed: self.stage_name(other),
                    stage: stage.name.clone(),
                });
            }
        }
        Ok(())
    }

    pub fn check_assign(
        &self,
        actor: &Person,
        editor: &Person,
        current: Option<&str>,
    ) -> Result<(), Refusal> {
        if !editor.has_role(&self.editor_role) {
            return Err(Refusal::NotAnEditor {
                person: editor.name.clone(),
                role: self.editor_role.clone(),
            });
        }
        let is_assigner = self.is_assigner(actor);
        let takes_it_self = self.self_assign
            && actor.name == editor.name
            && current.is_none_or(|c| c == actor.name);
        if is_assigner || takes_it_self {
            Ok(())
        } else {
            Err(Refusal::MayNotAssign {
                person: actor.name.clone(),
                roles: self.assigners.clone(),
            })
        }
    }

    /// Anyone who could sign some stage of this article may send it back.
    pub fn check_reopen(
        &self,
        actor: &Person,
        assigned: Option<&str>,
        has_signoffs: bool,
    ) -> Result<(), Refusal> {
        let may = self.is_assigner(actor)
            || self
                .stages
                .iter()
                .any(|s| self.may_sign(s, actor, assigned).is_ok());
        if !may {
            return Err(Refusal::MayNotReopen {
                person: actor.name.clone(),
            });
        }
        if !has_signoffs {
            return Err(Refusal::NothingToReopen);
        }
        Ok(())
    }

    pub fn is_administrator(&self, person: &Person) -> bool {
        self.administrators.iter().any(|r| person.has_role(r))
    }

    fn is_assigner(&self, actor: &Person) -> bool {
        self.assigners.iter().any(|r| actor.has_role(r))
    }

    /// Opening an issue or changing its settings: those who assign.
    pub fn check_open_issue(&self, actor: &Person) -> Result<(), Refusal> {
        match self.is_assigner(actor) {
            true => Ok(()),
            false => Err(Refusal::MayNotOpenIssue {
                person: actor.name.clone(),
                roles: self.assigners.clone(),
            }),
        }
    }

    /// 撤稿 (or taking it back) by one of those who assign.
    pub fn check_withdraw(&self, actor: &Person, withdrawn: bool) -> Result<(), Refusal> {
        if !self.is_assigner(actor) {
            return Err(Refusal::MayNotWithdraw {
                person: actor.name.clone(),
                roles: self.assigners.clone(),
            });
        }
        match withdrawn {
            true => Err(Refusal::AlreadyWithdrawn),
            false => Ok(()),
        }
    }

    pub fn check_restore(&self, actor: &Person, withdrawn: bool) -> Result<(), Refusal> {
        self.check_withdraw(actor, false)?;
        match withdrawn {
            true => Ok(()),
            false => Err(Refusal::NotWithdrawn),
        }
    }

    /// 压稿 (moving an article to another issue): those who may withdraw
    /// it, and never a withdrawn article.
    pub fn check_move(&self, actor: &Person, withdrawn: bool) -> Result<(), Refusal> {
        self.check_withdraw(actor, false)?;
        match withdrawn {
            true => Err(Refusal::Withdrawn),
            false => Ok(()),
        }
    }

    /// 付印 (`undo`: withdrawing it) by one of the `releasers`, given who
    /// signed the 付印 in force, if any.
    pub fn check_release(
        &self,
        actor: &Person,
        released_by: Option<&str>,
        undo: bool,
    ) -> Result<(), Refusal> {
        if !self.releasers.iter().any(|r| actor.has_role(r)) {
            return Err(Refusal::MayNotRelease {
                person: actor.name.clone(),
                roles: self.releasers.clone(),
            });
        }
        match (released_by, undo) {
            (Some(by), false) => Err(Refusal::AlreadyReleased { by: by.to_string() }),
            (None, true) => Err(Refusal::NotReleased),
            _ => Ok(()),
        }
    }

    /// The earliest stage of `kind` that the article still needs.
    pub fn next_of_kind(&self, kind: StageKind, fresh: &[String]) -> Option<&Stage> {
        self.stages
            .iter()
            .filter(|s| s.kind == kind)
            .find(|s| !fresh.contains(&s.id))
            .or_else(|| self.stages.iter().rev().find(|s| s.kind == kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, roles: &[&str]) -> Person {
        Person {
            name: name.into(),
            email: None,
            title: None,
            roles: roles.iter().map(|r| r.to_string()).collect(),
        }
    }

    pub(crate) fn sanshen() -> Workflow {
        let stage = |id: &str, name: &str, kind, roles: &[&str]| Stage {
            id: id.into(),
            name: name.into(),
            done: None,
            kind,
            roles: roles.iter().map(|r| r.to_string()).collect(),
            assigned_editor: false,
        };
        Workflow {
            stages: vec![
                stage("chushen", "初审", StageKind::Review, &["责任编辑"]),
                stage(
                    "fushen",
                    "复审",
                    StageKind::Review,
                    &["编辑部主任", "责任编辑"],
                ),
                stage("zhongshen", "终审", StageKind::Review, &["主编"]),
                stage("yixiao", "一校", StageKind::Proofread, &["校对"]),
                stage("erxiao", "二校", StageKind::Proofread, &["校对"]),
                stage("sanxiao", "三校", StageKind::Proofread, &["校对"]),
            ],
            distinct_signers: vec![
                DistinctSigners {
                    name: "三审分离".into(),
                    stages: vec!["chushen".into(), "fushen".into(), "zhongshen".into()],
                },
                DistinctSigners {
                    name: "三校换人".into(),
                    stages: vec!["yixiao".into(), "erxiao".into(), "sanxiao".into()],
                },
            ],
            ..Workflow::default()
        }
    }

    #[test]
    fn default_workflow_lets_assigned_editor_or_chief_approve() {
        let wf = Workflow::default();
        let approved = wf.stage("approved").unwrap();
        let liu = person("刘卫防", &["责任编辑"]);
        let wang = person("王栋栋", &["责任编辑"]);
        let gao = person("高昌运", &["主编"]);
        assert!(wf.may_sign(approved, &liu, Some("刘卫防")).is_ok());
        assert!(wf.may_sign(approved, &gao, Some("刘卫防")).is_ok());
        assert!(matches!(
            wf.may_sign(approved, &wang, Some("刘卫防")),
            Err(Refusal::LacksRole { .. })
        ));
    }

    #[test]
    fn approval_needs_a_fresh_proofread_first() {
        let wf = Workflow::default();
        let liu = person("刘卫防", &["责任编辑"]);
        let approved = wf.stage("approved").unwrap();
        let stale = vec![("proofread".to_string(), "宋欣龙".to_string(), false)];
        assert_eq!(
            wf.check_signoff(approved, &liu, Some("刘卫防"), &stale),
            Err(Refusal::OutOfOrder {
                stage: "审定".into(),
                missing: "校对".into()
            })
        );
        let fresh = vec![("proofread".to_string(), "宋欣龙".to_string(), true)];
        assert!(
            wf.check_signoff(approved, &liu, Some("刘卫防"), &fresh)
                .is_ok()
        );
    }

    #[test]
    fn no_one_signs_two_of_the_three_reviews() {
        let wf = sanshen();
        wf.validate().unwrap();
        let both = person("王栋栋", &["责任编辑", "编辑部主任"]);
        let signed = vec![("chushen".to_string(), "王栋栋".to_string(), true)];
        let refusal = wf
            .check_signoff(wf.stage("fushen").unwrap(), &both, None, &signed)
            .unwrap_err();
        assert_eq!(
            refusal,
            Refusal::Separation {
                rule: "三审分离".into(),
                person: "王栋栋".into(),
                signed: "初审".into(),
                stage: "复审".into()
            }
        );
    }

    #[test]
    fn a_stale_signoff_may_be_signed_again_but_a_fresh_one_not() {
        let wf = Workflow::default();
        let song = person("宋欣龙", &["校对"]);
        let stage = wf.stage("proofread").unwrap();
        let stale = vec![("proofread".to_string(), "宋欣龙".to_string(), false)];
        assert!(wf.check_signoff(stage, &song, None, &stale).is_ok());
        let fresh = vec![("proofread".to_string(), "宋欣龙".to_string(), true)];
        assert!(matches!(
            wf.check_signoff(stage, &song, None, &fresh),
            Err(Refusal::AlreadySigned { .. })
        ));
    }

    #[test]
    fn assignment_rules() {
        let wf = Workflow::default();
        let wang = person("王焕彩", &["编辑部主任"]);
        let liu = person("刘卫防", &["责任编辑"]);
        let rong = person("荣萍萍", &["美编"]);
        assert!(wf.check_assign(&wang, &liu, None).is_ok());
        assert!(wf.check_assign(&liu, &liu, None).is_ok());
        assert!(matches!(
            wf.check_assign(&liu, &liu, Some("宋欣龙")),
            Err(Refusal::MayNotAssign { .. })
        ));
        assert!(matches!(
            wf.check_assign(&wang, &rong, None),
            Err(Refusal::NotAnEditor { .. })
        ));
    }

    #[test]
    fn validation_rejects_unknown_rule_stage_and_bad_ids() {
        let mut wf = sanshen();
        wf.distinct_signers[0].stages.push("sishen".into());
        assert!(matches!(
            wf.validate(),
            Err(WorkflowProblem::RuleUnknownStage { .. })
        ));
        let mut wf = Workflow::default();
        wf.stages[0].id = "校对".into();
        assert!(matches!(wf.validate(), Err(WorkflowProblem::BadStageId(_))));
    }

    #[test]
    fn proofread_picks_the_next_round() {
        let wf = sanshen();
        let fresh = vec!["yixiao".to_string()];
        assert_eq!(
            wf.next_of_kind(StageKind::Proofread, &fresh).unwrap().name,
            "二校"
        );
    }
}
