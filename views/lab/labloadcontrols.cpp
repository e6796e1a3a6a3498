#include "views/lab/labloadcontrols.h"

#include "core/lab/labloadsettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QAbstractItemView>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

LabLoadControls::LabLoadControls(QWidget *parent)
    : QGroupBox(parent)
    , m_form(new QFormLayout(this))
{
    m_form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_rate = spin("rate", 0, LabLoadSettings::MaximumRate);
    m_concurrency = spin("concurrency", 1, LabLoadSettings::MaximumConcurrency);
    m_closer = choice("closer", {QStringLiteral("client"), QStringLiteral("server"), QStringLiteral("never")});
    m_keepAlive = check("keepalive");
    m_request = spin("request", 1, LabLoadSettings::MaximumRequestBytes);
    m_target = choice("target", {QStringLiteral("loopback"), QStringLiteral("lab")});
    m_sources = spin("sources", 1, LabLoadSettings::MaximumSourceAddresses);
    m_bindNoPort = check("bind-no-port");
    m_backlog = spin("backlog", 1, 65535);
    m_accept = spin("accept", 0, LabLoadSettings::MaximumRate);
    for (QWidget *field : std::initializer_list<QWidget *> {m_rate, m_concurrency, m_closer, m_keepAlive, m_request, m_target,
                                                            m_sources, m_bindNoPort, m_backlog, m_accept}) {
        // A check box says what it is itself; the other fields get a label.
        QLabel *label = qobject_cast<QCheckBox *>(field) ? nullptr : new QLabel(this);
        m_labels << label;
        if (label)
            m_form->addRow(label, field);
        else
            m_form->addRow(field);
    }
    retranslate();
}

QSpinBox *LabLoadControls::spin(const char *key, int minimum, int maximum)
{
    auto box = new QSpinBox(this);
    box->setRange(minimum, maximum);
    box->setKeyboardTracking(false); // typed numbers go when done, not digit by digit
    box->setObjectName(QString::fromLatin1(key));
    connect(box, &QSpinBox::valueChanged, this, [this, key](int value) {
        if (!m_showing)
            emit changed({QString::fromLatin1(key) + QLatin1Char('=') + QString::number(value)});
    });
    return box;
}

QCheckBox *LabLoadControls::check(const char *key)
{
    auto box = new QCheckBox(this);
    box->setObjectName(QString::fromLatin1(key));
    connect(box, &QCheckBox::toggled, this, [this, key](bool on) {
        if (!m_showing)
            emit changed({QString::fromLatin1(key) + (on ? QStringLiteral("=on") : QStringLiteral("=off"))});
    });
    return box;
}

QComboBox *LabLoadControls::choice(const char *key, const QStringList &values)
{
    auto box = new QComboBox(this);
    box->setObjectName(QString::fromLatin1(key));
    for (const QString &value : values)
        box->addItem(QString(), value);
    // Items are a few words, whole in the collapsed box at 1024 px and with larger text; what
    // each means at length is its tooltip.
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(box, &QComboBox::activated, this,
            [this, key, box] { emit changed({QString::fromLatin1(key) + QLatin1Char('=') + box->currentData().toString()}); });
    return box;
}

void LabLoadControls::showSettings(const QMap<QString, QString> &load)
{
    m_showing = true;
    for (QSpinBox *box : {m_rate, m_concurrency, m_request, m_sources, m_backlog, m_accept}) {
        // Not while the user is typing into it.
        if (load.contains(box->objectName()) && !box->hasFocus())
            box->setValue(load.value(box->objectName()).toInt());
    }
    for (QCheckBox *box : {m_keepAlive, m_bindNoPort})
        if (load.contains(box->objectName()))
            box->setChecked(load.value(box->objectName()) == QLatin1String("on"));
    for (QComboBox *box : {m_closer, m_target}) {
        const int index = box->findData(load.value(box->objectName()));
        if (index >= 0 && !box->view()->isVisible())
            box->setCurrentIndex(index);
    }
    m_showing = false;
}

void LabLoadControls::retranslate()
{
    setTitle(tr("What the lab's clients and server do (changes apply at once)"));
    const QStringList labels {tr("New connections a second"),
                              tr("Connections at once"),
                              tr("Closes first"),
                              QString(),
                              tr("Request bytes"),
                              tr("Clients connect to"),
                              tr("Source addresses"),
                              QString(),
                              tr("Server backlog"),
                              tr("Accepts a second")};
    for (int row = 0; row < labels.size(); ++row)
        if (m_labels[row])
            m_labels[row]->setText(labels[row]);
    const std::pair<QComboBox *, QStringList> items[] = {
        {m_closer,
         {tr("the client"), tr("the server"),
          //: Short: the client closes, the server never does (its long form is the tooltip)
          tr("the client only")}},
        {m_target, {tr("127.0.0.1 (loopback)"), tr("10.77.0.1 (lab)")}}};
    const std::pair<QComboBox *, QStringList> toolTips[] = {
        {m_closer,
         {tr("The client closes first: its side keeps TIME-WAIT."),
          tr("The server closes first: its side "
             "keeps TIME-WAIT."),
          tr("the client; the server never closes")}},
        {m_target, {tr("127.0.0.1 (loopback)"), tr("10.77.0.1 (the lab's own, not loopback)")}}};
    for (const auto &[box, texts] : items)
        for (int i = 0; i < texts.size(); ++i)
            box->setItemText(i, texts[i]);
    for (const auto &[box, texts] : toolTips)
        for (int i = 0; i < texts.size(); ++i)
            box->setItemData(i, texts[i], Qt::ToolTipRole);
    m_keepAlive->setText(tr("Keep-alive (a pool of connections)"));
    m_bindNoPort->setText(tr("IP_BIND_ADDRESS_NO_PORT"));
    m_accept->setSpecialValueText(tr("at once"));
    m_sources->setToolTip(tr("The clients bind to 10.77.0.1 … 10.77.0.N (or 127.0.0.1 … 127.0.0.N) in turn."));
}
