#include "views/charts/chartcolors.h"
#include "views/charts/historypanel.h"
#include "languages.h"
#include "views/window/mainwindow.h"
#include "views/charts/niceticks.h"
#include "views/window/overviewpanel.h"
#include "views/charts/portchartpanel.h"
#include "views/charts/processtimewaitpanel.h"
#include "recording/recording.h"
#include "sampling/seriesdecimator.h"
#include "report/snapshottextwriter.h"
#include "views/charts/statechartpanel.h"
#include "views/charts/timeserieschart.h"
#include "itemmodels/timewaitbyportmodel.h"
#include "itemmodels/timewaitbyprocessmodel.h"
#include "bridge/untrustedtext.h"
#include "sampling/windowstate.h"

#include <QAction>
#include <QBarCategoryAxis>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineSeries>
#include <QRegularExpression>
#include <QTest>

#include <cmath>

// The charts as an operator reads them: gaps, round ticks, the crosshair, zoom, markers, replay
// at the slider, and the keyboard. Offscreen, on made-up history (no kernel needed).
class TestCharts : public QObject
{
    Q_OBJECT

    static SampleSummary sample(qint64 timeMs, quint32 established, quint32 timeWait)
    {
        SampleSummary s;
        s.timeMs = timeMs;
        s.states[static_cast<int>(TcpState::Established)] = established;
        s.states[static_cast<int>(TcpState::TimeWait)] = timeWait;
        s.totalSockets = established + timeWait;
        return s;
    }

    static int breaks(const QList<QPointF> &points)
    {
        return int(std::count_if(points.begin(), points.end(), SeriesDecimator::isBreak));
    }

private slots:
    void initTestCase() { Languages::apply(QStringLiteral("en")); }

    void decimatorBreaksAtGaps()
    {
        // 10,000 samples a second apart with one minute missing after sample 5,000: thinned to
        // buckets, and exactly one break, between the two stretches.
        const auto at = [](int i) { return QPointF(double(i) * 1000 + (i >= 5000 ? 60000 : 0), i % 7); };
        const auto all = [](int) { return true; };
        const QList<QPointF> points = SeriesDecimator::decimate(0, 10000, 500, at, all, 1800);
        QVERIFY(points.size() <= 1002);
        QCOMPARE(breaks(points), 1);
        const auto gap = std::find_if(points.begin(), points.end(), SeriesDecimator::isBreak);
        QVERIFY((gap - 1)->x() <= 4999000 && (gap + 1)->x() >= 5060000);
        // Without a gap threshold nothing breaks; unthinned data breaks too.
        QCOMPARE(breaks(SeriesDecimator::decimate(0, 10000, 500, at, all)), 0);
        QCOMPARE(breaks(SeriesDecimator::decimate(4990, 5010, 500, at, all, 1800)), 1);
    }

