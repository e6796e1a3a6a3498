#include "views/sysctl/sysctlvalueeditor.h"

#include "sysctl/sysctlvalue.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

#include <limits>

SysctlValueEditor::SysctlValueEditor(QWidget *parent)
    : QStackedWidget(parent)
    , m_choice(new QComboBox(this))
    , m_integer(new QSpinBox(this))
    , m_low(new QSpinBox(this))
    , m_high(new QSpinBox(this))
    , m_rangeTo(new QLabel(this))
    , m_list(new QLineEdit(this))
    , m_info(new QLabel(this))
{
    auto rangePage = new QWidget(this);
    auto range = new QHBoxLayout(rangePage);
    range->setContentsMargins(0, 0, 0, 0);
    range->addWidget(m_low);
    range->addWidget(m_rangeTo);
    range->addWidget(m_high);
    range->addStretch(1);
    m_low->setRange(1, 65535);
    m_high->setRange(1, 65535);
    m_info->setWordWrap(true);
    m_integer->setGroupSeparatorShown(true);
    // Focus by click or Tab only, and the wheel only once focused (eventFilter).
    for (QWidget *editor : {static_cast<QWidget *>(m_choice), static_cast<QWidget *>(m_integer), static_cast<QWidget *>(m_low),
                            static_cast<QWidget *>(m_high)}) {
        editor->setFocusPolicy(Qt::StrongFocus);
        editor->installEventFilter(this);
    }
    m_choice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_choice->setMinimumContentsLength(16); // room for "Reset to kernel default" beside it, in every language
    addWidget(m_choice);
    addWidget(m_integer);
    addWidget(rangePage);
    addWidget(m_list);
    addWidget(m_info);
    // One height for every page (a wrapped note gets two lines), so the rows below never move
    // when another sysctl is selected.
    int height = 2 * fontMetrics().lineSpacing();
    for (QWidget *page :
         {static_cast<QWidget *>(m_choice), static_cast<QWidget *>(m_integer), rangePage, static_cast<QWidget *>(m_list)})
        height = qMax(height, page->sizeHint().height());
    setFixedHeight(height);

    const auto changed = [this] {
        if (!m_loading)
            emit edited();
    };
    connect(m_choice, &QComboBox::currentIndexChanged, this, changed);
    // textChanged, not valueChanged: while a spin box holds text it cannot accept (empty, "6"
    // below the minimum) its value() is the last good one, which is not what the user sees.
    for (QSpinBox *spin : {m_integer, m_low, m_high})
        connect(spin, &QSpinBox::textChanged, this, changed);
    connect(m_list, &QLineEdit::textChanged, this, changed);
    retranslate();
}

void SysctlValueEditor::retranslate()
{
    m_rangeTo->setText(tr("to"));
    m_list->setPlaceholderText(tr("e.g. 8080,9000-9010 (empty: none)"));
    QString canonical, error;
    if (m_entry && editedValue(&canonical, &error))
        setEntry(m_entry, canonical, true, m_unprivilegedPortStart);
}

