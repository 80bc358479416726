//! The web desk over HTTP, without a browser: every refusal, the escaping,
//! and many people clicking at once.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command as StdCommand, Stdio};

use reqwest::blocking::{Client, Response};
use reqwest::redirect::Policy;

use crate::support::{Mag, sealed_env};

/// A running `galley serve` on a free port; stopped when dropped.
pub struct Desk {
    child: Child,
    pub url: String,
}

impl Drop for Desk {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Desk {
    pub fn start(mag: &Mag) -> Desk {
        Desk::start_in(mag, &mag.root)
    }

    /// The desk on the repository at `dir`: a clone, or the shared bare one.
    pub fn start_in(mag: &Mag, dir: &std::path::Path) -> Desk {
        Desk::start_with(mag, dir, &[], &[])
    }

    /// The desk with more of `galley serve`'s options and environment.
    pub fn start_with(
        mag: &Mag,
        dir: &std::path::Path,
        env: &[(&str, &str)],
        options: &[&str],
    ) -> Desk {
        let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("galley"))
            .env_clear()
            .envs(sealed_env(&mag.home))
            .env("GALLEY_NOW", "2024-03-01T10:00:00+08:00")
            .env("GALLEY_LOCK_WAIT_MS", "30000")
            .envs(env.iter().copied())
            .current_dir(dir)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(options)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let url = ["https://", "http://"]
            .iter()
            .find_map(|scheme| {
                let rest = first.split(scheme).nth(1)?;
                Some(format!("{scheme}{}", rest.trim().trim_end_matches('/')))
            })
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        Desk { child, url }
    }

    /// The desk's process, to read what it costs from /proc.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Where the desk listens, as host:port.
    pub fn addr(&self) -> String {
        self.url.split("://").nth(1).unwrap().to_string()
    }

    /// A browser of one person: keeps cookies, does not follow redirects.
    pub fn browser(&self) -> Browser {
        Browser {
            client: Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .build()
                .unwrap(),
            url: self.url.clone(),
        }
    }
}

pub struct Browser {
    pub client: Client,
    pub url: String,
}

impl Browser {
    pub fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.url))
            .send()
            .unwrap()
    }

    pub fn text(&self, path: &str) -> String {
        let r = self.get(path);
        assert_eq!(r.status(), 200, "{path}");
        r.text().unwrap()
    }

    pub fn post(&self, path: &str, form: &[(&str, &str)]) -> Response {
        self.client
            .post(format!("{}{path}", self.url))
            .form(form)
            .send()
            .unwrap()
    }

    pub fn login(&self, name: &str, password: &str) -> Response {
        self.post(
            "/login",
            &[("name", name), ("password", password), ("next", "/")],
        )
    }

    /// The CSRF token of the page at `path`.
    pub fn csrf(&self, path: &str) -> String {
        hidden(&self.text(path), "csrf")
    }
}

/// The value of the first hidden field `name` in a page.
pub fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in page"))
        + marker.len();
    page[start..].split('"').next().unwrap().to_string()
}

pub fn location(r: &Response) -> String {
    r.headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default()
}

pub fn set_password(mag: &Mag, name: &str, password: &str) {
    let mut child = mag
        .spawnable("王焕彩")
        .args(["passwd", name])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
    assert!(child.wait().unwrap().success());
}

/// A magazine with two articles, and passwords for the people in the tests.
pub fn office() -> (Mag, String) {
    let mag = Mag::new();
    let key = mag.add(
        "qingneng",
        "关于我市氢能产业发展的调研报告",
        "第一段。\n第二段。\n",
    );
    mag.ok("王焕彩", &["assign", &key, "刘卫防"]);
    for (name, password) in [
        ("宋欣龙", "songxinlong-pw"),
        ("刘卫防", "liuweifang-pw"),
        ("王焕彩", "wanghuancai-pw"),
    ] {
        set_password(&mag, name, password);
    }
    (mag, key)
}

