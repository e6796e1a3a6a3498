#pragma once

#include <QLabel>

// A one-line plain-text label that, when its layout gives it less room than its text needs,
// shows the text cut at the end with "…" (never cut mid-glyph at its edge) and keeps the whole
// text for its tooltip. It asks for room for the whole text and accepts a few characters' width.
class ElidingLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidingLabel(QWidget *parent = nullptr);

    // The whole text; what shows depends on the width the label is given.
    void setFullText(const QString &text);
    QString fullText() const { return m_fullText; }
    bool isElided() const { return text() != m_fullText; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();

    QString m_fullText;
};
