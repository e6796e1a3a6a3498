#pragma once

#include "core/snapshot/snapshot.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QSpinBox;

// The worked port budget for one tuple of the live snapshot: per (source address, destination
// address, destination port) with and without tcp_tw_reuse, then times source addresses and
// destination ports. The arithmetic and its words come from PortBudget/PortBudgetText; this only
// shows them and lets the trainee change the two multipliers.
class PortBudgetDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PortBudgetDialog(QWidget *parent = nullptr);

    void showSnapshot(const SnapshotPtr &snapshot);
    void retranslate();
    // For tests and captures: the explanation as shown.
    QString explanationText() const;
    int tupleCount() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillTuples();
    void tupleChosen();
    void updateExplanation();
    const PortPressure *currentTuple() const;

    SnapshotPtr m_snapshot;
    QComboBox *m_tuples;
    QLabel *m_tupleLabel;
    QLabel *m_sourcesLabel;
    QLabel *m_portsLabel;
    QSpinBox *m_sources;
    QSpinBox *m_ports;
    QLabel *m_explanation;
    QLabel *m_origin; // where the starting source addresses and destination ports come from
};
