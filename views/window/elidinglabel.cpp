#include "views/window/elidinglabel.h"

#include <QResizeEvent>

namespace {
// The narrowest the label becomes: a few characters and the ellipsis.
constexpr int MinimumCharacters = 6;
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

QSize ElidingLabel::sizeHint() const
{
    const QMargins margins = contentsMargins();
    return QSize(fontMetrics().horizontalAdvance(m_fullText) + 2 * margin() + margins.left() + margins.right() + 1,
                 QLabel::sizeHint().height());
}

QSize ElidingLabel::minimumSizeHint() const
{
    const int narrowest = fontMetrics().averageCharWidth() * MinimumCharacters;
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
    const QString shown = fontMetrics().horizontalAdvance(m_fullText) <= room
        ? m_fullText
        : fontMetrics().elidedText(m_fullText, Qt::ElideRight, qMax(0, room));
    if (shown != text())
        setText(shown);
}
