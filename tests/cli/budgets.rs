//! What a colleague's commit or one logged-in person can make the desk
//! spend: files outside the repository, typesetting time and memory, the
//! size of what the record holds, the learned model, revisions handed to
//! git, and long pages. Each attack is measured (time, and memory read
//! from /proc), and a real user must still be served within a second.

use std::time::{Duration, Instant};

use crate::support::Mag;
use crate::web::{Browser, Desk, office};

/// A line of /proc/PID/status, in kB: VmRSS now, VmHWM at its peak.
fn memory_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| {
            l.strip_prefix(field)?
                .trim()
                .strip_suffix("kB")?
                .trim()
                .parse()
                .ok()
        })
        .unwrap_or_else(|| panic!("no {field} in {status}"))
}

/// Someone else's page, while the desk is under attack: served, and fast.
fn served_within_a_second(b: &Browser, path: &str) {
    let start = Instant::now();
    let r = b.get(path);
    let took = start.elapsed();
    assert_eq!(r.status(), 200, "{path}");
    assert!(took < Duration::from_secs(1), "{path} took {took:?}");
}

/// `attacker` fetches `path` while `other` asks for the board, which must be
/// served within a second meanwhile; the attack's answer and how long it
/// took.
fn during_an_attack(
    attacker: Browser,
    path: &'static str,
    other: &Browser,
) -> (reqwest::StatusCode, Vec<u8>, Duration) {
    let start = Instant::now();
    let attack = std::thread::spawn(move || {
        let r = attacker.get(path);
        (r.status(), r.bytes().unwrap().to_vec())
    });
    std::thread::sleep(Duration::from_millis(300));
    served_within_a_second(other, "/issues/2024-03");
    let (status, bytes) = attack.join().unwrap();
    (status, bytes, start.elapsed())
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("a.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn commit_template(mag: &Mag, source: &str) {
    mag.write("templates/toc.typ", source);
    mag.git(&["add", "templates"]);
    mag.commit_by_hand("美编改模板");
}

fn logged_in(desk: &Desk) -> Browser {
    let b = desk.browser();
    assert_eq!(b.login("王焕彩", "wanghuancai-pw").status(), 303);
    b
}

#[test]
fn a_symlinked_template_prints_nothing_from_outside() {
    let (mag, _) = office();
    let secret = mag.home.join("server.key");
    std::fs::write(&secret, "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n").unwrap();
    std::fs::create_dir_all(mag.root.join("templates")).unwrap();
    for form in ["toc", "sheet", "proof"] {
        let template = mag.root.join(format!("templates/{form}.typ"));
        let _ = std::fs::remove_file(&template);
        std::os::unix::fs::symlink(&secret, template).unwrap();
    }
    mag.git(&["add", "templates"]);
    mag.commit_by_hand("换模板");

    let typ = mag.ok("王焕彩", &["toc", "2024-03", "--format", "typ"]);
    assert!(!typ.contains("PRIVATE KEY"), "{typ}");
    assert!(typ.contains("json(bytes("), "the built-in template: {typ}");

    let desk = Desk::start(&mag);
    let b = logged_in(&desk);
    for path in [
        "/issues/2024-03/toc.pdf",
        "/a/2024-03/qingneng/sheet.pdf",
        "/a/2024-03/qingneng/proof.pdf",
    ] {
        let r = b.get(path);
        assert_eq!(r.status(), 200, "{path}");
        let text = pdf_text(&r.bytes().unwrap());
        assert!(!text.contains("PRIVATE KEY"), "{path}: {text}");
    }
    let verify = mag.run("王焕彩", &["verify"]).code(3);
    let out = String::from_utf8_lossy(&verify.get_output().stdout).into_owned();
    assert!(
        out.contains("templates/toc.typ") && out.contains("不是普通文件"),
        "{out}"
    );
}

#[test]
fn a_runaway_template_is_stopped_within_its_budget() {
    let (mag, _) = office();
    commit_template(
        &mag,
        "#let n = 0\n#for i in range(100000) { for j in range(100000) { n = n + 1 } }\n#n\n",
    );
    let desk = Desk::start_with(&mag, &mag.root, &[("GALLEY_TYPESET_SECONDS", "3")], &[]);
    let b = logged_in(&desk);
    let other = logged_in(&desk);
    let (status, page, took) = during_an_attack(b, "/issues/2024-03/toc.pdf", &other);
    let page = String::from_utf8(page).unwrap();
    assert_eq!(status, 500);
    assert!(
        page.contains("2024-03 的目次排版超过了 3 秒的时限"),
        "{page}"
    );
    assert!(took < Duration::from_secs(8), "stopped after {took:?}");
    let peak = memory_kb(desk.pid(), "VmHWM:");
    assert!(peak < 400_000, "the desk itself peaked at {peak} kB");

    // A template that allocates without end is stopped by its memory cap.
    commit_template(
        &mag,
        "#let a = range(100000000).map(i => str(i))\n#a.len()\n",
    );
    drop(desk);
    let desk = Desk::start_with(&mag, &mag.root, &[("GALLEY_TYPESET_MEMORY_MB", "300")], &[]);
    let b = logged_in(&desk);
    let page = b.get("/issues/2024-03/toc.pdf").text().unwrap();
    assert!(page.contains("内存超过了 300 MB 的限额"), "{page}");
    served_within_a_second(&b, "/issues/2024-03");
}

#[test]
fn thirty_proofs_leave_the_desk_memory_flat() {
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    let b = logged_in(&desk);
    let proof = |n: usize| {
        for _ in 0..n {
            let r = b.get("/issues/2024-03/proof.pdf?marks=1");
            assert_eq!(r.status(), 200);
            assert!(r.bytes().unwrap().starts_with(b"%PDF"));
        }
    };
    proof(3);
    let after_three = memory_kb(desk.pid(), "VmRSS:");
    proof(27);
    let after_thirty = memory_kb(desk.pid(), "VmRSS:");
    assert!(
        after_thirty < after_three + 20_000,
        "{after_three} kB after 3 proofs, {after_thirty} kB after 30"
    );
}

/// A body of `chars` Chinese characters in paragraphs of 400, as text.
fn long_body(chars: usize) -> String {
    let words = "濮阳市坚持以新材料产业为主导加快培育新质生产力推动高质量发展";
    let pool: Vec<char> = words.chars().collect();
    let mut body = String::new();
    for i in 0..chars {
        body.push(pool[(i * 7 + i / 31) % pool.len()]);
        if i % 400 == 399 {
            body.push_str("。\n");
        }
    }
    body.push_str("。\n");
    body
}

#[test]
fn the_proof_of_a_body_at_the_size_limit_is_refused_or_made_and_the_desk_stays_up() {
    let (mag, _) = office();
    // Just under 2 MB of article.md.
    let key = mag.add("changwen", "长文", &long_body(690_000));
    let size = std::fs::metadata(mag.root.join("issues/2024-03/changwen/article.md"))
        .unwrap()
        .len();
    assert!(size > 2_000_000 && size < 2 * 1024 * 1024, "{size}");
    let over = mag.write("../over.txt", long_body(720_000));
    let err = mag.refused(
        "王焕彩",
        &["revise", &key, "--file", over.to_str().unwrap()],
    );
    assert!(err.contains("超过了每篇 2048 KB 的上限"), "{err}");

    let desk = Desk::start_with(&mag, &mag.root, &[("GALLEY_TYPESET_SECONDS", "5")], &[]);
    let b = logged_in(&desk);
    let other = logged_in(&desk);
    // The board's figures are worked out once, on the first view.
    other.get("/issues/2024-03");
    let (status, bytes, took) = during_an_attack(b, "/a/2024-03/changwen/proof.pdf", &other);
    let answer = String::from_utf8_lossy(&bytes);
    assert!(
        (status == 200 && bytes.starts_with(b"%PDF"))
            || answer.contains("2024-03/changwen 的校样排版超过了 5 秒的时限"),
        "{status}: {}",
        answer.chars().take(300).collect::<String>()
    );
    assert!(took < Duration::from_secs(15), "{took:?}");
    let peak = memory_kb(desk.pid(), "VmHWM:");
    assert!(peak < 600_000, "the desk peaked at {peak} kB");
    served_within_a_second(&other, "/");
}

#[test]
fn a_record_dated_9999_is_refused_and_cannot_stretch_the_board() {
    let (mag, key) = office();
    let refused = mag
        .cmd("宋欣龙")
        .env("GALLEY_NOW", "9999-12-31T10:00:00+08:00")
        .args(["proofread", &key])
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert!(err.contains("和 2024-03 期相差太远"), "{err}");
    for due in ["0000-01-01", "2099-12-31"] {
        let err = mag.refused("王焕彩", &["assign", &key, "刘卫防", "--due", due]);
        assert!(err.contains(&format!("截止日期 {due}")), "{err}");
    }

    // Written by hand, past the commands, the record is flagged by verify,
    // and the board and chart stay the size of the issue.
    mag.write(
        &format!("issues/{key}/journal/99991231T020000Z-aaaaaa.toml"),
        "op = \"assign\"\nby = \"王焕彩\"\nat = \"9999-12-31T10:00:00+08:00\"\neditor = \"刘卫防\"\ndue = \"9999-12-31\"\n",
    );
    mag.git(&["add", "-A"]);
    mag.commit_by_hand("分稿");
    let verify = mag.run("王焕彩", &["verify"]).code(3);
    let out = String::from_utf8_lossy(&verify.get_output().stdout).into_owned();
    assert!(
        out.contains("9999-12-31") && out.contains("相差太远"),
        "{out}"
    );
    let svg = mag.ok("王焕彩", &["chart", "progress", "2024-03"]);
    assert!(svg.len() < 100_000, "{} bytes of chart", svg.len());

    let desk = Desk::start(&mag);
    let b = logged_in(&desk);
    let start = Instant::now();
    let board = b.text("/issues/2024-03");
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert!(board.len() < 200_000, "{} bytes of board", board.len());
    let peak = memory_kb(desk.pid(), "VmHWM:");
    assert!(peak < 400_000, "the desk peaked at {peak} kB");
}

/// Characters no real article strings together, the same for every run.
fn noise(chars: usize) -> String {
    let pool: Vec<char> = ('\u{4e00}'..='\u{9fa5}').collect();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut body = String::new();
    for i in 0..chars {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        body.push(pool[(state % pool.len() as u64) as usize]);
        if i % 500 == 499 {
            body.push_str("。\n");
        }
    }
    body
}

#[test]
fn one_person_cannot_poison_what_the_checker_learns() {
    let mag = Mag::new();
    let draft = mag.add(
        "xincai",
        "新材料",
        "市场篮管局牵头，加强重点灵域的系统部署。\n",
    );
    mag.run("宋欣龙", &["lint", &draft]);
    let store = mag.root.join(".git/galley/language-ngrams.txt");
    let words = |text: &str| text.lines().filter(|l| l.starts_with("word ")).count();
    let before = std::fs::read_to_string(&store).unwrap();

    // 宋欣龙, both 校对 and 责任编辑, approves a huge article alone.
    let poison = mag.add("zaoyin", "杂音", &noise(600_000));
    mag.ok("王焕彩", &["assign", &poison, "宋欣龙"]);
    mag.ok("宋欣龙", &["proofread", &poison]);
    mag.ok("宋欣龙", &["approve", &poison]);
    let start = Instant::now();
    let list = mag.run("宋欣龙", &["lint", &draft, "--json"]);
    let first = start.elapsed();
    let after = std::fs::read_to_string(&store).unwrap();
    assert!(
        after.len() < 12_000_000,
        "the store grew to {} bytes",
        after.len()
    );
    assert_eq!(
        words(&after),
        words(&before),
        "one person vouches for nothing"
    );

    // Once the store is current, a check reads only what two people
    // vouched for: it costs what it cost before the poison.
    let start = Instant::now();
    let again = mag.run("宋欣龙", &["lint", &draft, "--json"]);
    let second = start.elapsed();
    assert_eq!(list.get_output().stdout, again.get_output().stdout);
    assert!(
        second < Duration::from_secs(1),
        "{second:?} (first {first:?})"
    );

    // The same misspelling approved three times by one person stays flagged.
    for slug in ["a1", "a2", "a3"] {
        let k = mag.add(slug, "篮管", "市场篮管局牵头，市场篮管局部署。\n");
        mag.ok("王焕彩", &["assign", &k, "宋欣龙"]);
        mag.ok("宋欣龙", &["proofread", &k]);
        mag.ok("宋欣龙", &["approve", &k]);
    }
    let report = mag.run("宋欣龙", &["lint", &draft]);
    let report = String::from_utf8_lossy(&report.get_output().stdout).into_owned();
    assert!(report.contains("“篮”可能是“监”之误"), "{report}");
}

#[test]
fn a_revision_is_only_a_name_galley_gives() {
    let (mag, key) = office();
    let v2 = mag.write("../v2.txt", "第一段，改过。\n第二段。\n");
    mag.ok("刘卫防", &["revise", &key, "--file", v2.to_str().unwrap()]);
    let desk = Desk::start(&mag);
    let b = logged_in(&desk);
    let start = Instant::now();
    let r = b.get(&format!("/a/{key}/diff?from=:/^(.%2B)%2B\\1%2B\\1%2B$"));
    assert_eq!(r.status(), 404);
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert!(r.text().unwrap().contains("不认识要比较的版本"));
    for rev in ["HEAD~1", "main", "@{yesterday}", "r9"] {
        let r = b.get(&format!("/a/{key}/diff?from={rev}"));
        assert_eq!(r.status(), 404, "{rev}");
    }
    for rev in ["r1", "2024-03-01", &mag.head()[..7]] {
        let r = b.get(&format!("/a/{key}/diff?from={rev}"));
        assert_eq!(r.status(), 200, "{rev}");
    }
    let err = mag.refused("王焕彩", &["diff", &key, "--from", ":/第一"]);
    assert!(err.contains("不认识要比较的版本"), "{err}");
}

#[test]
fn a_long_paragraph_of_mixed_punctuation_renders_in_under_a_second() {
    let (mag, _) = office();
    let unit = "中,文.。。，，“（(1９９８年)……...——kv";
    let body = unit.repeat(400_000 / unit.len() + 1) + "\n";
    let key = mag.add("biaodian", "标点", &body);
    let desk = Desk::start(&mag);
    let b = logged_in(&desk);
    b.text(&format!("/a/{key}"));
    let start = Instant::now();
    let page = b.text(&format!("/a/{key}"));
    let took = start.elapsed();
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert!(page.len() < 4_000_000, "{} bytes of page", page.len());
    assert!(
        page.contains("这里只列出并标出前 500 处"),
        "the rest is left to galley lint"
    );
}

/// The processes `pid` started that are still running.
fn children_of(pid: u32) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{child}/stat")) else {
            continue;
        };
        // pid (comm) state ppid ...: comm may hold spaces, so read after ')'.
        let after = stat
            .rsplit_once(')')
            .map(|(_, rest)| rest)
            .unwrap_or_default();
        let mut fields = after.split_whitespace();
        let state = fields.next().unwrap_or_default();
        if state != "Z" && fields.next() == Some(&pid.to_string()) {
            found.push(child);
        }
    }
    found
}

