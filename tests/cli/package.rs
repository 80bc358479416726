//! What the Debian package installs that galley itself generates: the
//! manual pages and the shell completions, kept in `contrib/debian/` so
//! that `cargo deb` needs no extra step. They must be what this galley
//! prints; `scripts/package-files.sh` writes them anew.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::shipped;

const STALE: &str = "contrib/debian is out of date: run scripts/package-files.sh";

fn files(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_packaged_manual_and_completions_are_current() {
    let packaged = Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/debian");
    let fresh = tempfile::tempdir().unwrap();
    shipped(&["man", "--dir", fresh.path().to_str().unwrap()]).success();
    let pages = files(fresh.path());
    assert!(pages.contains_key("galley.1") && pages.contains_key("galley-lint.1"));
    assert_eq!(files(&packaged.join("man")), pages, "{STALE}");
    for (shell, name) in [
        ("bash", "galley.bash"),
        ("zsh", "_galley"),
        ("fish", "galley.fish"),
    ] {
        let out = shipped(&["completions", shell, "--program", "/usr/bin/galley"]).success();
        let printed = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(printed.contains("/usr/bin/galley"), "{shell}");
        let kept = std::fs::read_to_string(packaged.join("completions").join(name)).unwrap();
        assert_eq!(kept, printed, "{name}: {STALE}");
    }
}
