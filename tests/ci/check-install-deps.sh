#!/bin/sh
# Installing to run never installs what only the tests need: the default package list of
# .ci/install-deps has no server, display or test tool, and --tests adds them.
# Usage: check-install-deps.sh SOURCE_DIR
set -u
deps="$1/.ci/install-deps"
status=0
run=$(bash "$deps" --list) || exit 1
tests=$(bash "$deps" --list --tests) || exit 1
for package in prometheus prometheus-node-exporter openssh-server sudo dbus-daemon strace xvfb openbox xdotool systemd; do
    if printf '%s\n' "$run" | grep -qx "$package"; then
        echo "check-install-deps: the run/build list installs $package, which only the tests need" >&2
        status=1
    fi
    if ! printf '%s\n' "$tests" | grep -qx "$package"; then
        echo "check-install-deps: --tests does not install $package" >&2
        status=1
    fi
done
for package in qt6-base-dev libmnl-dev libmicrohttpd-dev pkexec polkitd openssh-client; do
    printf '%s\n' "$run" | grep -qx "$package" || { echo "check-install-deps: $package missing from the run/build list" >&2; status=1; }
done
if bash "$deps" --bogus 2>/dev/null; [ $? -ne 2 ]; then
    echo "check-install-deps: an unknown option must exit 2" >&2
    status=1
fi
exit $status
