//! The web desk in a real browser: Debian's chromium, driven through
//! chromedriver's WebDriver protocol. CI installs both and sets
//! GALLEY_EXPECT_BROWSER=1, so there a missing browser fails the test;
//! elsewhere the test says it was skipped.

use std::net::TcpListener;
use std::process::{Child, Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use reqwest::blocking::Client;
use serde_json::{Value, json};

use crate::support::Mag;
use crate::web::{Desk, set_password};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// axe-core's script, when the machine has it: CI installs it from npm
/// and says where in GALLEY_AXE.
fn axe_source() -> Option<String> {
    let path = std::env::var("GALLEY_AXE").ok();
    if std::env::var("GALLEY_EXPECT_BROWSER").as_deref() == Ok("1") {
        assert!(path.is_some(), "CI promised axe-core in GALLEY_AXE");
    }
    let source = path.map(|p| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}")));
    if source.is_none() {
        eprintln!("accessibility not checked: GALLEY_AXE is not set");
    }
    source
}

fn browser_available() -> bool {
    let present =
        std::path::Path::new(CHROMEDRIVER).exists() && std::path::Path::new(CHROMIUM).exists();
    if std::env::var("GALLEY_EXPECT_BROWSER").as_deref() == Ok("1") {
        assert!(present, "CI promised chromium and chromedriver");
    }
    if !present {
        eprintln!("skipped: no {CHROMIUM} or {CHROMEDRIVER} on this computer");
    }
    present
}

/// chromedriver on a free port, and one browser session in it.
struct Driver {
    process: Child,
    http: Client,
    base: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.http.delete(&self.base).send();
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

impl Driver {
    fn start(width: u32, height: u32) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let process = StdCommand::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let http = Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        let root = format!("http://127.0.0.1:{port}");
        let until = Instant::now() + Duration::from_secs(20);
        while http.get(format!("{root}/status")).send().is_err() {
            assert!(Instant::now() < until, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         format!("--window-size={width},{height}"), "--lang=zh-CN"]
            }
        }}});
        let answer: Value = http
            .post(format!("{root}/session"))
            .json(&caps)
            .send()
            .unwrap()
            .json()
            .unwrap();
        let id = answer["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {answer}"))
            .to_string();
        Driver {
            process,
            http,
            base: format!("{root}/session/{id}"),
        }
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.base);
        let request = match method {
            "GET" => self.http.get(url),
            _ => self.http.post(url).json(&body),
        };
        let answer: Value = request.send().unwrap().json().unwrap();
        answer["value"].clone()
    }

    /// What axe-core finds against WCAG 2.1 A and AA on the page shown,
    /// one line per rule broken: the rule, then the first offending node.
    fn accessibility_problems(&self, axe: &str) -> Vec<String> {
        let script = format!(
            "{axe}\n;const done = arguments[arguments.length - 1];\
             axe.run(document, {{runOnly: {{type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}}})\
             .then(r => done(r.violations.map(v => v.id + ': ' + v.nodes[0].html)));"
        );
        let found = self.call(
            "POST",
            "/execute/async",
            json!({"script": script, "args": []}),
        );
        found
            .as_array()
            .unwrap_or_else(|| panic!("axe did not run: {found}"))
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .collect()
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url }));
    }

    fn find(&self, css: &str) -> String {
        let found = self.call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}: {found}"))
            .to_string()
    }

    fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css);
        self.call(
            "POST",
            &format!("/element/{el}/value"),
            json!({ "text": text }),
        );
    }

    fn click(&self, css: &str) {
        let el = self.find(css);
        self.call("POST", &format!("/element/{el}/click"), json!({}));
    }

    fn text(&self, css: &str) -> String {
        let el = self.find(css);
        self.call("GET", &format!("/element/{el}/text"), Value::Null)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn page_text(&self) -> String {
        self.text("body")
    }

    /// Waits (at most ten seconds) until the page, loaded after a click,
    /// says `words`; returns whether it did.
    fn shows(&self, words: &str) -> bool {
        self.shows_any(&[words])
    }

    /// Like `shows`, for the first of several outcomes.
    fn shows_any(&self, words: &[&str]) -> bool {
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            let found = self.call(
                "POST",
                "/element",
                json!({"using": "css selector", "value": "body"}),
            );
            let text = found
                .as_object()
                .and_then(|o| o.values().next())
                .and_then(Value::as_str)
                .map(|el| self.call("GET", &format!("/element/{el}/text"), Value::Null))
                .and_then(|t| t.as_str().map(str::to_string))
                .unwrap_or_default();
            if words.iter().any(|w| text.contains(w)) {
                return true;
            }
            if Instant::now() >= until {
                return false;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn has_alert(&self) -> bool {
        self.call("GET", "/alert/text", Value::Null).is_string()
    }

    fn login(&self, desk: &Desk, name: &str, password: &str) {
        self.go(&format!("{}/login", desk.url));
        self.type_into("#name", name);
        self.type_into("#password", password);
        self.click("button.primary");
        // The desk (or the refusal) has loaded before anything else is done.
        assert!(
            self.shows_any(&["您好", "姓名或密码不对"]),
            "login page never settled"
        );
    }

    fn logout(&self) {
        self.click("header form button");
        assert!(
            self.shows("姓名"),
            "logging out did not reach the login page"
        );
    }
}

#[test]
fn the_office_works_in_a_browser() {
    if !browser_available() {
        return;
    }
    let mag = Mag::new();
    let key = mag.add(
        "qingneng",
        "关于我市氢能产业发展的调研报告",
        "第一段。\n第二段。\n",
    );
    let hostile = mag.add("x", "<script>alert(1)</script>", "正文。\n");
    for (name, pw) in [
        ("王焕彩", "wanghuancai-pw"),
        ("宋欣龙", "songxinlong-pw"),
        ("刘卫防", "liuweifang-pw"),
    ] {
        set_password(&mag, name, pw);
    }
    let desk = Desk::start(&mag);
    let b = Driver::start(1366, 900);
    let article = format!("{}/a/{key}", desk.url);

    // A wrong password is refused, without saying which half was wrong.
    b.login(&desk, "宋欣龙", "wrong-password");
    assert!(b.shows("姓名或密码不对。"));

    // 王焕彩 assigns the article to 刘卫防.
    b.login(&desk, "王焕彩", "wanghuancai-pw");
    b.go(&article);
    b.click("#editor option[value='刘卫防']");
    b.click("form[action$='/assign'] button");
    assert!(b.shows("已指定刘卫防为"), "{}", b.page_text());
    b.logout();

    // 宋欣龙 proofreads it.
    b.login(&desk, "宋欣龙", "songxinlong-pw");
    assert!(b.shows("等我校对"), "{}", b.page_text());
    b.go(&article);
    b.click("form[action$='/sign'] button");
    assert!(b.shows("的「校对」"), "{}", b.page_text());
    assert_eq!(
        mag.git(&["log", "-1", "--format=%an"]).trim(),
        "宋欣龙",
        "the commit is hers"
    );
    b.go(&format!("{}/issues/2024-03", desk.url));
    assert!(b.shows("已校对"), "{}", b.page_text());

    // The escaped title is text in the page, and nothing ran.
    b.go(&format!("{}/a/{hostile}", desk.url));
    assert_eq!(b.text("h1"), "《<script>alert(1)</script>》");
    assert!(!b.has_alert());
    b.logout();

    // 刘卫防 approves, revises, and sees the redline of his revision.
    b.login(&desk, "刘卫防", "liuweifang-pw");
    b.go(&article);
    b.click("form[action$='/sign'] button");
    assert!(b.shows("的「审定」"), "{}", b.page_text());
    assert_eq!(mag.git(&["log", "-1", "--format=%an"]).trim(), "刘卫防");
    let textarea = b.find("#body");
    b.call("POST", &format!("/element/{textarea}/clear"), json!({}));
    b.type_into("#body", "第一段。\n第二段，打造韧性城市。\n");
    b.type_into("#message", "补一句");
    b.click("form[action$='/revise'] button");
    assert!(b.shows("需要重新签署"), "{}", b.page_text());
    b.go(&format!("{article}/diff?from=r1&to=r2"));
    assert!(b.shows("打造韧性城市"));
    assert_eq!(
        mag.git(&["log", "-4", "--format=%an"]),
        "刘卫防\n刘卫防\n宋欣龙\n王焕彩\n"
    );
    mag.ok("王焕彩", &["verify"]);

    // Every kind of page passes WCAG 2.1 AA, at the office's width and a
    // phone's.
    let Some(axe) = axe_source() else { return };
    for (width, height) in [(1366, 900), (390, 844)] {
        b.call(
            "POST",
            "/window/rect",
            json!({"width": width, "height": height}),
        );
        for path in [
            "/".to_string(),
            "/issues/2024-03".to_string(),
            format!("/a/{key}"),
            format!("/a/{key}/diff?from=r1&to=r2"),
            "/issues/2024-03/toc".to_string(),
            "/issues/2024-03/pages".to_string(),
            "/issues/2024-03/quality".to_string(),
            "/quality".to_string(),
            "/account".to_string(),
            "/admin".to_string(),
        ] {
            b.go(&format!("{}{path}", desk.url));
            let problems = b.accessibility_problems(&axe);
            assert!(problems.is_empty(), "{path} at {width}px: {problems:#?}");
        }
    }
    b.logout();
    b.go(&format!("{}/login", desk.url));
    let problems = b.accessibility_problems(&axe);
    assert!(problems.is_empty(), "/login: {problems:#?}");
}

/// The beginning of the month in a browser: the 编辑部主任 opens the next
/// issue, sets it up, takes in a Word file and a pasted text after seeing
/// what galley read, adds a colleague; every one of those pages passes
/// WCAG 2.1 AA at both widths.
#[test]
fn the_month_begins_in_a_browser() {
    if !browser_available() {
        return;
    }
    let mag = Mag::new();
    set_password(&mag, "王焕彩", "wanghuancai-pw");
    let desk = Desk::start(&mag);
    let b = Driver::start(1366, 900);
    b.login(&desk, "王焕彩", "wanghuancai-pw");
    b.go(&format!("{}/issues", desk.url));
    b.click("a[href='/issues/new']");
    // 2024-04 and 总第249期 are already filled in from 2024-03.
    b.type_into("#print_run", "3000");
    b.click("form[action='/issues/new'] button");
    assert!(
        b.shows("已新建2024年第4期（总第249期）"),
        "{}",
        b.page_text()
    );
    b.click("a[href='/issues/2024-04/settings']");
    b.type_into("#pages", "48");
    b.click("form[action$='/settings'] button");
    assert!(b.shows("的页数。"), "{}", b.page_text());

    let mut doc = docx_rs::Docx::new();
    for line in [
        "凝心聚力 实干笃行",
        "中共濮阳市委书记 万正峰",
        "这是讲话的第一段。",
        "这是第二段。",
    ] {
        doc = doc
            .add_paragraph(docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(line)));
    }
    let mut packed = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut packed).unwrap();
    let file = mag
        .write("../讲话.docx", packed.into_inner())
        .canonicalize()
        .unwrap();
    b.click("a[href='/issues/2024-04/add']");
    b.type_into("#file", file.to_str().unwrap());
    b.click("form[action$='/add'] button");
    assert!(b.shows("读到正文 2 段"), "{}", b.page_text());
    assert_eq!(
        mag.git(&["log", "-1", "--format=%s"]).trim(),
        "王焕彩修改2024年第4期（总第249期）的页数"
    );
    let preview_url = b.call("GET", "/url", Value::Null);
    let axe = axe_source();
    if let Some(axe) = &axe {
        let problems = b.accessibility_problems(axe);
        assert!(problems.is_empty(), "the reading: {problems:#?}");
    }
    b.click("form[action$='/add'] button.primary");
    assert!(
        b.shows("已新建稿件 2024-04/"),
        "{} {preview_url}",
        b.page_text()
    );
    assert!(b.shows("万正峰"));
    b.go(&format!("{}/issues/2024-04/add", desk.url));
    b.type_into(
        "#pasted",
        "卷首语\n\n链群培育蓄势能\n\n特约评论员 张宇\n\n正文一段。",
    );
    b.click("form[action$='/add'] button");
    assert!(b.shows("读到正文 1 段"), "{}", b.page_text());
    b.click("form[action$='/add'] button.primary");
    assert!(b.shows("已新建稿件 2024-04/"), "{}", b.page_text());
    assert_eq!(
        mag.git(&["log", "-4", "--format=%an %s"]),
        "王焕彩 王焕彩新建稿件《链群培育蓄势能》\n王焕彩 王焕彩新建稿件《凝心聚力 实干笃行》\n\
         王焕彩 王焕彩修改2024年第4期（总第249期）的页数\n王焕彩 王焕彩新建2024年第4期（总第249期）\n"
    );
    b.go(&format!("{}/admin", desk.url));
    b.type_into("#person-name", "李明");
    b.type_into("#person-title", "校对");
    b.click("input[name=role][value='校对']");
    b.click("form[action='/admin/staff'] button");
    assert!(b.shows("已添加同事李明"), "{}", b.page_text());
    mag.ok("王焕彩", &["verify"]);

    let Some(axe) = axe else { return };
    for (width, height) in [(1366, 900), (390, 844)] {
        b.call(
            "POST",
            "/window/rect",
            json!({"width": width, "height": height}),
        );
        for path in [
            "/issues",
            "/issues/new",
            "/issues/2024-04/settings",
            "/issues/2024-04/add",
            "/issues/2024-04",
            "/admin?edit=%E6%9D%8E%E6%98%8E",
        ] {
            b.go(&format!("{}{path}", desk.url));
            let problems = b.accessibility_problems(&axe);
            assert!(problems.is_empty(), "{path} at {width}px: {problems:#?}");
        }
    }
}

