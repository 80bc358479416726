//! Who is acting: --as, then GALLEY_USER, then `whoami --set`, then git's
//! user.name when it names someone on the staff.

use crate::support::Mag;

fn whoami(mag: &Mag, cmd: &mut assert_cmd::Command) -> String {
    let _ = mag;
    let out = cmd.args(["whoami", "--json"]).assert().success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    format!(
        "{}/{}",
        v["name"].as_str().unwrap(),
        v["source"].as_str().unwrap()
    )
}

#[test]
fn identity_is_resolved_in_order() {
    let mag = Mag::new();
    let mut bare = mag.cmd("x");
    bare.env_remove("GALLEY_USER");
    bare.args(["whoami"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("不知道您是谁"));

    mag.git(&["config", "user.name", "荣萍萍"]);
    let mut c = mag.cmd("x");
    c.env_remove("GALLEY_USER");
    assert_eq!(whoami(&mag, &mut c), "荣萍萍/git-user-name");

    let mut c = mag.cmd("x");
    c.env_remove("GALLEY_USER")
        .args(["whoami", "--set", "宋欣龙"])
        .assert()
        .success();
    assert_eq!(mag.git(&["config", "galley.user"]).trim(), "宋欣龙");
    let mut c = mag.cmd("x");
    c.env_remove("GALLEY_USER");
    assert_eq!(whoami(&mag, &mut c), "宋欣龙/config");

    assert_eq!(whoami(&mag, &mut mag.cmd("王栋栋")), "王栋栋/env");
    assert_eq!(
        whoami(&mag, mag.cmd("王栋栋").args(["--as", "高昌运"])),
        "高昌运/option"
    );

    let text = mag.ok("宋欣龙", &["whoami"]);
    assert_eq!(
        text,
        "宋欣龙（校对；角色：校对、责任编辑）——来自环境变量 GALLEY_USER\n"
    );
    mag.refused("王焕彩", &["whoami", "--set", "张三"]);
}

#[test]
fn git_user_name_of_a_stranger_is_not_enough() {
    let mag = Mag::new();
    mag.git(&["config", "user.name", "Some Stranger"]);
    let mut c = mag.cmd("x");
    c.env_remove("GALLEY_USER");
    c.args(["whoami"]).assert().code(1);
}

#[test]
fn staff_lists_people_roles_and_titles() {
    let mag = Mag::new();
    let out = mag.ok("王焕彩", &["staff"]);
    insta::assert_snapshot!(out);
    let json = mag.json("王焕彩", &["staff", "--json"]);
    assert_eq!(json[5]["name"], "宋欣龙");
    assert_eq!(json[5]["title"], "校对");
    assert_eq!(json[5]["roles"], serde_json::json!(["校对", "责任编辑"]));
}
