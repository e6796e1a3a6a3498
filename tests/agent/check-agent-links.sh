#!/bin/sh
# sockscope-agent runs on a server with nothing installed: it may need libc, libm, the dynamic
# loader and libmnl.so.0 (libmnl0 is wherever iproute2 is), nothing else (no Qt, no libz, no
# libstdc++ or libgcc_s: those are linked in). Prints the newest glibc symbol version it needs and
# fails when it is newer than the minimum given as $2.
set -u
agent=$1
needed=$(objdump -p "$agent" | awk '/NEEDED/ {print $2}')
status=0
for library in $needed; do
    case $library in
        libc.so.6 | libm.so.6 | libmnl.so.0 | ld-linux-*.so.*) ;;
        *) echo "check-agent-links: $agent needs $library" >&2; status=1 ;;
    esac
done
if ldd "$agent" | grep -E 'libQt|libz\.so|libstdc\+\+|libgcc_s'; then
    echo "check-agent-links: the lines above should not be there" >&2
    status=1
fi
echo "needs: $needed"
newest=$(objdump -T "$agent" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
echo "newest glibc symbol version: $newest"
# docs/remote-hosts.md and the push refusal promise the agent runs on glibc $2 (CMake's
# SOCKSCOPE_AGENT_MINIMUM_GLIBC): it must not need a newer symbol than that.
if [ -n "${2:-}" ] && [ "$(printf '%s\n%s\n' "GLIBC_$2" "$newest" | sort -V | tail -1)" != "GLIBC_$2" ]; then
    echo "check-agent-links: needs $newest, newer than the documented minimum glibc $2" >&2
    status=1
fi
exit $status
