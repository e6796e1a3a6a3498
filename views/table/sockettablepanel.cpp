#include "views/table/sockettablepanel.h"

#include "views/charts/chartcolors.h"
#include "itemmodels/sockettablemodel.h"
#include "table/socketrowtext.h"
#include "bridge/untrustedtext.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSettings>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

SocketTablePanel::SocketTablePanel(SocketTableModel *model, QWidget *parent)
    : HistoryPanel(parent)
    , m_model(model)
    , m_filter(new QLineEdit(this))
    , m_counts(new QLabel(this))
    , m_view(new QTableView(this))
    , m_findAction(new QAction(this))
    , m_copyAction(new QAction(this))
{
    layOut();
    setUpView();
    connectFilter();
    createActions();
    retranslate();
}

// The filter box and the counts above the table.
void SocketTablePanel::layOut()
{
    m_filter->setClearButtonEnabled(true);
    auto top = new QHBoxLayout;
    m_counts->setTextFormat(Qt::PlainText); // it quotes the filter's words
    // A long reason must not squeeze the filter box: the label gets what is left (and the full
    // text in its tooltip).
    m_counts->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_counts->setWordWrap(true); // a reason in Chinese or with a long word wraps to a second line
    m_counts->setMinimumWidth(m_counts->fontMetrics().horizontalAdvance(QStringLiteral("000,000 / 000,000 sockets")));
    top->addWidget(m_filter, 3);
    top->addWidget(m_counts, 2);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
}

void SocketTablePanel::setUpView()
{
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
    const int widths[] = {105, 0, 0, 80, 75, 65, 65, 65, 80, 110, 60, 120, 100};
    static_assert(sizeof widths / sizeof widths[0] == SocketColumnCount, "a width for every column");
    for (int c = 0; c < SocketColumnCount; ++c)
        m_view->setColumnWidth(c, widths[c]);
    // Addresses keep room for an IPv4 endpoint even in a narrow window (a horizontal scroll bar
    // appears instead of squeezing them to "1…"); the last column takes what is left over.
    const int endpoint = m_view->fontMetrics().horizontalAdvance(QStringLiteral("255.255.255.255:65535")) + 16;
    m_view->setColumnWidth(int(SocketColumn::Local), endpoint);
    m_view->setColumnWidth(int(SocketColumn::Remote), endpoint);
    m_view->horizontalHeader()->setStretchLastSection(true);
}

// Sorting and filtering are queries the model's owner answers (queryChanged).
void SocketTablePanel::connectFilter()
{
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
    // Enter applies at once, without the typing pause.
    connect(m_filter, &QLineEdit::returnPressed, typing, &QTimer::stop);
    connect(m_filter, &QLineEdit::returnPressed, this, &SocketTablePanel::applyFilterText);
}

void SocketTablePanel::createActions()
{
    // Ctrl+F from anywhere in the window: raise the table's dock (it may sit behind a tab) and
    // put the cursor in the filter.
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WindowShortcut);
    addAction(m_findAction);
    connect(m_findAction, &QAction::triggered, this, [this] {
        for (QWidget *w = parentWidget(); w; w = w->parentWidget()) {
            if (auto dock = qobject_cast<QDockWidget *>(w)) {
                dock->show();
                dock->raise();
                break;
            }
        }
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    // Ctrl+C only while the table has focus: elsewhere (the filter box) it copies text as usual.
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(m_copyAction);
    connect(m_copyAction, &QAction::triggered, this, &SocketTablePanel::copySelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (!index.isValid())
            return;
        if (!m_view->selectionModel()->isRowSelected(index.row(), {}))
            m_view->selectRow(index.row());
        QMenu *menu = contextMenu(index);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->viewport()->mapToGlobal(pos));
    });
}

void SocketTablePanel::copySelection()
{
    std::vector<int> rows;
    const auto selected = m_view->selectionModel()->selectedRows();
    rows.reserve(std::size_t(selected.size()));
    for (const QModelIndex &index : selected)
        rows.push_back(index.row());
    if (rows.empty() && m_view->currentIndex().isValid())
        rows.push_back(m_view->currentIndex().row());
    if (rows.empty())
        return;
    std::sort(rows.begin(), rows.end()); // in table order, not in the order they were clicked
    QApplication::clipboard()->setText(SocketRowText::tsv(*m_model, rows));
}

