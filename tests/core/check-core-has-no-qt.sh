#!/bin/sh
# The collection core has no Qt: no file under model/core includes a Qt header or uses a Qt
# macro or type, and a program built from the core targets alone runs and links no Qt library.
# Usage: check-core-has-no-qt.sh SOURCE_DIR CORE_ONLY_PROGRAM
set -u
source_dir=$1
program=$2
status=0
if grep -rnE '#[[:space:]]*include[[:space:]]*[<"]Q|\bQ_[A-Z_]+\(|\bQ(String|ByteArray|List|Map|Hash|Object)\b|\bq(int|uint)(8|16|32|64)\b' \
        "$source_dir/model/core"; then
    echo "check-core-has-no-qt: the lines above bring Qt into model/core" >&2
    status=1
fi
if ldd "$program" | grep -i 'libQt'; then
    echo "check-core-has-no-qt: $program links Qt" >&2
    status=1
fi
# Each core CMakeLists.txt links only what its first line says: libmnl, zlib or another core target.
if grep -nE 'Qt6::|Qt::' "$source_dir"/model/core/*/CMakeLists.txt "$source_dir"/model/core/CMakeLists.txt; then
    echo "check-core-has-no-qt: a core target links Qt" >&2
    status=1
fi
"$program" >/dev/null || status=1
exit $status
