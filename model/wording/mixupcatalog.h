#pragma once

#include <QCoreApplication>
#include <QString>

#include <vector>

// What trainees mix up about TIME-WAIT, and the popular write-up's errors corrected, each
// checked against the Linux 6.18 sources and, where a kernel can show it, measured in a private
// namespace (tests/tst_kernelfacts.cpp, which also runs each one's "see it yourself" commands).
// Texts are translatable sources, translated when shown.
struct MixUp
{
    const char *id; // also the key of its "see it yourself" commands
    const char *title;
    const char *text;
};

class MixUpCatalog
{
    Q_DECLARE_TR_FUNCTIONS(MixUpCatalog)

public:
    static const std::vector<MixUp> &entries();
    static QString text(const char *source);
};