QMenu *SocketTablePanel::contextMenu(const QModelIndex &index)
{
    auto menu = new QMenu(this);
    QAction *copy = menu->addAction(tr("Copy"), this, &SocketTablePanel::copySelection);
    copy->setShortcut(QKeySequence::Copy);
    copy->setObjectName(QStringLiteral("copy"));
    const SocketTableRowsPtr rows = m_model->rows();
    if (!rows || index.row() < 0 || index.row() >= int(rows->rows.size()))
        return menu;
    const SocketRecord record = rows->record(index.row()); // a copy: the rows may be replaced meanwhile
    const QString ss = SocketRowText::ssCommand(record);
    QAction *copySs = menu->addAction(tr("Copy as ss filter"), this, [ss] { QApplication::clipboard()->setText(ss); });
    copySs->setObjectName(QStringLiteral("copySs"));
    copySs->setToolTip(ss);
    menu->setToolTipsVisible(true);
    menu->addSeparator();
    const auto filterBy = [&](const QString &label, const QString &name, const QString &words) {
        QAction *action = menu->addAction(label, this, [this, words] { setFilterText(words); });
        action->setObjectName(name);
    };
    filterBy(tr("Filter by local port %1").arg(record.localPort), QStringLiteral("filterLocalPort"),
             SocketRowText::portFilter(record, false));
    if (record.remotePort)
        filterBy(tr("Filter by remote port %1").arg(record.remotePort), QStringLiteral("filterRemotePort"),
                 SocketRowText::portFilter(record, true));
    filterBy(tr("Filter by local address %1").arg(SocketRowText::address(record, false)), QStringLiteral("filterLocalAddress"),
             SocketRowText::addressFilter(record, false));
    if (record.remotePort)
        filterBy(tr("Filter by remote address %1").arg(SocketRowText::address(record, true)),
                 QStringLiteral("filterRemoteAddress"), SocketRowText::addressFilter(record, true));
    return menu;
}

void SocketTablePanel::setFilterText(const QString &text)
{
    {
        // Applied right here: the typing pause's timer must not apply it a second time.
        const QSignalBlocker quiet(m_filter);
        m_filter->setText(text);
    }
    applyFilterText();
}

void SocketTablePanel::showFilterProblem(bool problem)
{
    m_filter->setStyleSheet(problem ? QStringLiteral("QLineEdit { border: 1px solid %1; }").arg(ChartColors::warning().name())
                                    : QString());
}

void SocketTablePanel::retranslate()
{
    m_filter->setPlaceholderText(tr("Filter (Ctrl+F): time-wait  !estab  sport:443  10.0.0.0/8  ipv6 …"));
    // The error quotes the filter, which a settings file may hold: plain text.
    m_filter->setToolTip(m_filterError.isEmpty()
                             ? SocketFilter::syntaxHelp()
                             : UntrustedText::toolTip(m_filterError + QStringLiteral("\n\n") + SocketFilter::syntaxHelp()));
    m_findAction->setText(tr("Find in the socket table"));
    m_copyAction->setText(tr("Copy rows"));
    updateCounts();
}

void SocketTablePanel::applyFilterText()
{
    SocketFilter filter;
    QString error;
    const bool valid = filter.parse(m_filter->text(), &error);
    // An invalid filter matches nothing: the table empties rather than go on showing what the
    // previous filter let through, and the label says what is wrong.
    m_filterError = valid ? QString() : error;
    retranslate();
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
    const SocketTableRowsPtr &rows = m_model->rows();
    QString why;
    if (!m_filterError.isEmpty()) {
        why = tr("Invalid filter: %1").arg(m_filterError);
    } else if (rows && rows->generation == m_query.generation && shown == 0 && !m_query.filter.isEmpty() && total > 0) {
        why = rows->wordsMatchingNothing.isEmpty()
            ? tr("No socket matches all the words together")
            : tr("No socket matches %1").arg(rows->wordsMatchingNothing.join(QStringLiteral(", ")));
    }
    showFilterProblem(!why.isEmpty());
    m_counts->setText(why.isEmpty() ? tr("%1 of %2 sockets").arg(locale.toString(shown), locale.toString(total)) : why);
    m_counts->setToolTip(UntrustedText::toolTip(why));
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
    QHeaderView *header = m_view->horizontalHeader();
    header->restoreState(settings.value(QStringLiteral("table/header")).toByteArray());
    // A state saved by an older version (or in a narrow window) may squeeze the addresses to "1…":
    // they come back at an IPv4 endpoint's width, as a fresh table starts.
    const int endpoint = m_view->fontMetrics().horizontalAdvance(QStringLiteral("255.255.255.255:65535")) + 16;
    for (const SocketColumn column : {SocketColumn::Local, SocketColumn::Remote}) {
        header->setSectionResizeMode(int(column), QHeaderView::Interactive);
        if (header->sectionSize(int(column)) < endpoint / 2)
            header->resizeSection(int(column), endpoint);
    }
    const int column = qBound(0, settings.value(QStringLiteral("table/sortColumn"), 0).toInt(), SocketColumnCount - 1);
    const bool descending = settings.value(QStringLiteral("table/descending"), false).toBool();
    m_view->sortByColumn(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    m_filter->setText(settings.value(QStringLiteral("table/filter")).toString());
    applyFilterText();
}
