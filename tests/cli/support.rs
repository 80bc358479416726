//! A sealed environment: HOME set, no global or system git config, a fixed
//! clock that ticks one minute per command, and a fixed default user.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use tempfile::TempDir;

pub const STAFF: &str = include_str!("../../staff.toml");

pub struct Mag {
    _tmp: TempDir,
    pub home: PathBuf,
    pub root: PathBuf,
    minute: Cell<u32>,
}

/// Runs git in `dir` with no user or system configuration; it must succeed.
pub fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = StdCommand::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Starts every command at once and waits until all have succeeded.
pub fn all_at_once(commands: Vec<StdCommand>) {
    let children: Vec<_> = commands
        .into_iter()
        .map(|mut c| {
            c.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The whole environment a sealed galley runs with.
pub fn sealed_env(home: &Path) -> Vec<(String, String)> {
    let home = home.display().to_string();
    vec![
        ("PATH".into(), std::env::var("PATH").unwrap_or_default()),
        ("HOME".into(), home.clone()),
        ("USERPROFILE".into(), home),
        ("GIT_CONFIG_GLOBAL".into(), "/dev/null".into()),
        ("GIT_CONFIG_NOSYSTEM".into(), "1".into()),
        ("GALLEY_LOCK_WAIT_MS".into(), "300".into()),
        ("NO_COLOR".into(), "1".into()),
    ]
}

pub fn sealed(cmd: &mut Command, home: &Path) {
    cmd.env_clear().envs(sealed_env(home));
}

impl Mag {
    /// An empty folder, not yet a magazine.
    pub fn bare() -> Mag {
        let tmp = tempfile::tempdir().unwrap();
        let home = tmp.path().join("home");
        let root = tmp.path().join("当代濮阳");
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(&root).unwrap();
        Mag {
            _tmp: tmp,
            home,
            root,
            minute: Cell::new(0),
        }
    }

    /// Another editor's computer: a clone of the shared remote.
    pub fn clone_of(remote: &Path) -> Mag {
        let mag = Mag::bare();
        std::fs::remove_dir(&mag.root).unwrap();
        let (remote, root) = (remote.to_str().unwrap(), mag.root.to_str().unwrap());
        git_in(&mag.home, &["clone", "-q", remote, root]);
        mag
    }

    /// Makes a bare repository from this magazine to share, and sets it as
    /// this magazine's `origin`.
    pub fn share(&self) -> PathBuf {
        let remote = self.home.join("shared.git");
        let (root, bare) = (self.root.to_str().unwrap(), remote.to_str().unwrap());
        git_in(&self.home, &["clone", "-q", "--bare", root, bare]);
        self.git(&["remote", "add", "origin", bare]);
        remote
    }

    /// A magazine with this repository's staff.toml and issue 2024-03.
    pub fn new() -> Mag {
        Mag::with_staff(STAFF)
    }

    pub fn with_staff(staff: &str) -> Mag {
        let mag = Mag::bare();
        let staff_file = mag.home.join("staff.toml");
        std::fs::write(&staff_file, staff).unwrap();
        mag.ok(
            "王焕彩",
            &["init", ".", "--staff", staff_file.to_str().unwrap()],
        );
        mag.ok(
            "王焕彩",
            &[
                "issue",
                "new",
                "2024-03",
                "--total",
                "248",
                "--section",
                "卷首语",
                "--section",
                "重要言论",
                "--section",
                "新能源产业集群",
            ],
        );
        mag
    }

    pub fn now(&self) -> String {
        let m = self.minute.get();
        self.minute.set(m + 1);
        format!("2024-03-01T{:02}:{:02}:00+08:00", 9 + m / 60, m % 60)
    }

    pub fn cmd(&self, who: &str) -> Command {
        let mut cmd = Command::cargo_bin("galley").unwrap();
        sealed(&mut cmd, &self.home);
        cmd.current_dir(&self.root)
            .env("GALLEY_USER", who)
            .env("GALLEY_NOW", self.now());
        cmd
    }

    /// The same command as a plain process, for running several at once.
    pub fn spawnable(&self, who: &str) -> StdCommand {
        let mut cmd = StdCommand::new(assert_cmd::cargo::cargo_bin("galley"));
        cmd.env_clear()
            .envs(sealed_env(&self.home))
            .current_dir(&self.root)
            .env("GALLEY_USER", who)
            .env("GALLEY_NOW", self.now());
        cmd
    }

    /// galley started with a pause failpoint, once it has reached it; it
    /// goes on when the returned flag file is deleted.
    pub fn paused_at(
        &self,
        who: &str,
        failpoint: &str,
        args: &[&str],
    ) -> (std::process::Child, PathBuf) {
        let flag = self.home.join("paused");
        let child = self
            .spawnable(who)
            .args(args)
            .env("GALLEY_FAILPOINT", failpoint)
            .env("GALLEY_FAILPOINT_FILE", &flag)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while !flag.exists() {
            assert!(
                started.elapsed().as_secs() < 60,
                "galley never reached {failpoint}"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        (child, flag)
    }

    /// A command that must succeed, run on a day of March 2024 at 10:00.
    pub fn ok_on(&self, day: u32, who: &str, args: &[&str]) {
        self.cmd(who)
            .env("GALLEY_NOW", format!("2024-03-{day:02}T10:00:00+08:00"))
            .args(args)
            .assert()
            .success();
    }

    pub fn run(&self, who: &str, args: &[&str]) -> Assert {
        self.cmd(who).args(args).assert()
    }

    pub fn ok(&self, who: &str, args: &[&str]) -> String {
        let out = self.run(who, args).success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    /// Runs a command that must be refused: exit 1, a sentence and a hint
    /// on stderr, and nothing changed. Returns stderr.
    pub fn refused(&self, who: &str, args: &[&str]) -> String {
        let head = self.head();
        let status = self.git(&["status", "--porcelain", "--untracked-files=all"]);
        let out = self.run(who, args).code(1);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(stderr.starts_with("错误："), "{stderr}");
        assert!(stderr.contains("\n提示："), "no hint: {stderr}");
        assert_eq!(self.head(), head, "a refusal made a commit: {stderr}");
        assert_eq!(
            self.git(&["status", "--porcelain", "--untracked-files=all"]),
            status,
            "a refusal changed the work tree: {stderr}"
        );
        stderr
    }

    pub fn git(&self, args: &[&str]) -> String {
        git_in(&self.root, args)
    }

    /// Commits what is staged with plain git, as someone who is not on the
    /// staff list and bypasses galley.
    pub fn commit_by_hand(&self, message: &str) {
        self.commit_by_hand_with(&[], message);
    }

    /// The same with more `git commit` options, such as `--amend`.
    pub fn commit_by_hand_with(&self, options: &[&str], message: &str) {
        let mut args = vec![
            "-c",
            "user.name=某人",
            "-c",
            "user.email=someone@localhost",
            "commit",
            "-q",
        ];
        args.extend_from_slice(options);
        args.extend(["-m", message]);
        self.git(&args);
    }

    pub fn head(&self) -> String {
        let out = StdCommand::new("git")
            .args(["rev-parse", "--verify", "-q", "HEAD"])
            .current_dir(&self.root)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    pub fn commit_count(&self) -> usize {
        self.git(&["rev-list", "--count", "HEAD"])
            .trim()
            .parse()
            .unwrap()
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap()
    }

    pub fn json(&self, who: &str, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(who, args)).unwrap()
    }

    /// The board row of one article, from `status --json`.
    pub fn row(&self, article: &str) -> serde_json::Value {
        let board = self.json("王焕彩", &["status", "2024-03", "--json"]);
        board["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["article"] == article)
            .cloned()
            .unwrap_or_else(|| panic!("{article} not on the board: {board}"))
    }

    /// Adds an article with a small body, as 王焕彩.
    pub fn add(&self, slug: &str, title: &str, body: &str) -> String {
        let file = self.write(&format!("../{slug}.txt"), body);
        self.ok(
            "王焕彩",
            &[
                "add",
                "2024-03",
                "--title",
                title,
                "--slug",
                slug,
                "--section",
                "重要言论",
                "--file",
                file.to_str().unwrap(),
            ],
        );
        format!("2024-03/{slug}")
    }
}

/// galley run on this repository itself: the shipped 2024-02 issue.
pub fn shipped(args: &[&str]) -> Assert {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("galley").unwrap();
    sealed(&mut cmd, home.path());
    cmd.arg("-C")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(args)
        .assert()
}
