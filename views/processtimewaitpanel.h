#pragma once

#include "historypanel.h"

class QLabel;
class QTableView;
class TimeWaitByProcessModel;

// TIME-WAIT by process, beside TIME-WAIT by port: whom the entries of the latest socket table are
// attributed to, and how (TimeWaitByProcessModel), with what the owners could be read of.
class ProcessTimeWaitPanel : public HistoryPanel
{
    Q_OBJECT

public:
    explicit ProcessTimeWaitPanel(TimeWaitByProcessModel *model, QWidget *parent = nullptr);

    void showSnapshot(const SnapshotPtr &snapshot) override;
    void retranslate() override;
    QTableView *view() const { return m_view; }

private:
    TimeWaitByProcessModel *m_model;
    QTableView *m_view;
    QLabel *m_scope;
};
