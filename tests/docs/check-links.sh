#!/usr/bin/env bash
# The README and the pages under docs/ link each other and the tree: every relative link must name
# a file that exists and, with a #fragment, a heading of that page (GitHub's anchors: lower case,
# punctuation dropped, spaces as hyphens).
# Usage: check-links.sh SOURCE_DIR
set -euo pipefail
cd "$1"
anchors() {
    awk '/^```/ { fence = !fence; next } !fence && /^#+ / { sub(/^#+ /, ""); print }' "$1" |
        tr '[:upper:]' '[:lower:]' | sed -e 's/[^a-z0-9 _-]//g' -e 's/ /-/g'
}
failures=0
for page in README.md docs/*.md; do
    while IFS= read -r link; do
        case "$link" in http://* | https://* | mailto:*) continue ;; esac
        path=${link%%#*}
        fragment=
        [[ $link == *#* ]] && fragment=${link#*#}
        target=$page
        [ -n "$path" ] && target=$(realpath -m --relative-to=. "$(dirname "$page")/$path")
        if [ ! -e "$target" ]; then
            echo "$page: $link: no such file" >&2
            failures=$((failures + 1))
        elif [ -n "$fragment" ] && ! anchors "$target" | grep -qx -- "$fragment"; then
            echo "$page: $link: no such heading in $target" >&2
            failures=$((failures + 1))
        fi
    done < <(grep -o '](\([^) ]*\))' "$page" | sed -e 's/^](//' -e 's/)$//')
done
[ "$failures" -eq 0 ] && echo "every link of README.md and docs/ resolves"
exit $((failures > 0))
