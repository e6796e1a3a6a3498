#include "views/charts/portchartpanel.h"

#include "views/charts/capturelook.h"
#include "views/charts/chartcolors.h"
#include "views/charts/chartfonts.h"
#include "views/charts/niceticks.h"
#include "core/snapshot/portbudget.h"
#include "wording/portbudgettext.h"
#include "views/charts/timeserieschart.h"
#include "itemmodels/timewaitbyportmodel.h"
#include "bridge/untrustedtext.h"
#include "sampling/windowstate.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QButtonGroup>
#include <QCheckBox>
#include <QChartView>
#include <QCursor>
#include <QDateTime>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QRadioButton>
#include <QSettings>
#include <QSplitter>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

PortChartPanel::PortChartPanel(TimeWaitByPortModel *model, QWidget *parent)
    : HistoryPanel(parent)
    , m_model(model)
    , m_byLocal(new QRadioButton(this))
    , m_byRemote(new QRadioButton(this))
    , m_ephemeralListed(new QCheckBox(this))
    , m_barView(new QChartView(this))
    , m_barSeries(new QHorizontalBarSeries(this))
    , m_bars(new QBarSet(QString(), this))
    , m_portAxis(new QBarCategoryAxis(this))
    , m_countAxis(new QValueAxis(this))
    , m_timeChart(new TimeSeriesChart(this))
{
    setUpBarChart();
    layOut();
    connectSignals();
    retranslate();
}

void PortChartPanel::setUpBarChart()
{
    QChart *chart = m_barView->chart();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_bars->setColor(ChartColors::state(TcpState::TimeWait));
    m_bars->setBorderColor(ChartColors::state(TcpState::TimeWait));
    m_barSeries->append(m_bars);
    m_barSeries->setLabelsVisible(true);
    // Outside the bar's end, in the text colour: readable on a short bar and a long one, on a
    // light palette and a dark one (inside, a short bar leaves its label on the background).
    m_barSeries->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    chart->addSeries(m_barSeries);
    chart->addAxis(m_portAxis, Qt::AlignLeft);
    chart->addAxis(m_countAxis, Qt::AlignBottom);
    m_barSeries->attachAxis(m_portAxis);
    m_barSeries->attachAxis(m_countAxis);
    m_countAxis->setLabelFormat(QStringLiteral("%.0f"));
    NiceTicks::useLocaleNumbers(chart);
    ChartFonts::apply(chart, font());
    m_bars->setLabelFont(font());
    // Bar labels go through 'g': enough digits that a count never turns into 1.2e+06.
    m_barSeries->setLabelsPrecision(12);
    // Port numbers are short: never elide them, even when bars are thin.
    m_portAxis->setTruncateLabels(false);
    m_barView->setRenderHint(QPainter::Antialiasing);
    m_barView->setMinimumHeight(100);
    m_timeChart->chart()->legend()->setAlignment(Qt::AlignRight);
    m_timeChart->setMinimumHeight(110);
}

// The side buttons above the bar chart, the time chart below it.
void PortChartPanel::layOut()
{
    auto sides = new QButtonGroup(this);
    sides->addButton(m_byLocal);
    sides->addButton(m_byRemote);
    m_byLocal->setChecked(true);
    auto bar = new QHBoxLayout;
    bar->addWidget(m_byLocal);
    bar->addWidget(m_byRemote);
    bar->addWidget(m_ephemeralListed);
    bar->addStretch(1);
    // The bar chart's title names the side shown: the buttons are for the screen only.
    CaptureLook::markLiveOnly(m_byLocal);
    CaptureLook::markLiveOnly(m_byRemote);
    CaptureLook::markLiveOnly(m_ephemeralListed);

    auto splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_barView);
    splitter->addWidget(m_timeChart);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
}

void PortChartPanel::connectSignals()
{
    // Hovering a bar names everyone behind that port's TIME-WAIT and how each was found.
    connect(m_barSeries, &QHorizontalBarSeries::hovered, this, [this](bool inside, int index) {
        const int row = m_bars->count() - 1 - index; // category 0 is drawn at the bottom
        if (inside && row >= 0 && row < m_model->rowCount() && m_model->isEphemeral(row)) {
            QToolTip::showText(QCursor::pos(), m_model->ephemeralToolTip(), m_barView);
            return;
        }
        const QString text = inside && row >= 0 && row < m_model->rowCount() ? m_model->ownersText(row) : QString();
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(QCursor::pos(),
                               UntrustedText::toolTip(tr("Port %1").arg(m_model->portLabel(row)) + QLatin1Char('\n') + text),
                               m_barView);
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &PortChartPanel::updateBars);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &PortChartPanel::updateBars);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &PortChartPanel::updateBars);
    connect(m_model, &QAbstractItemModel::modelReset, this, &PortChartPanel::updateBars);
    connect(m_byRemote, &QRadioButton::toggled, this, [this](bool remote) {
        m_model->setSide(remote ? TimeWaitByPortModel::Side::Remote : TimeWaitByPortModel::Side::Local);
        for (const QString &key : m_timeChart->seriesKeys())
            m_timeChart->removeSeries(key);
        retranslate();
        if (m_lastWindow.ring)
            showHistory(m_lastWindow);
        emit sideChanged();
    });
    // The model picks the side that concentrates TIME-WAIT on its first snapshot with some;
    // queued, because it says so from inside setSnapshot.
    connect(
        m_model, &TimeWaitByPortModel::sideChosen, this,
        [this](TimeWaitByPortModel::Side side) {
            (side == TimeWaitByPortModel::Side::Remote ? m_byRemote : m_byLocal)->setChecked(true);
        },
        Qt::QueuedConnection);
    // A click is the user's choice even on the side already shown: no automatic pick after it.
    connect(m_ephemeralListed, &QCheckBox::toggled, this, [this](bool listed) {
        m_model->setEphemeralPortsListed(listed);
        if (m_lastWindow.ring)
            showHistory(m_lastWindow);
    });
    connect(m_byLocal, &QRadioButton::clicked, this, [this] { m_model->setSide(TimeWaitByPortModel::Side::Local); });
    connect(m_byRemote, &QRadioButton::clicked, this, [this] { m_model->setSide(TimeWaitByPortModel::Side::Remote); });
}

