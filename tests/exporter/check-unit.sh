#!/bin/sh
# resources/sockscope-agent.service: the sandbox docs/exporter.md promises is there, and systemd-analyze
# verify finds nothing wrong with the unit (pointed at the built agent, as it is not installed here).
# Usage: check-unit.sh CONFIGURED_UNIT AGENT
set -u
unit=$1
agent=$2
status=0
for line in DynamicUser=yes ProtectSystem=strict PrivateTmp=yes NoNewPrivileges=yes \
    'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK' 'CapabilityBoundingSet='; do
    grep -qx "$line" "$unit" || { echo "check-unit: no '$line' in $unit" >&2; status=1; }
done
grep -q '^ExecStart=.*--metrics-listen 127\.0\.0\.1:' "$unit" || { echo "check-unit: ExecStart does not listen on loopback" >&2; status=1; }
if ! command -v systemd-analyze >/dev/null; then
    echo "check-unit: systemd-analyze not installed: verify skipped"
    exit $status
fi
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
sed "s|^ExecStart=[^ ]*|ExecStart=$agent|" "$unit" > "$dir/sockscope-agent.service"
if ! output=$(systemd-analyze verify "$dir/sockscope-agent.service" 2>&1) || [ -n "$output" ]; then
    echo "check-unit: systemd-analyze verify: $output" >&2
    status=1
fi
exit $status
