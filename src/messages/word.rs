//! What `galley export` says, and the words it writes into the files.

use super::q;
use crate::core::frontmatter::Photo;
use crate::error::GalleyError;

/// Added to the file's header when any text in it is not approved.
pub const DRAFT_HEADER: &str = "未审定稿";

/// The line above the title of a text that is not approved.
pub fn draft_mark(_key: &str) -> String {
    "【未审定】本稿尚未审定，不能据此排版付印".to_string()
}

/// A caption as printed: `说明　赵留丹 / 摄`.
pub fn caption(p: &Photo) -> String {
    match (&p.credit, p.caption.trim()) {
        (Some(c), "") => format!("{c} / 摄"),
        (Some(c), caption) => format!("{caption}　{c} / 摄"),
        (None, caption) => caption.to_string(),
    }
}

pub fn not_approved(titles: &[String], target: &str) -> GalleyError {
    let names: Vec<String> = titles.iter().map(|t| format!("《{}》", q(t))).collect();
    let what = match titles.len() {
        1 => format!("{}还没有审定", names[0]),
        n => format!("有 {n} 篇稿件还没有审定：{}", names.join("、")),
    };
    GalleyError::user(format!("{what}，默认只导出审定稿。"))
        .hint(format!(
            "要导出未审定的文本，加 --draft：galley export {} --draft；文件会标明「未审定」。",
            q(target)
        ))
        .hint("审定后再导出：galley approve 稿件。")
}

pub fn as_approved(title: &str) -> String {
    format!(
        "注意：《{}》审定后又改过，导出的是审定时的文本；要导出当前文本，加 --draft。",
        q(title)
    )
}

pub fn drafts_included(n: usize) -> String {
    format!("注意：其中 {n} 篇未审定，文件已标明「未审定」。")
}

pub fn written(path: &str, n: usize) -> String {
    match n {
        1 => format!("已导出到 {}。", q(path)),
        n => format!("已导出 {n} 篇到 {}。", q(path)),
    }
}

pub fn needs_file(example: &str) -> GalleyError {
    GalleyError::user("Word 文件和压缩包不能显示在屏幕上。")
        .hint(format!("用 -o 指定文件，例如：galley {example}"))
}

pub fn zip_needs_issue() -> GalleyError {
    GalleyError::usage("--zip 只用于导出整期。")
        .hint("写期号，例如：galley export 2024-02 --zip -o 2024-02.zip")
}

pub fn encoding_only_txt() -> GalleyError {
    GalleyError::usage("--encoding 和 --crlf 只用于 --format txt。")
        .hint("例如：galley export 2024-02 --format txt --encoding gb18030 --crlf -o 2024-02.txt")
}

pub fn no_revisions(title: &str) -> GalleyError {
    GalleyError::user(format!(
        "《{}》还没有保存过修订，没有改动可导出。",
        q(title)
    ))
    .hint("先保存正文：galley save 稿件 -m 说明。")
}

pub fn not_a_revision() -> GalleyError {
    GalleyError::user("起点和终点都要是已保存的修订，未保存的修改不能导出为修订。")
        .hint("先保存：galley save 稿件 -m 说明；修订号见 galley log 稿件。")
}

pub fn nothing_between(from: &str, to: &str) -> GalleyError {
    GalleyError::user(format!("从{from}到{to}没有修订可导出。"))
        .hint("默认从最近一次签署的文本算起，签署后没有新修订就没有改动；要看更早的，写 --from r1。")
        .hint("起点要早于终点，例如：galley export 稿件 --changes --from r1 --to r3；修订号见 galley log 稿件。")
}

/// The Word comment a sign-off's note becomes.
pub fn signoff_comment(stage: &str, note: &str) -> String {
    format!("「{}」签署意见：{note}", q(stage))
}

pub fn changes_header(issue: &str, from: usize, to: usize) -> String {
    format!("{issue}　修订：r{from} → r{to}")
}

