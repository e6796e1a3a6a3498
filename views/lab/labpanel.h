#pragma once

#include "lab/labmonitor.h"
#include "lab/labscenario.h"
#include "sampling/sample.h"

#include <QPointer>
#include <QWidget>

class LabChart;
class LabLoadControls;
class LabSource;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTabWidget;
class QTextBrowser;

// The training lab's panel (issue 14): the scenario picker and its text (what to watch, what to
// change, what should happen), the checkpoints ticked from live figures, the live load controls
// and the chart of connect() failures. It drives a LabSource; the window shows the lab like any
// source (charts, table, the sysctl pane writing into the lab).
class LabPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LabPanel(QWidget *parent = nullptr);

    // Shows `source` running `scenario` (started now: the panel sends its load).
    void attach(LabSource *source, const LabScenario &scenario, const QStringList &extraLoad);
    const LabMonitor &monitor() const { return m_monitor; }
    LabChart *chart() const { return m_chart; }
    // The checkpoints' lines as shown ("✓ TIME-WAIT is on local port 8080 …").
    QStringList checkpointTexts() const;
    void retranslate();
    // Brings the load controls' tab to the front.
    void showLoadControls();

signals:
    // The trainer picked another scenario (or Restart): a fresh lab for it.
    void restartRequested(const QString &scenario);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showScenario();
    void sampleArrived(const SamplePtr &sample);
    void showCheckpoints();

    QPointer<LabSource> m_source;
    const LabScenario *m_scenario = nullptr;
    LabMonitor m_monitor;
    QLabel *m_pickLabel;
    QComboBox *m_picker;
    QPushButton *m_restart;
    QTextBrowser *m_text;
    QLabel *m_checkpointsLabel;
    QListWidget *m_checkpoints;
    QLabel *m_figures;
    LabChart *m_chart;
    LabLoadControls *m_load;
    QTabWidget *m_tabs;
};
