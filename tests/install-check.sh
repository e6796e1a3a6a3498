#!/usr/bin/env bash
# cmake --install into a scratch DESTDIR: every file in its place, the polkit policy naming the
# helper where it was installed, and the desktop files valid.
set -euo pipefail
build=$1
prefix=$2
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
DESTDIR="$root" cmake --install "$build" >/dev/null

fail() { echo "install-check: $*" >&2; exit 1; }
for file in \
    bin/sockscope \
    libexec/sockscope/sockscope-sysctl-helper \
    share/polkit-1/actions/org.sockscope.sysctl.policy \
    share/applications/org.sockscope.sockscope.desktop \
    share/metainfo/org.sockscope.sockscope.metainfo.xml \
    share/icons/hicolor/scalable/apps/org.sockscope.sockscope.svg \
    share/mime/packages/sockscope-recording.xml \
    share/sockscope/translations/sockscope_zh_CN.qm; do
    [ -e "$root$prefix/$file" ] || fail "missing $prefix/$file"
done
[ -x "$root$prefix/bin/sockscope" ] || fail "sockscope is not executable"

# pkexec finds the action by the helper's path: it must be where the helper really is.
helper=$(sed -n 's|.*org.freedesktop.policykit.exec.path">\(.*\)</annotate>.*|\1|p' \
         "$root$prefix/share/polkit-1/actions/org.sockscope.sysctl.policy" | sort -u)
[ "$helper" = "$prefix/libexec/sockscope/sockscope-sysctl-helper" ] || fail "policy names $helper"
[ -x "$root$helper" ] || fail "no executable helper at $helper"

desktop-file-validate "$root$prefix/share/applications/org.sockscope.sockscope.desktop" | grep -v ': hint:' \
    && fail "desktop file has errors" || true
appstreamcli validate --no-net "$root$prefix/share/metainfo/org.sockscope.sockscope.metainfo.xml" >/dev/null \
    || fail "metainfo does not validate"
"$root$prefix/bin/sockscope" --version | grep -q '^sockscope ' || fail "installed sockscope does not run"
echo "install-check: all files in place under $prefix"
