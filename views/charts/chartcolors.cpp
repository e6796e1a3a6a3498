#include "views/charts/chartcolors.h"

#include <QAbstractAxis>
#include <QChart>
#include <QPalette>

namespace ChartColors {

QColor state(TcpState state)
{
    switch (state) {
    case TcpState::Established: return QColor(0x2c, 0xa0, 0x2c);
    case TcpState::TimeWait: return QColor(0xff, 0x7f, 0x0e);
    case TcpState::Listen: return QColor(0x1f, 0x77, 0xb4);
    case TcpState::SynSent: return QColor(0x94, 0x67, 0xbd);
    case TcpState::SynRecv: return QColor(0xe3, 0x77, 0xc2);
    case TcpState::NewSynRecv: return QColor(0xf7, 0xb6, 0xd2);
    case TcpState::FinWait1: return QColor(0x17, 0xbe, 0xcf);
    case TcpState::FinWait2: return QColor(0x9e, 0xda, 0xe5);
    case TcpState::CloseWait: return QColor(0x8c, 0x56, 0x4b);
    case TcpState::LastAck: return QColor(0x7f, 0x7f, 0x7f);
    case TcpState::Closing: return QColor(0xbc, 0xbd, 0x22);
    case TcpState::Close: return QColor(0xc7, 0xc7, 0xc7);
    case TcpState::Unknown:
    case TcpState::COUNT: break;
    }
    return QColor(0x7f, 0x7f, 0x7f);
}

QColor series(int index)
{
    // No TIME-WAIT orange: the per-port bars beside the per-port lines are TIME-WAIT orange, and a
    // port line in that colour reads as the bar of another port. Teal in its place.
    static const QColor palette[] = {
        QColor(0x1f, 0x77, 0xb4), QColor(0x00, 0x89, 0x7b), QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd),
        QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2), QColor(0x17, 0xbe, 0xcf), QColor(0xbc, 0xbd, 0x22),
    };
    return palette[index % 8];
}

QColor warning()
{
    return QColor(0xd6, 0x27, 0x28);
}

QColor caution()
{
    // Dark amber: white text on it and a light or dark window around it both stay readable.
    return QColor(0xc7, 0x7c, 0x02);
}

QColor fill(FillLevel::Level level, const QColor &normal)
{
    switch (level) {
    case FillLevel::Level::Warning: return caution();
    case FillLevel::Level::Critical: return warning();
    case FillLevel::Level::Normal: break;
    }
    return normal;
}

void applyPalette(QChart *chart, const QPalette &palette)
{
    chart->setBackgroundBrush(palette.base());
    chart->setBackgroundPen(Qt::NoPen);
    chart->setTitleBrush(palette.text());
    QColor grid = palette.color(QPalette::Text);
    grid.setAlphaF(0.15f);
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsBrush(palette.text());
        axis->setTitleBrush(palette.text());
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
        axis->setMinorGridLineColor(grid);
    }
}

}

int ChartColors::seriesIndex(int previous, const QList<int> &used)
{
    if (previous >= 0 && !used.contains(previous))
        return previous;
    int index = 0;
    while (used.contains(index))
        ++index;
    return index;
}
