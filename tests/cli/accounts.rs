//! Accounts on the desk: one's own password, and what the administrators
//! do for colleagues, with the access log read in the browser.

use crate::web::{Desk, hidden, location, office};

fn flash_of(page: &str) -> &str {
    let start = page.find("class=\"flash").expect("a note on the page");
    &page[start..start + page[start..].find("</div>").unwrap()]
}

#[test]
fn a_person_changes_her_password_and_her_other_sessions_end() {
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    let here = desk.browser();
    let phone = desk.browser();
    assert_eq!(location(&here.login("刘卫防", "liuweifang-pw")), "/");
    assert_eq!(location(&phone.login("刘卫防", "liuweifang-pw")), "/");
    let change = |old: &str, new: &str, again: &str| {
        let csrf = hidden(&here.text("/account"), "csrf");
        let r = here.post(
            "/account/password",
            &[
                ("csrf", &csrf),
                ("old", old),
                ("new", new),
                ("again", again),
            ],
        );
        assert_eq!(location(&r), "/account");
        flash_of(&here.text("/account")).to_string()
    };
    for (old, new, again, says) in [
        (
            "wrong-pw",
            "濮阳2024年春天",
            "濮阳2024年春天",
            "现在的密码不对",
        ),
        (
            "liuweifang-pw",
            "濮阳2024年春天",
            "濮阳2024年秋天",
            "两次输入的新密码不一样",
        ),
        (
            "liuweifang-pw",
            "LiuWeifang2024",
            "LiuWeifang2024",
            "不能是本人的姓名或姓名拼音",
        ),
        ("liuweifang-pw", "短密码", "短密码", "密码太短"),
    ] {
        let shown = change(old, new, again);
        assert!(shown.contains(says), "{new}: {shown}");
    }
    assert_eq!(phone.get("/").status(), 200, "nothing changed yet");

    let shown = change("liuweifang-pw", "濮阳2024年春天", "濮阳2024年春天");
    assert!(shown.contains("密码已修改"), "{shown}");
    assert_eq!(here.get("/").status(), 200, "this session goes on");
    assert_eq!(phone.get("/").status(), 303, "the other one ended");
    assert_eq!(
        location(&desk.browser().login("刘卫防", "liuweifang-pw")),
        "/login?failed=1&next=/"
    );
    assert_eq!(
        location(&desk.browser().login("刘卫防", "濮阳2024年春天")),
        "/"
    );
    let log = std::fs::read_to_string(mag.root.join(".git/galley/logins.log")).unwrap();
    assert!(
        log.lines()
            .any(|l| l.contains("\"name\":\"刘卫防\"") && l.contains("password_changed")),
        "{log}"
    );
}

#[test]
fn an_administrator_sets_a_colleagues_password_and_reads_the_access_log() {
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    let editor = desk.browser();
    editor.login("宋欣龙", "songxinlong-pw");
    let page = editor.text("/admin");
    assert!(page.contains("只有主编或编辑部主任才能管理账户"), "{page}");
    let csrf = hidden(&editor.text("/account"), "csrf");
    let before = std::fs::read(mag.root.join(".git/galley/passwords.toml")).unwrap();
    let r = editor.post(
        "/admin/password",
        &[
            ("csrf", &csrf),
            ("name", "刘卫防"),
            ("new", "她的新密码123"),
            ("again", "她的新密码123"),
        ],
    );
    assert_eq!(r.status(), 403);
    assert_eq!(
        std::fs::read(mag.root.join(".git/galley/passwords.toml")).unwrap(),
        before,
        "nothing was set"
    );

    let director = desk.browser();
    director.login("王焕彩", "wanghuancai-pw");
    let page = director.text("/admin");
    let row = |name: &str| {
        let at = page.find(&format!("#people\">{name}</a></td>")).unwrap();
        page[at..at + page[at..].find("</tr>").unwrap()].to_string()
    };
    assert!(row("宋欣龙").contains("已设置"), "{}", row("宋欣龙"));
    assert!(row("荣萍萍").contains("未设置"), "{}", row("荣萍萍"));
    let csrf = hidden(&page, "csrf");
    let r = director.post(
        "/admin/password",
        &[
            ("csrf", &csrf),
            ("name", "荣萍萍"),
            ("new", "rongpingping"),
            ("again", "rongpingping"),
        ],
    );
    assert_eq!(location(&r), "/admin");
    assert!(flash_of(&director.text("/admin")).contains("不能是本人的姓名"));
    let csrf = hidden(&director.text("/admin"), "csrf");
    director.post(
        "/admin/password",
        &[
            ("csrf", &csrf),
            ("name", "荣萍萍"),
            ("new", "濮阳日报2024"),
            ("again", "濮阳日报2024"),
        ],
    );
    let page = director.text("/admin");
    assert!(flash_of(&page).contains("已为 荣萍萍 设置新密码"), "{page}");
    let newcomer = desk.browser();
    assert_eq!(location(&newcomer.login("荣萍萍", "濮阳日报2024")), "/");

    // The log, by person: her reset (by whom) and her first login.
    let page = director.text(&format!("/admin?name={}", "荣萍萍"));
    let log = &page[page.find("<h2>访问日志</h2>").unwrap()..];
    assert!(log.contains("密码被重设，由 王焕彩 办理"), "{log}");
    assert!(log.contains("<td>登录</td>"), "{log}");
    assert!(!log.contains(">宋欣龙</td>"), "only her lines: {log}");
    let page = director.text("/admin?date=1999-01-01");
    assert!(page.contains("没有符合条件的记录"), "{page}");
}

