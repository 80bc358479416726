//! What galley says about 撤稿, moving an article and 付印.

use crate::core::board::BoardRow;
use crate::core::issue::IssueId;
use crate::core::release::ReleaseState;
use crate::core::workflow::Refusal;
use crate::error::GalleyError;

fn label(issue: &IssueId) -> String {
    format!("{}年第{}期", issue.year, issue.number)
}

pub fn refused(r: &Refusal) -> GalleyError {
    match r {
        Refusal::MayNotWithdraw { person, roles } => GalleyError::user(format!(
            "按照流程规则「撤稿权限」，只有{}可以撤稿、恢复稿件或把稿件移到别的期，{person}不符合。",
            roles.join("或")
        ))
        .hint("请由主编或编辑部主任办理。"),
        Refusal::AlreadyWithdrawn => GalleyError::user("这篇稿件已经撤稿了。")
            .hint("要重新用这篇稿件，请用 galley withdraw 稿件 --undo --reason 理由 恢复。"),
        Refusal::NotWithdrawn => GalleyError::user("这篇稿件没有撤稿，无需恢复。")
            .hint("运行 galley show 稿件 可以查看它的状态。"),
        Refusal::Withdrawn => GalleyError::user("这篇稿件已经撤稿，不能再分稿、签署或修改。")
            .hint("如果要重新用这篇稿件，请主编或编辑部主任先恢复：galley withdraw 稿件 --undo --reason 理由。"),
        Refusal::MayNotRelease { person, roles } => GalleyError::user(format!(
            "按照流程规则「付印权限」，只有{}可以签发付印或撤回付印，{person}不符合。",
            roles.join("或")
        ))
        .hint("请由主编签发；如需调整，请修改 staff.toml 里 [workflow] 的 releasers。"),
        Refusal::AlreadyReleased { by } => GalleyError::user(format!(
            "本期已经由{by}签发付印了。"
        ))
        .hint("如果要改动后重新付印，请先撤回付印：galley release 期号 --undo --reason 理由。"),
        Refusal::NotReleased => GalleyError::user("本期还没有签发付印，无需撤回。")
            .hint("运行 galley status 期号 查看本期进度。"),
        Refusal::Released { by } => GalleyError::user(format!(
            "本期已由{by}签发付印，稿件不能再改动。"
        ))
        .hint("确实要改，请主编先撤回付印：galley release 期号 --undo --reason 理由；改完再重新签发。"),
        Refusal::MayNotOpenIssue { person, roles } => GalleyError::user(format!(
            "只有{}可以新建一期或修改期次设置，{person}不符合。",
            roles.join("或")
        ))
        .hint("请编辑部主任或主编来做；如需调整，请修改 staff.toml 里 [workflow] 的 assigners。"),
        _ => unreachable!("the other refusals are worded in messages::refused"),
    }
}

pub fn subject_withdraw(actor: &str, title: &str, reason: &str) -> String {
    format!("{actor}撤稿《{title}》：{reason}")
}

pub fn subject_restore(actor: &str, title: &str, reason: &str) -> String {
    format!("{actor}恢复稿件《{title}》：{reason}")
}

pub fn withdrawn(key: &str, title: &str) -> String {
    format!("已撤稿：《{title}》（{key}）。它不再出现在本期的进度、目次和页码表里，记录都保留着。")
}

pub fn restored(key: &str, title: &str) -> String {
    format!("已恢复稿件：《{title}》（{key}）回到本期。")
}

pub fn subject_release(actor: &str, issue: &IssueId) -> String {
    format!("{actor}签发{}付印", label(issue))
}

pub fn subject_unrelease(actor: &str, issue: &IssueId, reason: &str) -> String {
    format!("{actor}撤回{}付印：{reason}", label(issue))
}

pub fn released(issue: &IssueId, articles: usize) -> String {
    format!(
        "已签发{}付印：{articles} 篇稿件的审定文本和目次都记录在案；此后本期稿件不能再改动。",
        label(issue)
    )
}

pub fn unreleased(issue: &IssueId) -> String {
    format!(
        "已撤回{}付印，稿件可以再改动；改完请重新签发。",
        label(issue)
    )
}

/// 付印 refused while the check before printing still finds problems.
pub fn release_blocked(issue: &IssueId, problems: &[String]) -> GalleyError {
    let mut text = format!(
        "{}还不能付印，付印前检查发现 {} 个问题：",
        label(issue),
        problems.len()
    );
    for p in problems {
        text.push_str("\n  · ");
        text.push_str(p);
    }
    GalleyError::user(text)
        .hint("把这些问题解决后再签发；运行 galley toc 期号 --check 可以随时查看。")
}