#[test]
fn nothing_is_reachable_without_logging_in() {
    let (mag, key) = office();
    let desk = Desk::start(&mag);
    let b = desk.browser();
    for path in [
        "/",
        "/issues/2024-03",
        &format!("/a/{key}"),
        "/issues/2024-03/toc.pdf",
    ] {
        let r = b.get(path);
        assert_eq!(r.status(), 303, "{path}");
        assert!(location(&r).starts_with("/login?next="), "{path}");
    }
    let head = mag.head();
    let r = b.post(&format!("/a/{key}/sign"), &[("stage", "proofread")]);
    assert_eq!(r.status(), 303);
    assert!(location(&r).starts_with("/login"));
    assert_eq!(mag.head(), head, "nothing was signed");
    assert_eq!(b.get("/login").status(), 200);
}

#[test]
fn a_wrong_password_or_name_is_refused_alike_and_then_slowed() {
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    let b = desk.browser();
    let wrong = b.login("宋欣龙", "not-her-password");
    let nobody = b.login("不存在的人", "whatever-pw");
    for r in [&wrong, &nobody] {
        assert_eq!(r.status(), 303);
        assert!(
            location(r).starts_with("/login?failed=1"),
            "{}",
            location(r)
        );
    }
    assert!(b.text("/login?failed=1").contains("姓名或密码不对。"));
    assert_eq!(b.get("/").status(), 303, "still not logged in");
    // After five failures even the right password must wait.
    for _ in 0..5 {
        b.login("刘卫防", "not-his-password");
    }
    let held = b.login("刘卫防", "liuweifang-pw");
    assert!(
        location(&held).starts_with("/login?wait="),
        "{}",
        location(&held)
    );
    assert!(b.text(&location(&held)).contains("登录失败的次数太多"));
}

#[test]
fn a_sign_off_from_the_desk_is_a_commit_by_the_person_logged_in() {
    let (mag, key) = office();
    let desk = Desk::start(&mag);
    let b = desk.browser();
    assert_eq!(location(&b.login("宋欣龙", "songxinlong-pw")), "/");
    let page = b.text(&format!("/a/{key}"));
    assert!(page.contains("签署「校对」"), "{page}");
    assert!(!page.contains("签署「审定」"), "宋欣龙 may not approve");
    let r = b.post(
        &format!("/a/{key}/sign"),
        &[
            ("csrf", &hidden(&page, "csrf")),
            ("base", &hidden(&page, "base")),
            ("stage", "proofread"),
        ],
    );
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), format!("/a/{key}"));
    let after = b.text(&format!("/a/{key}"));
    assert!(
        after.contains("已签署 2024-03/qingneng《关于我市氢能产业发展的调研报告》的「校对」"),
        "{after}"
    );
    assert_eq!(
        mag.git(&["log", "-1", "--format=%an %s"]).trim(),
        "宋欣龙 宋欣龙签署《关于我市氢能产业发展的调研报告》的「校对」"
    );
    let board = b.text("/issues/2024-03");
    assert!(
        board.contains("已校对") && board.contains("待审定"),
        "{board}"
    );
    mag.ok("王焕彩", &["verify"]);
}

#[test]
fn refusals_change_nothing() {
    let (mag, key) = office();
    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("刘卫防", "liuweifang-pw");
    let page = b.text(&format!("/a/{key}"));
    let (csrf, base) = (hidden(&page, "csrf"), hidden(&page, "base"));
    let head = mag.head();
    let sign = format!("/a/{key}/sign");

    // No token, a wrong token, or another site's form: 403.
    for form in [
        vec![("stage", "proofread"), ("base", base.as_str())],
        vec![
            ("csrf", "0000"),
            ("stage", "proofread"),
            ("base", base.as_str()),
        ],
    ] {
        assert_eq!(b.post(&sign, &form).status(), 403);
    }
    let foreign = b
        .client
        .post(format!("{}{sign}", b.url))
        .header("Origin", "http://evil.example")
        .form(&[
            ("csrf", csrf.as_str()),
            ("stage", "approved"),
            ("base", base.as_str()),
        ])
        .send()
        .unwrap();
    assert_eq!(foreign.status(), 403);

    // The wrong role: the same sentence as the command line.
    let r = b.post(
        &sign,
        &[("csrf", &csrf), ("stage", "proofread"), ("base", &base)],
    );
    assert_eq!(r.status(), 303);
    let shown = b.text(&format!("/a/{key}"));
    let cli = mag.refused("刘卫防", &["proofread", &key]);
    let sentence = cli.lines().next().unwrap().trim_start_matches("错误：");
    assert!(shown.contains(sentence), "{sentence} not in page");

    // A stale form: the text changed after the page was loaded.
    mag.write("../new.txt", "第一段改了。\n第二段。\n");
    mag.ok("刘卫防", &["revise", &key, "--file", "../new.txt"]);
    let head_after_revise = mag.head();
    b.post(
        &sign,
        &[("csrf", &csrf), ("stage", "approved"), ("base", &base)],
    );
    assert!(b.text(&format!("/a/{key}")).contains("已被别人改过"));
    assert_eq!(mag.head(), head_after_revise);
    assert_ne!(head, head_after_revise);
}

