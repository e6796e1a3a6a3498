#include "views/sysctl/sysctlchangebox.h"

#include "views/charts/chartcolors.h"
#include "sysctl/sysctlchanger.h"
#include "views/sysctl/sysctlconfirmdialog.h"
#include "itemmodels/sysctllistmodel.h"
#include "sysctl/sysctlvalue.h"
#include "views/sysctl/sysctlvalueeditor.h"
#include "bridge/untrustedtext.h"

#include <QCheckBox>
#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <pwd.h>
#include <unistd.h>

namespace {

// A text area `lines` high whatever it holds: longer texts scroll inside it, so nothing below
// or beside it moves as texts grow.
void fixLines(QAbstractScrollArea *area, int lines)
{
    const int margins = 2 * area->frameWidth() + 2 * 4 + 2; // frame, document margin (4), rounding
    area->setFixedHeight(lines * area->fontMetrics().lineSpacing() + margins);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
}

void quiet(QAbstractScrollArea *area)
{
    area->setFrameShape(QFrame::NoFrame);
    area->viewport()->setAutoFillBackground(false);
    area->setFocusPolicy(Qt::NoFocus);
}

QString shown(const SysctlEntry &entry, const QString &canonical)
{
    return canonical.isEmpty() ? SysctlChangeBox::tr("(empty)") : SysctlValue::displayText(entry, canonical);
}

}

SysctlChangeBox::SysctlChangeBox(SysctlListModel *model, QWidget *parent)
    : QGroupBox(parent)
    , m_model(model)
    , m_editorLabel(new QLabel(this))
    , m_editor(new SysctlValueEditor(this))
    , m_reset(new QPushButton(this))
    , m_notes(new QTextBrowser(this))
    , m_persist(new QCheckBox(this))
    , m_persistNote(new QLabel(this))
    , m_apply(new QPushButton(this))
    , m_revert(new QPushButton(this))
    , m_preview(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("editorBox"));
    m_notes->setObjectName(QStringLiteral("notes"));
    m_preview->setObjectName(QStringLiteral("preview"));
    m_reset->setObjectName(QStringLiteral("resetToDefault"));
    m_revert->setObjectName(QStringLiteral("revert"));
    m_apply->setObjectName(QStringLiteral("apply"));
    m_notes->setOpenLinks(false);
    quiet(m_notes);
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setFocusPolicy(Qt::ClickFocus);
    // Three lines each keep the area small enough for a 640-pixel-high screen; more scrolls.
    fixLines(m_notes, 3);
    fixLines(m_preview, 3);
    // The reason "Keep after reboot" is off: one line, elided, never wider than the room left.
    m_persistNote->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_persistNote->installEventFilter(this);
    m_persistNote->setFixedHeight(m_persistNote->fontMetrics().height());

    auto layout = new QVBoxLayout(this);
    auto editorRow = new QHBoxLayout;
    editorRow->addWidget(m_editorLabel);
    editorRow->addWidget(m_editor, 1);
    editorRow->addWidget(m_reset);
    layout->addLayout(editorRow);
    layout->addWidget(m_notes);
    auto buttons = new QHBoxLayout;
    buttons->addWidget(m_persist);
    buttons->addWidget(m_persistNote, 1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_apply);
    layout->addLayout(buttons);
    layout->addWidget(m_preview);
    m_editor->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    // Its own height, never a share of spare room: the pane's bottom edge anchors the buttons.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setFixedHeight(sizeHint().height());

    connect(m_editor, &SysctlValueEditor::edited, this, [this] {
        m_resultText.clear(); // the last result is about another change now
        editorChanged();
    });
    connect(m_persist, &QCheckBox::toggled, this, &SysctlChangeBox::updatePreview);
    connect(m_apply, &QPushButton::clicked, this, &SysctlChangeBox::requestApply);
    connect(m_revert, &QPushButton::clicked, this, &SysctlChangeBox::revert);
    connect(m_reset, &QPushButton::clicked, this, &SysctlChangeBox::resetToDefault);
    retranslate();
}

