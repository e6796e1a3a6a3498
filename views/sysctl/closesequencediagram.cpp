#include "views/sysctl/closesequencediagram.h"
#include "wording/tcpstatetext.h"

#include "views/charts/chartcolors.h"
#include "core/collect/tcpstate.h"

#include <QEvent>
#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace {
constexpr int Unbounded = 100000;

// One side of the diagram while it is laid out: where its current state's bar starts.
struct Lifeline
{
    int x = 0;
    int barTop = -1;
    QColor color;
};
}

CloseSequenceDiagram::CloseSequenceDiagram(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("closeSequenceDiagram"));
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

int CloseSequenceDiagram::em() const
{
    return QFontMetrics(font()).height();
}

QString CloseSequenceDiagram::stateName(TcpState state)
{
    //: The state after the last ACK: no socket left (RFC 793's CLOSED).
    return state == TcpState::Close ? tr("CLOSED") : tcpStateDisplayName(state);
}

int CloseSequenceDiagram::boxWidth() const
{
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    int widest = 0;
    for (TcpState state : {TcpState::Established, TcpState::FinWait1, TcpState::FinWait2, TcpState::TimeWait, TcpState::CloseWait,
                           TcpState::LastAck, TcpState::Close})
        widest = std::max(widest, metrics.horizontalAdvance(stateName(state)));
    return widest + em();
}

int CloseSequenceDiagram::minimumNotesWidth() const
{
    // The longest name a note starts with must fit on one line, in bold.
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    int widest = 8 * em();
    for (const char *name : {"tcp_orphan_retries", "tcp_fin_timeout", "TCP_TIMEWAIT_LEN"})
        widest = std::max(widest, metrics.horizontalAdvance(QLatin1String(name)) + em());
    return widest;
}

int CloseSequenceDiagram::wideWidth() const
{
    // The two state columns, a message column of 7 em and the notes on each side.
    return em() + 2 * boxWidth() + 7 * em() + 2 * minimumNotesWidth();
}

int CloseSequenceDiagram::minimumWidth() const
{
    // Narrow: the state columns and a message column of 5 em; notes go below the states.
    return em() + 2 * boxWidth() + 5 * em();
}

QSize CloseSequenceDiagram::minimumSizeHint() const
{
    return {minimumWidth(), heightForWidth(minimumWidth())};
}

QSize CloseSequenceDiagram::sizeHint() const
{
    const int width = em() + 2 * boxWidth() + 9 * em() + 2 * 16 * em();
    return {width, heightForWidth(width)};
}

int CloseSequenceDiagram::heightForWidth(int width) const
{
    return layout(width).height;
}

std::vector<CloseSequenceDiagram::Text> CloseSequenceDiagram::texts(int width) const
{
    return layout(width).texts;
}

// Lays the diagram out from the top down: headers, then rows of states and the messages between
// them, each placed at y and moving it on. The words come from CloseSequenceDiagram (tr()).
class CloseSequenceDiagram::LayoutBuilder
{
public:
    LayoutBuilder(const CloseSequenceDiagram &diagram, int requestedWidth)
        : e(diagram.em())
        , margin(e / 2)
        , gap(e / 2)
        , boxW(diagram.boxWidth())
        , width(std::max(requestedWidth, diagram.minimumWidth()))
        // Wide: notes beside their state, with what the message column does not need, up to a
        // readable line length. Narrow: notes across the whole width below their state.
        , wide(width >= diagram.wideWidth())
        , side(wide ? std::min(std::max(28 * e, diagram.minimumNotesWidth()), (width - 2 * margin - 2 * boxW - 7 * e) / 2) : 0)
        , leftBoxX(margin + side)
        , rightBoxX(width - margin - side - boxW)
        , leftNotes(wide ? QRect(margin, 0, side - gap, Unbounded) : QRect(margin, 0, width - 2 * margin, Unbounded))
        , rightNotes(wide ? QRect(rightBoxX + boxW + gap, 0, side - gap, Unbounded)
                          : QRect(margin, 0, width - 2 * margin, Unbounded))
        , middle(leftBoxX + boxW + gap, 0, rightBoxX - leftBoxX - boxW - 2 * gap, Unbounded)
        , left {leftBoxX + boxW / 2, -1, QColor()}
        , right {rightBoxX + boxW / 2, -1, QColor()}
        , bold(diagram.font())
        , small(diagram.font())
    {
        bold.setBold(true);
        small.setPointSizeF(diagram.font().pointSizeF() * 0.92);
        boxH = QFontMetrics(bold).height() + e / 2;
        y = margin;
    }

    // A row of states: either side may change; notes sit beside the box they explain.
    struct Change
    {
        bool changes = false;
        TcpState state = TcpState::Unknown;
        QString name;
        QString text;
    };

