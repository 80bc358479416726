//! The national 三审三校 practice as a configured workflow, with its
//! separation-of-duty rules.

use crate::support::{Mag, STAFF};

pub fn sanshen_staff() -> String {
    let (people, _) = STAFF.split_once("[workflow]").unwrap();
    format!(
        "{people}{}",
        r#"[workflow]
editor_role = "责任编辑"

[[workflow.stages]]
id = "chushen"
name = "初审"
roles = ["责任编辑"]

[[workflow.stages]]
id = "fushen"
name = "复审"
roles = ["编辑部主任", "责任编辑"]

[[workflow.stages]]
id = "zhongshen"
name = "终审"
roles = ["主编"]

[[workflow.stages]]
id = "yixiao"
name = "一校"
kind = "proofread"
roles = ["校对"]

[[workflow.stages]]
id = "erxiao"
name = "二校"
kind = "proofread"
roles = ["校对"]

[[workflow.stages]]
id = "sanxiao"
name = "三校"
kind = "proofread"
roles = ["校对"]

[[workflow.distinct_signers]]
name = "三审分离"
stages = ["chushen", "fushen", "zhongshen"]

[[workflow.distinct_signers]]
name = "三校换人"
stages = ["yixiao", "erxiao", "sanxiao"]
"#
    )
}

#[test]
fn three_reviews_by_three_people_then_three_proofreadings() {
    let mag = Mag::with_staff(&sanshen_staff());
    let key = mag.add("a", "甲", "正文");
    mag.ok("王栋栋", &["approve", &key]);
    assert_eq!(mag.row(&key)["status_label"], "已初审");
    let err = mag.refused("王栋栋", &["approve", &key]);
    assert!(
        err.contains("流程规则「三审分离」，王栋栋已经签署了「初审」，不能再签署「复审」"),
        "{err}"
    );
    mag.ok("王焕彩", &["approve", &key]);
    let err = mag.refused("王焕彩", &["signoff", &key, "终审"]);
    assert!(err.contains("「签署权限」"), "{err}");
    mag.ok("高昌运", &["approve", &key]);
    assert_eq!(mag.row(&key)["status_label"], "已终审");

    mag.ok("宋欣龙", &["proofread", &key]);
    let err = mag.refused("宋欣龙", &["proofread", &key]);
    assert!(
        err.contains("流程规则「三校换人」，宋欣龙已经签署了「一校」，不能再签署「二校」"),
        "{err}"
    );
    mag.ok("王栋栋", &["proofread", &key]);
    assert_eq!(mag.row(&key)["status_label"], "已二校");
    // Both 校对 have had a round; the third needs a third person.
    let err = mag.refused("王栋栋", &["signoff", &key, "sanxiao"]);
    assert!(err.contains("「三校换人」"), "{err}");
    let err = mag.refused("宋欣龙", &["signoff", &key, "三校"]);
    assert!(err.contains("「三校换人」"), "{err}");
}

#[test]
fn a_broken_workflow_is_refused_with_its_rule() {
    let staff = sanshen_staff().replace(
        "stages = [\"chushen\", \"fushen\", \"zhongshen\"]",
        "stages = [\"chushen\", \"sishen\"]",
    );
    let mag = Mag::new();
    mag.write("staff.toml", staff);
    let err = mag.refused("王焕彩", &["status"]);
    assert!(
        err.contains("规则“三审分离”提到了不存在的环节“sishen”"),
        "{err}"
    );
}
