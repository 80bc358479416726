//! `staff.toml`: the magazine's publication details, its people and its workflow.

use serde::{Deserialize, Serialize};

use super::workflow::Workflow;

/// Publication details printed in the masthead. Empty means "not filled in";
/// the contents-page check reports which required ones are missing.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Magazine {
    /// 刊名
    pub name: String,
    /// The Latin name printed under the title, e.g. DANG DAI PU YANG.
    pub latin_name: String,
    /// 主办
    pub sponsor: String,
    /// 准印证号
    pub permit: String,
    /// 内部资料 免费交流
    pub notice: String,
    /// 本刊宗旨
    pub motto: String,
    /// 编辑出版
    pub publisher: String,
    /// 电话 (one or more)
    pub phones: Vec<String>,
    /// 邮编
    pub postcode: String,
    /// 电子信箱
    pub email: String,
    /// 地址
    pub address: String,
    /// 批准机关
    pub approved_by: String,
    /// 发放范围
    pub distribution: String,
    /// 印刷
    pub printer: String,
    /// Running heads printed on every page; dropped from imported text.
    pub running_heads: Vec<String>,
    /// Trim size in millimetres; 大16开 (210×285) when absent.
    pub trim_width_mm: Option<f64>,
    pub trim_height_mm: Option<f64>,
    /// Page margin of the contents page, in millimetres.
    pub margin_mm: Option<f64>,
}

/// The roles of a Chinese periodical's editorial office; a workflow may add more.
pub const OFFICE_ROLES: [&str; 5] = ["主编", "编辑部主任", "责任编辑", "美编", "校对"];

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The masthead title (刊头职务); kept apart from the roles, which are permissions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default)]
    pub roles: Vec<String>,
}

impl Person {
    pub fn has_role(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == role)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StaffFile {
    #[serde(default)]
    pub magazine: Magazine,
    #[serde(default)]
    pub staff: Vec<Person>,
    #[serde(default)]
    pub workflow: Option<Workflow>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<QualitySettings>,
}

/// `[quality]`: the 编校差错率 the office holds itself to.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualitySettings {
    /// Errors per 10,000 characters; periodicals pass at 2.
    pub error_rate_limit: f64,
}

impl StaffFile {
    pub fn person(&self, name: &str) -> Option<&Person> {
        let name = name.trim();
        self.staff.iter().find(|p| p.name == name)
    }

    pub fn workflow(&self) -> Workflow {
        self.workflow.clone().unwrap_or_default()
    }

    /// The office's own roles plus every role the workflow mentions.
    pub fn known_roles(&self) -> Vec<String> {
        let wf = self.workflow();
        let mut roles: Vec<String> = Vec::new();
        let mentioned = OFFICE_ROLES
            .iter()
            .map(|r| r.to_string())
            .chain(wf.stages.iter().flat_map(|s| s.roles.iter().cloned()))
            .chain(wf.assigners.iter().cloned())
            .chain(std::iter::once(wf.editor_role.clone()));
        for role in mentioned {
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
        roles
    }

    /// A role held by someone that nothing knows, most likely a typo.
    pub fn unknown_role(&self) -> Option<(&str, &str)> {
        let known = self.known_roles();
        self.staff.iter().find_map(|p| {
            p.roles
                .iter()
                .find(|r| !known.contains(r))
                .map(|r| (p.name.as_str(), r.as_str()))
        })
    }

    /// A person whose name appears twice, which would make identity ambiguous.
    pub fn duplicate_name(&self) -> Option<&str> {
        self.staff.iter().enumerate().find_map(|(i, p)| {
            self.staff[..i]
                .iter()
                .any(|q| q.name == p.name)
                .then_some(p.name.as_str())
        })
    }
}

/// Where the acting person's name came from, in the order DESIGN §2 gives:
/// the `--as` option, `GALLEY_USER`, `galley.user` in git's config, git's
/// `user.name`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentitySource {
    Option,
    Env,
    GitConfig,
    GitUserName,
}
