#include "itemmodels/sysctllistmodel.h"

#include "sysctl/sysctlvalue.h"
#include "bridge/untrustedtext.h"

SysctlListModel::SysctlListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void SysctlListModel::setSnapshot(const SnapshotPtr &snapshot)
{
    m_snapshot = snapshot;
    m_readBack.clear(); // the snapshot now has the kernel's word
    emit dataChanged(index(0, 0), index(rowCount() - 1, COLUMN_COUNT - 1));
}

void SysctlListModel::setKernelFacts(const KernelFacts &facts)
{
    m_facts = facts;
    emit dataChanged(index(0, 0), index(rowCount() - 1, COLUMN_COUNT - 1));
}

void SysctlListModel::setReadBack(const QString &name, const QString &value)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    m_readBack.insert(name, value);
    emit dataChanged(index(row, 0), index(row, COLUMN_COUNT - 1));
}

void SysctlListModel::setPending(const QMap<QString, QString> &pending)
{
    m_pending = pending;
    emit dataChanged(index(0, Value), index(rowCount() - 1, Value));
}

void SysctlListModel::retranslate()
{
    emit dataChanged(index(0, 0), index(rowCount() - 1, COLUMN_COUNT - 1));
    emit headerDataChanged(Qt::Horizontal, 0, COLUMN_COUNT - 1);
}

const SysctlEntry &SysctlListModel::entry(int row) const
{
    return SysctlCatalog::entries()[std::size_t(row)];
}

int SysctlListModel::rowOf(const QString &name) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (entry(row).key() == name)
            return row;
    }
    return -1;
}

const SysctlReading *SysctlListModel::reading(int row) const
{
    return m_snapshot ? m_snapshot->sysctl(entry(row).name) : nullptr;
}

bool SysctlListModel::isPresent(int row) const
{
    if (m_readBack.contains(entry(row).key()))
        return true;
    const SysctlReading *r = reading(row);
    return r && r->state == SysctlReading::State::Present;
}

QString SysctlListModel::currentValue(int row) const
{
    const SysctlEntry &e = entry(row);
    const auto readBack = m_readBack.constFind(e.key());
    if (readBack != m_readBack.constEnd())
        return readBack.value();
    const SysctlReading *r = reading(row);
    if (!r || r->state != SysctlReading::State::Present)
        return QString();
    return SysctlValue::fromProcText(e, QString::fromStdString(r->value));
}

qint64 SysctlListModel::establishedHash() const
{
    const SysctlReading *r = m_snapshot ? m_snapshot->sysctl("net.ipv4.tcp_ehash_entries") : nullptr;
    if (!r || r->state != SysctlReading::State::Present)
        return 0;
    // Negative: the namespace shares the host's hash; the size is the same either way.
    return qAbs(QString::fromStdString(r->value).toLongLong());
}

QString SysctlListModel::defaultValue(int row) const
{
    return SysctlValue::fromProcText(entry(row), SysctlCatalog::defaultValue(entry(row), m_facts.defaults, establishedHash()));
}

bool SysctlListModel::defaultDetected(int row) const
{
    return SysctlCatalog::defaultSource(entry(row), m_facts.defaults, establishedHash())
        == SysctlCatalog::DefaultSource::Detected;
}

bool SysctlListModel::differs(int row) const
{
    // Only against a default read from this kernel: a documented one may be another version's.
    if (!isPresent(row) || !entry(row).editable() || !defaultDetected(row))
        return false;
    return currentValue(row) != defaultValue(row);
}

int SysctlListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(SysctlCatalog::entries().size());
}

int SysctlListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : COLUMN_COUNT;
}

QVariant SysctlListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int row = index.row();
    const SysctlEntry &e = entry(row);
    switch (role) {
    case KeyRole: return e.key();
    case DiffersRole: return differs(row);
    case PresentRole: return isPresent(row);
    case PendingRole: return m_pending.value(e.key());
    case Qt::ToolTipRole:
        if (index.column() == Differs && differs(row))
            return UntrustedText::toolTip( // the default comes from the agent's header on a remote host
                tr("Differs from this kernel's default (%1), read from a fresh network namespace.").arg(defaultValue(row)));
        if (index.column() == Default && !SysctlCatalog::defaultExplanation(e, m_facts.defaults, establishedHash()).isEmpty())
            return SysctlCatalog::defaultExplanation(e, m_facts.defaults, establishedHash());
        return SysctlCatalog::text(e.summary);
    case Qt::DisplayRole: break;
    default: return {};
    }

    switch (index.column()) {
    case Name: return e.key().mid(e.key().indexOf(QLatin1Char('.')) + 1); // "ipv4.tcp_tw_reuse"
    case Value: {
        if (e.kind == SysctlEntry::Kind::Removed) // read all the same: an old kernel still has the file
            return isPresent(row) && reading(row) ? QString::fromStdString(reading(row)->value) : tr("removed");
        if (!isPresent(row)) {
            const SysctlReading *r = reading(row);
            return r && r->state == SysctlReading::State::Unreadable ? tr("unreadable") : SysctlCatalog::absentShortText(&e);
        }
        const QString value = SysctlValue::displayText(e, currentValue(row));
        const QString pending = SysctlValue::displayText(e, m_pending.value(e.key()));
        const QString shown = value.isEmpty() ? tr("(empty)") : value;
        return pending.isNull() ? shown : tr("%1 → %2").arg(shown, pending.isEmpty() ? tr("(empty)") : pending);
    }
    case Differs: return differs(row) ? QStringLiteral("≠") : QString();
    case Default: {
        if (e.kind == SysctlEntry::Kind::Removed)
            return QString();
        const SysctlCatalog::DefaultSource source = SysctlCatalog::defaultSource(e, m_facts.defaults, establishedHash());
        if (source == SysctlCatalog::DefaultSource::Unknown)
            return QString();
        const bool detected = source == SysctlCatalog::DefaultSource::Detected;
        QString fallback = SysctlValue::displayText(
            e,
            SysctlValue::fromProcText(e, detected ? defaultValue(row) : SysctlCatalog::documentedDefault(e, establishedHash())));
        if (fallback.isEmpty())
            fallback = tr("(empty)");
        //: A default sockscope could not read from this kernel; its documentation's value
        return detected ? fallback : tr("%1 (documented)").arg(fallback);
    }
    }
    return {};
}

QVariant SysctlListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == Differs)
        return tr("≠ marks a value that differs from this kernel's default, read from a fresh network namespace "
                  "(no mark where the default could not be read)");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Sysctl");
    case Value: return tr("Value");
    case Differs: return QStringLiteral("≠");
    case Default: return tr("Default");
    }
    return {};
}
