#pragma once

#include <QGroupBox>
#include <QMap>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QSpinBox;

// The lab's load, changed live: connection rate, concurrency, who closes first, keep-alive,
// request size, target (loopback or the lab's own address), source addresses,
// IP_BIND_ADDRESS_NO_PORT, the server's backlog and accept rate. Each change is sent at once as
// LabLoadSettings words ("rate=30"); what the lab reports back is shown without echoing it.
class LabLoadControls : public QGroupBox
{
    Q_OBJECT

public:
    explicit LabLoadControls(QWidget *parent = nullptr);

    // The settings the lab reports ("rate" -> "30" ...), shown without emitting changed().
    void showSettings(const QMap<QString, QString> &load);
    void retranslate();

signals:
    void changed(const QStringList &words);

private:
    QSpinBox *spin(const char *key, int minimum, int maximum);
    QCheckBox *check(const char *key);
    QComboBox *choice(const char *key, const QStringList &values);

    QFormLayout *m_form;
    QList<QLabel *> m_labels; // per row; none for a check box
    QSpinBox *m_rate, *m_concurrency, *m_request, *m_sources, *m_backlog, *m_accept;
    QComboBox *m_closer, *m_target;
    QCheckBox *m_keepAlive, *m_bindNoPort;
    bool m_showing = false;
};
