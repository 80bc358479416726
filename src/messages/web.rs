//! What the web desk says.

use crate::error::GalleyError;

pub const LOGIN_TITLE: &str = "登录";
pub const NAME: &str = "姓名";
pub const PASSWORD: &str = "密码";
pub const LOG_IN: &str = "登录";
pub const LOG_OUT: &str = "退出";
pub const MY_DESK: &str = "我的待办";
pub const ISSUES: &str = "期次";
pub const BOARD: &str = "进度";
pub const TOC: &str = "目次";
pub const TOC_PDF: &str = "下载目次 PDF";
pub const ORDER_PDF: &str = "付印单 PDF";
pub const PROOF_PDF: &str = "整期校样 PDF";
pub const SHEET_PDF: &str = "稿件处理单 PDF";
pub const ARTICLE_PROOF_PDF: &str = "校样 PDF";
pub const ARTICLE_PROOF_MARKS_PDF: &str = "带校对提示的校样 PDF";
pub const TOC_PRINTABLE: &str = "单独打开目次页（可打印）";
pub const PAGES: &str = "页码安排";
pub const TOC_OK: &str = "付印前检查通过，没有发现问题。";
pub const TOC_PROBLEMS: &str = "付印前检查发现以下问题：";
pub const ARTICLE_INFO: &str = "稿件信息";
pub const TEXT: &str = "正文";
pub const SIGNOFFS: &str = "签署";
pub const STALE: &str = "已过期：签署后正文或标题、作者又改过";
pub const FRESH: &str = "有效";
pub const JOURNAL: &str = "流程记录";
pub const REVISIONS: &str = "修订";
pub const ACTIONS: &str = "操作";
pub const REDLINE: &str = "看改动";
pub const BACK_TO_ARTICLE: &str = "← 回到稿件";
pub const PRINTABLE_REDLINE: &str = "打印对照稿";
pub const ASSIGN: &str = "分稿";
pub const EDITOR: &str = "责任编辑";
pub const DUE: &str = "截止日期";
pub const NOTE: &str = "意见（可不填）";
pub const REOPEN: &str = "退回";
pub const REASON: &str = "退回理由";
pub const SET_FIELDS: &str = "修改稿件信息";
pub const SAVE_FIELDS: &str = "保存稿件信息";
pub const REVISE: &str = "保存修订";
pub const REVISE_FILE: &str = "或上传文件（.txt、.md、.docx）";
pub const REVISE_MESSAGE: &str = "修订说明";
pub const NOTHING_WAITING: &str = "现在没有等您处理的稿件。";
pub const WAITING_PROOFREAD: &str = "等我校对";
pub const WAITING_REVIEW: &str = "等我审定";
pub const OVERDUE: &str = "已逾期";
pub const MY_STALE: &str = "签署已过期";
pub const CURRENT_ISSUE: &str = "本期进度";
pub const NO_ISSUES: &str = "仓库里还没有任何期次。";
pub const WHEN: &str = "时间";
pub const WHO: &str = "人员";
pub const WHAT: &str = "内容";
pub const NONE: &str = "（无）";
pub const FIELD_LABELS: [(&str, &str); 9] = [
    ("kicker", "引题"),
    ("title", "标题"),
    ("subtitle", "副标题"),
    ("authors", "作者（用顿号分隔）"),
    ("byline", "署名"),
    ("toc_credit", "目次署名"),
    ("section", "栏目"),
    ("page", "起始页码"),
    ("pages", "页数"),
];

pub fn sign_button(stage: &str) -> String {
    format!("签署「{stage}」")
}

pub fn signed_by(stage: &str, by: &str, at: &str) -> String {
    format!("「{stage}」{by}，{at}")
}

pub fn logged_in_as(name: &str) -> String {
    format!("{name}，您好")
}

pub fn login_failed() -> String {
    "姓名或密码不对。".to_string()
}

/// The longest the brake ever holds a login: a `wait` asked for in the
/// address bar is shown no longer than this.
pub const LONGEST_LOGIN_WAIT: u64 = 15 * 60;

pub fn login_wait(seconds: u64) -> String {
    let seconds = seconds.clamp(1, LONGEST_LOGIN_WAIT);
    format!("登录失败的次数太多，请 {seconds} 秒后再试。")
}

pub fn not_found() -> String {
    "没有这个页面：期号或稿件名不对，或者稿件已不在仓库里。".to_string()
}

pub fn forbidden() -> String {
    "这个操作没有执行：表单已失效或不是从本站提交的。请回到页面刷新后重新操作。".to_string()
}

pub fn too_large() -> String {
    "上传的文件太大，没有保存：稿件和图片每个文件最大 10 MB。一篇稿件的正文通常不到 0.1 MB，请确认选对了文件；照片请另存为质量 90% 左右的 JPEG 再上传。".to_string()
}

pub fn internal() -> String {
    "服务器出了问题，这次操作没有完成。请稍后重试，或告诉管理员。".to_string()
}

