//! `galley verify` and the server-side guard: forgeries, rewritten and
//! deleted journal files, and wrong authors are refused; honest work passes.

use std::path::Path;
use std::process::Command as StdCommand;

use crate::support::Mag;

/// An office whose shared remote has the guard installed, and a second
/// clone to forge from.
fn guarded() -> (Mag, Mag, std::path::PathBuf, String) {
    let first = Mag::new();
    let a = first.add("a", "甲稿", "第一段。\n");
    first.ok("王焕彩", &["assign", &a, "刘卫防"]);
    let remote = first.share();
    let out = first.ok("王焕彩", &["guard", "install", remote.to_str().unwrap()]);
    assert!(out.starts_with("已在 "), "{out}");
    assert!(remote.join("hooks/pre-receive").is_file());
    let forger = Mag::clone_of(&remote);
    (first, forger, remote, a)
}

fn remote_head(remote: &Path) -> String {
    let out = StdCommand::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(remote)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Commits by hand as `who` and pushes with plain git; returns git's stderr
/// after asserting the push was refused and the remote did not move.
fn refused_push(mag: &Mag, remote: &Path, who: &str, message: &str) -> String {
    mag.git(&["add", "-A"]);
    let email = "x@example.com";
    mag.git(&[
        "-c",
        &format!("user.name={who}"),
        "-c",
        &format!("user.email={email}"),
        "commit",
        "-qm",
        message,
    ]);
    let before = remote_head(remote);
    let out = StdCommand::new("git")
        .args(["push", "-q", "origin", "HEAD"])
        .current_dir(&mag.root)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "the push went through:\n{stderr}");
    assert_eq!(remote_head(remote), before, "the remote moved");
    assert!(stderr.contains("galley 守卫拒绝了这次推送"), "{stderr}");
    stderr
}

fn event_file(mag: &Mag, key: &str, name: &str, body: &str) {
    mag.write(&format!("issues/{key}/journal/{name}.toml"), body);
}