#[test]
fn names_in_addresses_that_are_not_the_magazines_are_not_found() {
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("宋欣龙", "songxinlong-pw");
    for path in [
        "/a/2024-03/nonesuch",
        "/a/2024-3/qingneng",
        "/a/2024-03/..",
        "/a/2024-03/%2E%2E",
        "/a/2024-03/qingneng%2F..%2F..",
        "/a/..%2F..%2Fetc/passwd",
        "/issues/2099-01",
        "/issues/2024-03%2F..",
        "/issues/2024-03/toc.pdf%00",
        "/etc/passwd",
    ] {
        let r = b.get(path);
        assert_eq!(r.status(), 404, "{path}");
    }
}

#[test]
fn an_oversized_upload_is_refused() {
    let (mag, key) = office();
    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("刘卫防", "liuweifang-pw");
    let page = b.text(&format!("/a/{key}"));
    let head = mag.head();
    // Over the import limit but within what the desk reads of a form, so
    // the page can say why.
    let big = vec![b'a'; 10 * 1024 * 1024 + 512 * 1024];
    let form = reqwest::blocking::multipart::Form::new()
        .text("csrf", hidden(&page, "csrf"))
        .text("base", hidden(&page, "base"))
        .part(
            "file",
            reqwest::blocking::multipart::Part::bytes(big).file_name("whole-year.txt"),
        );
    let r = b
        .client
        .post(format!("{}/a/{key}/revise", b.url))
        .multipart(form)
        .send()
        .unwrap();
    assert_eq!(r.status(), 413);
    assert!(r.text().unwrap().contains("上传的文件太大"));
    assert_eq!(mag.head(), head);
}

#[test]
fn a_revision_uploaded_or_typed_and_the_redline() {
    let (mag, key) = office();
    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("刘卫防", "liuweifang-pw");
    let page = b.text(&format!("/a/{key}"));
    assert!(
        !page.contains("这些签署随即过期"),
        "a draft has nothing to lose"
    );
    mag.ok("宋欣龙", &["proofread", &key]);
    let page = b.text(&format!("/a/{key}"));
    assert!(
        page.contains("注意：这篇稿件的「校对」已经签署。保存修订后，这些签署随即过期"),
        "{page}"
    );
    let form = reqwest::blocking::multipart::Form::new()
        .text("csrf", hidden(&page, "csrf"))
        .text("base", hidden(&page, "base"))
        .text("body", "第一段。\n第二段，打造韧性城市。\n")
        .text("message", "补一句");
    let r = b
        .client
        .post(format!("{}/a/{key}/revise", b.url))
        .multipart(form)
        .send()
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        mag.git(&["log", "-1", "--format=%an %s"]).trim(),
        "刘卫防 刘卫防修订《关于我市氢能产业发展的调研报告》：补一句"
    );
    let redline = b.text(&format!("/a/{key}/diff?from=r1&to=r2"));
    assert!(redline.contains("打造韧性城市"), "{redline}");
    assert!(redline.contains("<ins"), "{redline}");
    // Inside the desk, with its header and a way back to the article.
    assert!(redline.contains("我的待办"), "{redline}");
    assert!(
        redline.contains(&format!("<a href=\"/a/{key}\">← 回到稿件</a>")),
        "{redline}"
    );
    let printable = format!("/a/{key}/diff?from=r1&amp;to=r2&amp;print=1");
    assert!(redline.contains(&printable), "{redline}");
    let alone = b.text(&format!("/a/{key}/diff?from=r1&to=r2&print=1"));
    assert!(alone.starts_with("<!DOCTYPE html>"), "{alone}");
    assert!(alone.contains("打造韧性城市") && !alone.contains("我的待办"));
}

