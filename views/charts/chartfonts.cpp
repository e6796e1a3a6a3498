#include "views/charts/chartfonts.h"

#include <QAbstractAxis>
#include <QChart>
#include <QFont>
#include <QLegend>

namespace ChartFonts {

void apply(QChart *chart, const QFont &font)
{
    chart->setTitleFont(font);
    chart->legend()->setFont(font);
    const auto axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        axis->setLabelsFont(font);
        axis->setTitleFont(font);
    }
}

}