fn body_hash(mag: &Mag, key: &str) -> String {
    mag.json("王焕彩", &["show", key, "--json"])["body_hash"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn honest_work_passes_the_guard_and_verify() {
    let (first, second, remote, a) = guarded();
    second.ok("宋欣龙", &["proofread", &a]);
    second.ok("宋欣龙", &["sync"]);
    first.ok("刘卫防", &["sync"]);
    first.ok("刘卫防", &["approve", &a]);
    first.ok("刘卫防", &["sync"]);
    assert_eq!(remote_head(&remote), first.head());
    let out = first.ok("王焕彩", &["verify"]);
    assert!(
        out.starts_with("检查了 ") && out.contains("没有发现违反流程的地方"),
        "{out}"
    );
}

#[test]
fn an_approval_written_by_hand_is_refused() {
    let (_first, forger, remote, a) = guarded();
    // 刘卫防 writes an approval with no proofreading before it.
    let hash = body_hash(&forger, &a);
    event_file(
        &forger,
        &a,
        "20240301T120000Z-aaaaaa",
        &format!(
            "op = \"signoff\"\nby = \"刘卫防\"\nat = \"2024-03-01T12:00:00+08:00\"\nstage = \"approved\"\nbody = \"{hash}\"\n"
        ),
    );
    let err = refused_push(&forger, &remote, "刘卫防", "审定");
    assert!(err.contains("须先完成「校对」"), "{err}");
}

#[test]
fn an_approval_by_someone_without_the_role_is_refused() {
    let (_first, forger, remote, a) = guarded();
    forger.ok("宋欣龙", &["proofread", &a]);
    let hash = body_hash(&forger, &a);
    event_file(
        &forger,
        &a,
        "20240301T120000Z-bbbbbb",
        &format!(
            "op = \"signoff\"\nby = \"荣萍萍\"\nat = \"2024-03-01T12:00:00+08:00\"\nstage = \"approved\"\nbody = \"{hash}\"\n"
        ),
    );
    let err = refused_push(&forger, &remote, "荣萍萍", "审定");
    assert!(err.contains("「审定」只能由"), "{err}");
    assert!(err.contains("荣萍萍不符合"), "{err}");
}

#[test]
fn an_event_whose_author_is_someone_else_is_refused() {
    let (_first, forger, remote, a) = guarded();
    let hash = body_hash(&forger, &a);
    event_file(
        &forger,
        &a,
        "20240301T120000Z-cccccc",
        &format!(
            "op = \"signoff\"\nby = \"宋欣龙\"\nat = \"2024-03-01T12:00:00+08:00\"\nstage = \"proofread\"\nbody = \"{hash}\"\n"
        ),
    );
    let err = refused_push(&forger, &remote, "王栋栋", "替人签");
    assert!(
        err.contains("记录写的是宋欣龙做的，提交人却是王栋栋"),
        "{err}"
    );
}

#[test]
fn an_edited_journal_file_is_refused() {
    let (_first, forger, remote, a) = guarded();
    let dir = forger.root.join(format!("issues/{a}/journal"));
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("刘卫防", "王栋栋")).unwrap();
    let err = refused_push(&forger, &remote, "王焕彩", "改分稿记录");
    assert!(err.contains("写入后又被改动过"), "{err}");
}

#[test]
fn a_deleted_journal_file_is_refused() {
    let (_first, forger, remote, a) = guarded();
    let dir = forger.root.join(format!("issues/{a}/journal"));
    for f in std::fs::read_dir(&dir).unwrap() {
        std::fs::remove_file(f.unwrap().path()).unwrap();
    }
    let err = refused_push(&forger, &remote, "王焕彩", "删掉分稿记录");
    assert!(err.contains("被删除了"), "{err}");
}

#[test]
fn rewriting_shared_history_is_refused() {
    let (first, _, remote, a) = guarded();
    first.ok("宋欣龙", &["proofread", &a]);
    first.ok("宋欣龙", &["sync"]);
    let shared = remote_head(&remote);
    first.git(&["reset", "-q", "--hard", "HEAD~1"]);
    let out = StdCommand::new("git")
        .args(["push", "-q", "--force", "origin", "HEAD"])
        .current_dir(&first.root)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("不允许改写已经共享的历史"));
    assert_eq!(remote_head(&remote), shared);
}

#[test]
fn verify_reports_a_forgery_in_local_history_and_exits_3() {
    let mag = Mag::new();
    let a = mag.add("a", "甲稿", "第一段。\n");
    let hash = body_hash(&mag, &a);
    event_file(
        &mag,
        &a,
        "20240301T120000Z-dddddd",
        &format!(
            "op = \"signoff\"\nby = \"宋欣龙\"\nat = \"2024-03-01T12:00:00+08:00\"\nstage = \"proofread\"\nbody = \"{hash}\"\n"
        ),
    );
    mag.git(&["add", "-A"]);
    mag.git(&[
        "-c",
        "user.name=王栋栋",
        "-c",
        "user.email=w@x",
        "commit",
        "-qm",
        "伪造",
    ]);
    let out = mag.run("王焕彩", &["verify"]).code(3);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("（伪造）：issues/2024-03/a/journal/20240301T120000Z-dddddd.toml：记录写的是宋欣龙做的，提交人却是王栋栋"), "{stdout}");
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.starts_with("错误：发现 1 处违反流程的记录"),
        "{stderr}"
    );
    // The range before the forgery is clean.
    mag.ok("王焕彩", &["verify", "HEAD~1"]);
}