void SysctlChangeBox::changeEvent(QEvent *event)
{
    QGroupBox::changeEvent(event);
    // Larger text (View → Appearance) after the box was made: the heights fixed in lines and
    // pixels follow the new font, or the preview is cut at the pane's bottom edge. The preview's
    // fixed-width font was set explicitly, so it does not follow the application's by itself.
    if (event->type() != QEvent::FontChange || !layout())
        return;
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (font().pointSizeF() > 0)
        fixed.setPointSizeF(font().pointSizeF());
    m_preview->setFont(fixed);
    // Larger than the desktop's text: the value's note one line and the preview two (more
    // scrolls inside them), or at 1024×640 the box is taller than the pane and the preview falls
    // below its edge.
    const bool larger = font().pointSizeF() > 1.2 * QFontDatabase::systemFont(QFontDatabase::GeneralFont).pointSizeF();
    fixLines(m_notes, larger ? 1 : 3);
    fixLines(m_preview, larger ? 2 : 3);
    m_persistNote->setFixedHeight(m_persistNote->fontMetrics().height());
    setFixedHeight(sizeHint().height());
}

void SysctlChangeBox::retranslate()
{
    setTitle(tr("Change"));
    m_editorLabel->setText(tr("New value:"));
    m_reset->setText(tr("Reset to kernel default"));
    m_persist->setText(tr("Keep after reboot (/etc/sysctl.d)"));
    m_apply->setText(tr("Apply"));
    m_revert->setText(tr("Revert"));
    m_revert->setToolTip(tr("Forget the changes not applied yet."));
    m_editor->retranslate();
    editorChanged();
    updatePersist();
    if (layout())
        setFixedHeight(sizeHint().height()); // a title in another script may be taller
}

bool SysctlChangeBox::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_persistNote && event->type() == QEvent::Resize)
        setPersistNote(m_persistNoteText, m_persistNoteReason);
    return QGroupBox::eventFilter(watched, event);
}

void SysctlChangeBox::setPersistNote(const QString &text, const QString &reason)
{
    m_persistNoteText = text;
    m_persistNoteReason = reason;
    m_persistNote->setText(m_persistNote->fontMetrics().elidedText(text, Qt::ElideRight, m_persistNote->width()));
    m_persistNote->setToolTip(UntrustedText::toolTip(reason));
}

void SysctlChangeBox::showRow(int row)
{
    m_row = row;
    if (row >= 0) {
        const SysctlEntry &entry = m_model->entry(row);
        int unprivilegedStart = 1024;
        if (m_model->snapshot()) {
            if (const SysctlReading *r = m_model->snapshot()->sysctl("net.ipv4.ip_unprivileged_port_start"))
                unprivilegedStart = QString::fromStdString(r->value).toInt();
        }
        // Follow the kernel's value, but never overwrite what the user is typing: a pending
        // value, or one not acceptable yet (which is pending nothing).
        const QString pending = m_pending.value(entry.key());
        const bool typing = m_editor->entry() == &entry && (!pending.isNull() || !m_editorError.isEmpty());
        if (!typing)
            m_editor->setEntry(&entry, pending.isNull() ? m_model->currentValue(row) : pending, m_model->isPresent(row),
                               unprivilegedStart);
    }
    editorChanged();
    updatePersist();
}

void SysctlChangeBox::editorChanged()
{
    m_editorError.clear();
    if (m_row >= 0 && m_readOnlyReason.isEmpty()) {
        const QString key = m_model->entry(m_row).key();
        QString canonical, error;
        const bool valid = m_editor->editedValue(&canonical, &error);
        if (m_editor->isEditing() && !valid)
            m_editorError = error;
        // Pending is exactly the value shown, or nothing: a value not acceptable yet ("6100"
        // on the way to "61000", an empty box, low above high) must not leave an older one.
        if (valid && canonical != m_model->currentValue(m_row))
            m_pending.insert(key, canonical);
        else
            m_pending.remove(key);
        m_model->setPending(m_pending);
    }
    updateReset();
    updateNotes();
    updatePreview();
}

