#pragma once

#include "core/collect/kernelfacts.h"
#include "core/snapshot/snapshot.h"
#include "sysctl/sysctlcatalog.h"

#include <QAbstractTableModel>
#include <QMap>

// The catalog's sysctls with their values in the observed namespace, the kernel default and a
// mark where they differ; pending edits show as "old → new". Rows never move, so a refresh is a
// dataChanged and the selection stays.
class SysctlListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Value, Differs, Default, COLUMN_COUNT }; // scope and side are in the explanation
    enum Roles { KeyRole = Qt::UserRole + 1, DiffersRole, PresentRole, PendingRole };

    explicit SysctlListModel(QObject *parent = nullptr);

    void setSnapshot(const SnapshotPtr &snapshot);
    // The watched kernel's facts, as its source delivers them: the model itself never asks the
    // kernel (detection forks; this runs on the GUI thread).
    void setKernelFacts(const KernelFacts &facts);
    const KernelFacts &kernelFacts() const { return m_facts; }
    // Values just read back after a write, shown until the next snapshot confirms them.
    void setReadBack(const QString &name, const QString &value);
    void setPending(const QMap<QString, QString> &pending);

    const SysctlEntry &entry(int row) const;
    int rowOf(const QString &name) const;
    // The current value in catalog form ("32768-60999"); empty when absent or unreadable.
    QString currentValue(int row) const;
    bool isPresent(int row) const;
    // The kernel default (SysctlCatalog::defaultValue with the facts' defaults); the ≠ mark
    // compares only with a detected one.
    QString defaultValue(int row) const;
    bool defaultDetected(int row) const;
    // |tcp_ehash_entries| of the observed namespace, 0 when this kernel does not say.
    qint64 establishedHash() const;
    SnapshotPtr snapshot() const { return m_snapshot; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Re-emits all texts (after a language change).
    void retranslate();

private:
    bool differs(int row) const;
    const SysctlReading *reading(int row) const;

    SnapshotPtr m_snapshot;
    KernelFacts m_facts;
    QMap<QString, QString> m_readBack;
    QMap<QString, QString> m_pending;
};
