#include "views/sysctl/portbudgetdialog.h"

#include "core/snapshot/inetaddress.h"
#include "core/snapshot/portbudget.h"
#include "bridge/untrustedtext.h"
#include "wording/portbudgettext.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {
// A tuple's identity in the list, so the choice survives refreshes while the order changes.
QString tupleKey(const PortPressure &p)
{
    return QString::fromStdString(InetAddress::toString(p.family, p.localAddress) + ' '
                                  + InetAddress::endpoint(p.family, p.remoteAddress, p.remotePort));
}
}

PortBudgetDialog::PortBudgetDialog(QWidget *parent)
    : QDialog(parent)
    , m_tuples(new QComboBox(this))
    , m_tupleLabel(new QLabel(this))
    , m_sourcesLabel(new QLabel(this))
    , m_portsLabel(new QLabel(this))
    , m_sources(new QSpinBox(this))
    , m_ports(new QSpinBox(this))
    , m_explanation(new QLabel(this))
    , m_origin(new QLabel(this))
{
    setObjectName(QStringLiteral("portBudgetDialog"));
    m_tuples->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_tuples->setMinimumContentsLength(24);
    for (QSpinBox *box : {m_sources, m_ports})
        box->setRange(1, 65535);
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::RichText);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_explanation->setObjectName(QStringLiteral("portBudgetExplanation"));

    auto form = new QFormLayout;
    form->addRow(m_tupleLabel, m_tuples);
    form->addRow(m_sourcesLabel, m_sources);
    form->addRow(m_portsLabel, m_ports);
    m_origin->setWordWrap(true);
    m_origin->setTextFormat(Qt::PlainText);
    m_origin->setObjectName(QStringLiteral("portBudgetOrigin"));
    form->addRow(m_origin);
    auto scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_explanation);
    auto layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(scroll, 1);
    resize(620, 440);

    connect(m_tuples, &QComboBox::currentIndexChanged, this, &PortBudgetDialog::tupleChosen);
    connect(m_sources, &QSpinBox::valueChanged, this, &PortBudgetDialog::updateExplanation);
    connect(m_ports, &QSpinBox::valueChanged, this, &PortBudgetDialog::updateExplanation);
    retranslate();
}

void PortBudgetDialog::retranslate()
{
    setWindowTitle(tr("Worked port budget"));
    m_tupleLabel->setText(tr("Tuple (source → destination)"));
    m_tuples->setToolTip(tr("The (source address, destination address, destination port) tuples using the most "
                            "local ports now, busiest first."));
    m_sourcesLabel->setText(tr("Source addresses"));
    m_portsLabel->setText(tr("Destination ports"));
    m_sources->setToolTip(tr("How many source addresses the client spreads its connections over; starts at the "
                             "number the tuple's own client is seen using towards that address."));
    m_ports->setToolTip(tr("How many ports of that destination address the client connects to; starts at the "
                           "number the tuple's own client is seen using."));
    fillTuples();
    updateExplanation();
}

void PortBudgetDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void PortBudgetDialog::showSnapshot(const SnapshotPtr &snapshot)
{
    m_snapshot = snapshot;
    fillTuples();
    updateExplanation();
}

int PortBudgetDialog::tupleCount() const
{
    return m_tuples->count();
}

QString PortBudgetDialog::explanationText() const
{
    return m_explanation->text();
}

void PortBudgetDialog::fillTuples()
{
    const QString chosen = m_tuples->currentData().toString();
    const QSignalBlocker blocker(m_tuples);
    m_tuples->clear();
    if (!m_snapshot)
        return;
    const QLocale locale;
    for (const PortPressure &p : m_snapshot->portPressure) {
        m_tuples->addItem(tr("%1 → %2 (%3 ports in use)")
                              .arg(QString::fromStdString(InetAddress::toString(p.family, p.localAddress)),
                                   QString::fromStdString(InetAddress::endpoint(p.family, p.remoteAddress, p.remotePort)),
                                   locale.toString(p.inUse)),
                          tupleKey(p));
    }
    const int again = m_tuples->findData(chosen);
    m_tuples->setCurrentIndex(again >= 0 ? again : 0);
    if (again < 0)
        tupleChosen();
}

const PortPressure *PortBudgetDialog::currentTuple() const
{
    if (!m_snapshot)
        return nullptr;
    const QString key = m_tuples->currentData().toString();
    for (const PortPressure &p : m_snapshot->portPressure) {
        if (tupleKey(p) == key)
            return &p;
    }
    return nullptr;
}

void PortBudgetDialog::tupleChosen()
{
    // A new tuple starts from what is seen in use next to it; refreshes keep the trainee's numbers.
    m_origin->clear();
    if (const PortPressure *p = currentTuple()) {
        const PortBudgetMultipliers seen = PortBudget::multipliersOf(*m_snapshot, *p);
        const QSignalBlocker a(m_sources), b(m_ports);
        m_sources->setValue(seen.sourceAddresses);
        m_ports->setValue(seen.destinationPorts);
        const QString address = QString::fromStdString(InetAddress::toString(p->family, p->remoteAddress));
        if (seen.client.empty())
            m_origin->setText(tr("Starts at 1 and 1: the tuple's own source address and destination port (no single "
                                 "process is known to make its connections). Change them to see what more would give."));
        else
            m_origin->setText(tr("Starts at %1 and %2: the source addresses and destination ports that %3 uses "
                                 "towards %4 now, this tuple's included. Change them to see what more would give.")
                                  .arg(seen.sourceAddresses)
                                  .arg(seen.destinationPorts)
                                  .arg(UntrustedText::plain(QString::fromStdString(seen.client)), address));
    }
    updateExplanation();
}

void PortBudgetDialog::updateExplanation()
{
    QStringList lines;
    QString heading;
    if (!m_snapshot) {
        heading = tr("Waiting for the first refresh.");
    } else if (const PortPressure *p = currentTuple()) {
        const PortBudget budget = PortBudget::forTuple(*m_snapshot, *p, m_sources->value(), m_ports->value());
        heading = PortBudgetText::summary(budget);
        lines = PortBudgetText::worked(budget);
    } else {
        // No client tuple holds a local port now: the namespace's budget still holds.
        heading = tr("No connection uses a local port of ip_local_port_range now.") + QLatin1Char(' ')
            + PortBudgetText::forNamespace(PortBudgetSettings::fromReadings(m_snapshot->sysctls));
    }
    QString html = QStringLiteral("<p><b>%1</b></p>").arg(heading.toHtmlEscaped());
    if (!lines.isEmpty()) {
        html += QStringLiteral("<ol>");
        for (const QString &line : lines)
            html += QStringLiteral("<li>%1</li>").arg(line.toHtmlEscaped());
        html += QStringLiteral("</ol>");
    }
    m_explanation->setText(html);
}
