#pragma once

#include <QDialog>
#include <QStringList>

class QPushButton;

// Asks once before a large or dangerous sysctl change: the exact change (namespace, runtime or
// kept, old → new per item), the warnings with their consequences, and why it is asked. Cancel
// is the default button, so Enter does not confirm a dangerous value by accident.
class SysctlConfirmDialog : public QDialog
{
    Q_OBJECT

public:
    SysctlConfirmDialog(const QStringList &change, const QStringList &warnings, const QStringList &largeReasons,
                        QWidget *parent = nullptr);

    QPushButton *applyButton() const { return m_apply; }
    QPushButton *cancelButton() const { return m_cancel; }
    QString text() const { return m_text; }

private:
    QPushButton *m_apply;
    QPushButton *m_cancel;
    QString m_text;
};
