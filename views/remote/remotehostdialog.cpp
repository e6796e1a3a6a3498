#include "views/remote/remotehostdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace {
const QString RecentKey = QStringLiteral("remote/recentHosts");
}

RemoteHostDialog::RemoteHostDialog(QSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_field(new QComboBox(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Watch remote host"));
    setMinimumWidth(fontMetrics().averageCharWidth() * 60); // the explanation readable in one glance
    auto layout = new QVBoxLayout(this);
    auto explanation = new QLabel(tr("Host to watch over ssh, as [user@]host[:port] or an alias from ~/.ssh/config. "
                                     "sockscope-agent runs there; if it is missing you are asked before this "
                                     "sockscope copies its own."),
                                  this);
    explanation->setWordWrap(true);
    layout->addWidget(explanation);
    m_field->setEditable(true);
    m_field->setInsertPolicy(QComboBox::NoInsert);
    m_field->addItems(recentHosts(*settings));
    m_field->lineEdit()->setPlaceholderText(tr("user@host:port"));
    layout->addWidget(m_field);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_field, &QComboBox::editTextChanged, this, &RemoteHostDialog::validate);
    validate();
}

void RemoteHostDialog::validate()
{
    const QString text = m_field->currentText().trimmed();
    QString problem;
    const bool ok = !text.isEmpty() && RemoteHost::parse(text, &m_host, &problem);
    m_problem->setText(text.isEmpty() ? QString() : problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

void RemoteHostDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    // The last host is offered selected: typing another replaces it ("web-05", never
    // "web-04web-05"), and Enter watches the last one again.
    m_field->setFocus(Qt::OtherFocusReason);
    m_field->lineEdit()->selectAll();
}

QStringList RemoteHostDialog::recentHosts(const QSettings &settings)
{
    QStringList hosts;
    // Settings are a file the user (or anyone with their account) may edit: only valid hosts.
    for (const QString &text : settings.value(RecentKey).toStringList()) {
        RemoteHost host;
        QString ignored;
        if (hosts.size() < RecentHostsKept && RemoteHost::parse(text, &host, &ignored) && !hosts.contains(text))
            hosts << text;
    }
    return hosts;
}

void RemoteHostDialog::remember(QSettings *settings, const RemoteHost &host)
{
    QStringList hosts = recentHosts(*settings);
    hosts.removeAll(host.displayName());
    hosts.prepend(host.displayName());
    settings->setValue(RecentKey, hosts.mid(0, RecentHostsKept));
}
