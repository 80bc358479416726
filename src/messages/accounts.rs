//! What the desk says about accounts: one's own password, and what the
//! administrators do for colleagues.

pub const ACCOUNT: &str = "我的账户";
pub const CHANGE_PASSWORD: &str = "修改我的密码";
pub const OLD_PASSWORD: &str = "现在的密码";
pub const NEW_PASSWORD: &str = "新密码";
pub const NEW_PASSWORD_AGAIN: &str = "再输一遍新密码";
pub const POLICY: &str = "密码至少 8 个字符，不能是本人的姓名或姓名拼音。改密码后，您在别的电脑、手机上的登录会自动退出。";
pub const POLICY_FOR_COLLEAGUE: &str =
    "密码至少 8 个字符，不能是本人的姓名或姓名拼音。设置后，这位同事原来的登录都会退出。";
pub const AT_THE_SERVER: &str = "（在服务器上）";
pub const ADMIN: &str = "账户管理";
pub const ADMIN_LINK: &str = "账户管理和访问日志";
pub const STAFF: &str = "工作人员";
pub const NAME: &str = "姓名";
pub const TITLE: &str = "刊头职务";
pub const ROLES: &str = "角色";
pub const HAS_PASSWORD: &str = "登录密码";
pub const SET: &str = "已设置";
pub const NOT_SET: &str = "未设置";
pub const SET_FOR: &str = "为同事设置或重设密码";
pub const COLLEAGUE: &str = "同事";
pub const SET_BUTTON: &str = "设置密码";
pub const LOG: &str = "访问日志";
pub const LOG_FILTER: &str = "筛选";
pub const LOG_DATE: &str = "日期";
pub const LOG_ANYONE: &str = "（所有人）";
pub const LOG_TIME: &str = "时间";
pub const LOG_ADDRESS: &str = "地址";
pub const LOG_EVENT: &str = "事件";
pub const LOG_NONE: &str = "没有符合条件的记录。";

pub fn password_changed() -> String {
    "密码已修改。您在别的电脑、手机上的登录已经退出。".to_string()
}

pub fn password_set_for(name: &str) -> String {
    format!("已为 {name} 设置新密码；{name} 原来的登录都已退出，请当面或电话告诉本人。")
}

pub fn wrong_old_password() -> crate::error::GalleyError {
    crate::error::GalleyError::user("现在的密码不对，密码没有修改。")
        .hint("请重新输入；忘了密码请找主编或编辑部主任重设。")
}

/// Every password check is taken by other logins just now: nothing was
/// checked, so nothing can be said about the password.
pub fn checks_busy() -> crate::error::GalleyError {
    crate::error::GalleyError::user(
        "服务器正忙着核对别人的密码，这次没有核对您的密码，密码没有修改。",
    )
    .hint("请过一会儿再试一次。")
}

pub fn passwords_differ() -> crate::error::GalleyError {
    crate::error::GalleyError::user("两次输入的新密码不一样，密码没有修改。").hint("请重新输入。")
}

pub fn not_an_administrator(roles: &[String]) -> String {
    format!("只有{}才能管理账户和查看访问日志。", roles.join("或"))
}

pub fn unknown_colleague(name: &str) -> crate::error::GalleyError {
    crate::error::GalleyError::user(format!("staff.toml 里没有“{name}”，密码没有设置。"))
        .hint("请从名单里选；新同事请先在本页“同事和角色”里添加。")
}

pub fn log_shown(shown: usize, matched: usize) -> String {
    match shown < matched {
        true => format!("共 {matched} 条，只列出最近的 {shown} 条。"),
        false => format!("共 {matched} 条。"),
    }
}

/// An access-log event, as the page shows it.
pub fn event(kind: &str, count: Option<u64>, by: Option<&str>) -> String {
    let what = match kind {
        "login" => "登录",
        "login_failed" => "登录失败",
        "braked" => "输错太多，被限制",
        "busy" => "排不上队",
        "logout" => "退出",
        "password_changed" => "修改密码",
        "password_reset" => "密码被重设",
        "session_expired" => "登录过期",
        other => other,
    };
    let mut text = what.to_string();
    if let Some(n) = count.filter(|n| *n > 1) {
        text.push_str(&format!("（{n} 次）"));
    }
    if let Some(by) = by {
        text.push_str(&format!("，由 {by} 办理"));
    }
    text
}

pub fn not_an_administrator_error(roles: &[String]) -> crate::error::GalleyError {
    crate::error::GalleyError::user(not_an_administrator(roles))
        .hint("请找主编或编辑部主任来添加同事、修改角色。")
}

pub fn bad_name(name: &str) -> crate::error::GalleyError {
    crate::error::GalleyError::user(format!("姓名“{name}”不合适。"))
        .hint("请写同事的真实姓名，不带空格，最多 20 个字，和刊头、签名一致。")
}

pub fn no_roles(name: &str) -> crate::error::GalleyError {
    crate::error::GalleyError::user(format!("没有给{name}选任何角色。"))
        .hint("至少选一个角色，例如“责任编辑”或“校对”；角色决定这个人能签什么。")
}

pub fn last_administrator(name: &str) -> crate::error::GalleyError {
    crate::error::GalleyError::user(format!(
        "这样改完，就没有人能管理账户了：{name}是最后一位管理员。"
    ))
    .hint("请先让另一位同事担任主编或编辑部主任，再改这一位。")
}

pub fn subject_added(actor: &str, name: &str, roles: &[String]) -> String {
    format!("{actor}添加同事{name}（{}）", roles.join("、"))
}

pub fn subject_roles(actor: &str, name: &str, roles: &[String]) -> String {
    format!("{actor}把{name}的角色改为{}", roles.join("、"))
}

pub fn person_saved(name: &str, added: bool) -> String {
    match added {
        true => format!("已添加同事{name}。请再为{name}设置登录密码。"),
        false => format!("已修改{name}的职务和角色。"),
    }
}

pub fn person_unchanged(name: &str) -> String {
    format!("{name}的职务和角色没有变化，没有保存。")
}

pub const PEOPLE: &str = "同事和角色";
pub const PEOPLE_EXPLAINED: &str = "添加新同事，或修改一位同事的职务（印在刊头上）和角色（决定能签什么、能做什么）。每次修改都记在记录里。";
pub const PERSON_NAME: &str = "姓名（新同事写新名字，改已有同事写原名）";
pub const PERSON_TITLE: &str = "职务（刊头上的称呼，可不填）";
pub const PERSON_ROLES: &str = "角色";
pub const SAVE_PERSON: &str = "保存";
