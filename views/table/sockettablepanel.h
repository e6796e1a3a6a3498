#pragma once

#include "views/charts/historypanel.h"
#include "table/sockettablerows.h"

#include <QSet>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QTableView;
class SocketTableModel;

// The socket table with its filter box. Sorting and filtering run in the sampler's thread
// (queryChanged); the panel swaps in the rows it gets back and keeps the user's selection and
// scroll position across the swap, by socket cookie.
class SocketTablePanel : public HistoryPanel
{
    Q_OBJECT

public:
    static constexpr int MaxRestoredSelection = 10000;

    SocketTablePanel(SocketTableModel *model, QWidget *parent = nullptr);

    // Installs new rows; selection and the top visible socket survive.
    void setRows(const SocketTableRowsPtr &rows);
    const SocketTableQuery &query() const { return m_query; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QLabel *countsLabel() const { return m_counts; }
    // The row's context menu (copy, copy as ss filter, filter by its port or address); the
    // caller owns it. Public so tests can trigger its actions without a popup.
    QMenu *contextMenu(const QModelIndex &index);
    // Ctrl+C: the selected rows as TSV with a header.
    void copySelection();
    void retranslate() override;
    void saveSettings(QSettings &settings) const override;
    void restoreSettings(const QSettings &settings) override;

signals:
    void queryChanged(const SocketTableQuery &query);
    void rowCountsChanged(int shown, int total);

private:
    // The sections of the constructor.
    void layOut();
    void setUpView();
    void connectFilter();
    void createActions();
    void applyFilterText();
    void updateCounts();
    void setFilterText(const QString &text);
    void showFilterProblem(bool problem);

    SocketTableModel *m_model;
    QLineEdit *m_filter;
    QLabel *m_counts;
    QTableView *m_view;
    QAction *m_findAction;
    QAction *m_copyAction;
    SocketTableQuery m_query;
    QString m_filterError;
};
