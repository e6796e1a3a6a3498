#!/bin/sh
# Each layer keeps its rule, read from its includes (an include says its layer: "core/collect/x.h",
# "sources/x.h", "views/charts/x.h") and from what its targets link:
#   - views/ never talks to the kernel: no collector or owners header, no kernel or socket header, no
#     fork/clone/unshare/setns;
#   - model/ has no Widgets: no views/ header, no Qt Gui, Widgets or Charts module, and no model
#     CMakeLists.txt links one;
#   - model/core has no Qt (tests/core/check-core-has-no-qt.sh, the ctest core_has_no_qt, says more).
# Usage: check-layers.sh SOURCE_DIR
set -u
source_dir=$1
status=0
fail() {
    echo "check-layers: $1" >&2
    status=1
}
# Plain data from the core (TcpState, KernelDefaults, NamespaceIdentity) may be shown; what reads the
# kernel may not be included.
readers='core/collect/(sockdiagcollector|procfile|networknamespace|sysctlreader|peersocketlookup|loopbackinterface|btfstructsizes|largetable|slabinfoparser|sockstatparser|procnetcountersparser|kernelfacts)|core/owners/(processsocketmap|socketownertracker|cgroupnames)|core/lab/(labnamespace|labload)|core/snapshot/snapshotcollector'
if grep -rnE "#[[:space:]]*include[[:space:]]*(\"($readers)\.h\"|<(linux|libmnl)/|<sys/(socket|mount)\.h>|<sched\.h>)" \
        "$source_dir/views"; then
    fail "the lines above bring kernel code into views/"
fi
if grep -rnwE '(fork|vfork|clone|clone3|unshare|setns|socket|readlinkat|openat)[[:space:]]*\(' "$source_dir/views" \
        | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//'; then
    fail "the lines above call the kernel from views/"
fi
if grep -rnE '#[[:space:]]*include[[:space:]]*("views/|<Qt(Gui|Widgets|Charts|Svg)/|<Q(Widget|Application|Painter|Pixmap|Image|Icon|Font|Color|Palette|Chart|ChartView)>)' \
        "$source_dir/model"; then
    fail "the lines above bring widgets into model/"
fi
if grep -nE '^[^#]*(Qt6::(Gui|Widgets|Charts|Svg)|\bviews\b)' $(find "$source_dir/model" -name CMakeLists.txt); then
    fail "a model target links Gui, Widgets, Charts or the views"
fi
exit $status
