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
    bin/sockscope-agent \
    libexec/sockscope/sockscope-sysctl-helper \
    libexec/sockscope/sockscope-window \
    share/polkit-1/actions/org.sockscope.sysctl.policy \
    share/applications/org.sockscope.sockscope.desktop \
    share/metainfo/org.sockscope.sockscope.metainfo.xml \
    share/icons/hicolor/scalable/apps/org.sockscope.sockscope.svg \
    share/mime/packages/sockscope-recording.xml \
    share/sockscope/translations/sockscope_zh_CN.qm \
    share/man/man1/sockscope.1 \
    share/bash-completion/completions/sockscope \
    share/zsh/vendor-completions/_sockscope \
    lib/systemd/system/sockscope-agent.service \
    share/sockscope/grafana/sockscope-dashboard.json \
    share/sockscope/prometheus/sockscope-alerts.yml; do
    [ -e "$root$prefix/$file" ] || fail "missing $prefix/$file"
done
[ -x "$root$prefix/bin/sockscope" ] || fail "sockscope is not executable"

# pkexec finds the action by the helper's path: it must be where the helper really is.
helper=$(sed -n 's|.*org.freedesktop.policykit.exec.path">\(.*\)</annotate>.*|\1|p' \
         "$root$prefix/share/polkit-1/actions/org.sockscope.sysctl.policy" | sort -u)
[ "$helper" = "$prefix/libexec/sockscope/sockscope-sysctl-helper" ] || fail "policy names $helper"
[ -x "$root$helper" ] || fail "no executable helper at $helper"

# The installed files themselves, not only the sources (packaging-check.sh checks those pedantically).
bash "$(dirname "$0")/packaging-check.sh" \
    "$root$prefix/share/applications/org.sockscope.sockscope.desktop" \
    "$root$prefix/share/metainfo/org.sockscope.sockscope.metainfo.xml" \
    "$root$prefix/share/man/man1/sockscope.1" || fail "installed desktop files or man page not clean"
# The bash completion loads and completes an option's values.
completion=$(bash -c 'source /usr/share/bash-completion/bash_completion 2>/dev/null || true
    source "$1"; COMP_WORDS=(sockscope --format j); COMP_CWORD=2; COMP_LINE="sockscope --format j"
    COMP_POINT=${#COMP_LINE}; _sockscope; echo "${COMPREPLY[*]}"' _ "$root$prefix/share/bash-completion/completions/sockscope")
[ "$completion" = json ] || fail "bash completion of --format j gave '$completion'"
"$root$prefix/bin/sockscope" --version | grep -q '^sockscope ' || fail "installed sockscope does not run"
# The window is a program of its own in libexec, found from bin/sockscope's own place (here under
# DESTDIR, so not through the configured prefix): it opens offscreen and saves a screenshot.
QT_QPA_PLATFORM=offscreen HOME="$root" "$root$prefix/bin/sockscope" --screenshot "$root/window.png" --samples 1 --lang en \
    || fail "installed sockscope does not open its window"
[ -s "$root/window.png" ] || fail "installed sockscope saved no screenshot"
echo "install-check: all files in place under $prefix"
