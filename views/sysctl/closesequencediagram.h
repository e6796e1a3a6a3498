#pragma once

#include <QFont>
#include <QRect>
#include <QString>
#include <QWidget>

#include "core/collect/tcpstate.h"

#include <vector>

// How a TCP connection closes, drawn for trainees: the side that closes first and the other
// side as two lifelines, FIN → ACK → FIN → ACK between them, each side's states, and where
// tcp_orphan_retries, tcp_fin_timeout and TCP_TIMEWAIT_LEN act. Painted from the palette and the
// font, and laid out for the width it gets (text wraps, never clips; below the minimum width a
// scroll area takes over).
class CloseSequenceDiagram : public QWidget
{
    Q_OBJECT

public:
    explicit CloseSequenceDiagram(QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

    // Every piece of text as laid out at `width`: where it is drawn and the column it must stay in.
    struct Text
    {
        QRect rect; // what the text needs (QFontMetrics::boundingRect with word wrap)
        QRect column; // the room the layout gave it
        QString text;
        QFont font;
        int flags = 0;
        bool name = false; // a sysctl or kernel constant, drawn in the link colour
    };
    std::vector<Text> texts(int width) const;
    // From this width on, notes sit beside their states; below it, under them.
    int wideWidth() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Box
    {
        QRect rect;
        QColor color;
    };
    struct Segment
    {
        QLine line;
        QColor color;
        bool thick;
    };
    struct Arrow
    {
        QPoint from;
        QPoint to;
    };
    struct Layout
    {
        std::vector<Text> texts;
        std::vector<Box> boxes;
        std::vector<Segment> segments;
        std::vector<Arrow> arrows;
        std::vector<QRect> masks;
        int height = 0;
    };
    class LayoutBuilder;
    Layout layout(int width) const;
    static void placeSequence(LayoutBuilder &builder);
    int em() const;
    static QString stateName(TcpState state);
    int boxWidth() const;
    int minimumNotesWidth() const;
    int minimumWidth() const;
};
