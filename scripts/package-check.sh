#!/usr/bin/env bash
# The Debian package, as an administrator meets it: built with cargo deb,
# installed with dpkg -i, used from /usr/bin to create a magazine in a
# temporary folder away from the source tree and print its contents page
# as PDF, its units checked; then that magazine shared under /srv/galley
# with `galley guard install --shared`, two editors' own Unix accounts in
# the galley group pushing to it, the desk serving it as the galley user;
# then removed and purged. Run as root (CI is).
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
[ "$(stat -c '%a %U:%G' /srv/galley)" = "2770 galley:galley" ]
test -f /etc/default/galley
test -f /usr/share/doc/galley/copyright
test -f /usr/share/man/man1/galley.1.gz
test -f /usr/share/man/man1/galley-serve.1.gz
test -f /usr/share/bash-completion/completions/galley
grep -q /usr/bin/galley /usr/share/bash-completion/completions/galley
test -f /usr/lib/systemd/system/galley-desk.service
grep -qx 'UMask=0007' /usr/lib/systemd/system/galley-desk.service
grep -qx 'UMask=0007' /usr/lib/systemd/system/galley-sync.service
if command -v systemd-analyze >/dev/null 2>&1; then
  systemd-analyze verify --man=no \
    /usr/lib/systemd/system/galley-desk.service \
    /usr/lib/systemd/system/galley-sync.service \
    /usr/lib/systemd/system/galley-sync.timer
fi

