#pragma once

#include <QCoreApplication>
#include <QImage>
#include <QString>

class QWidget;

// Pictures for a ticket: a widget rendered with a stamp underneath (sockscope version, host,
// kernel, namespace, time range), as PNG at any device pixel ratio or as SVG. The widget is drawn
// as a picture needs it (CaptureLook): legends on, screen-only controls off, text wrapped.
class CaptureRenderer
{
    Q_DECLARE_TR_FUNCTIONS(CaptureRenderer)

public:
    struct Stamp
    {
        QString host;
        QString kernel;
        QString namespaceText;
        qint64 fromMs = 0;
        qint64 toMs = 0;
        QString text() const;
    };

    // The widget at `devicePixelRatio` (2 for a crisp picture on a HiDPI screen or in print),
    // with the stamp as a band along the bottom.
    static QImage renderImage(QWidget *widget, qreal devicePixelRatio, const Stamp &stamp);
    static bool writeSvg(QWidget *widget, const QString &path, const QString &title, const Stamp &stamp, QString *error);
    // Height of the stamp band for a widget this wide (logical pixels).
    static int bandHeight(QWidget *widget, const QString &text);
};
