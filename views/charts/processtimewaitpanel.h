#pragma once

#include "views/charts/historypanel.h"

#include <QHash>

class QLabel;
class QTableView;
class QToolButton;
class TimeSeriesChart;
class TimeWaitByProcessModel;

// TIME-WAIT by process, beside TIME-WAIT by port: whom the entries of the latest socket table are
// attributed to, and how (TimeWaitByProcessModel), with what the owners could be read of; and the
// top owners over time, one line per command and unit (SampleSummary::owners), plus the entries
// attributed to nobody.
class ProcessTimeWaitPanel : public HistoryPanel
{
    Q_OBJECT

public:
    static constexpr int OwnersOverTime = 6;

    explicit ProcessTimeWaitPanel(TimeWaitByProcessModel *model, QWidget *parent = nullptr);

    void showSnapshot(const SnapshotPtr &snapshot) override;
    void showHistory(const HistoryWindow &window) override;
    void retranslate() override;
    QTableView *view() const { return m_view; }
    // "What do these mean?": the words of the Found column explained.
    QToolButton *wordsHelp() const { return m_wordsHelp; }
    TimeSeriesChart *timeChart() const { return m_timeChart; }
    // The series key of an owner's line (SampleSummary::OwnerCount::key), and of the unattributed line.
    static QString seriesKey(quint64 ownerKey);
    static QString unattributedKey();

private:
    void nameSeries();

    TimeWaitByProcessModel *m_model;
    QTableView *m_view;
    QLabel *m_scope;
    QToolButton *m_wordsHelp;
    TimeSeriesChart *m_timeChart;
    QLabel *m_historyNote;
    QHash<quint64, int> m_ownerColors;
    QHash<QString, QString> m_ownerNames; // series key → the owner's name, as plain text
    bool m_ownersInWindow = false;
};
