#!/usr/bin/env bash
# Writes anew the manual pages and the shell completions that the Debian
# package installs (contrib/debian/), from the galley built here. The test
# `package::the_packaged_manual_and_completions_are_current` fails until
# this has been run after a change to the commands.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q
galley=target/debug/galley
rm -rf contrib/debian/man
"$galley" man --dir contrib/debian/man
"$galley" completions bash --program /usr/bin/galley > contrib/debian/completions/galley.bash
"$galley" completions zsh --program /usr/bin/galley > contrib/debian/completions/_galley
"$galley" completions fish --program /usr/bin/galley > contrib/debian/completions/galley.fish
echo "contrib/debian: manual page and completions written"
