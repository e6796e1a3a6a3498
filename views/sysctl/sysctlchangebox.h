#pragma once

#include "core/collect/namespaceidentity.h"
#include "sysctl/sysctlchange.h"
#include "sysctl/sysctlchangerisk.h"
#include "sampling/sysctlchangelog.h"

#include <QGroupBox>
#include <QMap>
#include <QPointer>

#include <vector>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;
class SysctlChanger;
class SysctlConfirmDialog;
class SysctlListModel;
class SysctlValueEditor;

// The Change area of the sysctl pane: an editor for the selected sysctl, "Reset to kernel
// default", the warnings a dangerous value earns, "Keep after reboot" (only where sysctl.d
// reaches), Revert and Apply, and one area with what came of the last Apply and the exact change
// the next one will make.
// What is pending is always what the editor shows: any value it cannot accept clears it and
// disables Apply. Every text sits in an area of fixed height, so the buttons never move under
// the pointer. A large or dangerous change is confirmed once in a dialog that shows the same
// change and the warnings.
class SysctlChangeBox : public QGroupBox
{
    Q_OBJECT

public:
    SysctlChangeBox(SysctlListModel *model, QWidget *parent = nullptr);

    // The selected row (-1: none); follows the kernel's value unless the user is editing it.
    void showRow(int row);
    // What Apply goes through, the source's (nothing can be applied without one); its reason,
    // if it cannot apply, is shown instead of a preview.
    void setChanger(SysctlChanger *changer);
    SysctlChanger *changer() const { return m_changer; }
    QString readOnlyReason() const { return m_readOnlyReason; }
    void retranslate();

    SysctlValueEditor *editor() const { return m_editor; }
    QPushButton *applyButton() const { return m_apply; }
    QPushButton *resetButton() const { return m_reset; }
    QPushButton *revertButton() const { return m_revert; }
    QCheckBox *persistBox() const { return m_persist; }
    QString previewText() const;
    QString resultText() const;
    QString notesText() const;
    QString persistNote() const { return m_persistNoteText; }
    // The confirmation being asked, if any.
    SysctlConfirmDialog *confirmation() const;
    const QMap<QString, QString> &pending() const { return m_pending; }

    // The change Apply makes, line by line: namespace, runtime or kept, old → new per item.
    QStringList changeLines() const;

public slots:
    void showReport(const SysctlApplyReport &report);

signals:
    // Values the kernel took from an Apply in this area (not a change the source made itself), read back: "net.ipv4.tcp_tw_reuse
    // 2 → 1" (items joined by "; "), for a marker on the timeline.
    void changesApplied(const QString &label);
    // The same changes, one record each, for the session's log (an incident bundle's sysctl-changes.csv).
    void changesRecorded(const std::vector<SysctlChangeRecord> &records);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void editorChanged();
    void updatePersist();
    void updateReset();
    void updateNotes();
    void updatePreview();
    void requestApply();
    void apply();
    void revert();
    void resetToDefault();
    SysctlRiskFigures figures() const;
    QStringList pairs() const;
    // "network namespace web (net:[4026532281])": where Apply writes.
    QString namespaceText() const;
    SysctlChangeRecord appliedRecord(const SysctlItemResult &item) const;
    static QString accountName();
    void setPersistNote(const QString &text, const QString &reason);
    void setResetToolTip(const QString &text);
    void setReadOnly(const QString &reason);

    SysctlListModel *m_model;
    QPointer<SysctlChanger> m_changer;
    QLabel *m_editorLabel;
    SysctlValueEditor *m_editor;
    QPushButton *m_reset;
    QTextBrowser *m_notes;
    QCheckBox *m_persist;
    QLabel *m_persistNote;
    QPushButton *m_apply;
    QPushButton *m_revert;
    QPlainTextEdit *m_preview;
    QPointer<SysctlConfirmDialog> m_confirm;
    QMap<QString, QString> m_pending; // name -> canonical value to write
    QString m_editorError; // why the shown value cannot be applied; empty when it can
    QString m_readOnlyReason;
    QString m_persistNoteText;
    QString m_persistNoteReason; // its tooltip, as plain text
    QString m_resetToolTip; // as plain text
    QString m_notesHtml;
    QString m_resultText; // what the last Apply did, until the next edit
    int m_row = -1;
    bool m_defaultUnknown = false; // Reset is off because the default cannot be told here
    SysctlChangeRecord m_applying; // where and how the Apply under way writes
    bool m_appliedHere = false; // the report to come answers this area's Apply (not the lab's own settings)
};