void SysctlValueEditor::setEntry(const SysctlEntry *entry, const QString &current, bool present, int unprivilegedPortStart)
{
    m_loading = true;
    m_entry = entry;
    m_unprivilegedPortStart = unprivilegedPortStart;
    if (!entry->editable()) {
        m_info->setText(tr("Removed from the kernel: nothing to set."));
        setCurrentWidget(m_info);
    } else if (!present) {
        m_info->setText(tr("Not present on this kernel or in this namespace: nothing to set."));
        setCurrentWidget(m_info);
    } else {
        switch (entry->kind) {
        case SysctlEntry::Kind::Choice:
            m_choice->clear();
            for (const SysctlChoice &choice : entry->choices) {
                // A few words in the list; the whole meaning follows the selection beside it
                // (choiceMeaning), so the popup never holds a paragraph.
                m_choice->addItem(QStringLiteral("%1 — %2").arg(choice.value).arg(SysctlCatalog::text(choice.label)),
                                  QString::number(choice.value));
            }
            setCurrentWidget(m_choice);
            break;
        case SysctlEntry::Kind::Integer:
            m_integer->setRange(int(entry->minimum), int(qMin<qint64>(entry->maximum, std::numeric_limits<int>::max())));
            m_integer->setSuffix(entry->unit ? QLatin1Char(' ') + SysctlCatalog::text(entry->unit) : QString());
            setCurrentWidget(m_integer);
            break;
        case SysctlEntry::Kind::PortRange:
            m_low->setMinimum(qMax(1, unprivilegedPortStart));
            setCurrentIndex(indexOf(m_low->parentWidget()));
            break;
        case SysctlEntry::Kind::PortList: setCurrentWidget(m_list); break;
        case SysctlEntry::Kind::Removed: break;
        }
        setValue(current);
    }
    m_loading = false;
}

void SysctlValueEditor::setValue(const QString &canonical)
{
    if (!m_entry)
        return;
    const bool loading = m_loading;
    m_loading = true;
    switch (m_entry->kind) {
    case SysctlEntry::Kind::Choice: m_choice->setCurrentIndex(m_choice->findData(canonical)); break;
    case SysctlEntry::Kind::Integer: m_integer->setValue(canonical.toInt()); break;
    case SysctlEntry::Kind::PortRange: {
        const QStringList ends = canonical.split(QLatin1Char('-'));
        if (ends.size() == 2) {
            m_low->setValue(ends[0].toInt());
            m_high->setValue(ends[1].toInt());
        }
        break;
    }
    case SysctlEntry::Kind::PortList: m_list->setText(canonical); break;
    case SysctlEntry::Kind::Removed: break;
    }
    m_loading = loading;
}

namespace {
// What a spin box shows, as digits: the value the user sees, not the last one it accepted.
QString shownNumber(const QSpinBox *spin)
{
    QString text = spin->cleanText().trimmed();
    text.remove(spin->locale().groupSeparator());
    return text;
}
}

bool SysctlValueEditor::editedValue(QString *canonical, QString *error) const
{
    if (!m_entry || currentWidget() == m_info)
        return false;
    QString text;
    switch (m_entry->kind) {
    case SysctlEntry::Kind::Choice: text = m_choice->currentData().toString(); break;
    case SysctlEntry::Kind::Integer: text = shownNumber(m_integer); break;
    case SysctlEntry::Kind::PortRange: text = shownNumber(m_low) + QLatin1Char('-') + shownNumber(m_high); break;
    case SysctlEntry::Kind::PortList: text = m_list->text().trimmed(); break;
    case SysctlEntry::Kind::Removed: return false;
    }
    SysctlValue::Limits limits;
    limits.unprivilegedPortStart = m_unprivilegedPortStart;
    return SysctlValue::validate(*m_entry, text, limits, canonical, error);
}

bool SysctlValueEditor::isEditing() const
{
    return m_entry && currentWidget() != m_info;
}

QString SysctlValueEditor::choiceMeaning() const
{
    if (!m_entry || currentWidget() != m_choice)
        return QString();
    const qint64 value = m_choice->currentData().toLongLong();
    for (const SysctlChoice &choice : m_entry->choices)
        if (choice.value == value)
            return QStringLiteral("%1 — %2").arg(value).arg(SysctlCatalog::text(choice.meaning));
    return QString();
}

bool SysctlValueEditor::eventFilter(QObject *watched, QEvent *event)
{
    // A wheel turned over a value the user is not editing scrolls the pane, never the value:
    // the wheel is how one reaches Apply, and a changed pending value would be applied silently.
    if (event->type() == QEvent::Wheel && watched->isWidgetType() && !static_cast<QWidget *>(watched)->hasFocus()) {
        event->ignore();
        return true;
    }
    return QStackedWidget::eventFilter(watched, event);
}
