#!/bin/sh
# The agent is what sockscope copies to a server (--push-agent): it goes without symbols or debug
# information (they made it 16 times larger), and its debug information stays next to it in the
# build tree, in $1.debug, named by the agent's .gnu_debuglink so gdb finds it.
set -u
agent=$1
status=0
sections=$(readelf -S -W "$agent" | awk '{for (i = 1; i <= NF; ++i) if ($i ~ /^\.(debug_|symtab|gnu_debuglink)/) print $i}')
if echo "$sections" | grep -q -E '^\.(debug_|symtab)'; then
    echo "check-agent-stripped: $agent has $(echo $sections)" >&2
    status=1
fi
size=$(stat -c %s "$agent")
echo "agent: $size bytes"
if [ "$size" -gt 2000000 ]; then
    echo "check-agent-stripped: $agent is $size bytes, above 2,000,000" >&2
    status=1
fi
link=$(readelf -p .gnu_debuglink "$agent" 2>/dev/null | awk '/\]/ {print $3; exit}')
if [ "$link" != "$(basename "$agent").debug" ]; then
    echo "check-agent-stripped: .gnu_debuglink names \"$link\", not $(basename "$agent").debug" >&2
    status=1
fi
if ! readelf -S -W "$agent.debug" 2>/dev/null | grep -q '\.debug_info'; then
    echo "check-agent-stripped: $agent.debug holds no .debug_info" >&2
    status=1
fi
exit $status
