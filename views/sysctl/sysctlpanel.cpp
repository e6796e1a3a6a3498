#include "views/sysctl/sysctlpanel.h"

#include "views/sysctl/closesequencediagram.h"
#include "views/sysctl/sysctlchangebox.h"
#include "sysctl/sysctlchanger.h"
#include "views/sysctl/sysctldetail.h"
#include "itemmodels/sysctllistmodel.h"

#include <QHeaderView>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

SysctlPanel::SysctlPanel(SysctlListModel *model, QWidget *parent)
    : HistoryPanel(parent)
    , m_model(model)
    , m_list(new QTableView(this))
    , m_tabs(new QTabWidget(this))
    , m_detail(new QTextBrowser(this))
    , m_concepts(new QTextBrowser(this))
    , m_change(new SysctlChangeBox(model, this))
{
    setUpList();
    setUpExplanationTabs();
    // The Change area keeps its fixed layout (nothing moves under the pointer as texts grow) and
    // its whole height, always: Apply and the preview are never scrolled away, whatever the
    // screen (a 1024×640 projector, the lab). The explanation gets the rest and scrolls itself.
    auto right = new QWidget(this);
    auto column = new QVBoxLayout(right);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_tabs, 1);
    column->addWidget(m_change, 0);
    m_tabs->setMinimumHeight(0);

    auto splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_list);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(splitter);
    const auto fitList = [this, splitter] { fitListColumns(splitter); };
    connect(m_model, &QAbstractItemModel::modelReset, this, fitList, Qt::QueuedConnection);
    connect(m_model, &QAbstractItemModel::dataChanged, this, fitList, Qt::QueuedConnection);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SysctlPanel::showSelected);
    retranslate();
    m_list->selectRow(0);
}

void SysctlPanel::setUpList()
{
    m_list->setModel(m_model);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->verticalHeader()->hide();
    m_list->setWordWrap(false);
    m_list->horizontalHeader()->setSectionResizeMode(SysctlListModel::Name, QHeaderView::ResizeToContents);
    m_list->horizontalHeader()->setSectionResizeMode(SysctlListModel::Value, QHeaderView::ResizeToContents);
    m_list->horizontalHeader()->setSectionResizeMode(SysctlListModel::Differs, QHeaderView::ResizeToContents);
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_list->verticalHeader()->setDefaultSectionSize(m_list->fontMetrics().height() + 8);
}

void SysctlPanel::setUpExplanationTabs()
{
    m_detail->setObjectName(QStringLiteral("explanation"));
    m_concepts->setObjectName(QStringLiteral("concepts"));
    m_tabs->addTab(m_detail, QString());
    m_tabs->addTab(m_concepts, QString());
    // The close sequence: drawn, scrolled (never clipped) when the pane is small.
    auto sequence = new QScrollArea(this);
    sequence->setObjectName(QStringLiteral("closeSequence"));
    sequence->setWidgetResizable(true);
    sequence->setWidget(new CloseSequenceDiagram(sequence));
    m_tabs->addTab(sequence, QString());
}

// The list gets the width its columns need (name, value or pending "a → b", ≠, default) when the
// pane has room for that and a readable explanation beside it (issue 11, item 9).
void SysctlPanel::fitListColumns(QSplitter *splitter)
{
    const QHeaderView *header = m_list->horizontalHeader();
    int needed = 2 * m_list->frameWidth() + m_list->verticalScrollBar()->sizeHint().width() + 4;
    for (int column = 0; column < header->count(); ++column)
        needed += header->sectionSize(column) > 0 && column + 1 < header->count() ? header->sectionSize(column)
                                                                                  : header->sectionSizeHint(column) + 80;
    const int total = splitter->width();
    const QList<int> sizes = splitter->sizes();
    if (total > 0 && !sizes.isEmpty() && sizes[0] < needed && total - needed >= 360)
        splitter->setSizes({needed, total - needed});
}

void SysctlPanel::retranslate()
{
    m_tabs->setTabText(0, tr("Explanation"));
    m_tabs->setTabText(1, tr("What trainees mix up"));
    m_tabs->setTabText(2, tr("Close sequence"));
    m_change->retranslate();
    m_model->retranslate();
    showSelected();
}

int SysctlPanel::currentRow() const
{
    return m_list->currentIndex().isValid() ? m_list->currentIndex().row() : -1;
}

QWidget *SysctlPanel::showCloseSequence()
{
    auto sequence = findChild<QScrollArea *>(QStringLiteral("closeSequence"));
    m_tabs->setCurrentWidget(sequence);
    return sequence->widget();
}

void SysctlPanel::selectSysctl(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row >= 0)
        m_list->selectRow(row);
}

void SysctlPanel::showSnapshot(const SnapshotPtr &snapshot)
{
    Q_UNUSED(snapshot); // the model already holds it; refresh what depends on its values
    showSelected();
}

void SysctlPanel::showSelected()
{
    const int row = currentRow();
    // Refreshes come every second: replace the text only when it changed, so a reader keeps
    // their place (setHtml scrolls back to the top).
    const QString concepts = SysctlDetail::conceptsHtml(*m_model);
    if (concepts != m_conceptsHtml) {
        m_conceptsHtml = concepts;
        const int scroll = m_concepts->verticalScrollBar()->value();
        m_concepts->setHtml(concepts);
        m_concepts->verticalScrollBar()->setValue(scroll);
    }
    if (row < 0)
        return;
    const QString detail = SysctlDetail::html(*m_model, row);
    if (detail != m_detailHtml) {
        const bool sameSysctl = m_detailRow == row;
        const int scroll = m_detail->verticalScrollBar()->value();
        m_detailHtml = detail;
        m_detailRow = row;
        m_detail->setHtml(detail);
        m_detail->verticalScrollBar()->setValue(sameSysctl ? scroll : 0);
    }
    m_change->showRow(row);
}

void SysctlPanel::setKernelFacts(const KernelFacts &facts)
{
    m_model->setKernelFacts(facts);
    showSelected();
}

void SysctlPanel::setChanger(SysctlChanger *changer)
{
    if (m_change->changer())
        disconnect(m_change->changer(), nullptr, this, nullptr);
    m_change->setChanger(changer); // the Change area shows the report first
    if (changer)
        connect(changer, &SysctlChanger::finished, this, &SysctlPanel::showSelected); // the explanation shows the value
}

SysctlChanger *SysctlPanel::changer() const
{
    return m_change->changer();
}

SysctlValueEditor *SysctlPanel::editor() const
{
    return m_change->editor();
}

QPushButton *SysctlPanel::applyButton() const
{
    return m_change->applyButton();
}

QCheckBox *SysctlPanel::persistBox() const
{
    return m_change->persistBox();
}

QString SysctlPanel::resultText() const
{
    return m_change->resultText();
}

QString SysctlPanel::previewText() const
{
    return m_change->previewText();
}

const QMap<QString, QString> &SysctlPanel::pending() const
{
    return m_change->pending();
}
