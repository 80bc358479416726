//! What `galley sync` says.

use super::q;
use crate::error::GalleyError;
use crate::repo::sync::Spot;

pub fn no_remote(remote: &str) -> GalleyError {
    GalleyError::user(format!("还没有设置共享仓库“{}”，无法同步。", q(remote)))
        .hint("请管理员运行一次 git remote add origin 共享仓库的地址（例如 /srv/当代濮阳.git 或 ssh://服务器/当代濮阳.git）；README 的“几台电脑一起用”一节有完整步骤。")
}

pub fn unreachable(remote: &str, detail: &str) -> GalleyError {
    GalleyError::user(format!(
        "连不上共享仓库“{}”（{}）。",
        q(remote),
        q(detail.trim())
    ))
    .hint("请检查网络和共享仓库的地址；本机的工作都还在，连上以后再运行 galley sync 即可。")
}

pub fn auth_failed(remote: &str) -> GalleyError {
    GalleyError::user(format!(
        "共享仓库“{}”拒绝了登录：用户名、密码或密钥不对。",
        q(remote)
    ))
    .hint("请找管理员确认这台电脑的登录方式；本机的工作都还在，改好后再运行 galley sync。")
}

pub fn push_refused(remote: &str, reason: &str) -> GalleyError {
    GalleyError::user(format!("共享仓库“{}”拒收了这次送出的内容。", q(remote)))
        .hint(reason.trim().to_string())
        .hint("本机的工作都还在；按上面的说明改正后再运行 galley sync。")
}

pub fn detached() -> GalleyError {
    GalleyError::user("现在没有处在任何分支上，无法同步。")
        .hint("请管理员用 git switch main 回到主分支后再同步。")
}

pub fn unsaved(files: &[String]) -> GalleyError {
    GalleyError::user(format!("有还没保存的修改：{}。", super::list(files)))
        .hint("请先用 galley save 稿件 -m 说明 保存（或撤销这些修改），再同步。")
}

pub fn work_tree_in_the_way() -> GalleyError {
    GalleyError::user("有文件被手工改过，和收到的更新冲突，同步停在了这里，什么都没有改。")
        .hint("请先用 galley save 保存手工修改，再运行 galley sync。")
}

pub fn in_progress() -> GalleyError {
    GalleyError::user("上次同步遇到同一段被两人改动，还没有处理完。")
        .hint("选定文字后运行 galley sync --continue；想先放弃这次同步，运行 galley sync --abort。")
}

pub fn nothing_pending() -> GalleyError {
    GalleyError::user("现在没有停下来等待处理的同步。").hint("直接运行 galley sync 即可。")
}

fn place(s: &Spot) -> String {
    match (s.paragraph, s.in_front_matter) {
        (Some(n), _) => format!("{} 的正文第 {n} 段", q(&s.file)),
        (None, true) => format!("{} 的稿件信息（标题、页码等）", q(&s.file)),
        (None, false) => q(&s.file),
    }
}

pub fn conflict(spots: &[Spot]) -> GalleyError {
    let mut lines = vec![format!(
        "同步停下了：有 {} 处同一段文字被本机和共享仓库两边改得不一样，需要您来定。",
        spots.len()
    )];
    for s in spots {
        lines.push(format!("· {}", place(s)));
        lines.push(format!("  本机：{}", q(&s.ours)));
        lines.push(format!("  对方：{}", q(&s.theirs)));
    }
    GalleyError::user(lines.join("\n"))
        .hint("本机的工作一点没丢（另存为 refs/galley/sync/local），文件也还是本机的样子。")
        .hint("请用记事本把上面这些段落改成最终的文字（可以保留本机的、抄用对方的，或合在一起），然后运行 galley sync --continue；")
        .hint("想直接用对方的文字，运行 galley sync --continue --theirs；想先放弃这次同步，运行 galley sync --abort。")
}

pub fn summary(received: usize, sent: usize) -> String {
    match (received, sent) {
        (0, 0) => "已是最新：没有收到更新，也没有要送出的内容。".to_string(),
        (r, s) => format!("同步完成：收到 {r} 项更新，送出 {s} 项。"),
    }
}

pub fn retried() -> &'static str {
    "（送出时共享仓库刚被别人更新过，已自动合并后重新送出。）"
}

pub fn now_stale(title: &str, key: &str, stages: &[String]) -> String {
    format!(
        "注意：《{}》（{key}）的「{}」签署已过期：收到的更新改了正文，需要重新签署。",
        q(title),
        stages.join("」「")
    )
}

pub fn aborted() -> &'static str {
    "已放弃这次同步：本机内容还是同步前的样子，共享仓库的更新暂未合并。"
}

pub fn merge_subject(who: &str) -> String {
    format!("{who}同步：合并共享仓库的更新")
}
