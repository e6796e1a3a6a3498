#include "sysctlpanel.h"

#include "chartcolors.h"
#include "sysctlapplier.h"
#include "sysctldetail.h"
#include "sysctllistmodel.h"
#include "sysctlrequest.h"
#include "sysctlvalue.h"
#include "sysctlvalueeditor.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

SysctlPanel::SysctlPanel(SysctlListModel *model, SysctlApplier *applier, QWidget *parent)
    : HistoryPanel(parent)
    , m_model(model)
    , m_applier(applier)
    , m_list(new QTableView(this))
    , m_tabs(new QTabWidget(this))
    , m_detail(new QTextBrowser(this))
    , m_concepts(new QTextBrowser(this))
    , m_editorLabel(new QLabel(this))
    , m_editor(new SysctlValueEditor(this))
    , m_editorError(new QLabel(this))
    , m_persist(new QCheckBox(this))
    , m_apply(new QPushButton(this))
    , m_revert(new QPushButton(this))
    , m_preview(new QLabel(this))
    , m_result(new QLabel(this))
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

    m_detail->setObjectName(QStringLiteral("explanation"));
    m_concepts->setObjectName(QStringLiteral("concepts"));
    m_tabs->addTab(m_detail, QString());
    m_tabs->addTab(m_concepts, QString());

    for (QLabel *label : {m_editorError, m_preview, m_result}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    QPalette error = m_editorError->palette();
    error.setColor(QPalette::WindowText, ChartColors::warning());
    m_editorError->setPalette(error);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto editorBox = new QGroupBox(this);
    editorBox->setObjectName(QStringLiteral("editorBox"));
    auto editorLayout = new QVBoxLayout(editorBox);
    auto editorRow = new QHBoxLayout;
    editorRow->addWidget(m_editorLabel);
    editorRow->addWidget(m_editor, 1);
    editorLayout->addLayout(editorRow);
    editorLayout->addWidget(m_editorError);
    auto buttons = new QHBoxLayout;
    buttons->addWidget(m_persist);
    buttons->addStretch(1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_apply);
    editorLayout->addLayout(buttons);
    editorLayout->addWidget(m_preview);
    editorLayout->addWidget(m_result);

    auto right = new QWidget(this);
    auto rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_tabs, 1);
    rightLayout->addWidget(editorBox);

    auto splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_list);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(splitter);

    // The list gets the width its columns need (name, value or pending "a → b", ≠, default)
    // when the pane has room for that and a readable explanation beside it (issue 11, item 9).
    const auto fitList = [this, splitter] {
        const QHeaderView *header = m_list->horizontalHeader();
        int needed = 2 * m_list->frameWidth() + m_list->verticalScrollBar()->sizeHint().width() + 4;
        for (int column = 0; column < header->count(); ++column)
            needed += header->sectionSize(column) > 0 && column + 1 < header->count() ? header->sectionSize(column) : header->sectionSizeHint(column) + 80;
        const int total = splitter->width();
        const QList<int> sizes = splitter->sizes();
        if (total > 0 && !sizes.isEmpty() && sizes[0] < needed && total - needed >= 360)
            splitter->setSizes({needed, total - needed});
    };
    connect(m_model, &QAbstractItemModel::modelReset, this, fitList, Qt::QueuedConnection);
    connect(m_model, &QAbstractItemModel::dataChanged, this, fitList, Qt::QueuedConnection);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SysctlPanel::showSelected);
    connect(m_editor, &SysctlValueEditor::edited, this, &SysctlPanel::editorChanged);
    connect(m_persist, &QCheckBox::toggled, this, &SysctlPanel::updatePreview);
    connect(m_apply, &QPushButton::clicked, this, &SysctlPanel::apply);
    connect(m_revert, &QPushButton::clicked, this, &SysctlPanel::revert);
    connect(m_applier, &SysctlApplier::finished, this, &SysctlPanel::showReport);
    retranslate();
    m_list->selectRow(0);
}

void SysctlPanel::retranslate()
{
    m_tabs->setTabText(0, tr("Explanation"));
    m_tabs->setTabText(1, tr("What trainees mix up"));
    m_editorLabel->setText(tr("New value:"));
    if (auto box = findChild<QGroupBox *>(QStringLiteral("editorBox")))
        box->setTitle(tr("Change"));
    m_persist->setText(tr("Keep after reboot (/etc/sysctl.d)"));
    m_persist->setToolTip(tr("Also save the change to /etc/sysctl.d/90-sockscope.conf, applied at boot to the "
                             "host's namespace."));
    m_apply->setText(tr("Apply"));
    m_revert->setText(tr("Revert"));
    m_revert->setToolTip(tr("Forget the changes not applied yet."));
    m_editor->retranslate();
    m_model->retranslate();
    showSelected();
    updatePreview();
}

int SysctlPanel::currentRow() const
{
    return m_list->currentIndex().isValid() ? m_list->currentIndex().row() : -1;
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
    const SysctlEntry &entry = m_model->entry(row);
    // Keep what the user is typing; otherwise follow the kernel's value.
    const QString pending = m_pending.value(entry.key());
    int unprivilegedStart = 1024;
    if (m_model->snapshot()) {
        if (const SysctlReading *r = m_model->snapshot()->sysctl(QStringLiteral("net.ipv4.ip_unprivileged_port_start")))
            unprivilegedStart = r->value.toInt();
    }
    if (m_editor->entry() != &entry || pending.isNull())
        m_editor->setEntry(&entry, pending.isNull() ? m_model->currentValue(row) : pending, m_model->isPresent(row),
                           unprivilegedStart);
    editorChanged();
}

