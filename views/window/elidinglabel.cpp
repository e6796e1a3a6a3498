#include "views/window/elidinglabel.h"

#include <QResizeEvent>

namespace {
// The narrowest the label becomes: a few characters and the ellipsis.
constexpr int MinimumCharacters = 6;
// The widest a short form may ask for: a short form holding a long host name is elided too.
constexpr int ShortestRoom = 24;
}

ElidingLabel::ElidingLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText); // names from recordings and hosts elsewhere: never markup
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void ElidingLabel::setFullText(const QString &text)
{
    if (text == m_fullText)
        return;
    m_fullText = text;
    updateGeometry(); // the size hint follows the whole text
    elide();
}

void ElidingLabel::setShortText(const QString &text)
{
    if (text == m_shortText)
        return;
    m_shortText = text;
    updateGeometry();
    elide();
}

QSize ElidingLabel::sizeHint() const
{
    const QMargins margins = contentsMargins();
    return QSize(fontMetrics().horizontalAdvance(m_fullText) + 2 * margin() + margins.left() + margins.right() + 1,
                 QLabel::sizeHint().height());
}

QSize ElidingLabel::minimumSizeHint() const
{
    const QMargins margins = contentsMargins();
    const int shortWidth = m_shortText.isEmpty()
        ? 0
        : qMin(fontMetrics().horizontalAdvance(m_shortText), fontMetrics().averageCharWidth() * ShortestRoom) + 2 * margin()
            + margins.left() + margins.right() + 1;
    const int narrowest = qMax(fontMetrics().averageCharWidth() * MinimumCharacters, shortWidth);
    return QSize(qMin(sizeHint().width(), narrowest), QLabel::minimumSizeHint().height());
}

void ElidingLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    elide();
}

void ElidingLabel::elide()
{
    const int room = contentsRect().width() - 2 * margin();
    const QString &fallback = m_shortText.isEmpty() ? m_fullText : m_shortText;
    const QString shown = fontMetrics().horizontalAdvance(m_fullText) <= room
        ? m_fullText
        : fontMetrics().elidedText(fallback, Qt::ElideRight, qMax(0, room));
    if (shown != text())
        setText(shown);
}
