#!/bin/sh
# Records tests/golden/input.sockrec, the input of tst_golden: sockscope-agent --record for three
# samples, half a second apart, in the private network namespace of demo_traffic (a server on
# 127.0.0.1:80 that closes first, a client that closes first towards 127.0.0.2:443, 40 held IPv6
# connections), inside `unshare --net --uts` with the host name golden-host. Needs root.
#   tests/golden/record-input.sh [BUILD_DIR]
# Then write the expected outputs from it and review their diff:
#   SOCKSCOPE_UPDATE_GOLDEN=1 BUILD_DIR/tests/tst_golden
set -eu
build=$(realpath "${1:-build}")
out=$(realpath "$(dirname "$0")")/input.sockrec
rm -f "$out.new"
unshare --net --uts sh -c '
    hostname golden-host
    exec "$1/tests/demo_traffic" --rate 100 -- \
        sh -c "sleep 1.5 && exec \"\$0/app/sockscope-agent\" --record \"\$1\" --samples 3 --interval 0.5" "$1" "$2"
' sh "$build" "$out.new"
mv "$out.new" "$out"
echo "wrote $out"