    void headers(const QString &leftText, const QString &rightText)
    {
        const int leftHeader =
            place(wide ? QRect(margin, 0, leftBoxX + boxW - margin, 0) : QRect(margin, 0, width / 2 - margin - gap / 2, 0), y,
                  leftText, bold, (wide ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop);
        const int rightX = wide ? rightBoxX : width / 2 + gap / 2;
        const int rightHeader = place(QRect(rightX, 0, width - margin - rightX, 0), y, rightText, bold,
                                      (wide ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignTop);
        y = std::max(leftHeader, rightHeader) + gap;
        lifelineTop = y;
    }

    void stateRow(const Change &l, const Change &r)
    {
        int bottom = y;
        if (l.changes)
            bottom = std::max(bottom, stateBox(left, l.state, y));
        if (r.changes)
            bottom = std::max(bottom, stateBox(right, r.state, y));
        int notesTop = wide ? y : bottom + gap / 2;
        for (const Change *c : {&l, &r}) {
            if (!c->changes || c->text.isEmpty())
                continue;
            const int end = note(c == &l ? leftNotes : rightNotes, notesTop, c->name, c->text, c == &r);
            bottom = std::max(bottom, end);
            if (!wide) {
                // Lifelines run under a note that spans them: mask them there.
                out.masks.push_back(QRect(margin, notesTop, width - 2 * margin, end - notesTop));
                notesTop = end + gap / 2;
            }
        }
        y = bottom + gap;
    }

    void message(bool fromLeft, const QString &segment, const QString &caption)
    {
        int bottom = place(middle, y, segment, bold, Qt::AlignHCenter | Qt::AlignTop);
        if (!caption.isEmpty())
            bottom = place(middle, bottom, caption, small, Qt::AlignHCenter | Qt::AlignTop);
        const int arrowY = bottom + e / 3;
        out.arrows.push_back(fromLeft ? Arrow {QPoint(left.x, arrowY), QPoint(right.x, arrowY)}
                                      : Arrow {QPoint(right.x, arrowY), QPoint(left.x, arrowY)});
        y = arrowY + e / 2 + gap;
    }

    // The bars end where the last state was entered; thin lifelines run the whole way. The
    // footnote goes across the whole width below.
    Layout finish(const QString &footnote)
    {
        const int lifelineBottom = y - gap;
        for (Lifeline *line : {&left, &right})
            out.segments.push_back({QLine(line->x, lifelineTop, line->x, lifelineBottom), QColor(), false});
        y = place(QRect(margin, 0, width - 2 * margin, 0), y, footnote, small, Qt::AlignLeft | Qt::AlignTop);
        out.height = y + margin;
        return std::move(out);
    }

private:
    // Places text in a column starting at `top` and returns where it ended.
    int place(const QRect &column, int top, const QString &text, const QFont &f, int flags, bool name = false)
    {
        const QRect room(column.x(), top, column.width(), Unbounded);
        const QRect needed = QFontMetrics(f).boundingRect(room, flags | Qt::TextWordWrap, text);
        out.texts.push_back(
            {needed, QRect(column.x(), top, column.width(), needed.height()), text, f, flags | Qt::TextWordWrap, name});
        return needed.bottom() + 1;
    }

    int stateBox(Lifeline &line, TcpState state, int top)
    {
        const QRect box(line.x - boxW / 2, top, boxW, boxH);
        if (line.barTop >= 0)
            out.segments.push_back({QLine(line.x, line.barTop, line.x, top), line.color, true});
        out.boxes.push_back({box, ChartColors::state(state)});
        place(box, top + (boxH - QFontMetrics(bold).height()) / 2, stateName(state), bold, Qt::AlignHCenter | Qt::AlignTop);
        line.barTop = box.bottom() + 1;
        line.color = ChartColors::state(state);
        return box.bottom() + 1;
    }

    int note(const QRect &column, int top, const QString &name, const QString &text, bool rightSide)
    {
        // Across the whole width, a note of the right-hand side keeps to the right.
        const int align = (!wide && rightSide ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop;
        const int afterName = name.isEmpty() ? top : place(column, top, name, bold, align, true);
        return place(column, afterName, text, small, align);
    }

    const int e;
    const int margin;
    const int gap;
    const int boxW;
    const int width;
    const bool wide;
    const int side;
    const int leftBoxX;
    const int rightBoxX;
    const QRect leftNotes;
    const QRect rightNotes;
    const QRect middle;
    Lifeline left;
    Lifeline right;
    QFont bold;
    QFont small;
    int boxH = 0;
    int y = 0;
    int lifelineTop = 0;
    Layout out;
};

CloseSequenceDiagram::Layout CloseSequenceDiagram::layout(int requestedWidth) const
{
    LayoutBuilder builder(*this, requestedWidth);
    builder.headers(tr("Closes first (active close): a client that ends its connections, or a "
                       "server without keep-alive"),
                    tr("The other side (passive close)"));
    placeSequence(builder);
    return builder.finish(tr("Time runs downwards. tcp_orphan_retries and tcp_fin_timeout act only on orphaned sockets (the "
                             "program has called close()). TIME-WAIT follows on the side that closes first whether or not it is "
                             "orphaned, unless the connection is reset (SO_LINGER {1, 0}, unread received data at close(), "
                             "data or an RST arriving after close()), the peer never sends its FIN (tcp_fin_timeout), the "
                             "orphan is given up (tcp_orphan_retries, tcp_max_orphans, TCP_LINGER2 below 0) or the "
                             "timewait table is full (tcp_max_tw_buckets). If both sides close at "
                             "once, both pass through CLOSING and both end in TIME-WAIT."));
}

// The close, one row of states and one message at a time.
void CloseSequenceDiagram::placeSequence(LayoutBuilder &b)
{
    b.stateRow({true, TcpState::Established, {}, {}}, {true, TcpState::Established, {}, {}});
    b.message(true, tr("FIN"), tr("the program calls close()"));
    b.stateRow({true, TcpState::FinWait1, tr("tcp_orphan_retries"),
                tr("Once the program has closed the socket (orphaned), how long the kernel keeps retransmitting "
                   "this FIN: a time budget worked out like tcp_retries2; 0 means 8 while the RTO is below its "
                   "maximum (tcp_rto_max_ms, or TCP_RTO_MAX on kernels without it; 120 s by default). Then the kernel gives the "
                   "connection up.")},
               {true,
                TcpState::CloseWait,
                {},
                tr("Waits until its program calls close(); unless keepalive or an error ends the connection, it "
                   "can stay here indefinitely.")});
    b.message(false, tr("ACK"), {});
    b.stateRow({true, TcpState::FinWait2, tr("tcp_fin_timeout"),
                tr("How long an orphaned socket waits here for the peer's FIN: the value up to 60 s (default 60, "
                   "at least 3.5 × RTO, TCP_LINGER2 overrides it), as a timewait-table entry (sockstat tw); above "
                   "60 s, 2 × (value − 60) s, the first half as a full socket. A socket that was only shut down, not "
                   "closed, is not limited by it. Not the TIME-WAIT length.")},
               {});
    b.message(false, tr("FIN"), tr("its program calls close()"));
    b.stateRow({},
               {true, TcpState::LastAck, tr("tcp_orphan_retries"),
                tr("The same retransmission budget for this FIN when the program has closed the socket; "
                   "tcp_retries2 when it only shut it down.")});
    b.message(true, tr("ACK"), {});
    b.stateRow({true, TcpState::TimeWait, tr("TCP_TIMEWAIT_LEN"),
                tr("60 s, fixed when the kernel is built; no sysctl changes it. The entry keeps its local port "
                   "towards that destination (local address, remote address, remote port) unless tcp_tw_reuse "
                   "takes it over.")},
               {true, TcpState::Close, {}, {}});
    b.stateRow({true, TcpState::Close, {}, tr("60 s later (longer if a segment of the old connection restarts the timer).")}, {});
}

void CloseSequenceDiagram::paintEvent(QPaintEvent *)
{
    const Layout l = layout(width());
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor text = palette().color(QPalette::Text);
    const QColor base = palette().color(QPalette::Base);

    QColor faint = text;
    faint.setAlphaF(0.35f);
    // Thin lifelines first, then each state's bar over them, then boxes and arrows.
    for (const Segment &s : l.segments) {
        if (!s.thick) {
            painter.setPen(QPen(faint, 1, Qt::DashLine));
            painter.drawLine(s.line);
        }
    }
    for (const Segment &s : l.segments) {
        if (s.thick) {
            painter.setPen(QPen(s.color, qMax(3, em() / 4), Qt::SolidLine, Qt::FlatCap));
            painter.drawLine(s.line);
        }
    }
    for (const Box &b : l.boxes) {
        // The state's own colour as a tint of the background: readable on light and dark palettes.
        QColor fill = b.color;
        fill.setAlphaF(0.28f);
        painter.setPen(QPen(b.color, 2));
        painter.setBrush(base);
        painter.drawRoundedRect(b.rect, 4, 4);
        painter.setBrush(fill);
        painter.drawRoundedRect(b.rect, 4, 4);
    }
    const int head = qMax(6, em() / 2);
    for (const Arrow &a : l.arrows) {
        painter.setPen(QPen(text, 1.5));
        painter.drawLine(a.from, a.to);
        const int direction = a.to.x() > a.from.x() ? -1 : 1;
        QPainterPath tip;
        tip.moveTo(a.to);
        tip.lineTo(a.to.x() + direction * head, a.to.y() - head / 2);
        tip.lineTo(a.to.x() + direction * head, a.to.y() + head / 2);
        tip.closeSubpath();
        painter.fillPath(tip, text);
    }
    // Notes across the lifelines (narrow layout) sit on the background.
    for (const QRect &mask : l.masks)
        painter.fillRect(mask.adjusted(-2, -1, 2, 1), base);
    const QColor link = palette().color(QPalette::Link);
    for (const Text &t : l.texts) {
        painter.setFont(t.font);
        // Timer and sysctl names stand out in the palette's link colour.
        painter.setPen(t.name ? link : text);
        painter.drawText(t.column.x(), t.rect.y(), t.column.width(), t.rect.height(), t.flags, t.text);
    }
}

void CloseSequenceDiagram::changeEvent(QEvent *event)
{
    // New words or a new font change the layout; a new palette only the colours.
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::FontChange) {
        updateGeometry();
        update();
    } else if (event->type() == QEvent::PaletteChange) {
        update();
    }
    QWidget::changeEvent(event);
}
