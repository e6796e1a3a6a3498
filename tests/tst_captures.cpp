#include "core/snapshot/filllevel.h"
#include "languages.h"
#include "netnstestmain.h"
#include "recording/recording.h"
#include "views/charts/capturelook.h"
#include "views/charts/chartcolors.h"
#include "views/charts/portchartpanel.h"
#include "views/charts/ratechartpanel.h"
#include "views/charts/statechartpanel.h"
#include "views/charts/timeserieschart.h"
#include "views/incidents/capturerenderer.h"
#include "views/window/appearance.h"
#include "views/window/appearancemenu.h"
#include "views/window/docklayout.h"
#include "views/window/mainwindow.h"
#include "views/window/overviewpanel.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsTextItem>
#include <QImage>
#include <QLabel>
#include <QLegend>
#include <QProcess>
#include <QProgressBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

// Pictures for a ticket (Incident → Capture, --screenshot): what a reader without a mouse needs
// is in them, nothing is cut, numbers read the same everywhere; the fill bars' warning colours;
// the window's colours and text size for a projector.
class TestCaptures : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // Records, while a capture paints, whether a chart had its legend and whether a control was
    // drawn at all.
    class PaintWatcher : public QObject
    {
    public:
        QHash<QObject *, bool> legendWhenPainted;
        QSet<QObject *> painted;
        QHash<QObject *, TimeSeriesChart *> chartOf;
        std::function<void()> onPaint;

        bool eventFilter(QObject *watched, QEvent *event) override
        {
            if (event->type() == QEvent::Paint) {
                painted.insert(watched);
                if (onPaint)
                    onPaint();
                if (TimeSeriesChart *chart = chartOf.value(watched))
                    legendWhenPainted.insert(chart, !chart->pictureLegend().placed().empty());
            }
            return false;
        }
        void watchChart(TimeSeriesChart *chart)
        {
            chartOf.insert(chart->viewport(), chart);
            chart->viewport()->installEventFilter(this);
        }
        void watch(QWidget *widget) { widget->installEventFilter(this); }
    };

    // A replayed busy server: TIME-WAIT on seven local ports, counters, `buckets` as the limit.
    static std::shared_ptr<Recording> busyRecording(quint32 timeWait, qint64 buckets)
    {
        auto recording = std::make_shared<Recording>();
        recording->path = QStringLiteral("/tmp/busy.sockrec");
        const qint64 t0 = 1'700'000'000'000;
        for (int i = 0; i < 20; ++i) {
            SampleSummary s;
            s.timeMs = t0 + i * 1000;
            s.states[static_cast<int>(TcpState::Established)] = 83;
            s.states[static_cast<int>(TcpState::TimeWait)] = timeWait;
            s.totalSockets = 83 + timeWait;
            s.maxTimeWaitBuckets = buckets;
            s.localPorts[0] = {80, timeWait - 1000};
            // Six more ports share 1,000: a legend of seven entries.
            const quint32 shares[] = {300, 200, 200, 100, 100, 100};
            for (int p = 0; p < 6; ++p)
                s.localPorts[std::size_t(p + 1)] = {quint16(8443 + p), shares[p]};
            s.localPortCount = 7;
            for (TcpCounter c : {TcpCounter::TimeWaitEntered, TcpCounter::TimeWaitKilled, TcpCounter::ActiveOpens,
                                 TcpCounter::PassiveOpens, TcpCounter::TimeWaitOverflow}) {
                s.ratesValidMask |= 1u << static_cast<int>(c);
                s.rates[static_cast<int>(c)] = c == TcpCounter::TimeWaitOverflow ? 0 : 3885.2;
            }
            recording->summaries.push_back(s);
        }
        return recording;
    }

    static QStringList sceneTexts(QChart *chart)
    {
        QStringList texts;
        for (QGraphicsItem *item : chart->scene()->items()) {
            if (auto text = dynamic_cast<QGraphicsTextItem *>(item); text && text->isVisible())
                texts << text->toPlainText();
        }
        return texts;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        Languages::apply(QStringLiteral("en"));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    // A failed check leaves no language or text size behind for the next test.
    void cleanup()
    {
        Appearance::apply(Appearance::Colours::Desktop, false);
        Languages::apply(QStringLiteral("en"));
    }

    void chartCapturesHaveTheirLegendAndNoScreenControls()
    {
        MainWindow window(false);
        window.openRecording(busyRecording(114324, 262144));
        window.show();
        window.resize(1024, 640);
        QApplication::processEvents();
        window.sources()->setReplayPosition(19);
        PaintWatcher watcher;
        const QList<TimeSeriesChart *> charts {window.docks()->statePanel()->chart(), window.docks()->portPanel()->timeChart(),
                                               window.docks()->ratePanel()->chart()};
        for (TimeSeriesChart *chart : charts)
            watcher.watchChart(chart);
        QList<QAbstractButton *> controls = window.docks()->statePanel()->findChildren<QAbstractButton *>();
        controls += window.docks()->portPanel()->findChildren<QAbstractButton *>();
        QCOMPARE(controls.size(), 4); // Log scale, By local port, By remote port, Ephemeral ports one by one
        for (QAbstractButton *control : controls)
            watcher.watch(control);
        // Shrunk so that on screen the time charts give their legend's room to the plot.
        for (TimeSeriesChart *chart : charts)
            chart->setMaximumHeight(150);
        QApplication::processEvents();
        for (TimeSeriesChart *chart : charts)
            QVERIFY(!chart->chart()->legend()->isVisible());
        watcher.painted.clear(); // painted on screen so far
        QString error;
        for (const QString view : {"states", "ports", "rates"}) {
            QVERIFY2(window.capture(view, m_dir.filePath(view + ".png"), 2, false, &error), qPrintable(error));
            QVERIFY(QImage(m_dir.filePath(view + ".png")).width() > 0);
        }
        for (TimeSeriesChart *chart : charts) {
            QVERIFY2(watcher.legendWhenPainted.value(chart, false), qPrintable(chart->chart()->title()));
            QVERIFY(!chart->chart()->legend()->isVisible()); // the screen is as it was
        }
        for (QAbstractButton *control : controls) {
            QVERIFY2(!watcher.painted.contains(control), qPrintable(control->text()));
            QCOMPARE(control->isHidden(), false);
        }
    }

    void legendNamesAreWholeInCaptures_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
    }

    // Qt Charts cuts a legend entry that does not fit ("tcp_max_tw_bucke..."); a picture has no
    // crosshair and no tooltip to name a line, so at 1024x640 every entry is whole in it.
    void legendNamesAreWholeInCaptures()
    {
        QFETCH(QString, language);
        Languages::apply(language);
        MainWindow window(false);
        window.openRecording(busyRecording(114324, 131072));
        window.show();
        window.resize(1024, 640);
        window.sources()->setReplayPosition(19);
        QApplication::processEvents();
        const QList<TimeSeriesChart *> charts {window.docks()->statePanel()->chart(), window.docks()->portPanel()->timeChart(),
                                               window.docks()->ratePanel()->chart()};
        QStringList cut;
        PaintWatcher watcher;
        watcher.onPaint = [&] {
            for (TimeSeriesChart *chart : charts) {
                if (!CaptureLook::isCapturing(chart))
                    continue; // the screen has a crosshair and tooltips to name a line
                for (const QString &text : sceneTexts(chart->chart())) {
                    if (text.endsWith(QStringLiteral("...")) || text.endsWith(QChar(0x2026)))
                        cut << text;
                }
            }
        };
        // What each chart's picture legend lists as it is painted, every name joined from its lines.
        QHash<TimeSeriesChart *, QStringList> pictureNames;
        watcher.onPaint = [&, findCut = watcher.onPaint] {
            findCut();
            for (TimeSeriesChart *chart : charts) {
                QStringList names;
                for (const PictureLegend::Placed &placed : chart->pictureLegend().placed())
                    names << placed.lines.join(QString());
                if (!names.isEmpty())
                    pictureNames.insert(chart, names);
            }
        };
        for (TimeSeriesChart *chart : charts)
            watcher.watchChart(chart);
        QString error;
        for (const QString view : {"window", "states", "ports", "rates"})
            QVERIFY2(window.capture(view, m_dir.filePath(view + ".png"), 1, false, &error), qPrintable(error));
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QStringLiteral(" | "))));
        // The picture's own legend names each line, the limit line as tcp_max_tw_buckets.
        const QStringList states = pictureNames.value(charts[0]);
        QCOMPARE(states.size(), 3); // ESTABLISHED, TIME-WAIT, the limit
        QVERIFY2(states.last().startsWith(QStringLiteral("tcp_max_tw_buckets")), qPrintable(states.last()));
        QVERIFY2(states.last().contains(QLocale().toString(131072)), qPrintable(states.last()));
        QVERIFY(pictureNames.value(charts[1]).contains(QStringLiteral("80")));
    }

    // Names longer than the chart is wide (a worker's command line, a Chinese note): the picture's
    // legend wraps them onto lines of their own, whole, inside the chart and below the plot.
    void pictureLegendWrapsNamesLongerThanARow()
    {
        const QStringList names {QStringLiteral("TIME-WAIT"),
                                 QString(60, QLatin1Char('w')) + QStringLiteral("/worker --pool=")
                                     + QString(40, QLatin1Char('x')),
                                 QStringLiteral("上限：同时限制 TIME-WAIT 与孤儿 FIN-WAIT-2 套接字，达到上限后内核不再创建新的 "
                                                "timewait 条目，连接直接关闭"),
                                 QStringLiteral("ESTABLISHED")};
        TimeSeriesChart chart;
        chart.resize(420, 300);
        const qint64 from = 1'700'000'000'000;
        for (int i = 0; i < int(names.size()); ++i) {
            chart.addSeries(QString::number(i), Qt::red);
            chart.setSeriesName(QString::number(i), names[i]);
            chart.setSeriesPoints(QString::number(i), {QPointF(double(from), i), QPointF(double(from + 60000), i + 1)});
        }
        chart.setTimeRange(from, from + 60000);
        chart.show();
        QApplication::processEvents();
        QVERIFY(chart.pictureLegend().placed().empty());
        {
            CaptureLook look(&chart);
            QApplication::processEvents();
            const std::vector<PictureLegend::Placed> &placed = chart.pictureLegend().placed();
            QCOMPARE(int(placed.size()), 4);
            const QRectF area = chart.pictureLegendRect();
            QVERIFY(QRectF(chart.rect()).contains(area));
            QVERIFY2(area.top() > chart.chart()->plotArea().bottom(), qPrintable(QString::number(area.top())));
            QVERIFY(!chart.chart()->legend()->isVisible()); // Qt Charts' own would cut them
            const QFontMetricsF metrics(chart.chart()->legend()->font());
            for (std::size_t i = 0; i < placed.size(); ++i) {
                QCOMPARE(placed[i].lines.join(QString()), names[int(i)]);
                for (const QString &line : placed[i].lines)
                    QVERIFY2(metrics.horizontalAdvance(line.trimmed()) <= placed[i].text.width(), qPrintable(line));
                QVERIFY(placed[i].text.left() >= 0 && placed[i].text.right() <= area.width());
                QVERIFY(placed[i].text.bottom() <= area.height());
                for (std::size_t j = 0; j < i; ++j)
                    QVERIFY(!placed[i].text.intersects(placed[j].text));
            }
            QCOMPARE(placed[0].lines.size(), 1);
            QVERIFY(placed[1].lines.size() >= 2);
            QVERIFY(placed[2].lines.size() >= 2);
            // The note took a row of its own: ESTABLISHED starts the next.
            QCOMPARE(placed[3].text.left(), placed[0].text.left());
            QVERIFY(placed[3].text.top() > placed[2].text.bottom());
        }
        // On screen again: Qt Charts' legend, and no room kept for the picture's.
        QVERIFY(chart.chart()->legend()->isVisible());
        QVERIFY(chart.pictureLegendRect().isNull());
        QCOMPARE(chart.chart()->margins().bottom(), 4);
    }

    void overviewLinesWrapAndAreNeverCut_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<bool>("larger");
        QTest::addColumn<int>("width");
        for (const QString language : {"en", "zh_CN"}) {
            for (const bool larger : {false, true}) {
                for (const int width : {260, 360, 560}) {
                    QTest::addRow("%s larger=%d width=%d", qPrintable(language), int(larger), width)
                        << language << larger << width;
                }
            }
        }
    }

    void overviewLinesWrapAndAreNeverCut()
    {
        QFETCH(QString, language);
        QFETCH(bool, larger);
        QFETCH(int, width);
        Languages::apply(language);
        Appearance::apply(Appearance::Colours::Desktop, larger);
        MainWindow window(false);
        window.openRecording(busyRecording(114324, 262144));
        window.sources()->setReplayPosition(19);
        OverviewPanel panel;
        panel.showMoment(window.state()->history().at(19), nullptr);
        // As a dock gives it: narrow and shorter than the wrapped lines need.
        panel.resize(width, 160);
        panel.show();
        QApplication::processEvents();
        const auto labels = panel.findChildren<QLabel *>();
        QVERIFY(labels.size() >= 16);
        for (QLabel *label : labels) {
            if (!label->isVisible() || label->text().isEmpty())
                continue;
            // Whole: as tall as its wrapped lines need, no narrower than its longest word.
            QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                     qPrintable(QStringLiteral("%1: %2 < %3")
                                    .arg(label->text())
                                    .arg(label->height())
                                    .arg(label->heightForWidth(label->width()))));
            QVERIFY2(label->width() >= label->minimumSizeHint().width(), qPrintable(label->text()));
        }
        // A picture cannot scroll: it grows to hold every line.
        auto scroll = panel.findChild<QScrollArea *>();
        QVERIFY(scroll);
        const CaptureRenderer::Stamp stamp {"host", "kernel", "namespace", 0, 1000};
        const QImage image = CaptureRenderer::renderImage(&panel, 1, stamp);
        const int needed = scroll->widget()->heightForWidth(scroll->viewport()->width());
        QVERIFY2(image.height() >= needed + CaptureRenderer::bandHeight(&panel, stamp.text()),
                 qPrintable(QStringLiteral("%1 < %2").arg(image.height()).arg(needed)));
        QCOMPARE(panel.height(), 160); // and the screen is as it was
    }

    void markerLabelsAreWholeInCaptures()
    {
        MainWindow window(false);
        window.openRecording(busyRecording(114324, 262144));
        window.show();
        window.resize(1024, 640);
        window.sources()->setReplayPosition(19);
        window.incidents()->addMarker(QStringLiteral("checked: after tcp_tw_reuse=1 the tuple fell to 47 %"));
        QApplication::processEvents();
        TimeSeriesChart *chart = window.docks()->ratePanel()->chart();
        // On screen the label is elided (its tooltip and context menu name it); in the picture,
        // as the capture paints it, it is whole and inside the plot.
        QList<QRectF> painted;
        PaintWatcher watcher;
        watcher.onPaint = [&] { painted = chart->markerLabelRects(); };
        watcher.watchChart(chart);
        QString error;
        QVERIFY2(window.capture("rates", m_dir.filePath("marker.png"), 1, false, &error), qPrintable(error));
        QCOMPARE(painted.size(), 1);
        const int whole = chart->fontMetrics().horizontalAdvance(window.state()->markers()[0].label);
        QVERIFY2(painted[0].width() >= whole, qPrintable(QStringLiteral("%1 < %2").arg(painted[0].width()).arg(whole)));
        QVERIFY(painted[0].right() <= chart->chart()->plotArea().right() + 1);
        QVERIFY(chart->markerLabelRects()[0].width() < whole); // the screen is as it was
    }

    void fillLevelsHaveOneSetOfThresholds()
    {
        using FillLevel::Level;
        QCOMPARE(FillLevel::timeWaitTable(749, 1000), Level::Normal);
        QCOMPARE(FillLevel::timeWaitTable(750, 1000), Level::Warning);
        QCOMPARE(FillLevel::timeWaitTable(899, 1000), Level::Warning);
        QCOMPARE(FillLevel::timeWaitTable(900, 1000), Level::Critical);
        QCOMPARE(FillLevel::timeWaitTable(5000, 0), Level::Normal); // no known limit
        QCOMPARE(FillLevel::portsTowardsOneDestination(14115, 28232), Level::Normal);
        QCOMPARE(FillLevel::portsTowardsOneDestination(14116, 28232), Level::Warning);
        QCOMPARE(FillLevel::portsTowardsOneDestination(23997, 28232), Level::Warning);
        QCOMPARE(FillLevel::portsTowardsOneDestination(23998, 28232), Level::Critical);
    }

    void timeWaitFillTurnsAmberThenRed_data()
    {
        QTest::addColumn<quint32>("timeWait");
        QTest::addColumn<QColor>("colour");
        const QColor normal = QApplication::palette().color(QPalette::Highlight);
        QTest::newRow("44 %") << quint32(115343) << normal;
        QTest::newRow("80 %") << quint32(209715) << ChartColors::caution();
        QTest::newRow("97 %") << quint32(254280) << ChartColors::warning();
    }

    void timeWaitFillTurnsAmberThenRed()
    {
        QFETCH(quint32, timeWait);
        QFETCH(QColor, colour);
        MainWindow window(false);
        window.openRecording(busyRecording(timeWait, 262144));
        window.sources()->setReplayPosition(19);
        auto bars = window.docks()->overviewPanel()->findChildren<QProgressBar *>();
        QCOMPARE(bars.size(), 2);
        QProgressBar *table = bars[0];
        QCOMPARE(table->palette().color(QPalette::Highlight), colour);
        QVERIFY2(table->toolTip().contains("Amber from 75 % of tcp_max_tw_buckets, red from 90 %"), qPrintable(table->toolTip()));
    }

    void numbersAreGroupedOnAxesAndBars()
    {
        MainWindow window(false);
        window.openRecording(busyRecording(254280, 262144));
        window.show();
        window.sources()->setReplayPosition(19);
        QApplication::processEvents();
        const QStringList axis = sceneTexts(window.docks()->statePanel()->chart()->chart());
        QVERIFY2(axis.contains("300,000"), qPrintable(axis.join('|')));
        QVERIFY2(!axis.contains("300000"), qPrintable(axis.join('|')));
        const QStringList bars = sceneTexts(window.docks()->portPanel()->barChart());
        QVERIFY2(bars.contains("253,280"), qPrintable(bars.join('|')));
    }

    void darkColoursAndLargerTextApplyAndPersist()
    {
        const QColor lightWindow = QApplication::palette().color(QPalette::Window);
        const qreal normalSize = QApplication::font().pointSizeF();
        {
            MainWindow window(true);
            window.show();
            auto menu = window.findChild<AppearanceMenu *>();
            QVERIFY(menu);
            menu->darkAction()->trigger();
            menu->largerTextAction()->trigger();
            QApplication::processEvents();
            QCOMPARE(QApplication::palette().color(QPalette::Window), Appearance::darkPalette().color(QPalette::Window));
            QVERIFY2(qAbs(QApplication::font().pointSizeF() - normalSize * Appearance::LargerTextFactor) < 0.01,
                     qPrintable(QStringLiteral("%1 %2").arg(QApplication::font().pointSizeF()).arg(normalSize)));
            // The charts follow: their background is the dark Base, their text the larger font.
            QChart *chart = window.docks()->statePanel()->chart()->chart();
            QCOMPARE(chart->backgroundBrush().color(), Appearance::darkPalette().color(QPalette::Base));
            QCOMPARE(chart->titleFont().pointSizeF(), QApplication::font().pointSizeF());
            window.close(); // saves the settings
        }
        Appearance::apply(Appearance::Colours::Desktop, false);
        QCOMPARE(QApplication::palette().color(QPalette::Window), lightWindow);
        QCOMPARE(QApplication::font().pointSizeF(), normalSize);
        {
            MainWindow window(true); // restores them
            auto menu = window.findChild<AppearanceMenu *>();
            QVERIFY(menu->darkAction()->isChecked());
            QVERIFY(menu->largerTextAction()->isChecked());
            QCOMPARE(QApplication::palette().color(QPalette::Window), Appearance::darkPalette().color(QPalette::Window));
            menu->desktopAction()->trigger();
            menu->largerTextAction()->trigger();
            QCOMPARE(QApplication::palette().color(QPalette::Window), lightWindow);
            QCOMPARE(QApplication::font().pointSizeF(), normalSize);
        }
        QSettings().clear();
    }

    void screenshotSizeIsBoundedAndApplied()
    {
        // A real recording of this namespace, then a picture of it at 1400x900.
        const QString recording = m_dir.filePath("size.sockrec");
        QProcess record;
        record.start(SOCKSCOPE_BINARY, {"--record", recording, "--samples", "2", "--interval", "0.25"});
        QVERIFY(record.waitForFinished(30000));
        QCOMPARE(record.exitCode(), 0);
        const QString shot = m_dir.filePath("size.png");
        QProcess sized;
        sized.start(SOCKSCOPE_BINARY, {"--replay", recording, "--screenshot", shot, "--size", "1400x900", "--scale", "1"});
        QVERIFY(sized.waitForFinished(30000));
        QCOMPARE(sized.exitCode(), 0);
        QCOMPARE(sized.readAllStandardError(), QByteArray());
        const QImage image(shot);
        QCOMPARE(image.width(), 1400);
        // The window, then the stamp's band of one or two lines.
        QVERIFY2(image.height() > 900 && image.height() < 960, qPrintable(QString::number(image.height())));
        for (const QStringList &bad :
             {QStringList {"--screenshot", shot, "--size", "ten"}, QStringList {"--screenshot", shot, "--size", "100x100"},
              QStringList {"--screenshot", shot, "--size", "8000x800"},
              QStringList {"--screenshot", shot, "--size", "1280x800x2"},
              QStringList {"--screenshot", shot, "--size", "99999999999999999999x800"}, QStringList {"--size", "1280x800"}}) {
            QProcess refused;
            refused.start(SOCKSCOPE_BINARY, QStringList {"--replay", recording} + bad);
            QVERIFY(refused.waitForFinished(30000));
            QCOMPARE(refused.exitCode(), 2);
            const QString error = QString::fromUtf8(refused.readAllStandardError());
            QVERIFY2(error.contains(bad.size() == 2 ? "--size applies to --screenshot and --incident-bundle."
                                                    : "--size needs WIDTHxHEIGHT from 640x400 to 7680x4320"),
                     qPrintable(error));
        }
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestCaptures, QApplication)
#include "tst_captures.moc"