work=$(mktemp -d)
# What the shared-repository part below makes outside $work, undone however
# the script ends.
shared=/srv/galley/当代濮阳
homes=""
desk_pid=""
editors=(galley-check-song galley-check-rong)
gitconfig_saved=""
cleanup() {
  set +e
  [ -n "$desk_pid" ] && kill "$desk_pid" 2>/dev/null && wait "$desk_pid" 2>/dev/null
  for u in "${editors[@]}"; do
    getent passwd "$u" >/dev/null && userdel "$u"
  done
  [ -n "$homes" ] && rm -rf "$homes"
  rm -rf "$shared"
  if [ "$gitconfig_saved" = absent ]; then
    rm -f /etc/gitconfig
  elif [ -n "$gitconfig_saved" ]; then
    cp -p "$gitconfig_saved" /etc/gitconfig
  fi
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
export GALLEY_USER=王焕彩
/usr/bin/galley init 当代濮阳 --staff "$source_tree/staff.toml"
cd 当代濮阳
/usr/bin/galley issue new 2024-03 --total 248
printf '第一段。\n' > ../稿子.txt
/usr/bin/galley add 2024-03 --slug shiyong --title 安装包试用 --section 重要言论 --file ../稿子.txt
/usr/bin/galley add 2024-03 --slug erpian --title 第二篇 --section 重要言论 --file ../稿子.txt
/usr/bin/galley assign 2024-03/shiyong 刘卫防
/usr/bin/galley assign 2024-03/erpian 刘卫防
/usr/bin/galley toc 2024-03 --format pdf -o toc.pdf
[ "$(head -c 5 toc.pdf)" = "%PDF-" ]
echo "the installed galley printed a contents page: $(wc -c < toc.pdf) bytes"
cd /

# ---- the magazine shared under /srv/galley, as the README sets it up ----
# Debian's own git (2.39 on Debian 12), as on the office's server; not one a
# developer may have put in /usr/local.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
command -v curl >/dev/null 2>&1 || { apt-get update && apt-get install -y curl; }
fail() { echo "package-check: $*" >&2; exit 1; }
test ! -e "$shared"
for u in "${editors[@]}"; do
  if getent passwd "$u" >/dev/null; then fail "user $u exists already"; fi
done
if [ -e /etc/gitconfig ]; then
  cp -p /etc/gitconfig "$work/gitconfig.before"
  gitconfig_saved="$work/gitconfig.before"
else
  gitconfig_saved=absent
fi

git clone -q --bare "$work/当代濮阳" "$shared"
/usr/bin/galley guard install "$work/当代濮阳" 2> "$work/refused" && fail "guard install took a repository with a work tree"
grep -q '不是共享用的仓库' "$work/refused" && grep -q '^提示：' "$work/refused" || fail "no refusal: $(cat "$work/refused")"
/usr/bin/galley guard install --shared "$shared" | tee "$work/setup"
grep -q "已把 $shared 设为 galley 组共用" "$work/setup" || fail "not shared"
grep -q "已把 $shared 加入 /etc/gitconfig 的 safe.directory" "$work/setup" || fail "not trusted"
git config --system --get-all safe.directory | grep -qx "$shared"
[ "$(git -C "$shared" config core.sharedRepository)" = group ]
grep -q '^umask 0007$' "$shared/hooks/pre-receive"
[ -z "$(find "$shared" ! -group galley)" ] || fail "files outside the galley group"
[ -z "$(find "$shared" -type d ! -perm -2070)" ] || fail "folders not setgid and group-writable"
# Once is enough: a second run changes nothing and adds nothing.
/usr/bin/galley guard install --shared "$shared" > "$work/again"
grep -q '没有改动' "$work/again" && [ "$(grep -c "$shared" /etc/gitconfig)" = 1 ] || fail "second run: $(cat "$work/again")"

# Two editors with their own accounts, in the galley group, who may only
# push and fetch (git-shell), homes where they may write.
homes=$(mktemp -d /tmp/galley-homes.XXXXXX)
chmod 755 "$homes"
for u in "${editors[@]}"; do
  useradd --no-create-home --home-dir "$homes/$u" --shell /usr/bin/git-shell -G galley "$u"
  install -d -o "$u" -g "$u" -m 700 "$homes/$u"
done
song=${editors[0]} rong=${editors[1]}
as() { local u=$1; shift; (cd "$homes/$u" && runuser -u "$u" -- "$@"); }
! as "$song" git-shell -c 'touch gone' 2>/dev/null || fail "git-shell ran a command"

# 宋欣龙 proofreads on his own copy and pushes.
as "$song" git clone -q "$shared" "$homes/$song/当代濮阳"
as "$song" env GALLEY_USER=宋欣龙 /usr/bin/galley -C "$homes/$song/当代濮阳" proofread 2024-03/shiyong -m 注
as "$song" git -C "$homes/$song/当代濮阳" push -q origin HEAD
[ "$(git -C "$shared" log -1 --format=%an)" = 宋欣龙 ]

# The desk on the shared repository, as its unit runs it: the galley user,
# umask 0007.
for who in 宋欣龙 刘卫防; do
  echo 'galley-check-密码' | runuser -u galley -- /usr/bin/galley -C "$shared" passwd "$who"
done
(umask 0007 && cd / && exec runuser -u galley -- /usr/bin/galley -C "$shared" serve --listen 127.0.0.1:0) > "$work/desk.out" 2>&1 &
desk_pid=$!
for _ in $(seq 50); do grep -q '^galley 网页版已启动' "$work/desk.out" && break; sleep 0.1; done
url=$(sed -n 's/^galley 网页版已启动：\(http:[^ ]*\)\/$/\1/p' "$work/desk.out")
[ -n "$url" ] || fail "the desk did not start: $(cat "$work/desk.out")"
jar="$work/cookies"
[ "$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' --data-urlencode name=刘卫防 \
  --data-urlencode password=galley-check-密码 --data-urlencode next=/ "$url/login")" = 303 ] || fail "no login"
curl -s -b "$jar" "$url/a/2024-03/shiyong" > "$work/page.html"
grep -q '宋欣龙 签署「校对」——注' "$work/page.html" || fail "the desk does not show the proofreading"
# 刘卫防 approves on the desk: the desk writes into the shared repository.
field() { sed -n "s/.*name=\"$1\" value=\"\([^\"]*\)\".*/\1/p" "$work/page.html" | head -n 1; }
[ "$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$(field csrf)" \
  --data-urlencode stage=approved --data-urlencode "base=$(field base)" "$url/a/2024-03/shiyong/sign")" = 303 ] || fail "no approval"
[ "$(git -C "$shared" log -1 --format=%an)" = 刘卫防 ]
[ -z "$(find "$shared" -type d ! -perm -2070)" ] || fail "the desk made folders the group cannot write"
[ -z "$(find "$shared" ! -group galley)" ] || fail "the desk made files outside the galley group"

# 宋欣龙 again, on top of what the desk wrote.
as "$song" env GALLEY_USER=宋欣龙 /usr/bin/galley -C "$homes/$song/当代濮阳" sync
as "$song" env GALLEY_USER=宋欣龙 /usr/bin/galley -C "$homes/$song/当代濮阳" proofread 2024-03/erpian
as "$song" git -C "$homes/$song/当代濮阳" push -q origin HEAD
curl -s -b "$jar" "$url/a/2024-03/erpian" > "$work/page2.html"
grep -q '宋欣龙 签署「校对」' "$work/page2.html" || fail "the desk does not show the second proofreading"

# 荣萍萍 writes an approval by hand: the guard refuses it.
as "$rong" git clone -q "$shared" "$homes/$rong/当代濮阳"
hash=$(as "$rong" env GALLEY_USER=荣萍萍 /usr/bin/galley -C "$homes/$rong/当代濮阳" show 2024-03/erpian --json \
  | sed -n 's/.*"body_hash": *"\([^"]*\)".*/\1/p')
[ -n "$hash" ]
as "$rong" sh -c "printf 'op = \"signoff\"\nby = \"荣萍萍\"\nat = \"2024-03-01T12:00:00+08:00\"\nstage = \"approved\"\nbody = \"$hash\"\n' \
  > '$homes/$rong/当代濮阳/issues/2024-03/erpian/journal/20240301T120000Z-bbbbbb.toml'"
as "$rong" git -C "$homes/$rong/当代濮阳" add -A
as "$rong" git -C "$homes/$rong/当代濮阳" -c user.name=荣萍萍 -c user.email=rong@example.com commit -qm 审定
before=$(git -C "$shared" rev-parse HEAD)
as "$rong" git -C "$homes/$rong/当代濮阳" push -q origin HEAD 2> "$work/forged" && fail "the forged approval was taken"
cat "$work/forged"
grep -q 'galley 守卫拒绝了这次推送' "$work/forged" && grep -q '荣萍萍不符合' "$work/forged" || fail "not the guard's refusal"
[ "$(git -C "$shared" rev-parse HEAD)" = "$before" ] || fail "the shared repository moved"
runuser -u galley -- /usr/bin/galley -C "$shared" verify
kill "$desk_pid" && wait "$desk_pid" 2>/dev/null || true
desk_pid=""
echo "shared repository: two editors pushed, the desk served and wrote, the guard refused a forgery"

dpkg --purge galley
test ! -e /usr/bin/galley
echo "package built, installed, used and purged: $deb"