#[test]
fn work_stops_when_its_request_times_out() {
    let (mag, _) = office();
    commit_template(
        &mag,
        "#let n = 0\n#for i in range(100000) { for j in range(100000) { n = n + 1 } }\n#n\n",
    );
    let desk = Desk::start_with(
        &mag,
        &mag.root,
        &[
            ("GALLEY_REQUEST_TIMEOUT_SECS", "2"),
            ("GALLEY_TYPESET_SECONDS", "60"),
        ],
        &[],
    );
    let b = logged_in(&desk);
    let start = Instant::now();
    let r = b.get("/issues/2024-03/toc.pdf");
    assert_eq!(r.status(), 408);
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
    let given_up = Instant::now();
    while !children_of(desk.pid()).is_empty() {
        assert!(
            given_up.elapsed() < Duration::from_secs(2),
            "the typesetting went on after the 408: {:?}",
            children_of(desk.pid())
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    served_within_a_second(&b, "/issues/2024-03");
}

/// Sends anonymous logins from `addresses` (each with `per_address`
/// connections) until `stop` is set; the number sent.
fn flood_logins(
    url: String,
    addresses: Vec<std::net::IpAddr>,
    per_address: usize,
    name: fn(usize) -> String,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> std::thread::JoinHandle<usize> {
    use std::sync::atomic::Ordering;
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async move {
            let mut all = tokio::task::JoinSet::new();
            for addr in addresses {
                let client = reqwest::Client::builder()
                    .local_address(addr)
                    .redirect(reqwest::redirect::Policy::none())
                    .pool_max_idle_per_host(per_address)
                    .build()
                    .unwrap();
                for lane in 0..per_address {
                    let (client, url, stop) = (client.clone(), url.clone(), stop.clone());
                    all.spawn(async move {
                        let mut sent = 0;
                        while !stop.load(Ordering::Relaxed) {
                            let name = name(sent * 7 + lane);
                            let form = [("name", name.as_str()), ("password", "x"), ("next", "/")];
                            let _ = client.post(&url).form(&form).send().await;
                            sent += 1;
                        }
                        sent
                    });
                }
            }
            let mut sent = 0;
            while let Some(done) = all.join_next().await {
                sent += done.unwrap();
            }
            sent
        })
    })
}

