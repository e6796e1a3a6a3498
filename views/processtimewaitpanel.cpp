#include "processtimewaitpanel.h"

#include "timewaitbyprocessmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

ProcessTimeWaitPanel::ProcessTimeWaitPanel(TimeWaitByProcessModel *model, QWidget *parent)
    : HistoryPanel(parent)
    , m_model(model)
    , m_view(new QTableView(this))
    , m_scope(new QLabel(this))
{
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_view->setColumnWidth(TimeWaitByProcessModel::Process, 10 * em);
    m_view->setColumnWidth(TimeWaitByProcessModel::Unit, 9 * em);
    // A dozen rows at most: numbers and their (translated) headers are measured, never cut.
    m_view->horizontalHeader()->setSectionResizeMode(TimeWaitByProcessModel::Pid, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(TimeWaitByProcessModel::Count, QHeaderView::ResizeToContents);
    m_scope->setWordWrap(true);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_scope);
    retranslate();
}

void ProcessTimeWaitPanel::showSnapshot(const SnapshotPtr &snapshot)
{
    m_model->setSnapshot(snapshot);
    retranslate();
}

void ProcessTimeWaitPanel::retranslate()
{
    // Headers and cells are worded when painted: a language change needs a repaint only.
    m_view->horizontalHeader()->viewport()->update();
    m_view->viewport()->update();
    m_scope->setText(m_model->scopeText());
    m_scope->setVisible(!m_scope->text().isEmpty());
}
