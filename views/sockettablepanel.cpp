#include "sockettablepanel.h"

#include "chartcolors.h"
#include "sockettablemodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

SocketTablePanel::SocketTablePanel(SocketTableModel *model, QWidget *parent)
    : HistoryPanel(parent)
    , m_model(model)
    , m_filter(new QLineEdit(this))
    , m_counts(new QLabel(this))
    , m_view(new QTableView(this))
{
    m_filter->setClearButtonEnabled(true);
    auto top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_counts);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    m_view->setModel(m_model);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(int(SocketColumn::State), Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures rows, so 262k rows cost what the visible ones cost.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    // Addresses share what the fixed columns leave; widths are set, never measured from contents
    // (measuring would read rows the view does not show).
    const int widths[] = {105, 0, 0, 80, 75, 65, 65, 65, 80};
    for (int c = 0; c < SocketColumnCount; ++c)
        m_view->setColumnWidth(c, widths[c]);
    // Addresses keep room for an IPv4 endpoint even in a narrow window (a horizontal scroll bar
    // appears instead of squeezing them to "1…"); the last column takes what is left over.
    const int endpoint = m_view->fontMetrics().horizontalAdvance(QStringLiteral("255.255.255.255:65535")) + 16;
    m_view->setColumnWidth(int(SocketColumn::Local), endpoint);
    m_view->setColumnWidth(int(SocketColumn::Remote), endpoint);
    m_view->horizontalHeader()->setStretchLastSection(true);

    connect(m_model, &SocketTableModel::sortRequested, this, [this](SocketColumn column, bool descending) {
        m_query.sortColumn = column;
        m_query.descending = descending;
        ++m_query.generation;
        emit queryChanged(m_query);
    });
    // Filter after a pause in typing, not on every key.
    auto typing = new QTimer(this);
    typing->setSingleShot(true);
    typing->setInterval(250);
    connect(m_filter, &QLineEdit::textChanged, typing, qOverload<>(&QTimer::start));
    connect(typing, &QTimer::timeout, this, &SocketTablePanel::applyFilterText);
    retranslate();
}

void SocketTablePanel::retranslate()
{
    m_filter->setPlaceholderText(tr("Filter: time-wait  80  sport:443  10.0.0  ipv6 …"));
    m_filter->setToolTip(SocketFilter::syntaxHelp());
    updateCounts();
}

void SocketTablePanel::applyFilterText()
{
    SocketFilter filter;
    QString error;
    if (!filter.parse(m_filter->text(), &error)) {
        m_filterError = error;
        m_filter->setStyleSheet(QStringLiteral("QLineEdit { border: 1px solid %1; }").arg(ChartColors::warning().name()));
        m_filter->setToolTip(error + QStringLiteral("\n\n") + SocketFilter::syntaxHelp());
        updateCounts();
        return;
    }
    m_filterError.clear();
    m_filter->setStyleSheet(QString());
    m_filter->setToolTip(SocketFilter::syntaxHelp());
    m_query.filter = filter;
    ++m_query.generation;
    emit queryChanged(m_query);
}

void SocketTablePanel::setRows(const SocketTableRowsPtr &rows)
{
    if (!rows || rows->generation < m_query.generation)
        return; // built for a sort or filter the user has changed since
    // Remember what the user looks at by socket cookie: row numbers shift between snapshots.
    QSet<quint64> selected;
    const auto selectedRows = m_view->selectionModel()->selectedRows();
    // Restoring a huge selection (select all) row by row would stall the GUI: keep it small.
    if (selectedRows.size() <= MaxRestoredSelection) {
        for (const QModelIndex &index : selectedRows)
            selected.insert(index.data(SocketTableModel::CookieRole).toULongLong());
    }
    const int scroll = m_view->verticalScrollBar()->value();
    const QModelIndex top = m_view->indexAt(QPoint(0, 0));
    // At the very top the user follows the head of the table: nothing to anchor.
    const quint64 anchor = scroll > 0 && top.isValid() ? top.data(SocketTableModel::CookieRole).toULongLong() : 0;
    const QModelIndex current = m_view->currentIndex();
    const quint64 currentCookie = current.isValid() ? current.data(SocketTableModel::CookieRole).toULongLong() : 0;

    m_model->setRows(rows);

    int anchorRow = -1;
    int currentRow = -1;
    QItemSelection selection;
    if (anchor || currentCookie || !selected.isEmpty()) {
        const std::vector<quint64> &cookies = rows->cookies;
        for (std::size_t i = 0; i < cookies.size(); ++i) {
            const quint64 cookie = cookies[i];
            if (cookie == anchor)
                anchorRow = int(i);
            if (cookie == currentCookie)
                currentRow = int(i);
            if (!selected.isEmpty() && selected.contains(cookie)) {
                const QModelIndex left = m_model->index(int(i), 0);
                selection.select(left, left.siblingAtColumn(SocketColumnCount - 1));
            }
        }
    }
    if (!selection.isEmpty())
        m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (currentRow >= 0)
        m_view->selectionModel()->setCurrentIndex(m_model->index(currentRow, 0), QItemSelectionModel::NoUpdate);
    if (anchorRow >= 0)
        m_view->scrollTo(m_model->index(anchorRow, 0), QAbstractItemView::PositionAtTop);
    else
        m_view->verticalScrollBar()->setValue(scroll);
    updateCounts();
}

void SocketTablePanel::updateCounts()
{
    const QLocale locale;
    const int shown = m_model->rowCount();
    const int total = m_model->totalSockets();
    m_counts->setText(m_filterError.isEmpty()
                          ? tr("%1 of %2 sockets").arg(locale.toString(shown), locale.toString(total))
                          : m_filterError);
    emit rowCountsChanged(shown, total);
}

void SocketTablePanel::saveSettings(QSettings &settings) const
{
    settings.setValue(QStringLiteral("table/filter"), m_filter->text());
    settings.setValue(QStringLiteral("table/sortColumn"), int(m_query.sortColumn));
    settings.setValue(QStringLiteral("table/descending"), m_query.descending);
    settings.setValue(QStringLiteral("table/header"), m_view->horizontalHeader()->saveState());
}

void SocketTablePanel::restoreSettings(const QSettings &settings)
{
    m_view->horizontalHeader()->restoreState(settings.value(QStringLiteral("table/header")).toByteArray());
    const int column = qBound(0, settings.value(QStringLiteral("table/sortColumn"), 0).toInt(), SocketColumnCount - 1);
    const bool descending = settings.value(QStringLiteral("table/descending"), false).toBool();
    m_view->sortByColumn(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    m_filter->setText(settings.value(QStringLiteral("table/filter")).toString());
    applyFilterText();
}