/// A withdrawn article, under the board.
pub fn withdrawn_line(row: &BoardRow) -> String {
    let how = row
        .withdrawn
        .as_ref()
        .map(|w| format!("{} {} 撤稿：{}", w.by, w.at.format("%Y-%m-%d"), w.reason))
        .unwrap_or_default();
    format!("已撤稿：《{}》（{}）——{how}", row.title, row.article)
}

/// The 付印 in force, or the last one withdrawn, under the board.
pub fn release_line(state: &ReleaseState) -> Option<String> {
    if let Some(r) = &state.released {
        return Some(format!(
            "付印：{} {} 签发，此后本期稿件不能再改动。",
            r.by,
            r.at.format("%Y-%m-%d %H:%M")
        ));
    }
    state.withdrawn.as_ref().map(|w| {
        format!(
            "付印已撤回：{} {}，理由：{}。改完后须重新签发。",
            w.by,
            w.at.format("%Y-%m-%d %H:%M"),
            w.reason
        )
    })
}

// ---- on the desk ----------------------------------------------------------

pub const WITHDRAW: &str = "撤稿";
pub const RESTORE: &str = "恢复稿件";
pub const WITHDRAW_REASON: &str = "撤稿的理由";
pub const RESTORE_REASON: &str = "恢复的理由";
pub const WITHDRAWN_HEADING: &str = "已撤稿件";
pub const RELEASE_HEADING: &str = "付印";
/// Above the list of articles on which one person signed two stages.
pub const ONE_SIGNER_HEADING: &str =
    "付印前请留意：下面的稿件由同一个人签署了当前文本的两个环节，没有经过第二个人。";
pub const RELEASE: &str = "签发付印";
pub const UNRELEASE: &str = "撤回付印";
pub const RELEASE_NOTE: &str = "说明（撤回时必填理由）";
pub const NOT_RELEASED: &str = "本期还没有签发付印。签发前，付印前检查必须没有问题。";

// ---- 压稿 ------------------------------------------------------------------

pub fn subject_move(
    actor: &str,
    title: &str,
    from: &IssueId,
    to: &IssueId,
    reason: &str,
) -> String {
    format!(
        "{actor}把《{title}》从{}压到{}：{reason}",
        label(from),
        label(to)
    )
}

/// Done: what the move kept and what must be done again in the new issue.
pub fn moved(from: &str, to: &str, title: &str, again: &[String]) -> String {
    let again = match again.is_empty() {
        true => String::new(),
        false => format!("{}要在新的一期重新签署；", again.join("、")),
    };
    format!(
        "已压稿：《{title}》从 {from} 移到 {to}，流程记录都跟着稿件走。正文没有变，校对的签署照旧有效；{again}原来的页码已清空，请在新的一期重新排页。"
    )
}

pub fn empty_move_reason() -> GalleyError {
    GalleyError::user("压稿必须写明理由。")
        .hint("用 --reason 写上理由，例如 --reason 版面不够，压到下期。")
}

pub fn move_same_issue(issue: &IssueId) -> GalleyError {
    GalleyError::user(format!("这篇稿件本来就在{}，无需压稿。", label(issue)))
        .hint("请写要移去的另一期的期号，例如 galley move 稿件 2024-04 --reason 理由。")
}

pub fn move_slug_taken(issue: &IssueId, slug: &str) -> GalleyError {
    GalleyError::user(format!(
        "{}已经有一篇目录名为 {slug} 的稿件，不能再把这篇移过去。",
        label(issue)
    ))
    .hint(format!(
        "请运行 galley show {issue}/{slug} 看看那篇稿件；同一期里两篇稿件的目录名不能相同。"
    ))
}

pub fn move_unsaved(key: &str) -> GalleyError {
    GalleyError::user(format!(
        "{key} 的文件夹里有还没有提交的改动或多出来的文件，压稿会把它们丢在原处。"
    ))
    .hint(format!(
        "请先运行 galley save {key} -m 修改说明 保存正文的改动，把不需要的文件移走，再压稿。"
    ))
}

pub fn move_not_plain(file: &str) -> GalleyError {
    GalleyError::user(format!(
        "{file} 不是普通文件（可能是链接），galley 不搬动它。"
    ))
    .hint("请把它换成普通文件或删去，提交后再压稿。")
}

/// `galley verify`: a move record whose article did not come over whole.
pub fn move_mismatch(from: &str) -> String {
    format!("压稿记录说稿件来自 {from}，但这次提交没有把那里的稿件和全部流程记录原样搬过来")
}

pub const MOVE: &str = "压稿";
pub const MOVE_ISSUE: &str = "移到哪一期";
pub const MOVE_REASON: &str = "压稿的理由";