pub fn changes_written(
    path: &str,
    title: &str,
    revisions: &[(usize, String)],
    notes: usize,
) -> String {
    let who: Vec<String> = revisions
        .iter()
        .map(|(n, a)| format!("r{n} {}", q(a)))
        .collect();
    let mut line = format!(
        "已把《{}》的修订导出到 {}：{}",
        q(title),
        q(path),
        who.join("，")
    );
    if notes > 0 {
        line.push_str(&format!("；签署意见 {notes} 条作为批注"));
    }
    line.push('。');
    line
}

pub fn unsaved_left_out() -> String {
    "注意：当前有未保存的修改，没有包括在内；先 galley save 再导出。".to_string()
}

pub fn changes_span(from: &str, to: &str) -> String {
    format!("起点：{from}；终点：{to}。")
}

pub fn changes_only_docx() -> GalleyError {
    GalleyError::usage("修订只能导出为 Word 文件（--format docx）。")
        .hint("例如：galley export 2024-02/qingneng --changes -o 修订.docx")
}

pub fn changes_need_article() -> GalleyError {
    GalleyError::usage("--changes 要写一篇稿件，不能写整期。")
        .hint("例如：galley export 2024-02/qingneng --changes -o 修订.docx")
}

// ---- a returned Word file with 修订 and 批注 ----------------------------------

fn day(date: &str) -> String {
    date.get(..10).unwrap_or(date).to_string()
}

fn who(author: &str) -> String {
    match author.trim() {
        "" => "（未署名）".to_string(),
        a => q(a),
    }
}

/// What the file holds, a line each.
pub fn review(r: &crate::core::docx::Review) -> String {
    let mut out = format!(
        "这份 Word 文件里有 {} 处修订、{} 条批注：\n",
        r.changes.len(),
        r.comments.len()
    );
    for c in &r.changes {
        let what = match (c.inserted, c.text.is_empty()) {
            (true, true) => "分段".to_string(),
            (false, true) => "并段".to_string(),
            (true, false) => format!("插入「{}」", q(&c.text)),
            (false, false) => format!("删除「{}」", q(&c.text)),
        };
        out.push_str(&format!(
            "  修订 {} {}：{what}\n",
            who(&c.author),
            day(&c.date)
        ));
    }
    for c in &r.comments {
        let on = match c.anchor.is_empty() {
            true => String::new(),
            false => format!("「{}」", q(&c.anchor)),
        };
        out.push_str(&format!(
            "  批注 {} {}：{on}{}\n",
            who(&c.author),
            day(&c.date),
            q(&c.text)
        ));
    }
    if r.formatting > 0 {
        out.push_str(&format!(
            "  另有格式修改 {} 处（字体、加粗等），不影响文字，galley 不记录格式。\n",
            r.formatting
        ));
    }
    out
}

pub fn review_unsupported(what: &[crate::core::docx::Unsupported]) -> GalleyError {
    use crate::core::docx::Unsupported;
    let names: Vec<&str> = what
        .iter()
        .map(|u| match u {
            Unsupported::Move => "移动文字的修订",
            Unsupported::InTable => "表格里的修订",
        })
        .collect();
    GalleyError::user(format!(
        "这份 Word 文件里有{}，galley 接受后会丢掉其中的改动，没有保存。",
        names.join("、")
    ))
    .hint("请在 Word 或 WPS 里先处理这些修订（审阅 → 接受或拒绝），保存后再交给 galley。")
}

pub fn review_needs_accept(
    r: &crate::core::docx::Review,
    article: &str,
    file: &str,
) -> GalleyError {
    GalleyError::user(format!(
        "文件里有 {} 处修订、{} 条批注，还没有保存。",
        r.changes.len(),
        r.comments.len()
    ))
    .hint(format!(
        "核对上面的清单后，加 --accept 接受全部修订并保存：galley revise {} --file {} --accept；批注会记在这次修订的记录里。",
        q(article),
        q(file)
    ))
}

