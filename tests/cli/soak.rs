//! A randomized soak: N editors, each on a clone of one shared remote, do
//! M random operations with random sync points. At the end every operation
//! that succeeded locally is in the shared history, every clone computes
//! the same board, and the history passes `galley verify`.
//!
//! Small by default; raise with GALLEY_SOAK_EDITORS, GALLEY_SOAK_OPS and
//! GALLEY_SOAK_SEED for long runs.

use crate::support::Mag;

const ARTICLES: usize = 3;

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// xorshift64*: enough randomness, and the same run for the same seed.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

fn body(editors: usize, changed: Option<(usize, &str)>, current: &str) -> String {
    let mut paragraphs: Vec<String> = if current.is_empty() {
        (0..editors).map(|i| format!("第{i}段原文。")).collect()
    } else {
        current
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    };
    if let Some((i, text)) = changed {
        paragraphs[i] = text.to_string();
    }
    paragraphs.join("\n") + "\n"
}

#[test]
fn editors_at_random_converge_and_lose_nothing() {
    let editors = env("GALLEY_SOAK_EDITORS", 3) as usize;
    let ops = env("GALLEY_SOAK_OPS", 20) as usize;
    let mut dice = Dice(env("GALLEY_SOAK_SEED", 0x9e37_79b9_7f4a_7c15) | 1);

    let first = Mag::new();
    let keys: Vec<String> = (0..ARTICLES)
        .map(|k| {
            let key = first.add(
                &format!("s{k}"),
                &format!("稿{k}"),
                &body(editors, None, ""),
            );
            first.ok("王焕彩", &["assign", &key, "刘卫防"]);
            key
        })
        .collect();
    let remote = first.share();
    let mut clones = vec![first];
    for _ in 1..editors {
        clones.push(Mag::clone_of(&remote));
    }

    let mut landed: Vec<String> = Vec::new();
    let (mut tried, mut refused, mut syncs) = (0, 0, 0);
    for step in 0..ops {
        let e = dice.roll(editors);
        let mag = &clones[e];
        let key = &keys[dice.roll(ARTICLES)];
        let before = mag.head();
        let outcome = match dice.roll(7) {
            0 => mag.run("宋欣龙", &["proofread", key]),
            1 => mag.run("王栋栋", &["proofread", key]),
            2 => mag.run("刘卫防", &["approve", key]),
            3 => mag.run("王焕彩", &["reopen", key, "--reason", "再核一遍"]),
            4 => {
                // Each editor revises only their own paragraph, so text
                // merges never need a person to choose.
                let current = mag.read(&format!("issues/{key}/article.md"));
                let text = current.splitn(3, "+++\n").nth(2).unwrap_or_default();
                let new = body(
                    editors,
                    Some((e, &format!("第{e}段在第{step}步改写。"))),
                    text,
                );
                let file = mag.write(&format!("../soak-{step}.txt"), new);
                mag.run("刘卫防", &["revise", key, "--file", file.to_str().unwrap()])
            }
            _ => {
                syncs += 1;
                let out = mag.run("王焕彩", &["sync"]);
                out.success();
                continue;
            }
        };
        tried += 1;
        match outcome.get_output().status.code() {
            Some(0) => {
                let after = mag.head();
                assert_ne!(after, before, "a success made a commit");
                landed.push(after);
            }
            Some(1) => refused += 1,
            other => panic!("unexpected exit {other:?}: {outcome:?}"),
        }
    }
    // Everyone syncs twice: the second round brings the last merges home.
    for _ in 0..2 {
        for mag in &clones {
            mag.ok("王焕彩", &["sync"]);
        }
    }
    let head = clones[0].head();
    let board = clones[0].json("王焕彩", &["status", "2024-03", "--json"]);
    for mag in &clones {
        assert_eq!(mag.head(), head);
        assert_eq!(mag.json("王焕彩", &["status", "2024-03", "--json"]), board);
        mag.ok("王焕彩", &["verify"]);
    }
    for commit in &landed {
        clones[0].git(&["merge-base", "--is-ancestor", commit, &head]);
    }
    eprintln!(
        "soak: {editors} editors, {ops} steps: {tried} operations ({} landed, {refused} refused by the rules), {syncs} syncs",
        landed.len()
    );
}
