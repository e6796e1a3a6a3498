#include "views/charts/processtimewaitpanel.h"

#include "views/charts/chartcolors.h"
#include "views/charts/timeserieschart.h"
#include "itemmodels/timewaitbyprocessmodel.h"
#include "bridge/untrustedtext.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWhatsThis>

#include <algorithm>

ProcessTimeWaitPanel::ProcessTimeWaitPanel(TimeWaitByProcessModel *model, QWidget *parent)
    : HistoryPanel(parent)
    , m_model(model)
    , m_view(new QTableView(this))
    , m_scope(new QLabel(this))
    , m_wordsHelp(new QToolButton(this))
    , m_timeChart(new TimeSeriesChart(this))
    , m_historyNote(new QLabel(this))
{
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    // A dozen rows at most: every column but the last is measured to its cells and (translated)
    // header, so "python3 ×6 processes" is whole on a 1024 px screen and in a picture, which has
    // no tooltip; the short words of Found take the rest.
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(TimeWaitByProcessModel::How, QHeaderView::Stretch);
    // Room for the header and three rows (an owner or two, "other", "not attributed") and a
    // scroll bar, whatever the dock's height: below that the table says nothing.
    m_view->setMinimumHeight(m_view->horizontalHeader()->sizeHint().height() + 3 * m_view->verticalHeader()->defaultSectionSize()
                             + m_view->horizontalScrollBar()->sizeHint().height() + 2 * m_view->frameWidth());
    m_scope->setWordWrap(true);
    // The words of the Found column (and of the socket table and the port bars' tooltips)
    // explained where they are read, one click away, not only in a header's tooltip.
    m_wordsHelp->setObjectName(QStringLiteral("ownerWordsHelp"));
    m_wordsHelp->setAutoRaise(true);
    m_wordsHelp->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_wordsHelp, &QToolButton::clicked, this, [this] {
        QWhatsThis::showText(m_wordsHelp->mapToGlobal(QPoint(0, m_wordsHelp->height())),
                             UntrustedText::toolTip(TimeWaitByProcessModel::foundWordsExplained()), m_wordsHelp);
    });
    m_timeChart->chart()->legend()->setAlignment(Qt::AlignRight);
    m_timeChart->setMinimumHeight(110);
    m_historyNote->setWordWrap(true);
    m_historyNote->setTextFormat(Qt::PlainText);

    auto top = new QWidget(this);
    auto topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_view, 1);
    auto scopeRow = new QHBoxLayout;
    scopeRow->addWidget(m_scope, 1);
    scopeRow->addWidget(m_wordsHelp, 0, Qt::AlignTop);
    topLayout->addLayout(scopeRow);
    auto bottom = new QWidget(this);
    auto bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_timeChart, 1);
    bottomLayout->addWidget(m_historyNote);
    auto splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setChildrenCollapsible(false);
    // A host has a few owners of TIME-WAIT: most of the height goes to the chart, so it keeps
    // its legend (TimeSeriesChart drops it below 190 px).
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    m_view->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(splitter, 1);
    retranslate();
}

QString ProcessTimeWaitPanel::seriesKey(quint64 ownerKey)
{
    return QString::number(ownerKey, 16);
}

QString ProcessTimeWaitPanel::unattributedKey()
{
    return QStringLiteral("unattributed");
}

void ProcessTimeWaitPanel::showSnapshot(const SnapshotPtr &snapshot)
{
    m_model->setSnapshot(snapshot);
    retranslate();
}