#[test]
fn titles_are_text_not_markup() {
    let mag = Mag::new();
    let key = mag.add("x", "<script>alert(1)</script>", "正文。\n");
    set_password(&mag, "宋欣龙", "songxinlong-pw");
    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("宋欣龙", "songxinlong-pw");
    for path in ["/issues/2024-03".to_string(), format!("/a/{key}")] {
        let page = b.text(&path);
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}"
        );
        assert!(!page.contains("<script>alert(1)"), "{path}");
    }
}

#[test]
fn logging_out_or_a_new_password_ends_the_session() {
    let (mag, key) = office();
    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("宋欣龙", "songxinlong-pw");
    let csrf = b.csrf("/");
    assert_eq!(b.post("/logout", &[("csrf", &csrf)]).status(), 303);
    assert_eq!(b.get("/").status(), 303, "the session ended on the server");

    let c = desk.browser();
    c.login("刘卫防", "liuweifang-pw");
    assert_eq!(c.get(&format!("/a/{key}")).status(), 200);
    set_password(&mag, "刘卫防", "a-new-password");
    assert_eq!(c.get(&format!("/a/{key}")).status(), 303);
}

#[test]
fn twenty_people_clicking_at_once_make_twenty_commits() {
    let mag = Mag::new();
    let keys: Vec<String> = (0..10)
        .map(|i| mag.add(&format!("p{i}"), &format!("稿{i}"), "正文。\n"))
        .collect();
    set_password(&mag, "宋欣龙", "songxinlong-pw");
    set_password(&mag, "王焕彩", "wanghuancai-pw");
    let desk = Desk::start(&mag);
    let before = mag.commit_count();
    let jobs: Vec<(String, &str, &str)> = keys
        .iter()
        .flat_map(|k| {
            [
                (k.clone(), "宋欣龙", "songxinlong-pw"),
                (k.clone(), "王焕彩", "wanghuancai-pw"),
            ]
        })
        .collect();
    let prepared: Vec<_> = jobs
        .into_iter()
        .map(|(key, who, pw)| {
            let b = desk.browser();
            b.login(who, pw);
            let page = b.text(&format!("/a/{key}"));
            (b, key, who, hidden(&page, "csrf"), hidden(&page, "base"))
        })
        .collect();
    let handles: Vec<_> = prepared
        .into_iter()
        .map(|(b, key, who, csrf, base)| {
            std::thread::spawn(move || {
                let r = if who == "宋欣龙" {
                    b.post(
                        &format!("/a/{key}/sign"),
                        &[("csrf", &csrf), ("base", &base), ("stage", "proofread")],
                    )
                } else {
                    b.post(
                        &format!("/a/{key}/assign"),
                        &[("csrf", &csrf), ("editor", "刘卫防")],
                    )
                };
                assert_eq!(r.status(), 303);
                b.text(&format!("/a/{key}"))
            })
        })
        .collect();
    for h in handles {
        let page = h.join().unwrap();
        assert!(page.contains("flash ok"), "an action was refused");
    }
    assert_eq!(mag.commit_count(), before + 20);
    mag.ok("王焕彩", &["verify"]);
    assert_eq!(mag.git(&["status", "--porcelain"]), "");
}