#[test]
fn the_command_line_keeps_the_same_password_policy() {
    let (mag, _) = office();
    let mut child = mag
        .spawnable("王焕彩")
        .args(["passwd", "宋欣龙"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    writeln!(child.stdin.take().unwrap(), "SongXinlong2024").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.contains("不能是本人的姓名或姓名拼音"), "{said}");
}

#[test]
fn an_administrator_adds_a_colleague_who_can_then_be_given_a_password() {
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    let admin = desk.browser();
    admin.login("王焕彩", "wanghuancai-pw");
    let page = admin.text("/admin");
    let csrf = hidden(&page, "csrf");
    let head = mag.head();
    let r = admin.post(
        "/admin/staff",
        &[("csrf", &csrf), ("name", "李明"), ("title", "校对")],
    );
    assert_eq!(location(&r), "/admin#people");
    assert!(flash_of(&admin.text("/admin")).contains("没有给李明选任何角色"));
    let r = admin.post(
        "/admin/staff",
        &[("csrf", &csrf), ("name", "李 明"), ("role", "校对")],
    );
    assert_eq!(location(&r), "/admin#people");
    assert!(flash_of(&admin.text("/admin")).contains("姓名“李 明”不合适"));
    assert_eq!(mag.head(), head);
    admin.post(
        "/admin/staff",
        &[
            ("csrf", &csrf),
            ("name", "李明"),
            ("title", "校对"),
            ("role", "校对"),
            ("role", "责任编辑"),
        ],
    );
    let page = admin.text("/admin");
    assert!(flash_of(&page).contains("已添加同事李明"), "{page}");
    assert_eq!(
        mag.git(&["log", "-1", "--format=%an %s"]).trim(),
        "王焕彩 王焕彩添加同事李明（校对、责任编辑）"
    );
    // The staff file keeps its comments, and 李明 is on the password form.
    let staff = mag.read("staff.toml");
    assert!(staff.starts_with("# 《当代濮阳》的出版信息"), "{staff}");
    assert!(
        page.contains("<option value=\"李明\">李明</option>"),
        "{page}"
    );
    // Editing starts from what is on record.
    let edit = admin.text("/admin?edit=%E6%9D%8E%E6%98%8E");
    assert!(
        edit.contains("name=\"role\" value=\"责任编辑\" checked"),
        "{edit}"
    );
    mag.ok("王焕彩", &["verify"]);

    let editor = desk.browser();
    editor.login("刘卫防", "liuweifang-pw");
    let csrf = hidden(&editor.text("/account"), "csrf");
    let head = mag.head();
    editor.post(
        "/admin/staff",
        &[("csrf", &csrf), ("name", "刘卫防"), ("role", "主编")],
    );
    assert!(flash_of(&editor.text("/admin")).contains("只有主编或编辑部主任"));
    assert_eq!(mag.head(), head);
}