pub fn stale_form() -> GalleyError {
    GalleyError::user("您打开这个页面以后，这篇稿件的正文已被别人改过，这次操作没有执行。")
        .hint("请刷新页面，看过最新的正文后再操作。")
}

pub fn no_password(name: &str) -> GalleyError {
    GalleyError::user(format!("{name} 还没有设置网页登录密码。"))
        .hint(format!("请管理员在服务器上运行：galley passwd {name}"))
}

pub fn empty_password() -> GalleyError {
    GalleyError::user("密码不能为空，这次没有设置。").hint("请重新运行，输入至少 8 个字符的密码。")
}

pub fn password_is_name() -> GalleyError {
    GalleyError::user("密码不能是本人的姓名或姓名拼音（后面加几位数字也不行），这次没有设置。")
        .hint("请换一个别人猜不到的密码，至少 8 个字符。")
}

pub fn short_password() -> GalleyError {
    GalleyError::user("密码太短，这次没有设置。").hint("请输入至少 8 个字符的密码。")
}

pub fn passwords_differ() -> GalleyError {
    GalleyError::user("两次输入的密码不一样，这次没有设置。").hint("请重新运行 galley passwd。")
}

pub fn password_set(name: &str) -> String {
    format!("已设置 {name} 的网页登录密码（只保存在本机，不会同步到别的电脑）。")
}

pub fn password_prompt(name: &str) -> String {
    format!("请输入 {name} 的新密码：")
}

pub const PASSWORD_AGAIN: &str = "请再输入一次：";

pub fn no_randomness() -> GalleyError {
    GalleyError::user("系统没有提供随机数，无法生成密码的盐值。")
        .hint("请检查操作系统是否正常，然后重试。")
}

pub fn serving(url: &str, root: &str) -> String {
    format!("galley 网页版已启动：{url}\n服务的杂志仓库：{root}\n按 Ctrl+C 停止。")
}

pub fn listen_failed(addr: &str, e: &std::io::Error) -> GalleyError {
    GalleyError::user(format!("无法在 {addr} 上启动网页版（{e}）。"))
        .hint("可能这个端口已被占用；用 --listen 换一个端口，例如 --listen 127.0.0.1:8081。")
}

pub fn bad_certificate(path: &str) -> GalleyError {
    GalleyError::user(format!("证书文件 {path} 读不出证书。"))
        .hint("--tls-cert 要写 PEM 格式的证书文件（以 -----BEGIN CERTIFICATE----- 开头），单位的证书和中间证书放在同一个文件里。")
}

pub fn bad_private_key(path: &str) -> GalleyError {
    GalleyError::user(format!("私钥文件 {path} 读不出私钥。"))
        .hint("--tls-key 要写 PEM 格式、没有口令保护的私钥文件（以 -----BEGIN PRIVATE KEY----- 或 -----BEGIN RSA PRIVATE KEY----- 开头）。")
}

pub fn certificate_and_key_differ(detail: &str) -> GalleyError {
    GalleyError::user(format!("证书和私钥用不到一起（{detail}）。"))
        .hint("请确认 --tls-cert 和 --tls-key 是同一次申请或生成的一对文件。")
}

pub fn serve_plain_http_warning() -> String {
    "注意：网页版现在用 HTTP，密码在局域网上是明文传输的；请用 --tls-cert 和 --tls-key 启用 HTTPS（见 README“网页版”一节）。".to_string()
}

pub fn serve_no_passwords() -> String {
    "注意：还没有人设置登录密码，谁也登录不了；请先运行 galley passwd 姓名。".to_string()
}

pub const LINT_COLUMN: &str = "校对提示";
pub const LINT_HEADING: &str = "校对提示";
pub const LINT_CLEAN: &str = "按国家标准和本刊词表检查，没有发现问题。";
pub const LINT_FIX: &str = "自动改正";

pub fn lint_errors(n: usize) -> String {
    format!("错误 {n}")
}

pub fn lint_warnings(n: usize) -> String {
    format!("建议 {n}")
}

pub fn lint_fix_explained(n: usize) -> String {
    format!(
        "其中 {n} 处有把握（半角标点、重复标点、省略号、全角数字、单位大小写），可以自动改正，保存为以你的名义的一次修订；其余的请逐条判断。"
    )
}
pub const QUALITY: &str = "编校质量";

pub fn findings_not_shown(shown: usize, all: usize, key: &str) -> String {
    format!("共 {all} 处，这里只列出并标出前 {shown} 处；全部结果请在终端运行 galley lint {key}。")
}

pub fn took_too_long() -> crate::error::GalleyError {
    crate::error::GalleyError::user("这个页面处理的时间太长，已经停下。")
        .hint("请稍后再打开一次；仍然这样，请把网址告诉管理员。")
}

/// Above the revise button of an article with sign-offs on its text.
pub fn revise_makes_stale(stages: &[String]) -> String {
    let named: String = stages.iter().map(|s| format!("「{s}」")).collect();
    format!("注意：这篇稿件的{named}已经签署。保存修订后，这些签署随即过期，要在新文本上重新签署。")
}
