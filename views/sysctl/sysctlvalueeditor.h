#pragma once

#include "sysctl/sysctlcatalog.h"

#include <QStackedWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

// An editor that fits the sysctl: a choice list for enumerations, a spin box with the valid range
// for integers, a pair of spin boxes for a port range, a line for a port list. It only offers
// values SysctlValue accepts; value() is in the helper's canonical form.
class SysctlValueEditor : public QStackedWidget
{
    Q_OBJECT

public:
    explicit SysctlValueEditor(QWidget *parent = nullptr);

    // `current` in catalog form; not editable when the entry is removed or absent here.
    void setEntry(const SysctlEntry *entry, const QString &current, bool present, int unprivilegedPortStart);
    void setValue(const QString &canonical);
    // The value as edited: true and the canonical form, or false and why it is not acceptable
    // (or nothing to edit). An empty port list is a valid value.
    // The value is read from what the widgets show (never a spin box's last accepted value), so
    // it is exactly what the user sees.
    bool editedValue(QString *canonical, QString *error) const;
    // Whether there is a value to edit (false for removed or absent sysctls).
    bool isEditing() const;
    const SysctlEntry *entry() const { return m_entry; }
    // What the selected choice means, whole ("1 — An outgoing connect() may…"); empty when the
    // sysctl is not a choice.
    QString choiceMeaning() const;
    void retranslate();

signals:
    void edited();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    const SysctlEntry *m_entry = nullptr;
    int m_unprivilegedPortStart = 1024;
    bool m_loading = false;
    QComboBox *m_choice;
    QSpinBox *m_integer;
    QSpinBox *m_low;
    QSpinBox *m_high;
    QLabel *m_rangeTo;
    QLineEdit *m_list;
    QLabel *m_info;
};
