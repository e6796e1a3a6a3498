#pragma once

#include "remote/remotehost.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QSettings;

// File → Watch remote host…: one field for [user@]host[:port] (an ~/.ssh/config alias works),
// the hosts watched before offered first. The text is checked by RemoteHost as it is typed, so
// OK only accepts what ssh is then given.
class RemoteHostDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int RecentHostsKept = 10;

    RemoteHostDialog(QSettings *settings, QWidget *parent = nullptr);

    RemoteHost host() const { return m_host; }
    // The host first in the recent list (kept in `settings`).
    static void remember(QSettings *settings, const RemoteHost &host);
    static QStringList recentHosts(const QSettings &settings);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void validate();

    QComboBox *m_field;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    RemoteHost m_host;
};