fn access_lines(mag: &Mag, file: &str) -> Vec<serde_json::Value> {
    std::fs::read_to_string(mag.root.join(".git/galley").join(file))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A login of 刘卫防 with her right password: where it went, and how long
/// the answer took.
fn logs_in(b: &Browser) -> (String, Duration) {
    let start = Instant::now();
    let r = b.login("刘卫防", "liuweifang-pw");
    let took = start.elapsed();
    let to = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    (to, took)
}

#[test]
fn a_flood_from_fifty_addresses_does_not_keep_out_a_person_with_her_password() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    let returning = desk.browser();
    assert_eq!(logs_in(&returning).0, "/", "before the flood");
    let rss_before = memory_kb(desk.pid(), "VmRSS:");

    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let addresses = (1..=50u8)
        .map(|n| std::net::IpAddr::V4(std::net::Ipv4Addr::new(127, 0, 1, n)))
        .collect();
    let flood = flood_logins(
        format!("{}/login", desk.url),
        addresses,
        2,
        |n| format!("路人{n}"),
        stop.clone(),
    );
    std::thread::sleep(Duration::from_secs(2));
    // The same person at a browser she logged in from before, and at one
    // she never used: both get in, and fast, while the flood goes on.
    let mut took = Vec::new();
    for _ in 0..3 {
        let (to, time) = logs_in(&returning);
        assert_eq!(to, "/", "the returning browser, {time:?}");
        took.push(time);
        let (to, time) = logs_in(&desk.browser());
        assert_eq!(to, "/", "a new browser, {time:?}");
        took.push(time);
        std::thread::sleep(Duration::from_millis(700));
    }
    stop.store(true, Ordering::Relaxed);
    let sent = flood.join().unwrap();
    let peak = memory_kb(desk.pid(), "VmHWM:");
    eprintln!(
        "flood: {sent} logins from 50 addresses; hers took {took:?}; desk RSS {rss_before} kB before, peak {peak} kB"
    );
    assert!(sent > 500, "the flood was real: {sent}");
    for time in &took {
        assert!(*time < Duration::from_secs(1), "{took:?}");
    }
    // Names without a password were checked at the bounded rate only.
    let log = access_lines(&mag, "access.log");
    let checked: u64 = log
        .iter()
        .filter(|l| l["event"] == "login_failed")
        .map(|l| l["count"].as_u64().unwrap_or(1))
        .sum();
    assert!(
        checked < 80,
        "{checked} of {sent} anonymous logins were checked"
    );
    // Two checks at a time, each reusing its memory: the desk stays small.
    assert!(peak < rss_before + 100 * 1024, "{peak} kB");
}

