#!/usr/bin/env bash
# The parsers and the recording code under AddressSanitizer and UndefinedBehaviorSanitizer
# (CMakePresets.json, preset asan-ubsan, tree build-asan/): tst_hostileinput, tst_fuzzinput (the
# fuzz pass over mutated sock_diag dump, recording and /proc fixtures), tst_framefixtures (the one frame reader:
# crafted recordings through replay, the stream and the lab, and its own fuzz pass, whole and in
# pieces), tst_hostiletext, tst_parsers, and the tests of tst_recording that need no sockscope
# binary. Any sanitizer report fails the run.
# SOCKSCOPE_FUZZ_SCALE multiplies the fuzz iterations (default here 4).
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan -j"$(nproc)"

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8
export SOCKSCOPE_FUZZ_SCALE="${SOCKSCOPE_FUZZ_SCALE:-4}"

tests=build-asan/tests
"$tests/tst_hostileinput"
"$tests/tst_fuzzinput"
"$tests/tst_framefixtures"
"$tests/tst_hostiletext"
"$tests/tst_parsers"
# The headless-command tests run the sockscope binary, which this tree does not build.
"$tests/tst_recording" summariesComeBackExactly socketTablesComeBack cutShortAnywhere damagedFrame \
    decodersRefuseGarbage
"$tests/tst_ownershistory" ownersFrameRefusesCraftedBytes recordingsCarryOwnersOverTime trackedOwnersKeepTheirHistory
echo "run-sanitizers: no sanitizer report"
