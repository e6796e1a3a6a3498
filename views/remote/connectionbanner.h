#pragma once

#include "sources/source.h"

#include <QLabel>

class QTimer;

// The strip over the table that says a stream's connection is lost, when the next attempt comes
// and that it is back. Hidden while all is well.
class ConnectionBanner : public QLabel
{
    Q_OBJECT

public:
    explicit ConnectionBanner(QWidget *parent = nullptr);

    // Shows what `source` says of its connection now (call again on every state change and
    // on a language change).
    void showState(const Source &source);
    // Another place is watched: nothing said of the previous one's connection stays.
    void reset();

private:
    void setColour(const QColor &colour);

    QTimer *m_hide;
    bool m_wasLost = false;
};
