//! The desk under attack, one test per way it used to fall: hostile
//! uploads, guesses sent all at once, clients that stall, plain-text
//! passwords, the brake turned on a colleague, redirects off the site,
//! anonymous bodies, approvals that did not cover the title, missing
//! headers, login forgery, and what the access log keeps.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use reqwest::blocking::Client;
use reqwest::redirect::Policy;

use crate::hostile;
use crate::support::Mag;
use crate::web::{Desk, hidden, location, office};

fn access_log(mag: &Mag) -> Vec<serde_json::Value> {
    std::fs::read_to_string(mag.root.join(".git/galley/access.log"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// 宋欣龙's login with her right password, ready to send.
fn her_login(client: &Client, desk: &Desk) -> reqwest::blocking::RequestBuilder {
    client.post(format!("{}/login", desk.url)).form(&[
        ("name", "宋欣龙"),
        ("password", "songxinlong-pw"),
        ("next", "/"),
    ])
}

/// How many times `event` happened: a folded line says how many it stands for.
fn events(log: &[serde_json::Value], event: &str) -> usize {
    log.iter()
        .filter(|l| l["event"] == event)
        .map(|l| l["count"].as_u64().unwrap_or(1) as usize)
        .sum()
}

/// A plain connection to the desk made from the loopback address `from`,
/// so that one test can play several clients.
fn connect_from(from: &str, addr: &str) -> TcpStream {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .unwrap();
    let stream = runtime.block_on(async {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket
            .bind(std::net::SocketAddr::new(from.parse().unwrap(), 0))
            .unwrap();
        socket.connect(addr.parse().unwrap()).await.unwrap()
    });
    let stream = stream.into_std().unwrap();
    stream.set_nonblocking(false).unwrap();
    stream
}

/// Sends `head` (and no more) on a new connection from `from`, then reads
/// whatever comes back until the desk closes it or `wait` passes.
fn stall(from: &str, addr: &str, head: &str, wait: Duration) -> (String, bool) {
    let mut stream = connect_from(from, addr);
    stream.write_all(head.as_bytes()).unwrap();
    stream.set_read_timeout(Some(wait)).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let closed = loop {
        match stream.read(&mut buf) {
            Ok(0) => break true,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break true,
            Err(_) => break false,
        }
    };
    (String::from_utf8_lossy(&got).into_owned(), closed)
}

#[test]
fn hostile_uploads_get_an_answer_and_the_desk_stays_up() {
    let (mag, key) = office();
    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("刘卫防", "liuweifang-pw");
    let head = mag.head();
    for (file, bytes, says) in [
        (
            "声明1TB.docx",
            hostile::terabyte_claim(),
            "解压后超过 50 MB",
        ),
        ("解压1GB.docx", hostile::gigabyte_bomb(), "解压后超过 50 MB"),
        ("校验不符.docx", hostile::bad_checksum(), "文件已损坏"),
    ] {
        let page = b.text(&format!("/a/{key}"));
        let form = reqwest::blocking::multipart::Form::new()
            .text("csrf", hidden(&page, "csrf"))
            .text("base", hidden(&page, "base"))
            .part(
                "file",
                reqwest::blocking::multipart::Part::bytes(bytes).file_name(file),
            );
        let r = b
            .client
            .post(format!("{}/a/{key}/revise", b.url))
            .multipart(form)
            .send()
            .unwrap_or_else(|e| panic!("{file}: no answer: {e}"));
        assert_eq!(r.status(), 303, "{file}");
        let shown = b.text(&location(&r));
        assert!(shown.contains(says), "{file}");
    }
    assert_eq!(mag.head(), head, "nothing was saved");
    assert_eq!(b.get("/").status(), 200, "still up, still logged in");
}

#[test]
fn guesses_sent_all_at_once_are_held_and_the_owner_still_gets_in() {
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let answers: Vec<u16> = runtime.block_on(async {
        let guesser = reqwest::Client::builder()
            .local_address("127.0.0.2".parse::<std::net::IpAddr>().unwrap())
            .redirect(Policy::none())
            .build()
            .unwrap();
        let mut all = tokio::task::JoinSet::new();
        for i in 0..200 {
            let client = guesser.clone();
            let url = format!("{}/login", desk.url);
            all.spawn(async move {
                let password = format!("guess-{i}-pw");
                let form = [("name", "宋欣龙"), ("password", &password), ("next", "/")];
                client
                    .post(url)
                    .form(&form)
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
            });
        }
        let mut answers = Vec::new();
        while let Some(done) = all.join_next().await {
            // Past one address's share of connections the desk answers
            // 503 and closes, which a client may see as a reset.
            answers.push(done.unwrap().unwrap_or(503));
        }
        answers
    });
    let refused = answers.iter().filter(|s| **s == 503).count();
    let turned_back = answers.iter().filter(|s| **s == 303).count();
    assert_eq!(refused + turned_back, 200, "{answers:?}");

    // The owner, at her own computer, is not held by someone else's guesses.
    let own = desk.browser();
    let r = own.login("宋欣龙", "songxinlong-pw");
    assert_eq!(location(&r), "/");
    assert_eq!(own.get("/").status(), 200);

    // Her login brought out the guesses' folded counts before it.
    let log = access_log(&mag);
    let checked = events(&log, "login_failed");
    assert!(checked <= 5, "{checked} guesses were checked");
    assert_eq!(
        checked + events(&log, "braked") + events(&log, "busy"),
        turned_back
    );
    assert!(turned_back >= 32, "{answers:?}");
    let text = std::fs::read_to_string(mag.root.join(".git/galley/access.log")).unwrap();
    assert!(!text.contains("guess-"), "no password in the log");
    assert!(text.contains("\"address\":\"127.0.0.2\""), "{text}");
}

#[test]
fn a_client_that_stalls_is_cut_off_and_others_are_served() {
    let (mag, _) = office();
    let desk = Desk::start_with(&mag, &mag.root, &[("GALLEY_SLOW_CLIENT_MS", "2000")], &[]);
    // Many half-open connections from one address: past its share they
    // are closed at once, and none holds the desk.
    let hogs: Vec<TcpStream> = (0..60)
        .map(|_| {
            let mut s = connect_from("127.0.0.1", &desk.addr());
            s.write_all(b"GET /login HTTP/1.1\r\nHost: x\r\n").unwrap();
            s
        })
        .collect();
    let (answer, _) = stall(
        "127.0.0.1",
        &desk.addr(),
        "GET /login HTTP/1.1\r\nHost: x\r\n\r\n",
        Duration::from_secs(5),
    );
    assert!(
        answer.starts_with("HTTP/1.1 503"),
        "past its share: {answer}"
    );
    // Someone else is served while they are held.
    let other = Client::builder()
        .local_address("127.0.0.2".parse::<std::net::IpAddr>().unwrap())
        .build()
        .unwrap();
    let login = format!("{}/login", desk.url);
    assert_eq!(other.get(&login).send().unwrap().status(), 200);
    // A client that never finishes its headers is cut off.
    let started = Instant::now();
    let (_, closed) = stall(
        "127.0.0.2",
        &desk.addr(),
        "GET /login HTTP/1.1\r\nHost: x\r\nX-Slow: ",
        Duration::from_secs(10),
    );
    assert!(closed, "headers that never end");
    assert!(started.elapsed() < Duration::from_secs(8));
    // A body that stops coming is given up too.
    let (answer, closed) = stall(
        "127.0.0.2",
        &desk.addr(),
        "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nname=",
        Duration::from_secs(10),
    );
    assert!(closed, "{answer}");
    // The hogs' own address gets its share back once the desk has cut them
    // off at their header timeout, though they never closed.
    let again = Instant::now();
    let served = loop {
        let status = desk.browser().get("/login").status();
        if status == 200 || again.elapsed() > Duration::from_secs(8) {
            break status;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(served, 200);
    drop(hogs);
}

#[test]
fn a_full_desk_makes_room_for_a_real_request() {
    let (mag, _) = office();
    let desk = Desk::start_with(&mag, &mag.root, &[("GALLEY_MAX_CONNECTIONS", "40")], &[]);
    let target: std::net::SocketAddr = desk.addr().parse().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    // Forty stalled clients from two addresses, each under its own share,
    // fill the desk.
    let _hogs = runtime.block_on(async {
        let mut hogs = Vec::new();
        for i in 0..40 {
            let from = if i % 2 == 0 { "127.0.0.2" } else { "127.0.0.3" };
            let socket = tokio::net::TcpSocket::new_v4().unwrap();
            socket
                .bind(std::net::SocketAddr::new(from.parse().unwrap(), 0))
                .unwrap();
            let stream = socket.connect(target).await.unwrap();
            stream.writable().await.unwrap();
            stream
                .try_write(b"GET /login HTTP/1.1\r\nHost: x\r\n")
                .unwrap();
            hogs.push(stream);
        }
        hogs
    });
    std::thread::sleep(Duration::from_millis(200));
    // A real request does not wait for their header timeout (ten seconds).
    let started = Instant::now();
    assert_eq!(desk.browser().get("/login").status(), 200);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn an_anonymous_body_is_not_read() {
    let (mag, key) = office();
    let desk = Desk::start(&mag);
    let head = format!(
        "POST /a/{key}/revise HTTP/1.1\r\nHost: {}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: {}\r\n\r\n{}",
        desk.addr(),
        40 << 20,
        "x".repeat(1024)
    );
    let started = Instant::now();
    let (answer, _) = stall("127.0.0.1", &desk.addr(), &head, Duration::from_secs(5));
    assert!(answer.starts_with("HTTP/1.1 303"), "{answer}");
    assert!(answer.contains("location: /login"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

fn self_signed(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf, Vec<u8>) {
    let cert =
        rcgen::generate_simple_self_signed(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
    let cert_file = dir.join("desk.crt");
    let key_file = dir.join("desk.key");
    std::fs::write(&cert_file, cert.cert.pem()).unwrap();
    std::fs::write(&key_file, cert.signing_key.serialize_pem()).unwrap();
    (cert_file, key_file, cert.cert.pem().into_bytes())
}

#[test]
fn over_https_the_session_cookie_is_secure() {
    let (mag, _) = office();
    let (cert, key, pem) = self_signed(&mag.home);
    let desk = Desk::start_with(
        &mag,
        &mag.root,
        &[],
        &[
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
        ],
    );
    assert!(desk.url.starts_with("https://127.0.0.1:"), "{}", desk.url);
    let client = Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(&pem).unwrap())
        .redirect(Policy::none())
        .build()
        .unwrap();
    let r = her_login(&client, &desk).send().unwrap();
    assert_eq!(location(&r), "/");
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert!(r.headers().contains_key("strict-transport-security"));
    // Plain HTTP to the HTTPS port gets nowhere.
    let (answer, _) = stall(
        "127.0.0.1",
        &desk.addr(),
        "GET /login HTTP/1.1\r\nHost: x\r\n\r\n",
        Duration::from_secs(5),
    );
    assert!(!answer.contains("200 OK"), "{answer}");
}

#[test]
fn behind_a_trusted_proxy_forms_work_and_each_computer_has_its_own_brake() {
    let (mag, _) = office();
    let plain = Desk::start(&mag);
    let proxied = Desk::start_with(&mag, &mag.root, &[], &["--trusted-proxy", "127.0.0.1"]);
    let client = Client::builder().redirect(Policy::none()).build().unwrap();
    let login = |desk: &Desk, from: &str, password: &str| {
        client
            .post(format!("{}/login", desk.url))
            .header("Origin", "https://desk.office")
            .header("X-Forwarded-Host", "desk.office")
            .header("X-Forwarded-Proto", "https")
            .header("X-Forwarded-For", from)
            .form(&[("name", "刘卫防"), ("password", password), ("next", "/")])
            .send()
            .unwrap()
    };
    // Forwarded headers from an address nobody named are not believed.
    assert_eq!(login(&plain, "10.0.0.5", "liuweifang-pw").status(), 403);
    // From the proxy they are: nginx's Host rewrite no longer breaks forms.
    for _ in 0..5 {
        login(&proxied, "10.0.0.5", "typo");
    }
    let held = login(&proxied, "10.0.0.5", "liuweifang-pw");
    assert!(
        location(&held).starts_with("/login?wait="),
        "{}",
        location(&held)
    );
    let elsewhere = login(&proxied, "10.0.0.6", "liuweifang-pw");
    assert_eq!(location(&elsewhere), "/");
    let cookie = elsewhere.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
    let log = access_log(&mag);
    assert!(
        log.iter()
            .any(|l| l["event"] == "braked" && l["address"] == "10.0.0.5")
    );
}

#[test]
fn a_huge_name_is_refused_before_anything_is_kept() {
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    let b = desk.browser();
    // 18 KB once encoded: over the login form's 4 KiB, yet small enough to
    // be sent whole before the answer comes, so the answer can be read.
    let name = "宋".repeat(2_000);
    let r = b.login(&name, "whatever-pw");
    assert_eq!(r.status(), 413);
    let r = b.login(&"宋".repeat(65), "whatever-pw");
    assert!(location(&r).starts_with("/login?failed=1"));
    let log = access_log(&mag);
    assert!(
        log.iter()
            .all(|l| l["name"].as_str().unwrap().chars().count() <= 64)
    );
}

#[test]
fn after_login_the_browser_stays_on_the_desk() {
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    for next in [
        "/\\evil.example/",
        "/\t/evil.example/",
        "//evil.example/",
        "https://evil.example/",
    ] {
        let b = desk.browser();
        let r = b.post(
            "/login",
            &[
                ("name", "宋欣龙"),
                ("password", "songxinlong-pw"),
                ("next", next),
            ],
        );
        assert_eq!(location(&r), "/", "{next:?}");
        let page = b.text(&format!("/login?next={}", next.replace('\t', "%09")));
        assert_eq!(hidden(&page, "next"), "/", "{next:?}");
    }
    let b = desk.browser();
    let r = b.post(
        "/login",
        &[
            ("name", "宋欣龙"),
            ("password", "songxinlong-pw"),
            ("next", "/issues/2024-03"),
        ],
    );
    assert_eq!(location(&r), "/issues/2024-03");
}

#[test]
fn every_page_carries_the_security_headers() {
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("宋欣龙", "songxinlong-pw");
    for path in ["/issues/2024-03", "/login"] {
        let r = b.get(path);
        let h = r.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("default-src 'none'"), "{path}: {csp}");
        assert!(!csp.contains("script-src"), "no script is allowed: {csp}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
        assert_eq!(h["cache-control"], "no-store", "{path}");
    }
    let framed = b.get("/issues/2024-03/toc.html");
    assert!(
        framed.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'self'")
    );
}

#[test]
fn a_login_posted_from_another_site_is_refused() {
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    let client = Client::builder().redirect(Policy::none()).build().unwrap();
    let r = her_login(&client, &desk)
        .header("Origin", "http://evil.example")
        .send()
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(!r.headers().contains_key("set-cookie"));
    assert_eq!(events(&access_log(&mag), "login"), 0);
}

#[test]
fn the_access_log_records_logins_logouts_and_password_changes() {
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    let b = desk.browser();
    b.login("宋欣龙", "wrong-password");
    b.login("宋欣龙", "songxinlong-pw");
    let csrf = b.csrf("/");
    b.post("/logout", &[("csrf", &csrf)]);
    let log = access_log(&mag);
    let seen: Vec<(&str, &str)> = log
        .iter()
        .map(|l| (l["name"].as_str().unwrap(), l["event"].as_str().unwrap()))
        .collect();
    // office() set three passwords first.
    assert_eq!(
        seen,
        [
            ("宋欣龙", "password_changed"),
            ("刘卫防", "password_changed"),
            ("王焕彩", "password_changed"),
            ("宋欣龙", "login_failed"),
            ("宋欣龙", "login"),
            ("宋欣龙", "logout"),
        ]
    );
    assert!(log.iter().all(|l| l["at"].as_str().is_some()));
    let text = std::fs::read_to_string(mag.root.join(".git/galley/access.log")).unwrap();
    assert!(!text.contains("songxinlong-pw") && !text.contains("wrong-password"));
    assert!(
        !mag.git(&["ls-files"]).contains("access.log"),
        "never in history"
    );
}

#[test]
fn an_approval_covers_the_title_and_authors_but_not_the_page() {
    let mag = Mag::new();
    let key = mag.add("qingneng", "关于我市氢能产业发展的调研报告", "第一段。\n");
    mag.ok("王焕彩", &["assign", &key, "刘卫防"]);
    mag.ok("王焕彩", &["set", &key, "page=39", "pages=5"]);
    mag.ok("宋欣龙", &["proofread", &key]);
    mag.ok("刘卫防", &["approve", &key]);
    assert_eq!(mag.row(&key)["status"], "approved");

    // Layout is the designer's: moving the article keeps its approval.
    mag.ok("王焕彩", &["set", &key, "page=41"]);
    assert_eq!(mag.row(&key)["status"], "approved");

    // A new title was never approved.
    let said = mag
        .cmd("王焕彩")
        .args(["set", &key, "title=关于我市氢能产业的报告"])
        .assert()
        .success();
    let said = String::from_utf8_lossy(&said.get_output().stderr).into_owned();
    assert!(said.contains("「校对」「审定」签署已过期"), "{said}");
    let row = mag.row(&key);
    assert_eq!(row["status"], "draft");
    assert_eq!(row["stale"], serde_json::json!(["proofread", "approved"]));
    mag.run("王焕彩", &["toc", "2024-03", "--check"]).code(3);

    // So was a changed author list; signing again settles it.
    mag.ok("宋欣龙", &["proofread", &key]);
    mag.ok("刘卫防", &["approve", &key]);
    mag.ok("王焕彩", &["set", &key, "authors=王群才、冯琛琛"]);
    assert_eq!(
        mag.row(&key)["stale"],
        serde_json::json!(["proofread", "approved"])
    );
    mag.ok("宋欣龙", &["proofread", &key]);
    mag.ok("刘卫防", &["approve", &key]);
    assert_eq!(mag.row(&key)["status"], "approved");
    mag.run("王焕彩", &["verify"]).success();
}
