#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;

// What to capture, how, and where: the whole window or one part, PNG (1× or 2×) or SVG for
// charts, a file, and whether to copy the picture to the clipboard.
class CaptureDialog : public QDialog
{
    Q_OBJECT

public:
    // views: names as DockLayout::viewNames(), with their titles.
    CaptureDialog(const QStringList &views, const QStringList &titles, const QStringList &chartViews, const QString &defaultPath,
                  QWidget *parent = nullptr);

    QString view() const;
    QString path() const;
    qreal scale() const;
    bool copyToClipboard() const;

private:
    void updateFormats();

    QComboBox *m_view;
    QComboBox *m_format;
    QComboBox *m_scale;
    QLineEdit *m_path;
    QCheckBox *m_clipboard;
    QStringList m_chartViews;
};