/// The desk can serve the office's shared bare repository itself: its
/// commits go straight onto `main`, and the editors' clones sync with it.
#[test]
fn the_desk_serves_the_shared_bare_repository() {
    let (mag, key) = office();
    let shared = mag.share();
    let bare_git = |args: &[&str]| -> String {
        let mut all = vec!["--git-dir", shared.to_str().unwrap()];
        all.extend_from_slice(args);
        crate::support::git_in(&mag.home, &all)
    };
    let mut passwd = mag.spawnable("王焕彩");
    passwd
        .current_dir(&shared)
        .args(["passwd", "宋欣龙"])
        .stdin(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = passwd.spawn().unwrap();
    writeln!(child.stdin.take().unwrap(), "songxinlong-pw").unwrap();
    assert!(child.wait().unwrap().success());

    let desk = Desk::start_in(&mag, &shared);
    let b = desk.browser();
    b.login("宋欣龙", "songxinlong-pw");
    assert!(
        b.text("/issues/2024-03")
            .contains("关于我市氢能产业发展的调研报告")
    );

    // Someone pushes from their clone while the page is open.
    mag.ok("王焕彩", &["set", &key, "page=39"]);
    mag.ok("王焕彩", &["sync"]);
    let page = b.text(&format!("/a/{key}"));
    let r = b.post(
        &format!("/a/{key}/sign"),
        &[
            ("csrf", &hidden(&page, "csrf")),
            ("base", &hidden(&page, "base")),
            ("stage", "proofread"),
        ],
    );
    assert_eq!(r.status(), 303);
    assert_eq!(
        bare_git(&["log", "-2", "--format=%an %s"]),
        "宋欣龙 宋欣龙签署《关于我市氢能产业发展的调研报告》的「校对」\n\
         王焕彩 王焕彩修改《关于我市氢能产业发展的调研报告》的页码\n"
    );
    // The clone brings the desk's sign-off home, and the history is whole.
    assert!(mag.ok("王焕彩", &["sync"]).contains("收到 1 项更新"));
    assert_eq!(mag.row(&key)["signed"][0]["by"], "宋欣龙");
    mag.ok("王焕彩", &["verify"]);
    mag.cmd("王焕彩")
        .current_dir(&shared)
        .arg("verify")
        .assert()
        .success();
}

#[test]
fn the_proofreader_sees_the_findings_in_the_text_and_fixes_the_certain_ones() {
    let (mag, _) = office();
    let key = mag.add(
        "keji",
        "科讯",
        "注册资金5000万元,智能制造工厂已投运。\n加强“初性城市”建设。\n",
    );
    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("宋欣龙", "songxinlong-pw");
    let board = b.text("/issues/2024-03");
    assert!(
        board.contains(&format!(
            "href=\"/a/{key}#lint\"><span class=\"e\">错误 2</span>"
        )),
        "{board}"
    );

    let page = b.text(&format!("/a/{key}"));
    assert!(
        page.contains("<mark class=\"e\" title=\"中文句子里用了半角逗号"),
        "{page}"
    );
    assert!(page.contains(">初性城市</mark>"), "{page}");
    assert!(page.contains("“初性城市”应为“韧性城市”"), "{page}");
    assert!(page.contains("其中 1 处有把握"), "{page}");

    let before = mag.commit_count();
    let r = b.post(
        &format!("/a/{key}/lintfix"),
        &[
            ("csrf", &hidden(&page, "csrf")),
            ("base", &hidden(&page, "base")),
        ],
    );
    assert_eq!(r.status(), 303);
    assert_eq!(mag.commit_count(), before + 1);
    assert_eq!(
        mag.git(&["log", "-1", "--format=%an %s"]).trim(),
        "宋欣龙 宋欣龙修订《科讯》：自动校对改正：半角逗号"
    );
    let text = mag.read("issues/2024-03/keji/article.md");
    assert!(
        text.contains("5000万元，智能制造") && text.contains("初性城市"),
        "{text}"
    );
    let after = b.text(&format!("/a/{key}"));
    assert!(after.contains("自动改正 1 处"), "{after}");
    assert!(!after.contains("有把握"), "{after}");
    // The board's column is kept between requests, and follows the fix.
    let board = b.text("/issues/2024-03");
    assert!(
        board.contains(&format!(
            "href=\"/a/{key}#lint\"><span class=\"e\">错误 1</span>"
        )),
        "{board}"
    );

    // The ledger: one wrong word left, weighed 1, in 科讯 and its text.
    let ledger = b.text("/issues/2024-03/quality");
    assert!(
        ledger.contains(&format!("href=\"/a/{key}#lint\">科讯</a>")),
        "{ledger}"
    );
    let characters = ("科讯".to_string()
        + "注册资金5000万元，智能制造工厂已投运。加强“初性城市”建设。")
        .chars()
        .count();
    let rate = format!("{:.2}/万", 10_000.0 / characters as f64);
    assert!(ledger.contains(&rate), "{rate} in {ledger}");
    assert!(ledger.contains("超标"), "{ledger}");
    // The pre-press check on the web lists it as the command line does.
    let toc = b.text("/issues/2024-03/toc");
    assert!(
        toc.contains("《科讯》（2024-03/keji）的差错率估计为万分之"),
        "{toc}"
    );
}

/// The desk keeps its language model between pages, and learns again as
/// soon as an approval lands: a name approved in print stops being
/// marked on the next page shown.
#[test]
fn an_approval_on_the_desk_teaches_the_checker_at_once() {
    let (mag, _) = office();
    let draft = mag.add(
        "xincai",
        "新材料",
        "引进日本旭硝子项目，建设新材料产业园。\n",
    );
    let printed = mag.add(
        "xuxiaozi",
        "旭硝子",
        "日本旭硝子扩产。日本旭硝子在濮阳建设新材料产业园。\n",
    );
    mag.ok("王焕彩", &["assign", &printed, "刘卫防"]);
    mag.ok("宋欣龙", &["proofread", &printed]);
    // One person has already approved the name; a second makes it usage.
    let first = mag.add("xuxiao", "旭硝子新线", "日本旭硝子新线投产。\n");
    mag.ok("王焕彩", &["assign", &first, "王栋栋"]);
    mag.ok("宋欣龙", &["proofread", &first]);
    mag.ok("王栋栋", &["approve", &first]);
    let desk = Desk::start(&mag);
    let b = desk.browser();
    assert_eq!(location(&b.login("刘卫防", "liuweifang-pw")), "/");
    let marked = "“硝”可能是“小”之误";
    let before = b.text(&format!("/a/{draft}"));
    assert!(before.contains(marked), "{before}");
    assert!(
        b.text(&format!("/a/{draft}")).contains(marked),
        "kept between pages"
    );

    let page = b.text(&format!("/a/{printed}"));
    let r = b.post(
        &format!("/a/{printed}/sign"),
        &[
            ("csrf", &hidden(&page, "csrf")),
            ("base", &hidden(&page, "base")),
            ("stage", "approved"),
        ],
    );
    assert_eq!(r.status(), 303);
    let after = b.text(&format!("/a/{draft}"));
    assert!(!after.contains(marked), "{after}");
}

#[test]
fn a_long_title_is_edited_in_a_box_that_wraps_and_saved_on_one_line() {
    let mag = Mag::new();
    let long = "坚持以高质量党建引领基层治理现代化 奋力谱写新时代濮阳高质量发展绚丽篇章";
    let key = mag.add("x", long, "正文。\n");
    set_password(&mag, "王焕彩", "wanghuancai-pw");
    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("王焕彩", "wanghuancai-pw");
    let page = b.text(&format!("/a/{key}"));
    assert!(
        page.contains(&format!("name=\"title\" rows=\"2\">{long}</textarea>")),
        "{page}"
    );
    let csrf = hidden(&page, "csrf");
    let typed = "坚持以高质量党建引领基层治理现代化\r\n奋力谱写新时代濮阳高质量发展新篇章";
    let r = b.post(
        &format!("/a/{key}/set"),
        &[("csrf", &csrf), ("title", typed)],
    );
    assert_eq!(r.status(), 303);
    let shown = mag.json("王焕彩", &["show", &key, "--json"]);
    assert_eq!(
        shown["front"]["title"],
        "坚持以高质量党建引领基层治理现代化 奋力谱写新时代濮阳高质量发展新篇章"
    );
}
