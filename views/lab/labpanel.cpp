#include "views/lab/labpanel.h"

#include "views/lab/labchart.h"
#include "views/lab/labloadcontrols.h"
#include "lab/labsource.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace {
QString mark(LabCheckpointResult::State state)
{
    switch (state) {
    case LabCheckpointResult::State::Held: return QStringLiteral("✓");
    case LabCheckpointResult::State::NotHeld: return QStringLiteral("✗");
    case LabCheckpointResult::State::Waiting: return QStringLiteral("…");
    case LabCheckpointResult::State::NotApplicable: return QStringLiteral("○");
    case LabCheckpointResult::State::HeldBefore: return QStringLiteral("✓");
    }
    return QString();
}
}

LabPanel::LabPanel(QWidget *parent)
    : QWidget(parent)
    , m_pickLabel(new QLabel(this))
    , m_picker(new QComboBox(this))
    , m_restart(new QPushButton(this))
    , m_text(new QTextBrowser(this))
    , m_checkpointsLabel(new QLabel(this))
    , m_checkpoints(new QListWidget(this))
    , m_figures(new QLabel(this))
    , m_chart(new LabChart(this))
    , m_load(new LabLoadControls(this))
    , m_tabs(new QTabWidget(this))
{
    auto pick = new QHBoxLayout;
    pick->addWidget(m_pickLabel);
    pick->addWidget(m_picker, 1);
    pick->addWidget(m_restart);
    for (const LabScenario &scenario : LabScenario::all())
        m_picker->addItem(QString(), scenario.name);
    m_picker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_picker->setMinimumContentsLength(12);
    connect(m_picker, &QComboBox::activated, this, [this] { emit restartRequested(m_picker->currentData().toString()); });
    connect(m_restart, &QPushButton::clicked, this, [this] { emit restartRequested(m_picker->currentData().toString()); });
    m_text->setOpenLinks(false);
    m_text->setMinimumHeight(60);
    m_checkpoints->setWordWrap(true);
    m_checkpoints->setSelectionMode(QAbstractItemView::NoSelection);
    m_checkpoints->setMinimumHeight(70);
    m_figures->setWordWrap(true);
    m_figures->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Two tabs: the scenario as the trainee follows it, and the load the trainer changes.
    auto scenarioPage = new QWidget;
    auto column = new QVBoxLayout(scenarioPage);
    column->setContentsMargins(4, 4, 4, 4);
    column->addLayout(pick);
    column->addWidget(m_text, 2);
    column->addWidget(m_checkpointsLabel);
    column->addWidget(m_checkpoints, 2);
    column->addWidget(m_chart, 3);
    column->addWidget(m_figures);
    auto loadPage = new QScrollArea;
    loadPage->setWidget(m_load);
    loadPage->setWidgetResizable(true);
    loadPage->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(scenarioPage, QString());
    m_tabs->addTab(loadPage, QString());
    auto outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_tabs);
    connect(m_load, &LabLoadControls::changed, this, [this](const QStringList &words) {
        if (m_source)
            m_source->setLoad(words);
    });
    retranslate();
}

void LabPanel::attach(LabSource *source, const LabScenario &scenario, const QStringList &extraLoad)
{
    m_source = source;
    m_scenario = &scenario;
    m_picker->setCurrentIndex(m_picker->findData(scenario.name));
    m_monitor.start(scenario.id, QDateTime::currentMSecsSinceEpoch());
    m_chart->clear();
    m_checkpoints->clear();
    m_figures->clear();
    connect(source, &Source::sampleReady, this, &LabPanel::sampleArrived);
    connect(source, &LabSource::figuresReady, this, [this](const LabFigures &figures) {
        m_chart->add(figures);
        m_load->showSettings(figures.load);
        const QLocale locale;
        m_figures->setText(
            tr("connect(): %1 tried, %2 connected, %3 failed with EADDRNOTAVAIL, %4 other failures; "
               "server: %5 accepted")
                .arg(locale.toString(figures.attempts), locale.toString(figures.connected),
                     locale.toString(figures.connectErrors.value(QStringLiteral("EADDRNOTAVAIL"))),
                     locale.toString(figures.failures() - figures.connectErrors.value(QStringLiteral("EADDRNOTAVAIL"))),
                     locale.toString(figures.accepted)));
    });
    source->setLoad(scenario.load + extraLoad + QStringList {QStringLiteral("running=on")});
    showScenario();
}

