#!/usr/bin/env bash
# The Debian package, as an administrator meets it: built with cargo deb,
# installed with dpkg -i, used from /usr/bin to create a magazine in a
# temporary folder away from the source tree and print its contents page
# as PDF, its units checked, then removed and purged. Run as root (CI is).
set -euo pipefail
cd "$(dirname "$0")/.."
source_tree=$PWD

command -v cargo-deb >/dev/null 2>&1 || cargo install cargo-deb --locked --version 3.8.0
# The office's package is optimised (the default, release). CI packages the
# binary its tests have just built (GALLEY_PACKAGE_PROFILE=dev) to check the
# packaging without a second, much longer optimised build.
# cargo deb prints where it wrote the package (under the target folder,
# wherever CARGO_TARGET_DIR puts it).
deb=$(cargo deb --profile "${GALLEY_PACKAGE_PROFILE:-release}" | tail -n 1)
test -f "$deb"
dpkg -i "$deb"

test -x /usr/bin/galley
getent passwd galley >/dev/null
test -d /srv/galley
test -f /etc/default/galley
test -f /usr/share/doc/galley/copyright
test -f /usr/share/man/man1/galley.1.gz
test -f /usr/share/man/man1/galley-serve.1.gz
test -f /usr/share/bash-completion/completions/galley
grep -q /usr/bin/galley /usr/share/bash-completion/completions/galley
test -f /usr/lib/systemd/system/galley-desk.service
if command -v systemd-analyze >/dev/null 2>&1; then
  systemd-analyze verify --man=no \
    /usr/lib/systemd/system/galley-desk.service \
    /usr/lib/systemd/system/galley-sync.service \
    /usr/lib/systemd/system/galley-sync.timer
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export GALLEY_USER=王焕彩
/usr/bin/galley init 当代濮阳 --staff "$source_tree/staff.toml"
cd 当代濮阳
/usr/bin/galley issue new 2024-03 --total 248
printf '第一段。\n' > ../稿子.txt
/usr/bin/galley add 2024-03 --title 安装包试用 --section 重要言论 --file ../稿子.txt
/usr/bin/galley toc 2024-03 --format pdf -o toc.pdf
[ "$(head -c 5 toc.pdf)" = "%PDF-" ]
echo "the installed galley printed a contents page: $(wc -c < toc.pdf) bytes"
cd /

dpkg --purge galley
test ! -e /usr/bin/galley
echo "package built, installed, used and purged: $deb"