void SysctlPanel::editorChanged()
{
    const int row = currentRow();
    if (row < 0)
        return;
    const SysctlEntry &entry = m_model->entry(row);
    QString canonical, error;
    const bool valid = m_editor->editedValue(&canonical, &error);
    m_editorError->setText(valid || !m_model->isPresent(row) || !entry.editable() ? QString() : error);
    m_editorError->setVisible(!m_editorError->text().isEmpty());
    if (valid && canonical != m_model->currentValue(row))
        m_pending.insert(entry.key(), canonical);
    else if (valid)
        m_pending.remove(entry.key());
    m_model->setPending(m_pending);
    updatePreview();
}

void SysctlPanel::setReadOnly(const QString &reason)
{
    m_readOnlyReason = reason;
    m_editor->setEnabled(false);
    m_persist->setEnabled(false);
    m_pending.clear();
    m_model->setPending(m_pending);
    updatePreview();
}

void SysctlPanel::updatePreview()
{
    if (!m_readOnlyReason.isEmpty()) {
        m_apply->setEnabled(false);
        m_revert->setEnabled(false);
        m_preview->setText(m_readOnlyReason);
        return;
    }
    m_apply->setEnabled(!m_pending.isEmpty() && !m_applier->isBusy());
    m_revert->setEnabled(!m_pending.isEmpty());
    if (m_pending.isEmpty()) {
        m_preview->setText(tr("No changes to apply."));
        return;
    }
    QStringList lines {tr("Apply will write, in namespace %1:").arg(m_model->snapshot() ? m_model->snapshot()->namespaceId
                                                                                     : QString())};
    QStringList pairs;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        const int row = m_model->rowOf(it.key());
        const SysctlEntry &entry = m_model->entry(row);
        lines << QStringLiteral("  %1 = %2   (%3)")
                     .arg(it.key(), it.value().isEmpty() ? tr("(empty)") : SysctlValue::displayText(entry, it.value()),
                          tr("now %1").arg(SysctlValue::displayText(entry, m_model->currentValue(row))));
        pairs << it.key() + QLatin1Char('=') + it.value();
    }
    if (m_persist->isChecked())
        lines << tr("and save them to /etc/sysctl.d/90-sockscope.conf.");
    if (m_applier->route() == SysctlApplier::Route::InProcess) {
        lines << tr("sockscope has the right to write them itself (it runs as root here).");
    } else {
        QStringList command = m_applier->helperCommand(pairs, m_persist->isChecked());
        command[1] = QFileInfo(command[1]).fileName();
        lines << tr("Runs: %1").arg(command.join(QLatin1Char(' '))) << tr("(one authorization prompt for all of them)");
    }
    m_preview->setText(lines.join(QLatin1Char('\n')));
}

void SysctlPanel::apply()
{
    if (m_pending.isEmpty() || m_applier->isBusy())
        return;
    QStringList pairs;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it)
        pairs << it.key() + QLatin1Char('=') + it.value();
    m_result->setText(tr("Applying…"));
    m_apply->setEnabled(false);
    m_applier->apply(pairs, m_persist->isChecked());
}

void SysctlPanel::revert()
{
    m_pending.clear();
    m_model->setPending(m_pending);
    const int row = currentRow();
    if (row >= 0)
        m_editor->setValue(m_model->currentValue(row));
    showSelected();
    m_result->clear();
}

QString SysctlPanel::resultText() const
{
    return m_result->text();
}

QString SysctlPanel::previewText() const
{
    return m_preview->text();
}

void SysctlPanel::showReport(const SysctlApplyReport &report)
{
    QStringList lines;
    for (const SysctlItemResult &item : report.items) {
        switch (item.status) {
        case SysctlItemResult::Status::Applied:
            lines << tr("✔ %1: %2 → %3 (read back from the kernel)").arg(item.name, item.before, item.after);
            m_model->setReadBack(item.name, item.after);
            m_pending.remove(item.name);
            break;
        case SysctlItemResult::Status::Unchanged:
            lines << tr("= %1 was already %2").arg(item.name, item.after);
            m_pending.remove(item.name);
            break;
        case SysctlItemResult::Status::Refused: lines << tr("✘ %1 refused: %2").arg(item.name, item.describe()); break;
        case SysctlItemResult::Status::Failed:
            lines << tr("✘ %1: the kernel did not take it: %2").arg(item.name, item.describe());
            break;
        case SysctlItemResult::Status::RolledBack:
            lines << (item.reason == SysctlItemResult::Reason::PutBackFailed ? tr("✘ %1 %2").arg(item.name, item.describe())
                                                                             : tr("↺ %1 put back to %2").arg(item.name, item.after));
            m_model->setReadBack(item.name, item.after);
            break;
        case SysctlItemResult::Status::NotAttempted: lines << tr("· %1 not attempted").arg(item.name); break;
        }
    }
    lines << report.notes();
    const QString error = report.describeError();
    if (!error.isEmpty())
        lines << tr("✘ %1").arg(error);
    m_result->setText(lines.join(QLatin1Char('\n')));
    m_model->setPending(m_pending);
    showSelected();
}
