#pragma once

#include "views/charts/historypanel.h"

#include <QMap>

class QCheckBox;
class QPushButton;
class QSplitter;
class QTableView;
class QTabWidget;
class QTextBrowser;
class SysctlChangeBox;
class SysctlChanger;
class SysctlListModel;
class SysctlValueEditor;
struct KernelFacts;

// The TIME-WAIT sysctls for training and tuning: a list with values, defaults and a mark where
// they differ; the explanation of the selected one for this kernel; and the Change area
// (SysctlChangeBox). Values are those of the observed namespace, re-read after every write and
// every refresh.
class SysctlPanel : public HistoryPanel
{
    Q_OBJECT

public:
    SysctlPanel(SysctlListModel *model, QWidget *parent = nullptr);

    void showSnapshot(const SnapshotPtr &snapshot) override;
    void retranslate() override;
    void selectSysctl(const QString &name);
    // The close-sequence diagram, brought to the front (for captures and links).
    QWidget *showCloseSequence();
    // The watched kernel's facts (its defaults, what tells the host's namespace), as the source
    // delivers them: the pane never asks the kernel itself.
    void setKernelFacts(const KernelFacts &facts);
    // How Apply changes the watched kernel, as the source hands it over (a replay's changes
    // nothing: explanations and recorded values only).
    void setChanger(SysctlChanger *changer);
    SysctlChanger *changer() const;
    SysctlChangeBox *changeBox() const { return m_change; }
    SysctlValueEditor *editor() const;
    QPushButton *applyButton() const;
    QCheckBox *persistBox() const;
    QString resultText() const;
    QString previewText() const;
    const QMap<QString, QString> &pending() const;

private:
    void setUpList();
    void setUpExplanationTabs();
    void fitListColumns(QSplitter *splitter);
    void showSelected();
    int currentRow() const;

    SysctlListModel *m_model;
    QTableView *m_list;
    QTabWidget *m_tabs;
    QTextBrowser *m_detail;
    QTextBrowser *m_concepts;
    SysctlChangeBox *m_change;
    QString m_detailHtml;
    QString m_conceptsHtml;
    int m_detailRow = -1;
};