/// The revision's message, naming whose Word changes were accepted.
pub fn accepted_message(given: &str, r: &crate::core::docx::Review) -> String {
    let mut authors: Vec<(String, usize)> = Vec::new();
    for c in &r.changes {
        let name = who(&c.author);
        match authors.iter_mut().find(|(a, _)| *a == name) {
            Some((_, n)) => *n += 1,
            None => authors.push((name, 1)),
        }
    }
    if authors.is_empty() {
        return given.to_string();
    }
    let list: Vec<String> = authors.iter().map(|(a, n)| format!("{a} {n} 处")).collect();
    format!("{given}（接受 Word 修订：{}）", list.join("、"))
}

/// The comments, for the revision's record.
pub fn comments_note(r: &crate::core::docx::Review) -> String {
    r.comments
        .iter()
        .map(|c| {
            let on = match c.anchor.is_empty() {
                true => String::new(),
                false => format!("「{}」", c.anchor),
            };
            format!(
                "批注（{} {}）：{on}{}",
                who(&c.author),
                day(&c.date),
                c.text
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a downloaded copy is saved as: 审定稿-2024-03-标题.docx.
pub const APPROVED_COPY: &str = "审定稿";
pub const DRAFT_COPY: &str = "未审定稿";
pub const CHANGES_COPY: &str = "修订";

/// The desk's download links.
pub const COPY_DOCX_LINK: &str = "审定稿 Word";
pub const COPY_TXT_LINK: &str = "审定稿纯文本";
pub const COPY_GB18030_LINK: &str = "纯文本（GB18030，老排版软件用）";
pub const DRAFT_DOCX_LINK: &str = "未审定稿 Word";
pub const CHANGES_LINK: &str = "修订（Word 修订，逐处署名）";
pub const ISSUE_DOCX_LINK: &str = "整期审定稿 Word";
pub const ISSUE_ZIP_LINK: &str = "每篇一个 Word（zip）";
pub const COPIES_HEADING: &str = "给美编和审稿人";

/// The desk's revise form, for a returned Word file.
pub const ACCEPT_WORD_CHANGES: &str =
    "上传的 Word 文件里有修订和批注时：接受全部修订，批注记入这次修订";

/// A Word file with 修订 or 批注 uploaded on the desk without saying to
/// accept them: what it holds, line by line, and nothing saved.
pub fn review_needs_confirm(r: &crate::core::docx::Review) -> GalleyError {
    let mut e = GalleyError::user(format!(
        "上传的 Word 文件里有 {} 处修订、{} 条批注，还没有保存。",
        r.changes.len(),
        r.comments.len()
    ));
    for line in review(r).lines().skip(1) {
        e = e.hint(line.trim().to_string());
    }
    e.hint(format!(
        "核对上面的清单后，勾选“{ACCEPT_WORD_CHANGES}”，再上传一次。"
    ))
}

/// A returned Word file whose 修订 start from an older revision than the
/// article's newest: saving it would undo the revisions since.
pub fn returned_from_older(key: &str, base: (usize, &str, &str), newest: usize) -> GalleyError {
    let (number, author, day) = base;
    let since = match newest - number {
        1 => format!("r{newest}"),
        _ => format!("r{}—r{newest}", number + 1),
    };
    GalleyError::user(format!(
        "这份 Word 文件是在 r{number}（{author}，{day}）的文本上改的，那以后这篇稿件又有了 {since} 的修订；照文件保存会把这些修订冲掉，所以没有保存。"
    ))
    .hint(format!(
        "文件里的改动见上面的清单；那以后 galley 里的改动：galley diff {key} --from r{number}（网页上：修订对照，从 r{number} 到当前文本）。"
    ))
    .hint(format!(
        "请把文件里的改动在当前文本上重做后保存，或者把新的文本导出给作者再改：galley export {key} -o 新稿.docx。"
    ))
}

/// `e` with what the Word file holds listed before its hints, for the
/// desk, which has no standard output to list it on first.
pub fn with_listing(mut e: GalleyError, r: &crate::core::docx::Review) -> GalleyError {
    let listing: Vec<String> = review(r).lines().map(|l| l.trim().to_string()).collect();
    e.hints.splice(0..0, listing);
    e
}
