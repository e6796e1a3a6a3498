#include "views/incidents/capturerenderer.h"

#include "bridge/untrustedtext.h"
#include "views/charts/capturelook.h"

#include <QDateTime>
#include <QPainter>
#include <QSvgGenerator>
#include <QTimeZone>
#include <QWidget>

namespace {
constexpr int Margin = 6;

void paintStamp(QPainter &painter, QWidget *widget, const QRect &band, const QString &text)
{
    const QPalette palette = widget->palette();
    painter.fillRect(band, palette.color(QPalette::AlternateBase));
    painter.setPen(palette.color(QPalette::Mid));
    painter.drawLine(band.topLeft(), band.topRight());
    painter.setPen(palette.color(QPalette::Text));
    painter.setFont(widget->font());
    painter.drawText(band.adjusted(Margin, Margin / 2, -Margin, -Margin / 2), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
                     text);
}
}

QString CaptureRenderer::Stamp::text() const
{
    // CaptureRenderer::tr: the context lupdate files these under (a nested struct confuses it).
    // A remote host's kernel and namespace come with its agent's first words, the time range
    // with the first sample: until then the stamp says so, never an empty field or 1970.
    const QString notKnown = CaptureRenderer::tr("not known yet");
    const QString kernelText = kernel.isEmpty() ? notKnown : kernel;
    const QString namespaceShown = namespaceText.isEmpty() ? notKnown : namespaceText;
    if (fromMs <= 0 || toMs <= 0) {
        //: The stamp on a picture taken before the watched place sent any sample.
        return CaptureRenderer::tr("sockscope %1 · host %2 · kernel %3 · namespace %4 · no data from this host yet")
            .arg(QLatin1String(SOCKSCOPE_VERSION), host, kernelText, namespaceShown);
    }
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(fromMs);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(toMs);
    const QString range = from.date() == to.date()
        ? QStringLiteral("%1 %2 – %3")
              .arg(from.toString(QStringLiteral("yyyy-MM-dd")), from.toString(QStringLiteral("HH:mm:ss")),
                   to.toString(QStringLiteral("HH:mm:ss")))
        : QStringLiteral("%1 – %2").arg(from.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                        to.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    //: The stamp on captured pictures; keep the order: version, host, kernel, namespace, time range.
    return CaptureRenderer::tr("sockscope %1 · host %2 · kernel %3 · namespace %4 · %5 (%6)")
        .arg(QLatin1String(SOCKSCOPE_VERSION), host, kernelText, namespaceShown, range,
             from.timeZone().displayName(from, QTimeZone::OffsetName));
}

int CaptureRenderer::bandHeight(QWidget *widget, const QString &text)
{
    const QRect bounds =
        widget->fontMetrics().boundingRect(QRect(0, 0, widget->width() - 2 * Margin, 10000), Qt::TextWordWrap, text);
    return bounds.height() + Margin + 2;
}

QImage CaptureRenderer::renderImage(QWidget *widget, qreal devicePixelRatio, const Stamp &stamp)
{
    const CaptureLook look(widget);
    const QString text = stamp.text();
    const int band = bandHeight(widget, text);
    const QSize logical(widget->width(), widget->height() + band);
    QImage image(logical * devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(devicePixelRatio);
    image.fill(widget->palette().color(QPalette::Window));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    // Rendering (not grabbing the screen) draws vector content at the image's own ratio.
    widget->render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
    paintStamp(painter, widget, QRect(0, widget->height(), widget->width(), band), text);
    painter.end();
    return image;
}

bool CaptureRenderer::writeSvg(QWidget *widget, const QString &path, const QString &title, const Stamp &stamp, QString *error)
{
    // QSvgGenerator (Qt 6.4) writes the title and description between <title> and <desc> as
    // they are, and a control character anywhere (in them or in painted text) cannot be
    // represented in XML 1.0: a host "</desc><script>…" from a recording would become markup
    // that runs when the picture is opened in a browser. Both are made plain and escaped here.
    const CaptureLook look(widget);
    const QString text = UntrustedText::plain(stamp.text(), 4096);
    const int band = bandHeight(widget, text);
    const QSize size(widget->width(), widget->height() + band);
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(), size));
    svg.setTitle(UntrustedText::plain(title).toHtmlEscaped());
    svg.setDescription(text.toHtmlEscaped());
    QPainter painter;
    if (!painter.begin(&svg)) {
        *error = tr("Cannot write %1.").arg(path);
        return false;
    }
    painter.fillRect(QRect(QPoint(), size), widget->palette().color(QPalette::Window));
    widget->render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
    paintStamp(painter, widget, QRect(0, widget->height(), widget->width(), band), text);
    return painter.end();
}