QString PortChartPanel::seriesKey(quint16 port) const
{
    return QString::number(port);
}

void PortChartPanel::retranslate()
{
    m_byLocal->setText(tr("By local port"));
    m_byLocal->setToolTip(tr("TIME-WAIT held on this host's own port: this host closed first, as an HTTP "
                             "server does."));
    m_ephemeralListed->setText(tr("Ephemeral ports one by one"));
    m_ephemeralListed->setToolTip(tr("Off: the ports inside ip_local_port_range are one bar, \"ephemeral\", as each "
                                     "says little (connect() picked it). For remote ports this host's range stands "
                                     "for the peers', which is not known."));
    m_byRemote->setText(tr("By remote port"));
    m_byRemote->setToolTip(tr("TIME-WAIT towards a remote port: this host closed first as a client, and each "
                              "entry holds one of its local ports.")
                           + (m_budgetText.isEmpty() ? QString() : QLatin1Char(' ') + m_budgetText));
    const bool remote = m_model->side() == TimeWaitByPortModel::Side::Remote;
    if (m_moment.isEmpty())
        m_barView->chart()->setTitle(remote ? tr("TIME-WAIT by remote port, now") : tr("TIME-WAIT by local port, now"));
    else
        m_barView->chart()->setTitle(remote ? tr("TIME-WAIT by remote port at %1").arg(m_moment)
                                            : tr("TIME-WAIT by local port at %1").arg(m_moment));
    m_bars->setLabel(tr("TIME-WAIT"));
    m_timeChart->setTitle(remote ? tr("Those remote ports over time") : tr("Those ports over time"));
    m_timeChart->setValueTitle(tr("TIME-WAIT"));
    for (const QString &key : m_timeChart->seriesKeys())
        m_timeChart->setSeriesName(key, key);
    ChartColors::applyPalette(m_barView->chart(), palette());
    m_bars->setLabelColor(palette().color(QPalette::Text));
    m_barSeries->setLabelsVisible(true);
}

void PortChartPanel::follow(const WindowState *state, SnapshotUpdates snapshots)
{
    // The model first: the bars redraw from it before the panel's own showSnapshot().
    connect(state, &WindowState::snapshotChanged, m_model, &TimeWaitByPortModel::setSnapshot);
    HistoryPanel::follow(state, snapshots);
    connect(state, &WindowState::momentChanged, this, [this, state](const SampleSummary &summary) {
        m_model->setSummary(summary);
        if (state->isReplay())
            setMoment(QDateTime::fromMSecsSinceEpoch(summary.timeMs).toString(QStringLiteral("HH:mm:ss")));
    });
    connect(this, &PortChartPanel::sideChanged, this, [this, state] {
        if (state->isReplay() && !state->history().isEmpty())
            m_model->setSummary(state->history().at(state->viewEnd())); // the moment under the slider
        else
            m_model->setSnapshot(state->latest());
    });
}

void PortChartPanel::setMoment(const QString &time)
{
    if (time == m_moment)
        return;
    m_moment = time;
    retranslate();
}

void PortChartPanel::showSnapshot(const SnapshotPtr &snapshot)
{
    const QString text = snapshot ? PortBudgetText::forNamespace(PortBudgetSettings::fromReadings(snapshot->sysctls)) : QString();
    if (text != m_budgetText) {
        m_budgetText = text;
        retranslate();
    }
}

QChart *PortChartPanel::barChart() const
{
    return m_barView->chart();
}

bool PortChartPanel::event(QEvent *event)
{
    if (event->type() == CaptureLook::changedEvent()) {
        // In a picture the time chart's whole legend adds height; the bars keep theirs rather
        // than give it up (a squeezed bar chart drops its port labels).
        m_barView->setMinimumHeight(CaptureLook::isCapturing(this) ? qMax(100, m_barView->height()) : 100);
        return true;
    }
    return HistoryPanel::event(event);
}

