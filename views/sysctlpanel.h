#pragma once

#include "historypanel.h"
#include "sysctlchange.h"

#include <QMap>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;
class QTabWidget;
class QTextBrowser;
class SysctlApplier;
class SysctlListModel;
class SysctlValueEditor;

// The TIME-WAIT sysctls for training and tuning: a list with values, defaults and a mark where
// they differ; the explanation of the selected one for this kernel; an editor that fits its type;
// Apply (one authorization for all pending changes), Revert, and a preview of what Apply will
// run. Values are those of the observed namespace, re-read after every write and every refresh.
class SysctlPanel : public HistoryPanel
{
    Q_OBJECT

public:
    SysctlPanel(SysctlListModel *model, SysctlApplier *applier, QWidget *parent = nullptr);

    void showSnapshot(const SnapshotPtr &snapshot) override;
    void retranslate() override;
    void selectSysctl(const QString &name);
    // The close-sequence diagram, brought to the front (for captures and links).
    QWidget *showCloseSequence();
    // A replay: explanations and recorded values only; nothing can be applied.
    void setReadOnly(const QString &reason);
    SysctlValueEditor *editor() const { return m_editor; }
    QPushButton *applyButton() const { return m_apply; }
    QCheckBox *persistBox() const { return m_persist; }
    QString resultText() const;
    QString previewText() const;
    const QMap<QString, QString> &pending() const { return m_pending; }

public slots:
    void showReport(const SysctlApplyReport &report);

private:
    void showSelected();
    void editorChanged();
    void updatePreview();
    void apply();
    void revert();
    int currentRow() const;

    SysctlListModel *m_model;
    SysctlApplier *m_applier;
    QTableView *m_list;
    QTabWidget *m_tabs;
    QTextBrowser *m_detail;
    QTextBrowser *m_concepts;
    QLabel *m_editorLabel;
    SysctlValueEditor *m_editor;
    QLabel *m_editorError;
    QCheckBox *m_persist;
    QPushButton *m_apply;
    QPushButton *m_revert;
    QLabel *m_preview;
    QLabel *m_result;
    QMap<QString, QString> m_pending; // name -> canonical value to write
    QString m_readOnlyReason;
    QString m_detailHtml;
    QString m_conceptsHtml;
    int m_detailRow = -1;
};
