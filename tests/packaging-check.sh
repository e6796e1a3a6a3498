#!/usr/bin/env bash
# The desktop entry, AppStream metainfo and manual page must be clean, not merely valid:
# desktop-file-validate prints nothing (not even hints), appstreamcli validate --pedantic reports
# no issue of any severity, and groff renders the page with every warning enabled (-ww) silently.
# Usage: packaging-check.sh DESKTOP METAINFO MANPAGE
set -euo pipefail
desktop=$1
metainfo=$2
manpage=$3
status=0

out=$(desktop-file-validate "$desktop" 2>&1) || true
if [ -n "$out" ]; then echo "desktop-file-validate: $out" >&2; status=1; fi

# appstream 0.16 (Debian 12): --pedantic adds hints, --no-net keeps URL checks offline; --strict
# fails on anything above pedantic, and any line "P:", "I:", "W:" or "E:" is an issue.
out=$(appstreamcli validate --pedantic --strict --no-net "$metainfo" 2>&1) || status=1
if grep -qE '^[PIWE]: ' <<<"$out"; then echo "appstreamcli: $out" >&2; status=1; fi

# appstream 0.16 does not insist on these; software centres show them.
for element in '<project_license>GPL-2.0-or-later</project_license>' '<metadata_license>' \
               '<url type="homepage">https://' '<developer_name>' '<screenshot type="default">' \
               '<content_rating type="oars-1.1"'; do
    grep -qF "$element" "$metainfo" || { echo "metainfo lacks $element" >&2; status=1; }
done

out=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$manpage" 2>&1) || status=1
if [ -n "$out" ]; then echo "groff: $out" >&2; status=1; fi
# man-db's own check (the same groff, through man's preprocessor pipeline).
out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$manpage" 2>&1 >/dev/null) || status=1
if [ -n "$out" ]; then echo "man: $out" >&2; status=1; fi

[ $status -eq 0 ] && echo "packaging-check: $desktop, $metainfo and $manpage are clean"
exit $status
