#include "views/charts/timezoom.h"

#include <QTest>

#include <cstdint>
#include <limits>

// The time charts' zoom and pan as arithmetic: which part of the window is shown after a wheel
// notch, a drag, a double-click or new live samples. Every figure is exact, in ms.
class TimeZoomTest : public QObject
{
    Q_OBJECT

    static constexpr std::int64_t From = 1'700'000'000'000;

private slots:
    void followsTheWindowUntilZoomed()
    {
        TimeZoom zoom;
        zoom.setWindow(From, From + 60000);
        QVERIFY(!zoom.isZoomed());
        QVERIFY(zoom.followsLive());
        QCOMPARE(zoom.fromMs(), From);
        QCOMPARE(zoom.toMs(), From + 60000);
        // A new sample moves the window on: the view goes with it.
        zoom.setWindow(From + 1000, From + 61000);
        QCOMPARE(zoom.fromMs(), From + 1000);
        QCOMPARE(zoom.toMs(), From + 61000);
        // A single sample still has an axis a second long.
        zoom.setWindow(From, From);
        QCOMPARE(zoom.windowToMs(), From + TimeZoom::MinimumWindowMs);
        QCOMPARE(zoom.toMs(), From + 1000);
    }

    void zoomsAroundThePointUnderTheMouse()
    {
        TimeZoom zoom;
        zoom.setWindow(From, From + 60000);
        // The anchor keeps its place on the axis: at a quarter of the view before, and after.
        zoom.zoom(0.5, From + 15000);
        QVERIFY(zoom.isZoomed());
        QVERIFY(!zoom.followsLive());
        QCOMPARE(zoom.fromMs(), From + 7500);
        QCOMPARE(zoom.toMs(), From + 37500);
        QCOMPARE(zoom.shareOf(From + 15000), 0.25);
        // In the middle: the middle stays.
        zoom.zoom(0.5, From + 22500);
        QCOMPARE(zoom.fromMs(), From + 15000);
        QCOMPARE(zoom.toMs(), From + 30000);
        QCOMPARE(zoom.timeAt(0.5), From + 22500);
        // An anchor outside the view counts as its nearest end.
        zoom.zoom(2.0, From - 999'999);
        QCOMPARE(zoom.fromMs(), From + 15000);
        QCOMPARE(zoom.toMs(), From + 45000);
    }

    void zoomStopsAtTenSecondsAndAtTheWindow()
    {
        TimeZoom zoom;
        zoom.setWindow(From, From + 60000);
        zoom.zoom(0.001, From + 30000);
        QCOMPARE(zoom.spanMs(), TimeZoom::MinimumSpanMs);
        QCOMPARE(zoom.fromMs(), From + 25000);
        // Zooming out near the end clamps the view to the window, not past it.
        zoom.zoom(0.5, From + 30000);
        QCOMPARE(zoom.spanMs(), 10000);
        zoom.pan(25000);
        QCOMPARE(zoom.toMs(), From + 60000);
        zoom.zoom(4.0, From + 59000);
        QCOMPARE(zoom.fromMs(), From + 20000);
        QCOMPARE(zoom.toMs(), From + 60000);
        // Out to the whole window: no longer zoomed, following again.
        zoom.zoom(1000.0, From);
        QVERIFY(!zoom.isZoomed());
        QCOMPARE(zoom.fromMs(), From);
        QCOMPARE(zoom.toMs(), From + 60000);
        // A window shorter than ten seconds: the whole of it is the least.
        zoom.setWindow(From, From + 4000);
        zoom.zoom(0.1, From + 2000);
        QVERIFY(!zoom.isZoomed());
        QCOMPARE(zoom.spanMs(), 4000);
        // Factors that are no zoom change nothing.
        zoom.setWindow(From, From + 60000);
        zoom.zoom(0.5, From);
        for (const double factor : {0.0, -2.0, std::numeric_limits<double>::quiet_NaN()}) {
            zoom.zoom(factor, From);
            QCOMPARE(zoom.fromMs(), From);
            QCOMPARE(zoom.toMs(), From + 30000);
        }
    }

    void panStopsAtTheWindowsEnds()
    {
        TimeZoom zoom;
        zoom.setWindow(From, From + 60000);
        zoom.pan(5000); // the whole window: nothing to pan
        QCOMPARE(zoom.fromMs(), From);
        zoom.zoom(0.5, From + 30000);
        QCOMPARE(zoom.fromMs(), From + 15000);
        zoom.pan(-4000);
        QCOMPARE(zoom.fromMs(), From + 11000);
        QCOMPARE(zoom.toMs(), From + 41000);
        zoom.pan(-60000);
        QCOMPARE(zoom.fromMs(), From);
        QCOMPARE(zoom.toMs(), From + 30000);
        zoom.pan(std::numeric_limits<std::int64_t>::max());
        QCOMPARE(zoom.fromMs(), From + 30000);
        QCOMPARE(zoom.toMs(), From + 60000);
        zoom.pan(std::numeric_limits<std::int64_t>::min());
        QCOMPARE(zoom.fromMs(), From);
        QVERIFY(zoom.isZoomed());
    }

    void zoomedViewStaysOnItsMomentAsLiveSamplesCome()
    {
        TimeZoom zoom;
        zoom.setWindow(From, From + 60000);
        zoom.zoom(0.5, From + 30000);
        zoom.setWindow(From + 5000, From + 65000);
        QCOMPARE(zoom.fromMs(), From + 15000);
        QCOMPARE(zoom.toMs(), From + 45000);
        // The window moves past the view's start: the view is pushed along, inside it.
        zoom.setWindow(From + 20000, From + 80000);
        QCOMPARE(zoom.fromMs(), From + 20000);
        QCOMPARE(zoom.toMs(), From + 50000);
        // A window that shrinks to the view's span (a shorter "Show the last"): the whole window.
        zoom.setWindow(From + 20000, From + 40000);
        QVERIFY(!zoom.isZoomed());
        QCOMPARE(zoom.fromMs(), From + 20000);
        QCOMPARE(zoom.toMs(), From + 40000);
        zoom.setWindow(From + 21000, From + 41000);
        QCOMPARE(zoom.fromMs(), From + 21000);
    }

    void resetShowsAndFollowsTheWholeWindow()
    {
        TimeZoom zoom;
        zoom.setWindow(From, From + 60000);
        zoom.zoom(0.25, From + 60000);
        QCOMPARE(zoom.fromMs(), From + 45000);
        QCOMPARE(zoom.toMs(), From + 60000);
        zoom.reset();
        QVERIFY(!zoom.isZoomed());
        QCOMPARE(zoom.fromMs(), From);
        QCOMPARE(zoom.toMs(), From + 60000);
        zoom.setWindow(From + 2000, From + 62000);
        QCOMPARE(zoom.fromMs(), From + 2000);
        QCOMPARE(zoom.toMs(), From + 62000);
    }
};

QTEST_GUILESS_MAIN(TimeZoomTest)
#include "tst_timezoom.moc"
