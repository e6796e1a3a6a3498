#pragma once

#include <QLabel>

// A one-line plain-text label that, when its layout gives it less room than its text needs,
// shows its short form whole if it has one ("14.6 ms" for "Refresh 14.6 ms, skipped 0"), else
// the text cut at the end with "…" (never cut mid-glyph at its edge), and keeps the whole text
// for its tooltip. It asks for room for the whole text and accepts the short form's width (at
// most ShortestRoom characters) or a few characters'.
class ElidingLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidingLabel(QWidget *parent = nullptr);

    // The whole text; what shows depends on the width the label is given.
    void setFullText(const QString &text);
    // What shows whole when the full text does not fit; empty: the full text elided.
    void setShortText(const QString &text);
    QString fullText() const { return m_fullText; }
    bool isElided() const { return text() != m_fullText; }
    // Neither the full text nor the short form: cut with "…".
    bool isCut() const { return text() != m_fullText && text() != m_shortText; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();

    QString m_fullText;
    QString m_shortText;
};