/// A whole month with nothing but a browser, from a magazine with no
/// issue and one password (the administrator's, set at installation).
#[test]
fn a_whole_month_in_a_browser() {
    if !browser_available() {
        return;
    }
    let mag = Mag::bare();
    let staff = mag.home.join("staff.toml");
    std::fs::write(&staff, crate::support::STAFF).unwrap();
    mag.ok("王焕彩", &["init", ".", "--staff", staff.to_str().unwrap()]);
    set_password(&mag, "王焕彩", "wanghuancai-pw");
    let desk = Desk::start(&mag);
    let b = Driver::start(1366, 900);
    let url = |path: &str| format!("{}{path}", desk.url);
    let here = || {
        let at = b.call("GET", "/url", Value::Null);
        let at = at.as_str().unwrap().to_string();
        at.trim_start_matches(&desk.url).to_string()
    };

    // 1. Passwords for the colleagues, set by the administrator.
    b.login(&desk, "王焕彩", "wanghuancai-pw");
    for (name, pw) in [
        ("宋欣龙", "songxinlong-pw"),
        ("刘卫防", "liuweifang-pw"),
        ("高昌运", "gaochangyun-pw"),
    ] {
        b.go(&url("/admin"));
        b.click(&format!("#colleague option[value='{name}']"));
        b.type_into("#new", pw);
        b.type_into("#again", pw);
        b.click("form[action='/admin/password'] button");
        assert!(b.shows(name) && b.shows("已"), "{}", b.page_text());
    }
    // 2. The issue, the next one, and three manuscripts.
    for (id, total) in [("2024-03", "248"), ("2024-04", "249")] {
        b.go(&url("/issues/new"));
        b.call(
            "POST",
            &format!("/element/{}/clear", b.find("#issue")),
            json!({}),
        );
        b.type_into("#issue", id);
        b.type_into("#total", total);
        // The first issue has no previous one to take its sections from.
        if id == "2024-03" {
            b.type_into("#sections", "重要言论");
        }
        b.type_into("#print_run", "3000");
        b.click("form[action='/issues/new'] button");
        assert!(b.shows("已新建"), "{}", b.page_text());
    }
    b.go(&url("/issues/2024-03/settings"));
    b.type_into("#print_date", "03/25/2024");
    b.click("form[action$='/settings'] button");
    assert!(b.shows("的印刷日期"), "{}", b.page_text());
    let mut doc = docx_rs::Docx::new();
    for line in [
        "凝心聚力 实干笃行",
        "中共濮阳市委书记 万正峰",
        "全市上下要坚定信心。",
        "要把各项工作抓实抓细。",
    ] {
        doc = doc
            .add_paragraph(docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(line)));
    }
    let mut packed = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut packed).unwrap();
    let docx = mag
        .write("../讲话.docx", packed.into_inner())
        .canonicalize()
        .unwrap();
    let (txt, _, _) = encoding_rs::GB18030
        .encode("链群培育蓄势能\r\n\r\n特约评论员 张宇\r\n\r\n产业链群是发展的重要支撑。\r\n");
    let txt = mag.write("../评论.txt", txt).canonicalize().unwrap();
    let mut articles = Vec::new();
    for (file, pasted) in [
        (Some(docx.to_str().unwrap()), None),
        (Some(txt.to_str().unwrap()), None),
        (
            None,
            Some("奏响发展最强音\n\n市委办公室 李明\n\n我们要奋力开创新局面。"),
        ),
    ] {
        b.go(&url("/issues/2024-03/add"));
        match (file, pasted) {
            (Some(f), _) => b.type_into("#file", f),
            (_, Some(p)) => b.type_into("#pasted", p),
            _ => unreachable!(),
        }
        b.click("form[action$='/add'] button");
        assert!(b.shows("读到正文"), "{}", b.page_text());
        b.click("#section option[value='重要言论']");
        b.click("form[action$='/add'] button.primary");
        assert!(b.shows("已新建稿件 2024-03/"), "{}", b.page_text());
        articles.push(here());
    }
    // 3. Assigned to 刘卫防.
    for a in &articles {
        b.go(&url(a));
        b.click("#editor option[value='刘卫防']");
        b.click("form[action$='/assign'] button");
        assert!(b.shows("责任编辑"), "{}", b.page_text());
    }
    b.logout();
    // 4. Proofread, one with a note; 5. corrected by the editor, who
    // the proofreader then reads again.
    let sign = |who: &str, pw: &str, which: &[&String], note: &str| {
        b.login(&desk, who, pw);
        for a in which {
            b.go(&url(a));
            b.type_into("form[action$='/sign'] input[name=note]", note);
            b.click("form[action$='/sign'] button");
            assert!(b.shows("已"), "{}", b.page_text());
        }
        b.logout();
    };
    let all: Vec<&String> = articles.iter().collect();
    sign(
        "宋欣龙",
        "songxinlong-pw",
        &all,
        "第二段“抓实抓细”请作者核实",
    );
    b.login(&desk, "刘卫防", "liuweifang-pw");
    b.go(&url(&articles[0]));
    b.call(
        "POST",
        &format!("/element/{}/clear", b.find("#body")),
        json!({}),
    );
    b.type_into("#body", "全市上下要坚定信心。\n\n要把各项工作抓细抓实。\n");
    b.type_into("#message", "按校对意见改");
    b.click("form[action$='/revise'] button");
    assert!(b.shows("需要重新签署"), "{}", b.page_text());
    b.logout();
    sign("宋欣龙", "songxinlong-pw", &all[..1], "改后再校");
    // 6. Approved, and one moved to the next issue.
    sign("刘卫防", "liuweifang-pw", &all, "同意");
    b.login(&desk, "王焕彩", "wanghuancai-pw");
    b.go(&url(&articles[2]));
    b.click("#move-issue option[value='2024-04']");
    b.type_into("#move-reason", "版面不够，下期刊发");
    b.click("form[action$='/move'] button");
    assert!(b.shows("2024-04"), "{}", b.page_text());
    // 7. Pages, then 付印 by the 主编.
    b.go(&url("/issues/2024-03/pages"));
    for (a, page) in articles[..2].iter().zip(["1", "3"]) {
        let slug = a.rsplit('/').next().unwrap();
        b.type_into(&format!("input[name='page.{slug}']"), page);
        b.type_into(&format!("input[name='pages.{slug}']"), "2");
    }
    b.click("form[action$='/pages'] button");
    assert!(b.shows("已"), "{}", b.page_text());
    b.logout();
    b.login(&desk, "高昌运", "gaochangyun-pw");
    b.go(&url("/issues/2024-03"));
    b.click("form[action$='/release'] button");
    assert!(b.shows("已签发2024年第3期付印"), "{}", b.page_text());
    // 8. The contents PDF and the 付印单, as the 主编's browser gets them.
    let chief = desk.browser();
    chief.login("高昌运", "gaochangyun-pw");
    for path in ["/issues/2024-03/toc.pdf", "/issues/2024-03/sheet.pdf"] {
        let r = chief.get(path);
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(r.headers()["content-type"], "application/pdf");
        assert!(r.bytes().unwrap().starts_with(b"%PDF"), "{path}");
    }
    let authors = mag.git(&["log", "--reverse", "--format=%an"]);
    let authors: Vec<&str> = authors.lines().skip(1).collect();
    for who in ["王焕彩", "宋欣龙", "刘卫防", "高昌运"] {
        assert!(authors.contains(&who), "{who} in {authors:?}");
    }
    assert_eq!(authors.last(), Some(&"高昌运"));
    mag.ok("王焕彩", &["verify"]);
}