    void pauseIsDrawnAsAGap()
    {
        // 60 samples at 1 s, a 2-minute pause, 60 more: the states chart draws two pieces.
        MainWindow window(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        std::vector<SampleSummary> history;
        const qint64 t0 = 1'700'000'000'000;
        for (int i = 0; i < 60; ++i)
            history.push_back(sample(t0 + i * 1000, 10 + i % 3, 5));
        for (int i = 0; i < 60; ++i)
            history.push_back(sample(t0 + 180000 + i * 1000, 20, 5));
        window.loadHistory(history);
        TimeSeriesChart *chart = window.docks()->statePanel()->chart();
        const auto pieces = chart->segments(QStringLiteral("ESTABLISHED"));
        QCOMPARE(pieces.size(), 2);
        QCOMPARE(pieces[0].size(), 60);
        QCOMPARE(pieces[1].size(), 60);
        QCOMPARE(qint64(pieces[0].last().x()), t0 + 59000);
        QCOMPARE(qint64(pieces[1].first().x()), t0 + 180000);
        // The newest piece is the series the legend names.
        QCOMPARE(chart->series(QStringLiteral("ESTABLISHED"))->at(0).y(), 20.0);
        // In the gap the crosshair says there is no sample; either side it gives the value.
        QVERIFY(chart->valuesAt(t0 + 120000).join('\n').contains("no sample"));
        QVERIFY(chart->valuesAt(t0 + 200000).contains(QStringLiteral("ESTABLISHED: 20")));
    }

    void roundTicks_data()
    {
        QTest::addColumn<double>("range");
        QTest::addColumn<int>("ticks");
        QTest::addColumn<double>("step");
        QTest::newRow("0.8 in 5") << 0.8 << 5 << 0.2;
        QTest::newRow("0.3 in 3") << 0.3 << 3 << 0.1;
        QTest::newRow("19 in 5") << 19.0 << 5 << 5.0;
        QTest::newRow("262144 in 5") << 262144.0 << 5 << 100000.0;
        QTest::newRow("4 in 5") << 4.0 << 5 << 1.0;
    }

    void roundTicks()
    {
        QFETCH(double, range);
        QFETCH(int, ticks);
        QFETCH(double, step);
        QCOMPARE(NiceTicks::valueStep(range, ticks), step);
    }

    void chartTicksAreRound()
    {
        TimeSeriesChart chart;
        chart.resize(700, 300);
        chart.addSeries(QStringLiteral("a"), Qt::red);
        const qint64 from = 1'700'000'003'700; // not on a second
        chart.setTimeRange(from, from + 300000);
        chart.setSeriesPoints(QStringLiteral("a"), {QPointF(double(from), 0), QPointF(double(from + 300000), 19)});
        chart.rescale();
        QVERIFY(chart.timeTicks().size() >= 3);
        const qint64 step = chart.timeTicks()[1].first - chart.timeTicks()[0].first;
        QVERIFY(QList<qint64>({30000, 60000, 120000}).contains(step));
        for (const auto &tick : chart.timeTicks()) {
            const qint64 offset = qint64(QDateTime::fromMSecsSinceEpoch(tick.first).offsetFromUtc()) * 1000;
            QCOMPARE((tick.first + offset) % step, 0);
        }
        QCOMPARE(chart.valueStep(), 5.0); // 0, 5, 10, 15, 20: not 0, 6, 13, 19
        QVERIFY(chart.timeTicks()[0].second.count(':') == 2 || step >= 60000);
    }

    void crosshairZoomAndPan()
    {
        TimeSeriesChart chart;
        chart.resize(700, 300);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const qint64 from = 1'700'000'000'000;
        chart.addSeries(QStringLiteral("low"), Qt::blue);
        chart.addSeries(QStringLiteral("high"), Qt::red);
        chart.setSeriesName(QStringLiteral("low"), QStringLiteral("Low"));
        chart.setSeriesName(QStringLiteral("high"), QStringLiteral("High"));
        QList<QPointF> low, high;
        for (int i = 0; i <= 60; ++i) {
            low.append(QPointF(double(from + i * 1000), i));
            high.append(QPointF(double(from + i * 1000), 100 + i));
        }
        chart.setSeriesPoints(QStringLiteral("low"), low);
        chart.setSeriesPoints(QStringLiteral("high"), high);
        chart.setTimeRange(from, from + 60000);
        chart.rescale();
        // Every series' value at that time, largest first.
        const QStringList values = chart.valuesAt(from + 30200);
        QCOMPARE(values.size(), 3);
        QCOMPARE(values[1], QStringLiteral("High: 130"));
        QCOMPARE(values[2], QStringLiteral("Low: 30"));
        // Hovering anywhere over the plot (not only on a line) shows the crosshair there.
        const QRectF plot = chart.chart()->plotArea();
        QTest::mouseMove(chart.viewport(), QPoint(int(plot.center().x()), int(plot.bottom() - 3)));
        QTRY_VERIFY(!chart.isZoomed());

        QVERIFY(chart.zoomHint().isEmpty());
        chart.zoomTime(0.5, from + 30000);
        QVERIFY(chart.isZoomed());
        // A zoomed chart no longer follows new samples: it says so, and how to get back.
        QVERIFY(chart.zoomHint().contains(QStringLiteral("double-click")));
        QCOMPARE(chart.viewToMs() - chart.viewFromMs(), 30000);
        QCOMPARE(chart.viewFromMs(), from + 15000);
        chart.panTime(-60000); // clamped at the window's start
        QCOMPARE(chart.viewFromMs(), from);
        QTest::mouseDClick(chart.viewport(), Qt::LeftButton, {}, plot.center().toPoint());
        QVERIFY(!chart.isZoomed());
        QVERIFY(chart.zoomHint().isEmpty());
        QCOMPARE(chart.viewFromMs(), from);
        QCOMPARE(chart.viewToMs(), from + 60000);
    }

    void markerLabelsNeverOverlap()
    {
        TimeSeriesChart chart;
        chart.resize(600, 300);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const qint64 from = 1'700'000'000'000;
        chart.addSeries(QStringLiteral("a"), Qt::red);
        chart.setSeriesPoints(QStringLiteral("a"), {QPointF(double(from), 1), QPointF(double(from + 60000), 2)});
        chart.setTimeRange(from, from + 60000);
        // Three markers a second apart with long labels, one alone later.
        chart.setMarkers({{from + 10000, "deploy of the new load balancer configuration"},
                          {from + 11000, "LB restart"},
                          {from + 12000, "rollback"},
                          {from + 50000, "all clear"}});
        QApplication::processEvents();
        const QList<QRectF> boxes = chart.markerLabelRects();
        QCOMPARE(boxes.size(), 4);
        const QRectF plot = chart.chart()->plotArea();
        for (int i = 0; i < boxes.size(); ++i) {
            QVERIFY2(boxes[i].bottom() <= plot.top(), "a marker label covers the plot");
            for (int j = i + 1; j < boxes.size(); ++j)
                QVERIFY2(!boxes[i].intersects(boxes[j]), qPrintable(QStringLiteral("labels %1 and %2 overlap").arg(i).arg(j)));
        }
        // Markers crowded at the latest moment of a short chart (one row of labels): no label
        // box reaches past the plot's right edge, where the view cut it to a sliver.
        chart.resize(600, 200);
        chart.setMarkers({{from + 58000, "deploy v2"}, {from + 59000, "LB restart"}});
        QApplication::processEvents();
        const QRectF shortPlot = chart.chart()->plotArea();
        const QList<QRectF> crowded = chart.markerLabelRects();
        QCOMPARE(crowded.size(), 2);
        for (const QRectF &box : crowded)
            QVERIFY2(box.right() <= shortPlot.right() + 0.5,
                     qPrintable(QStringLiteral("%1 > %2").arg(box.right()).arg(shortPlot.right())));
        QVERIFY(!crowded[0].isEmpty()); // the first keeps its label
    }

    void markersRenameAndDelete()
    {
        MainWindow window(false);
        std::vector<SampleSummary> history;
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 30000;
        for (int i = 0; i < 30; ++i)
            history.push_back(sample(t0 + i * 1000, 1, 1));
        window.loadHistory(history);
        window.incidents()->addMarker(QStringLiteral("one"));
        window.incidents()->addMarker(QStringLiteral("two"));
        QCOMPARE(window.state()->markers().size(), std::size_t(2));
        emit window.docks()->statePanel()->chart()->markerRemoveRequested(0);
        QCOMPARE(window.state()->markers().size(), std::size_t(1));
        QCOMPARE(window.state()->markers()[0].label, QStringLiteral("two"));
    }

    void replayShowsTheSampleUnderTheSlider()
    {
        // A recording whose TIME-WAIT on port 80 climbs 100 per sample and overflows at the end.
        auto recording = std::make_shared<Recording>();
        recording->path = QStringLiteral("/tmp/overflow.sockrec");
        const qint64 t0 = 1'700'000'000'000;
        for (int i = 0; i < 10; ++i) {
            SampleSummary s = sample(t0 + i * 1000, 3, quint32(100 * (i + 1)));
            s.maxTimeWaitBuckets = 800;
            s.localPorts[0] = {80, quint32(100 * (i + 1))};
            s.localPortCount = 1;
            s.rates[static_cast<int>(TcpCounter::TimeWaitOverflow)] = i >= 8 ? 900 : 0;
            s.ratesValidMask = 1u << static_cast<int>(TcpCounter::TimeWaitOverflow);
            // Entries made are TW + TWKilled; the last samples know TW alone.
            for (TcpCounter c : {TcpCounter::TimeWaitEntered, TcpCounter::ActiveOpens, TcpCounter::PassiveOpens})
                s.ratesValidMask |= 1u << static_cast<int>(c);
            if (i < 5)
                s.ratesValidMask |= 1u << static_cast<int>(TcpCounter::TimeWaitKilled);
            s.rates[static_cast<int>(TcpCounter::TimeWaitEntered)] = 40;
            s.rates[static_cast<int>(TcpCounter::TimeWaitKilled)] = 12;
            s.rates[static_cast<int>(TcpCounter::ActiveOpens)] = 30;
            s.rates[static_cast<int>(TcpCounter::PassiveOpens)] = 22;
            recording->summaries.push_back(s);
        }
        MainWindow window(false);
        window.show();
        window.openRecording(recording);
        const auto overviewText = [&] {
            QStringList texts;
            for (QLabel *label : window.docks()->overviewPanel()->findChildren<QLabel *>())
                texts << label->text();
            return texts.join('\n');
        };
        window.sources()->setReplayPosition(2);
        QCOMPARE(window.docks()->portModel()->rowCount(), 1);
        QCOMPARE(window.docks()->portModel()->count(0), 300u);
        QVERIFY2(overviewText().contains("300 TIME-WAIT rows; tcp_max_tw_buckets 800"), qPrintable(overviewText()));
        QVERIFY(overviewText().contains("0.0 per second at this sample"));
        QVERIFY2(overviewText().contains("52.0 timewait entries made (TW + TWKilled), 30.0 connections opened, 22.0 accepted"),
                 qPrintable(overviewText()));
        // The bars are the slider's moment, not "now".
        const QString at2 = QDateTime::fromMSecsSinceEpoch(t0 + 2000).toString(QStringLiteral("HH:mm:ss"));
        QCOMPARE(window.docks()->portPanel()->barChart()->title(), QStringLiteral("TIME-WAIT by local port at ") + at2);
        window.sources()->setReplayPosition(9);
        QCOMPARE(window.docks()->portModel()->count(0), 1000u);
        QVERIFY(overviewText().contains("900.0 per second at this sample"));
        QVERIFY(overviewText().contains("needs a socket table; none recorded"));
        QVERIFY2(overviewText().contains("at least 40.0 timewait entries made (TW; TWKilled not known)"),
                 qPrintable(overviewText()));
        QVERIFY(window.windowTitle().contains("overflow.sockrec"));
    }

    void portColoursStayWithTheirPortAndTheLegendIsSorted()
    {
        // Ports 80 and 443 busy, then 443 and 8080, then 80 again: 443 keeps its colour
        // throughout, 80 gets its own back, and the legend lists the largest count first.
        TimeWaitByPortModel model(6);
        PortChartPanel panel(&model);
        panel.resize(500, 500);
        panel.show();
        HistoryRing ring;
        const qint64 t0 = 1'700'000'000'000;
        const auto step = [&](std::initializer_list<PortCount> ports) {
            SampleSummary s = sample(t0 + ring.size() * 1000, 0, 0);
            for (const PortCount &p : ports)
                s.localPorts[s.localPortCount++] = p;
            ring.append(s);
            model.setSummary(s);
            HistoryWindow w;
            w.ring = &ring;
            w.first = 0;
            w.last = ring.size();
            w.fromMs = t0;
            w.toMs = s.timeMs;
            panel.showHistory(w);
        };
        const auto colour = [&](const char *port) { return panel.timeChart()->series(QString::fromLatin1(port))->pen().color(); };
        step({{80, 50}, {443, 70}});
        const QColor c80 = colour("80");
        const QColor c443 = colour("443");
        QVERIFY(c80 != c443);
        QCOMPARE(panel.timeChart()->seriesKeys(), QStringList({"443", "80"})); // 70 before 50
        step({{443, 70}, {8080, 90}});
        QCOMPARE(colour("443"), c443);
        QVERIFY(colour("8080") != c443);
        QCOMPARE(panel.timeChart()->seriesKeys(), QStringList({"8080", "443"}));
        step({{80, 100}, {443, 70}});
        QCOMPARE(colour("80"), c80);
        QCOMPARE(colour("443"), c443);
        QCOMPARE(panel.timeChart()->seriesKeys(), QStringList({"80", "443"}));
        // The bars beside these lines are TIME-WAIT orange: no port's line is drawn in it, or it
        // reads as that bar's port.
        for (const char *port : {"80", "443"})
            QVERIFY(colour(port) != ChartColors::state(TcpState::TimeWait));
        for (int i = 0; i < 8; ++i)
            QVERIFY(ChartColors::series(i) != ChartColors::state(TcpState::TimeWait));
        // The legend shows them in that order.
        QStringList legend;
        for (QAbstractSeries *series : panel.timeChart()->chart()->series())
            legend << series->name();
        QCOMPARE(legend.mid(0, 2), QStringList({"80", "443"}));
    }

    // TIME-WAIT by process over time: a line per tracked owner, named from the ring's labels as
    // plain text (a process may call itself "<b>…"; Qt Charts lays legends out as HTML), most
    // first, a dashed line for the unattributed, and a note when the source sent no owners.
    void processLinesAreNamedAsPlainText()
    {
        TimeWaitByProcessModel model;
        ProcessTimeWaitPanel panel(&model);
        panel.resize(500, 600);
        panel.show();
        HistoryRing ring;
        const qint64 t0 = 1'700'000'000'000;
        const OwnerLabel nginx {"nginx", "nginx.service"};
        const OwnerLabel evil {"<b>x</b>", "evil.service"};
        const auto show = [&] {
            HistoryWindow w;
            w.ring = &ring;
            w.first = 0;
            w.last = ring.size();
            w.fromMs = t0;
            w.toMs = ring.latest().timeMs;
            panel.showHistory(w);
        };
        // A source without owners: no lines, and a note that says why.
        ring.append(sample(t0, 0, 0));
        ring.append(sample(t0 + 1000, 0, 0));
        show();
        QVERIFY(panel.timeChart()->seriesKeys().isEmpty());
        QLabel *note = nullptr;
        for (QLabel *label : panel.findChildren<QLabel *>())
            if (label->isVisibleTo(&panel) && label->text().startsWith(QStringLiteral("No owners")))
                note = label;
        QVERIFY(note);

        for (int i = 0; i < 3; ++i) {
            SampleSummary s = sample(t0 + 2000 + i * 1000, 0, 0);
            s.ownersKnown = true;
            s.owners[0] = {nginx.key(), std::uint32_t(10 + i)};
            s.owners[1] = {evil.key(), std::uint32_t(20 - 5 * i)};
            s.ownerCount = 2;
            s.timeWaitUnattributed = i == 2 ? 4 : 0;
            ring.append(s, {nginx, evil});
        }
        show();
        QVERIFY(!note->isVisibleTo(&panel));
        const QString nginxKey = ProcessTimeWaitPanel::seriesKey(nginx.key());
        const QString evilKey = ProcessTimeWaitPanel::seriesKey(evil.key());
        // At the end nginx has 12, "<b>x</b>" 10: nginx first, then the unattributed.
        QCOMPARE(panel.timeChart()->seriesKeys(), QStringList({nginxKey, evilKey, ProcessTimeWaitPanel::unattributedKey()}));
        QCOMPARE(panel.timeChart()->seriesName(nginxKey), QStringLiteral("nginx · nginx.service"));
        QCOMPARE(panel.timeChart()->seriesName(evilKey), QStringLiteral("<b>x</b> · evil.service"));
        QCOMPARE(panel.timeChart()->series(evilKey)->name(), QStringLiteral("&lt;b&gt;x&lt;/b&gt; · evil.service"));
        QCOMPARE(panel.timeChart()->seriesName(ProcessTimeWaitPanel::unattributedKey()), QStringLiteral("not attributed"));
        QCOMPARE(panel.timeChart()->series(ProcessTimeWaitPanel::unattributedKey())->pen().style(), Qt::DashLine);
        const QStringList values = panel.timeChart()->valuesAt(t0 + 4000);
        QVERIFY2(values.contains(QStringLiteral("<b>x</b> · evil.service: 10")), qPrintable(values.join('|')));
        QVERIFY2(values.contains(QStringLiteral("nginx · nginx.service: 12")), qPrintable(values.join('|')));
        // Where owners were not known the line has no point (not a zero).
        qsizetype drawn = 0;
        for (const QList<QPointF> &segment : panel.timeChart()->segments(nginxKey))
            drawn += segment.size();
        QCOMPARE(drawn, qsizetype(3));
    }

    // Who is behind the TIME-WAIT on a port: beside the port on the bars (escaped: Qt Charts
    // lays axis labels out as HTML) and in full in the tooltip.
    void portBarsNameTheirOwners()
    {
        auto snapshot = std::make_shared<Snapshot>();
        snapshot->timeWaitByLocalPort = {{80, 604}, {8080, 5}};
        snapshot->stateCounts[std::size_t(TcpState::TimeWait)] = 609;
        SocketOwnership &o = snapshot->owners;
        o.scope = OwnerScope::AllProcesses;
        o.owners = {SocketOwner {812, 33, "nginx", "www-data", "nginx.service", 0, ""},
                    SocketOwner {9, 0, "<i>evil</i>", "root", "", 0, ""}};
        PortOwners web;
        web.port = 80;
        web.owners = {OwnerTimeWait {1, 600, 4, 596, 0}};
        web.unattributed = 4;
        PortOwners alt;
        alt.port = 8080;
        alt.owners = {OwnerTimeWait {2, 3, 0, 3, 0}, OwnerTimeWait {1, 2, 0, 2, 0}};
        o.localPortOwners = {web, alt};
        TimeWaitByPortModel model;
        PortChartPanel panel(&model);
        panel.resize(500, 500);
        panel.show();
        model.setSnapshot(snapshot);
        QCOMPARE(model.ownerShort(0), QStringLiteral("nginx"));
        QCOMPARE(model.ownerShort(1), QStringLiteral("<i>evil</i>, …"));
        QCOMPARE(model.ownersText(0),
                 QStringLiteral("nginx (pid 812, nginx.service): 600 (4 exact, 596 via listener)\n"
                                "not attributed: 4"));
        QCOMPARE(model.data(model.index(0, TimeWaitByPortModel::Port), Qt::ToolTipRole).toString(),
                 UntrustedText::toolTip(model.ownersText(0)));
        auto axis = qobject_cast<QBarCategoryAxis *>(panel.barChart()->axes(Qt::Vertical).value(0));
        QVERIFY(axis);
        // Largest on top: category 0 is the bottom bar.
        QCOMPARE(axis->categories(), QStringList({"8080 · &lt;i&gt;evil&lt;/i&gt;, …", "80 · nginx"}));
        // Without owners (not looked up): the port alone.
        auto plain = std::make_shared<Snapshot>(*snapshot);
        plain->owners = SocketOwnership();
        model.setSnapshot(plain);
        QCOMPARE(axis->categories(), QStringList({"8080", "80"}));
        QVERIFY(model.ownersText(0).isEmpty());
    }

    void textOutputTimesCarryTheirZone()
    {
        Snapshot snapshot;
        snapshot.wallTimeMs = 1'700'000'000'000;
        const QString text = SnapshotTextWriter::format(snapshot, 3);
        const QRegularExpression stamped(QStringLiteral("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)"));
        QVERIFY2(stamped.match(text.section('\n', 0, 0)).hasMatch(), qPrintable(text.section('\n', 0, 0)));
    }

    void panelsFollowTheWindowState()
    {
        struct CountingPanel : HistoryPanel
        {
            int snapshots = 0;
            int histories = 0;
            void showSnapshot(const SnapshotPtr &) override { ++snapshots; }
            void showHistory(const HistoryWindow &) override { ++histories; }
            void retranslate() override { }
        };
        WindowState state;
        QStringList heard;
        connect(&state, &WindowState::sampleAdded, this, [&] { heard << "sample"; });
        connect(&state, &WindowState::snapshotChanged, this, [&] { heard << "snapshot"; });
        connect(&state, &WindowState::momentChanged, this, [&] { heard << "moment"; });
        connect(&state, &WindowState::historyChanged, this, [&] { heard << "history"; });
        CountingPanel always;
        CountingPanel whileShown;
        always.follow(&state);
        whileShown.follow(&state, HistoryPanel::SnapshotUpdates::WhileShown);

        // A sample whose table is a second older than its summary: the moment comes from the sample.
        auto snapshot = std::make_shared<Snapshot>();
        snapshot->wallTimeMs = 1000;
        auto sample = std::make_shared<Sample>();
        sample->snapshot = snapshot;
        sample->summary.timeMs = 2000;
        state.addSample(sample);
        QCOMPARE(heard, QStringList({"sample", "snapshot", "moment", "history"}));
        QCOMPARE(always.snapshots, 1);
        QCOMPARE(whileShown.snapshots, 0); // hidden: it waits
        QCOMPARE(always.histories, 0); // a hidden chart waits too
        whileShown.show();
        QCOMPARE(whileShown.snapshots, 1); // and catches up when shown
        always.show();
        QCOMPARE(always.histories, 1);

        // A replay: the charts end at the replay index, bounded by the history.
        std::vector<SampleSummary> held(3);
        for (std::size_t i = 0; i < held.size(); ++i)
            held[i].timeMs = 10'000 + qint64(i) * 1000;
        state.setReplay(true);
        state.adopt(held, {}, {});
        state.setReplayIndex(7);
        QCOMPARE(state.viewEnd(), 2);
        state.setReplayIndex(0);
        QCOMPARE(state.viewToMs(), 10'000);

        // Markers: an index that is not there changes nothing.
        state.addMarker(10'000, QStringLiteral("deploy"));
        state.removeMarker(3);
        state.renameMarker(-1, QStringLiteral("other"));
        QCOMPARE(state.markers().size(), std::size_t(1));
        QCOMPARE(state.markers()[0].label, QStringLiteral("deploy"));
    }

    void spaceIsLeftToTheFocusedControl()
    {
        MainWindow window(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QCheckBox *logScale = window.docks()->statePanel()->findChild<QCheckBox *>();
        logScale->setFocus();
        QTest::keyClick(logScale, Qt::Key_Space);
        QVERIFY(logScale->isChecked()); // the check box took it
        QVERIFY(!window.sources()->isPaused());
        window.docks()->statePanel()->chart()->setFocus();
        QTest::keyClick(window.docks()->statePanel()->chart(), Qt::Key_Space);
        QVERIFY(window.sources()->isPaused()); // nobody else wanted it
        // Ctrl+Q quits and Ctrl+O opens a recording whatever the platform theme says.
        QStringList keys;
        for (QAction *action : window.findChildren<QAction *>()) {
            for (const QKeySequence &key : action->shortcuts())
                keys << key.toString(QKeySequence::PortableText);
        }
        for (const QString &key : {QStringLiteral("Ctrl+Q"), QStringLiteral("Ctrl+O"), QStringLiteral("F11")})
            QVERIFY2(keys.contains(key), qPrintable(key));
        // Help → Keyboard shortcuts lists every key an action answers to (Ctrl+F and Ctrl+C of
        // the table were missing).
        const QString page = window.shortcutsHtml();
        for (const QString &key : std::as_const(keys))
            QVERIFY2(page.contains(QKeySequence(key).toString(QKeySequence::NativeText)), qPrintable(key));
        QVERIFY(!keys.contains(QStringLiteral("Space")));
    }
};

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