void SysctlChangeBox::updateReset()
{
    m_reset->setEnabled(false);
    m_defaultUnknown = false;
    if (m_row < 0 || !m_editor->isEditing() || !m_readOnlyReason.isEmpty()) {
        setResetToolTip(QString());
        return;
    }
    const SysctlEntry &entry = m_model->entry(m_row);
    const QString fallback = m_model->defaultValue(m_row);
    // An empty list is a real default (no port reserved); for every other kind, empty means the
    // default cannot be told on this kernel.
    if (fallback.isEmpty() && entry.kind != SysctlEntry::Kind::PortList) {
        const QString rule = SysctlCatalog::defaultExplanation(entry);
        m_defaultUnknown = true;
        setResetToolTip(rule.isEmpty() ? tr("The kernel default is not known here.")
                                       : tr("The kernel default is not known here: it is %1, which this kernel "
                                            "does not show.")
                                             .arg(rule));
        return;
    }
    QString canonical, error;
    if (m_editor->editedValue(&canonical, &error) && canonical == fallback) {
        setResetToolTip(tr("Already the kernel default, %1.").arg(shown(entry, fallback)));
        return;
    }
    m_reset->setEnabled(true);
    setResetToolTip(tr("Put the kernel default, %1, in the editor; Apply writes it.").arg(shown(entry, fallback)));
}

// The default is the server's word on a remote host: shown as plain text, kept plain for the notes.
void SysctlChangeBox::setResetToolTip(const QString &text)
{
    m_resetToolTip = text;
    m_reset->setToolTip(UntrustedText::toolTip(text));
}

void SysctlChangeBox::resetToDefault()
{
    if (m_row < 0)
        return;
    m_editor->setValue(m_model->defaultValue(m_row));
    m_resultText.clear();
    editorChanged();
}

SysctlRiskFigures SysctlChangeBox::figures() const
{
    return m_model->snapshot() ? SysctlRiskFigures::fromSnapshot(*m_model->snapshot()) : SysctlRiskFigures();
}

void SysctlChangeBox::updateNotes()
{
    QStringList paragraphs;
    const QString warning = ChartColors::warning().name();
    if (!m_editorError.isEmpty())
        paragraphs << QStringLiteral("<p style=\"color:%1\">%2</p>").arg(warning, m_editorError.toHtmlEscaped());
    for (const SysctlRisk &risk : SysctlChangeRisk::risks(m_pending, figures())) {
        paragraphs << QStringLiteral("<p style=\"color:%1\">⚠ <b>%2</b>: %3</p>")
                          .arg(warning, risk.name.toHtmlEscaped(), risk.text.toHtmlEscaped());
    }
    if (paragraphs.isEmpty() && m_defaultUnknown) // the reason Reset is off, in view
        paragraphs << QStringLiteral("<p>%1</p>").arg(m_resetToolTip.toHtmlEscaped());
    // What the chosen value means, under the list that offers it in a few words; after the
    // warnings, which matter more while a change is pending.
    const QString meaning = m_editor->choiceMeaning();
    if (!meaning.isEmpty())
        paragraphs << QStringLiteral("<p>%1</p>").arg(meaning.toHtmlEscaped());
    const QString html = paragraphs.join(QString());
    if (html != m_notesHtml) { // refreshes come every second: keep the reader's place
        m_notesHtml = html;
        m_notes->setHtml(html);
    }
}

void SysctlChangeBox::updatePersist()
{
    const SnapshotPtr snapshot = m_model->snapshot();
    const SysctlChanger::PersistRefusal refusal = m_changer ? m_changer->persistRefusal() : SysctlChanger::PersistRefusal();
    if (refusal.refused()) {
        // Whatever the namespace (a remote host, the lab): the changer says why.
        m_persist->setChecked(false);
        m_persist->setEnabled(false);
        m_persist->setToolTip(UntrustedText::toolTip(refusal.reason));
        if (refusal.note != m_persistNoteText)
            setPersistNote(refusal.note, refusal.reason);
        return;
    }
    // The source's facts tell the host's namespace (gathered off this thread: it stats /proc).
    const KernelFacts &facts = m_model->kernelFacts();
    const PersistTarget target =
        !m_readOnlyReason.isEmpty() || !snapshot ? PersistTarget::Unknown : facts.persistTarget(snapshot->namespaceIdentity);
    // A short reason beside the box, the whole of it in the tooltip.
    QString note, reason;
    switch (target) {
    case PersistTarget::HostNamespace: break;
    case PersistTarget::ChildNamespace:
        note = tr("Not available in a child namespace: sysctl.d sets the host's only");
        reason = tr("%1 is a child network namespace: sysctl.d applies only to the host's, at boot.")
                     .arg(QString::fromStdString(snapshot->namespaceId));
        break;
    case PersistTarget::Unverified:
        note = tr("Host namespace not confirmed");
        reason = tr("Cannot confirm this is the host's namespace (%1 is not readable); sysctl.d applies only there.")
                     .arg(QString::fromStdString(facts.host.initialPath));
        break;
    case PersistTarget::Unknown:
        note = !m_readOnlyReason.isEmpty() ? tr("Not available in a replay: nothing is changed")
            : snapshot                     ? tr("Host namespace not checked yet")
                                           : tr("No namespace observed yet");
        reason = note + QLatin1Char('.');
        break;
    }
    const bool allowed = target == PersistTarget::HostNamespace || target == PersistTarget::Unverified;
    if (!allowed)
        m_persist->setChecked(false);
    m_persist->setEnabled(allowed);
    const QString about = tr("Also save the change to /etc/sysctl.d/90-sockscope.conf, applied at boot to the "
                             "host's namespace.");
    m_persist->setToolTip(UntrustedText::toolTip(reason.isEmpty() ? about : about + QLatin1Char('\n') + reason));
    if (note != m_persistNoteText)
        setPersistNote(note, reason);
}