#[test]
fn a_symlink_under_templates_or_issues_is_refused() {
    let (_first, forger, remote, a) = guarded();
    let secret = forger.home.join("server.key");
    std::fs::write(&secret, "-----BEGIN PRIVATE KEY-----\n").unwrap();
    std::fs::create_dir_all(forger.root.join("templates")).unwrap();
    let template = forger.root.join("templates/toc.typ");
    let _ = std::fs::remove_file(&template);
    std::os::unix::fs::symlink(&secret, template).unwrap();
    let err = refused_push(&forger, &remote, "刘卫防", "换模板");
    assert!(
        err.contains("templates/toc.typ") && err.contains("不是普通文件"),
        "{err}"
    );
    let verify = forger.run("王焕彩", &["verify"]).code(3);
    let out = String::from_utf8_lossy(&verify.get_output().stdout).into_owned();
    assert!(out.contains("templates/toc.typ"), "{out}");
    // A photo that points outside is refused the same way.
    forger.git(&["reset", "-q", "--hard", "HEAD~1"]);
    std::os::unix::fs::symlink(&secret, forger.root.join(format!("issues/{a}/photo.jpg"))).unwrap();
    let err = refused_push(&forger, &remote, "刘卫防", "加图");
    assert!(err.contains("photo.jpg"), "{err}");
}

#[test]
fn a_record_dated_far_from_its_issue_is_refused() {
    let (_first, forger, remote, a) = guarded();
    event_file(
        &forger,
        &a,
        "99991231T120000Z-aaaaaa",
        "op = \"assign\"\nby = \"王焕彩\"\nat = \"9999-12-31T12:00:00+08:00\"\neditor = \"刘卫防\"\n",
    );
    let err = refused_push(&forger, &remote, "王焕彩", "分稿");
    assert!(
        err.contains("9999-12-31") && err.contains("相差太远"),
        "{err}"
    );
    forger.git(&["reset", "-q", "--hard", "HEAD~1"]);
    event_file(
        &forger,
        &a,
        "20240301T120000Z-bbbbbb",
        "op = \"assign\"\nby = \"王焕彩\"\nat = \"2024-03-01T12:00:00+08:00\"\neditor = \"刘卫防\"\ndue = \"0001-01-01\"\n",
    );
    let err = refused_push(&forger, &remote, "王焕彩", "分稿");
    assert!(err.contains("截止日期 0001-01-01"), "{err}");
}

#[test]
fn an_article_over_the_size_limit_is_refused() {
    let (_first, forger, remote, a) = guarded();
    let path = format!("issues/{a}/article.md");
    let text = forger.read(&path) + &"濮阳市".repeat(700_000) + "\n";
    forger.write(&path, text);
    let err = refused_push(&forger, &remote, "刘卫防", "长文");
    assert!(err.contains("超过了每篇 2048 KB 的上限"), "{err}");
}

#[test]
fn a_staff_list_changed_by_anyone_but_an_administrator_is_refused() {
    let (first, forger, remote, _) = guarded();
    // 宋欣龙 makes himself 主编 by hand.
    let staff = forger.read("staff.toml").replacen(
        "name = \"宋欣龙\"\ntitle = \"校对\"\nroles = [\"校对\"",
        "name = \"宋欣龙\"\ntitle = \"校对\"\nroles = [\"主编\", \"校对\"",
        1,
    );
    assert_ne!(
        staff,
        forger.read("staff.toml"),
        "the fixture's 宋欣龙 moved"
    );
    forger.write("staff.toml", &staff);
    let stderr = refused_push(&forger, &remote, "宋欣龙", "我当主编");
    assert!(
        stderr.contains("staff.toml（同事名单和权限）被宋欣龙改动了"),
        "{stderr}"
    );

    // The 编辑部主任 adds a colleague with galley: that passes the guard.
    first.ok(
        "王焕彩",
        &["staff", "set", "李明", "--title", "校对", "--role", "校对"],
    );
    assert_eq!(
        first.git(&["log", "-1", "--format=%an %s"]).trim(),
        "王焕彩 王焕彩添加同事李明（校对）"
    );
    let staff = first.read("staff.toml");
    assert!(
        staff.contains("[[staff]]\nname = \"李明\"\ntitle = \"校对\"\nroles = [\"校对\"]"),
        "{staff}"
    );
    let out = StdCommand::new("git")
        .args(["push", "-q", "origin", "HEAD"])
        .current_dir(&first.root)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    first.ok("王焕彩", &["verify"]);
    let err = first.refused("宋欣龙", &["staff", "set", "宋欣龙", "--role", "主编"]);
    assert!(err.contains("只有主编或编辑部主任才能管理账户"), "{err}");
}
