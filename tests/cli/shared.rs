//! `galley guard install --shared`: the shared repository made one a whole
//! group may push to (core.sharedRepository, setgid folders, the group's
//! write bit, safe.directory), in one step, and a second run changes
//! nothing. The system settings are a file of the test's own
//! (GIT_CONFIG_SYSTEM, as git reads it too); the group is the one the
//! temporary folder already has, so no root is needed.

#![cfg(unix)]

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use crate::support::Mag;

fn group_name(gid: u32) -> String {
    std::fs::read_to_string("/etc/group")
        .unwrap()
        .lines()
        .find_map(|line| {
            let fields: Vec<&str> = line.split(':').collect();
            (fields.get(2)? == &gid.to_string()).then(|| fields[0].to_string())
        })
        .expect("the folder's group is in /etc/group")
}

fn folders(top: &Path, found: &mut Vec<std::path::PathBuf>) {
    found.push(top.to_path_buf());
    for entry in std::fs::read_dir(top).unwrap() {
        let path = entry.unwrap().path();
        if std::fs::symlink_metadata(&path).unwrap().is_dir() {
            folders(&path, found);
        }
    }
}

#[test]
fn a_shared_repository_is_made_in_one_step_and_once() {
    let mag = Mag::new();
    let remote = mag.share();
    let group = group_name(std::fs::metadata(&remote).unwrap().gid());
    let system = mag.home.join("gitconfig");
    let install = || {
        mag.cmd("王焕彩")
            .env("GIT_CONFIG_SYSTEM", &system)
            .args(["guard", "install", "--shared", "--group", &group])
            .arg(&remote)
            .assert()
            .success()
    };
    let out = String::from_utf8(install().get_output().stdout.clone()).unwrap();
    let top = std::fs::canonicalize(&remote).unwrap();
    let top = top.display().to_string();
    assert!(
        out.contains(&format!("已把 {top} 设为 {group} 组共用")),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "已把 {top} 加入 {} 的 safe.directory",
            system.display()
        )),
        "{out}"
    );
    assert!(
        out.contains("安装守卫") && out.contains("usermod -aG"),
        "{out}"
    );

    let config = std::fs::read_to_string(remote.join("config")).unwrap();
    assert!(config.contains("sharedRepository = group"), "{config}");
    let trusted = std::fs::read_to_string(&system).unwrap();
    assert!(trusted.contains(&format!("directory = {top}")), "{trusted}");
    let hook = std::fs::read_to_string(remote.join("hooks/pre-receive")).unwrap();
    assert!(hook.contains("\numask 0007\n"), "{hook}");
    let mut all = Vec::new();
    folders(&remote, &mut all);
    assert!(all.iter().any(|f| f.ends_with("galley")));
    for folder in &all {
        let mode = std::fs::metadata(folder).unwrap().permissions().mode();
        assert_eq!(mode & 0o2070, 0o2070, "{}: {mode:o}", folder.display());
    }

    // What galley keeps to itself stays so: a second run after the desk
    // wrote its passwords does not open them to the group.
    let secret = remote.join("galley/passwords.toml");
    std::fs::write(&secret, "").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
    let again = String::from_utf8(install().get_output().stdout.clone()).unwrap();
    let mode = std::fs::metadata(&secret).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    assert_eq!(again.matches("没有改动").count(), 2, "{again}");
    assert_eq!(
        std::fs::read_to_string(&system).unwrap(),
        trusted,
        "added twice"
    );

    // Honest work still passes the guard.
    let key = mag.add("a", "甲稿", "第一段。\n");
    mag.ok("王焕彩", &["sync"]);
    assert!(!key.is_empty());
}

#[test]
fn sharing_refuses_what_is_not_a_bare_repository_or_a_group() {
    let mag = Mag::new();
    let remote = mag.share();
    let system = mag.home.join("gitconfig");
    let refused = |args: &[&str]| {
        let out = mag
            .cmd("王焕彩")
            .env("GIT_CONFIG_SYSTEM", &system)
            .args(args)
            .assert()
            .code(1);
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    };
    let root = mag.root.to_str().unwrap();
    let err = refused(&["guard", "install", "--shared", root]);
    assert!(
        err.contains("不是共享用的仓库") && err.contains("提示："),
        "{err}"
    );
    let err = refused(&[
        "guard",
        "install",
        "--shared",
        "--group",
        "no-such-group-here",
        remote.to_str().unwrap(),
    ]);
    assert!(err.contains("没有“no-such-group-here”这个用户组"), "{err}");
    assert!(err.contains("提示："), "{err}");
    assert!(!system.exists(), "the system settings were written");
    assert!(!remote.join("hooks/pre-receive").exists());
    mag.cmd("王焕彩")
        .args(["guard", "install", "--group", "x", remote.to_str().unwrap()])
        .assert()
        .code(2);
}