void PortChartPanel::changeEvent(QEvent *event)
{
    // The time chart follows the palette by itself; the bar chart is a plain QChartView.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        ChartColors::applyPalette(m_barView->chart(), palette());
        m_bars->setLabelColor(palette().color(QPalette::Text));
    }
    if (event->type() == QEvent::FontChange) {
        ChartFonts::apply(m_barView->chart(), font());
        m_bars->setLabelFont(font());
        updateBars(); // as many bars as leave room for their labels
    }
    HistoryPanel::changeEvent(event);
}

void PortChartPanel::updateBars()
{
    // Largest on top: a horizontal bar chart draws category 0 at the bottom.
    // No more bars than leave room for every port's label: a category axis that runs out of room
    // drops labels, and a bar without its port number says nothing.
    const int room = m_barView->height() > 0 ? (m_barView->height() - 70) / (fontMetrics().height() + 4) : m_model->rowCount();
    const int rows = qMin(m_model->rowCount(), qMax(3, room));
    QStringList categories;
    double maximum = 0;
    if (m_bars->count() > rows)
        m_bars->remove(rows, m_bars->count() - rows);
    for (int i = 0; i < rows; ++i) {
        const int row = rows - 1 - i;
        // "80 · nginx": the port, and who is behind its TIME-WAIT when the table says (escaped:
        // Qt Charts lays axis labels out as HTML; cut short, so the bars keep their room).
        QString owner = m_model->ownerShort(row);
        if (owner.size() > MaximumOwnerLabel)
            owner = owner.left(MaximumOwnerLabel - 1) + QChar(0x2026);
        categories << (owner.isEmpty() ? m_model->portLabel(row)
                                       : QStringLiteral("%1 · %2").arg(m_model->portLabel(row), owner.toHtmlEscaped()));
        const double value = m_model->count(row);
        maximum = qMax(maximum, value);
        if (i < m_bars->count())
            m_bars->replace(i, value);
        else
            m_bars->append(value);
    }
    m_portAxis->setCategories(categories);
    // Round ticks, and room past the longest bar for its label.
    const double step = qMax(1.0, NiceTicks::valueStep(qMax(4.0, maximum * 1.25), 4));
    m_countAxis->setTickType(QValueAxis::TicksDynamic);
    m_countAxis->setTickAnchor(0);
    m_countAxis->setTickInterval(step);
    m_countAxis->setRange(0, std::ceil(qMax(4.0, maximum * 1.25) / step) * step);
}

void PortChartPanel::showHistory(const HistoryWindow &w)
{
    m_lastWindow = w;
    const bool remote = m_model->side() == TimeWaitByPortModel::Side::Remote;
    QStringList wanted;
    // The ephemeral row has no line: a summary tracks ports, not the range's sum.
    for (int row = 0; row < qMin(m_model->rowCount(), PortsOverTime); ++row) {
        if (!m_model->isEphemeral(row))
            wanted << seriesKey(m_model->port(row));
    }
    for (const QString &key : m_timeChart->seriesKeys()) {
        if (!wanted.contains(key))
            m_timeChart->removeSeries(key);
    }
    m_timeChart->showWindow(w);
    for (const QString &key : wanted) {
        const auto port = quint16(key.toUInt());
        if (!m_timeChart->hasSeries(key)) {
            // Colours belong to ports, not to rows: a port keeps the colour it had whenever it was
            // shown before, unless a port on screen has it now; a new one takes the first free one.
            QList<int> used;
            for (const QString &shown : m_timeChart->seriesKeys())
                used << m_portColors.value(quint16(shown.toUInt()), -1);
            const int color = ChartColors::seriesIndex(m_portColors.value(port, -1), used);
            m_portColors.insert(port, color);
            m_timeChart->addSeries(key, ChartColors::series(color));
            m_timeChart->setSeriesName(key, key);
        }
        m_timeChart->setSeriesPoints(
            key,
            w.points([&](const SampleSummary &s) { return qMax<qint64>(0, s.timeWaitOnPort(remote, port)); },
                     [&](const SampleSummary &s) { return s.timeWaitOnPort(remote, port) >= 0; }));
    }
    // The legend lists the ports by their count at the window's end, largest first.
    std::vector<std::pair<qint64, QString>> byCount;
    const SampleSummary *end = w.last > w.first ? &w.ring->at(w.last - 1) : nullptr;
    for (const QString &key : std::as_const(wanted))
        byCount.emplace_back(end ? end->timeWaitOnPort(remote, quint16(key.toUInt())) : 0, key);
    std::stable_sort(byCount.begin(), byCount.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QStringList order;
    for (const auto &entry : byCount)
        order << entry.second;
    m_timeChart->setSeriesOrder(order);
    m_timeChart->rescale();
}

// The side is not restored: each session opens on the side that concentrates TIME-WAIT now
// (TimeWaitByPortModel decides on the first snapshot with some), which is what the operator
// came to look at; yesterday's choice may belong to another host's problem.
void PortChartPanel::saveSettings(QSettings &) const { }

void PortChartPanel::restoreSettings(const QSettings &) { }