void SysctlChangeBox::setChanger(SysctlChanger *changer)
{
    if (m_changer)
        disconnect(m_changer, nullptr, this, nullptr);
    m_changer = changer;
    m_appliedHere = false; // the old changer's report no longer comes here
    if (m_changer)
        connect(m_changer, &SysctlChanger::finished, this, &SysctlChangeBox::showReport);
    // The last result ("Applying…" too) was the old changer's; its report no longer comes here.
    m_resultText.clear();
    setReadOnly(m_changer ? m_changer->readOnlyReason() : QString());
}

void SysctlChangeBox::setReadOnly(const QString &reason)
{
    m_readOnlyReason = reason;
    m_editor->setEnabled(reason.isEmpty());
    m_pending.clear();
    m_model->setPending(m_pending);
    updatePersist();
    editorChanged();
}

QStringList SysctlChangeBox::pairs() const
{
    QStringList list;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it)
        list << it.key() + QLatin1Char('=') + it.value();
    return list;
}

QString SysctlChangeBox::namespaceText() const
{
    const SnapshotPtr snapshot = m_model->snapshot();
    const QString label = (m_changer && m_changer->writesOwnNamespace()) || !snapshot || snapshot->namespaceLabel.empty()
        ? tr("current")
        : QString::fromStdString(snapshot->namespaceLabel);
    return tr("network namespace %1 (%2)").arg(label, snapshot ? QString::fromStdString(snapshot->namespaceId) : tr("unknown"));
}

QStringList SysctlChangeBox::changeLines() const
{
    const QString where = namespaceText();
    QStringList lines {m_persist->isChecked()
                           ? tr("In %1, at runtime and kept after reboot (/etc/sysctl.d/90-sockscope.conf):").arg(where)
                           : tr("In %1, at runtime only (gone after reboot):").arg(where)};
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        const int row = m_model->rowOf(it.key());
        const SysctlEntry &entry = m_model->entry(row);
        lines
            << QStringLiteral("  %1: %2 → %3").arg(it.key(), shown(entry, m_model->currentValue(row)), shown(entry, it.value()));
    }
    if (m_changer)
        lines << m_changer->describe(pairs(), m_persist->isChecked());
    return lines;
}

void SysctlChangeBox::updatePreview()
{
    // What the last Apply did comes first (a failure keeps its values pending for another try);
    // then what Apply would do now.
    QString text = m_resultText.isEmpty() ? QString() : m_resultText + QLatin1Char('\n');
    if (!m_readOnlyReason.isEmpty()) {
        text += m_readOnlyReason;
    } else if (!m_editorError.isEmpty()) {
        text += tr("Nothing can be applied while the new value is invalid.");
    } else if (m_pending.isEmpty()) {
        text += tr("No changes to apply.");
    } else {
        text += changeLines().join(QLatin1Char('\n'));
    }
    m_apply->setEnabled(m_readOnlyReason.isEmpty() && m_editorError.isEmpty() && !m_pending.isEmpty() && m_changer
                        && !m_changer->isBusy());
    m_revert->setEnabled(m_readOnlyReason.isEmpty() && (!m_pending.isEmpty() || !m_editorError.isEmpty()));
    if (text != m_preview->toPlainText())
        m_preview->setPlainText(text);
}