void ProcessTimeWaitPanel::showHistory(const HistoryWindow &w)
{
    // The lines: the owners tracked at the window's end, most TIME-WAIT there first. An owner
    // that left the top keeps its line while it is still tracked (its count falls to what it is).
    const SampleSummary *end = w.last > w.first ? &w.ring->at(w.last - 1) : nullptr;
    std::vector<std::pair<std::uint32_t, quint64>> byCount;
    if (end) {
        for (int i = 0; i < end->ownerCount; ++i)
            byCount.emplace_back(end->owners[std::size_t(i)].count, end->owners[std::size_t(i)].key);
    }
    std::stable_sort(byCount.begin(), byCount.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    if (int(byCount.size()) > OwnersOverTime)
        byCount.resize(std::size_t(OwnersOverTime));
    m_ownersInWindow = false;
    bool unattributed = false;
    for (int i = w.first; i < w.last; ++i) {
        const SampleSummary &s = w.ring->at(i);
        m_ownersInWindow = m_ownersInWindow || s.ownersKnown;
        unattributed = unattributed || (s.ownersKnown && s.timeWaitUnattributed > 0);
    }

    QStringList wanted;
    for (const auto &entry : byCount)
        wanted << seriesKey(entry.second);
    if (unattributed)
        wanted << unattributedKey();
    for (const QString &key : m_timeChart->seriesKeys()) {
        if (!wanted.contains(key))
            m_timeChart->removeSeries(key);
    }
    m_timeChart->showWindow(w);
    const OwnerLabelBook &book = w.ring->ownerLabels();
    for (const auto &entry : byCount) {
        const quint64 owner = entry.second;
        const QString key = seriesKey(owner);
        if (!m_timeChart->hasSeries(key)) {
            // As for ports: an owner keeps its colour while no line on screen has taken it.
            QList<int> used;
            for (const QString &shown : m_timeChart->seriesKeys())
                used << m_ownerColors.value(shown.toULongLong(nullptr, 16), -1);
            const int color = ChartColors::seriesIndex(m_ownerColors.value(owner, -1), used);
            m_ownerColors.insert(owner, color);
            m_timeChart->addSeries(key, ChartColors::series(color));
        }
        const OwnerLabel *label = book.find(owner);
        m_ownerNames.insert(key, label ? TimeWaitByProcessModel::ownerName(*label) : QString());
        m_timeChart->setSeriesPoints(
            key,
            w.points([owner](const SampleSummary &s) { return qMax<qint64>(0, s.timeWaitOfOwner(owner)); },
                     [owner](const SampleSummary &s) { return s.timeWaitOfOwner(owner) >= 0; }));
    }
    if (unattributed) {
        if (!m_timeChart->hasSeries(unattributedKey()))
            m_timeChart->addSeries(unattributedKey(), palette().color(QPalette::PlaceholderText), Qt::DashLine, 1.5);
        m_timeChart->setSeriesPoints(unattributedKey(),
                                     w.points([](const SampleSummary &s) { return s.timeWaitUnattributed; },
                                              [](const SampleSummary &s) { return s.ownersKnown; }));
    }
    m_timeChart->setSeriesOrder(wanted);
    m_timeChart->rescale();
    nameSeries();
}

void ProcessTimeWaitPanel::nameSeries()
{
    for (const QString &key : m_timeChart->seriesKeys()) {
        if (key == unattributedKey()) {
            m_timeChart->setSeriesName(key, tr("not attributed"));
            continue;
        }
        const QString name = m_ownerNames.value(key);
        m_timeChart->setSeriesName(key, name.isEmpty() ? tr("unnamed owner") : name);
    }
    m_historyNote->setText(m_ownersInWindow ? QString()
                                            : tr("No owners over this time: this recording or stream comes from a "
                                                 "sockscope that did not send them."));
    m_historyNote->setVisible(!m_historyNote->text().isEmpty());
}

void ProcessTimeWaitPanel::retranslate()
{
    // Headers and cells are worded when painted: a language change needs a repaint only.
    m_view->horizontalHeader()->viewport()->update();
    m_view->viewport()->update();
    m_scope->setText(m_model->scopeText());
    m_scope->setVisible(!m_scope->text().isEmpty());
    //: Opens the explanation of exact, via listener, likely… (the Found column's words)
    m_wordsHelp->setText(tr("What do these mean?"));
    const QString words = UntrustedText::toolTip(TimeWaitByProcessModel::foundWordsExplained());
    m_wordsHelp->setToolTip(words);
    m_view->setWhatsThis(words);
    setWhatsThis(words);
    m_timeChart->setTitle(tr("TIME-WAIT by process over time"));
    m_timeChart->setToolTip(tr("One line per command and unit: a service's workers and its restarts are one line."));
    m_timeChart->setValueTitle(tr("TIME-WAIT"));
    nameSeries();
}
