#pragma once

#include "kernelfigures.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

// /proc/slabinfo version 2.1:
// name <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables ... : slabdata <active_slabs> <num_slabs> <sharedavail>
class SlabinfoParser
{
    Q_DECLARE_TR_FUNCTIONS(SlabinfoParser)

public:
    // Fills the rows of the TCP caches present in `text` as exact figures. A cache whose row is
    // missing (merged into another cache, or not on this kernel) is left as Source::None.
    static bool parse(const QByteArray &text, qint64 pageSize, SlabFigures *figures, QString *error);
};