void LabPanel::sampleArrived(const SamplePtr &sample)
{
    if (!m_source)
        return;
    m_monitor.add(sample->snapshot, m_source->figures());
    showCheckpoints();
}

void LabPanel::showCheckpoints()
{
    if (!m_scenario)
        return;
    const std::vector<LabCheckpointResult> results = m_monitor.evaluate();
    if (results.empty()) {
        m_checkpoints->clear();
        m_checkpoints->addItem(tr("… waiting for the lab's first figures"));
        return;
    }
    while (m_checkpoints->count() > int(results.size()))
        delete m_checkpoints->takeItem(m_checkpoints->count() - 1);
    for (int i = 0; i < int(results.size()); ++i) {
        const LabCheckpointResult &result = results[std::size_t(i)];
        QString text = mark(result.state) + QLatin1Char(' ');
        if (result.phase == LabCheckpointResult::Phase::Change)
            text += tr("After the change (%1): ").arg(result.condition);
        if (result.state == LabCheckpointResult::State::Waiting)
            text += tr("%1 (measuring…)").arg(result.text);
        else if (result.state == LabCheckpointResult::State::HeldBefore)
            text += tr("Held before the change; now: %1").arg(result.text); // the change ended it, as it should
        else
            text += result.text;
        if (i >= m_checkpoints->count())
            m_checkpoints->addItem(QString());
        QListWidgetItem *item = m_checkpoints->item(i);
        item->setText(text);
        QFont font = item->font();
        font.setBold(result.state == LabCheckpointResult::State::Held);
        item->setFont(font);
        const bool dimmed =
            result.state == LabCheckpointResult::State::NotApplicable || result.state == LabCheckpointResult::State::HeldBefore;
        item->setForeground(dimmed ? palette().color(QPalette::PlaceholderText) : palette().color(QPalette::Text));
    }
}

QStringList LabPanel::checkpointTexts() const
{
    QStringList texts;
    for (int i = 0; i < m_checkpoints->count(); ++i)
        texts << m_checkpoints->item(i)->text();
    return texts;
}

void LabPanel::showScenario()
{
    if (!m_scenario)
        return;
    const LabScenario::Text text = m_scenario->text();
    m_text->setHtml(QStringLiteral("<h3>%1</h3><p><b>%2</b> %3</p><p><b>%4</b> %5</p><p><b>%6</b> %7</p>")
                        .arg(text.title.toHtmlEscaped(), tr("Watch:").toHtmlEscaped(), text.watch.toHtmlEscaped(),
                             tr("Change:").toHtmlEscaped(), text.change.toHtmlEscaped(),
                             tr("What should happen:").toHtmlEscaped(), text.expect.toHtmlEscaped()));
    showCheckpoints();
}

void LabPanel::retranslate()
{
    m_pickLabel->setText(tr("Scenario:"));
    m_restart->setText(tr("Restart"));
    m_restart->setToolTip(tr("A fresh lab for this scenario: new namespaces, its own sysctls, no sockets."));
    for (int i = 0; i < m_picker->count(); ++i)
        m_picker->setItemText(i, LabScenario::all()[std::size_t(i)].title());
    m_checkpointsLabel->setText(tr("Checkpoints (judged from live figures every second):"));
    m_tabs->setTabText(0, tr("Scenario"));
    m_tabs->setTabText(1, tr("Load"));
    m_load->retranslate();
    m_chart->retranslate();
    showScenario();
}

void LabPanel::showLoadControls()
{
    m_tabs->setCurrentIndex(1);
}

void LabPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