#[test]
fn a_flood_of_failures_from_one_address_leaves_the_real_login_in_the_log() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let (mag, _) = office();
    let desk = Desk::start(&mag);
    assert_eq!(logs_in(&desk.browser()).0, "/");
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let from = std::net::IpAddr::V4(std::net::Ipv4Addr::new(127, 0, 2, 1));
    // Sixteen at once, over-long names and made-up ones, with line breaks
    // and bidi controls among them.
    let flood = flood_logins(
        format!("{}/login", desk.url),
        vec![from],
        16,
        |n| match n % 3 {
            0 => "长".repeat(65 + n % 50),
            1 => format!("假\u{202e}名\n{n}"),
            _ => format!("路人{n}"),
        },
        stop.clone(),
    );
    std::thread::sleep(Duration::from_secs(5));
    stop.store(true, Ordering::Relaxed);
    let sent = flood.join().unwrap();
    // A later real login writes out what the flood's folds still held.
    assert_eq!(logs_in(&desk.browser()).0, "/");

    let text = std::fs::read_to_string(mag.root.join(".git/galley/access.log")).unwrap();
    let lines = text.lines().count();
    eprintln!(
        "log flood: {sent} failures in 5 s became {lines} lines, {} bytes",
        text.len()
    );
    assert!(sent > 200, "the flood was real: {sent}");
    assert!(lines < 40, "{lines} lines for {sent} failures:\n{text}");
    assert!(!text.contains('\u{202e}'), "bidi written raw");
    let log = access_lines(&mag, "access.log");
    let logins = |log: &[serde_json::Value]| {
        log.iter()
            .filter(|l| l["event"] == "login" && l["name"] == "刘卫防")
            .count()
    };
    assert_eq!(logins(&log), 2, "{text}");
    assert!(
        log.iter()
            .all(|l| l["name"].as_str().unwrap().chars().count() <= 64)
    );
    let counted: u64 = log
        .iter()
        .filter(|l| l["address"] == "127.0.2.1")
        .map(|l| l["count"].as_u64().unwrap_or(1))
        .sum();
    assert_eq!(counted as usize, sent, "every failure is counted once");
    assert_eq!(logins(&access_lines(&mag, "logins.log")), 2);
}