void SysctlChangeBox::requestApply()
{
    if (!m_apply->isEnabled() || m_confirm)
        return;
    const SysctlRiskFigures now = figures();
    const std::vector<SysctlRisk> risks = SysctlChangeRisk::risks(m_pending, now);
    const QStringList large = SysctlChangeRisk::largeReasons(m_pending, m_persist->isChecked(), now);
    if (risks.empty() && large.isEmpty()) {
        apply();
        return;
    }
    QStringList warnings;
    for (const SysctlRisk &risk : risks)
        warnings << risk.name + QStringLiteral(": ") + risk.text;
    // Applies exactly what the dialog showed: anything changed meanwhile asks again.
    const QStringList shownPairs = pairs();
    const bool shownPersist = m_persist->isChecked();
    m_confirm = new SysctlConfirmDialog(changeLines(), warnings, large, this);
    connect(m_confirm, &QDialog::accepted, this, [this, shownPairs, shownPersist] {
        if (pairs() == shownPairs && m_persist->isChecked() == shownPersist && m_apply->isEnabled())
            apply();
    });
    m_confirm->open();
}

void SysctlChangeBox::apply()
{
    if (m_pending.isEmpty() || !m_changer || m_changer->isBusy())
        return;
    m_resultText = tr("Applying…");
    m_appliedHere = true;
    // What the session's log of changes says of this Apply: where, and how, as the preview said.
    m_applying = SysctlChangeRecord();
    m_applying.namespaceText = namespaceText();
    m_applying.route = m_changer->describe(pairs(), m_persist->isChecked()).join(QLatin1Char(' '));
    m_applying.user = accountName();
    updatePreview();
    m_changer->apply(pairs(), m_persist->isChecked());
}

void SysctlChangeBox::revert()
{
    m_pending.clear();
    m_model->setPending(m_pending);
    m_editorError.clear();
    if (m_row >= 0)
        m_editor->setValue(m_model->currentValue(m_row));
    m_resultText.clear();
    showRow(m_row);
}

SysctlConfirmDialog *SysctlChangeBox::confirmation() const
{
    return m_confirm.data();
}

QString SysctlChangeBox::previewText() const
{
    return m_preview->toPlainText();
}

QString SysctlChangeBox::resultText() const
{
    return m_resultText;
}

QString SysctlChangeBox::notesText() const
{
    return m_notes->toPlainText();
}

void SysctlChangeBox::showReport(const SysctlApplyReport &report)
{
    QStringList lines, applied;
    std::vector<SysctlChangeRecord> records;
    for (const SysctlItemResult &item : report.items) {
        switch (item.status) {
        case SysctlItemResult::Status::Applied:
            lines << tr("✔ %1: %2 → %3 (read back from the kernel)").arg(item.name, item.before, item.after);
            applied << QStringLiteral("%1 %2 → %3").arg(item.name, item.before, item.after);
            records.push_back(appliedRecord(item));
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
            lines << (item.reason == SysctlItemResult::Reason::PutBackFailed
                          ? tr("✘ %1 %2").arg(item.name, item.describe())
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
    m_resultText = lines.join(QLatin1Char('\n'));
    m_model->setPending(m_pending);
    showRow(m_row);
    // Only what Apply here asked for: the lab's scenario settings come through the same changer.
    if (m_appliedHere && !applied.isEmpty()) {
        emit changesApplied(applied.join(QStringLiteral("; ")));
        emit changesRecorded(records);
    }
    m_appliedHere = false;
}

SysctlChangeRecord SysctlChangeBox::appliedRecord(const SysctlItemResult &item) const
{
    SysctlChangeRecord record = m_applying;
    record.timeMs = QDateTime::currentMSecsSinceEpoch();
    record.name = item.name;
    record.before = item.before;
    record.after = item.after;
    return record;
}

QString SysctlChangeBox::accountName()
{
    // The account whose window asked: pkexec and sudo then act for it (the helper logs it too).
    const passwd *entry = getpwuid(getuid());
    return entry ? QString::fromLocal8Bit(entry->pw_name) : QString::number(getuid());
}
