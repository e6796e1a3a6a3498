#include "darkpalette.h"
#include "views/lab/labpanel.h"
#include "lab/labsource.h"
#include "languages.h"
#include "sources/localsource.h"
#include "views/window/mainwindow.h"
#include "privatenetworknamespace.h"
#include "recording/recording.h"
#include "sampling/samplingworker.h"
#include "sampling/windowstate.h"
#include "views/table/sockettablepanel.h"
#include "sysctl/sysctlchanger.h"
#include "views/sysctl/sysctlpanel.h"
#include "jsonrect.h"
#include "socketpopulation.h"
#include "xdisplayserver.h"
#include "itemmodels/timewaitbyprocessmodel.h"
#include "views/charts/processtimewaitpanel.h"
#include "views/charts/timeserieschart.h"
#include "views/lab/labloadcontrols.h"
#include "views/window/appearance.h"
#include "views/window/docklayout.h"
#include "views/window/elidinglabel.h"
#include "views/window/overviewpanel.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QComboBox>
#include <QStyleOptionComboBox>
#include <QTabBar>
#include <QToolButton>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

// The window on small screens, on a real X server with a real window manager (Xvfb + openbox):
// at 1024×640 and at 1366×768 with QT_SCALE_FACTOR=1.5 it fits the screen, the status bar is on
// screen, the table shows at least ten rows, and every dock is shown or one tab away. Offscreen
// tests cannot see this: only a window manager places and frames the window.
//
// The test runs itself as a child process on that display (SOCKSCOPE_FIT_CHILD) and reads back
// what the child measured in-process. SOCKSCOPE_FIT_HOLD_MS keeps a child's window open, for
// screenshots (see docs/window.md).

namespace {

QJsonObject rect(const QRect &r)
{
    return JsonRect::of(r);
}

QRect rect(const QJsonValue &v)
{
    return JsonRect::from(v);
}

// The sysctl pane brought to the front of its tab group: whether Apply and the preview of its
// Change area are wholly in view (not clipped by a scroll area, a splitter or the screen).
QJsonObject measureSysctlChange(MainWindow &window)
{
    SysctlPanel *panel = window.docks()->sysctlPanel();
    window.revealView(QStringLiteral("sysctls"));
    QTest::qWait(500);
    const QRect screen = window.screen()->availableGeometry();
    QJsonObject out;
    for (QWidget *widget :
         {static_cast<QWidget *>(panel->applyButton()), panel->findChild<QWidget *>(QStringLiteral("preview"))}) {
        const QRect global(widget->mapToGlobal(QPoint(0, 0)), widget->size());
        const bool whole =
            widget->isVisible() && widget->visibleRegion().boundingRect() == widget->rect() && screen.contains(global);
        out[widget->objectName()] =
            QJsonObject {{"whole", whole}, {"rect", rect(global)}, {"visible", rect(widget->visibleRegion().boundingRect())}};
    }
    out["pane"] = rect(QRect(panel->mapToGlobal(QPoint(0, 0)), panel->size()));
    return out;
}

// A pre-fork server that closed first: six processes (this one and five forks that only hold
// the listening socket) and 1,200 TIME-WAIT entries on its port, attributed via the listener to
// "tst_windowfit ×6 processes", the by-process table's longest kind of name.
struct PreforkServer
{
    SocketPopulation population;
    std::vector<pid_t> holders;

    bool start()
    {
        // A port of this child's own: an earlier case's entries (same namespace, under 60 s old)
        // would count on a shared one.
        const SocketPopulation::Endpoint server {AF_INET, "127.0.0.1", quint16(20000 + getpid() % 10000)};
        if (!population.listen(server))
            return false;
        for (int i = 0; i < 5; ++i) {
            const pid_t pid = fork();
            if (pid == 0) {
                for (;;)
                    pause();
            }
            if (pid < 0)
                return false;
            holders.push_back(pid);
        }
        return population.closedConnections(server, 1200, SocketPopulation::CloseOrder::ServerFirst);
    }
    ~PreforkServer()
    {
        for (const pid_t pid : holders) {
            kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
        }
    }
};

// Every tab of every tab bar shown whole, no scroll arrows needed (the review's "tabs you cannot
// see"): the titles of the bars that hide some.
QJsonObject tabsOutOfView(MainWindow &window)
{
    QJsonArray titles;
    bool arrows = true; // every bar hiding tabs shows its scroll arrows
    for (QTabBar *bar : window.findChildren<QTabBar *>()) {
        if (!bar->isVisible())
            continue;
        bool hides = false;
        for (int i = 0; i < bar->count(); ++i) {
            if (!bar->rect().contains(bar->tabRect(i))) {
                titles.append(bar->tabText(i));
                hides = true;
            }
        }
        int shown = 0;
        for (const QToolButton *button : bar->findChildren<QToolButton *>())
            shown += button->isVisible() && bar->rect().contains(button->geometry()) ? 1 : 0;
        arrows = arrows && (!hides || shown >= 2);
    }
    return {{"titles", titles}, {"arrows", arrows}};
}

// The by-process table in front: whether every Process cell's text is whole and in view (a
// picture has no tooltip), how its counts read, and the "What do these mean?" entries.
QJsonObject measureProcesses(MainWindow &window)
{
    window.revealView(QStringLiteral("processes"));
    QTest::qWait(500);
    auto panel = qobject_cast<ProcessTimeWaitPanel *>(window.docks()->viewByName(QStringLiteral("processes")));
    QTableView *view = panel->view();
    QJsonArray cut, counts;
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QModelIndex process = view->model()->index(row, TimeWaitByProcessModel::Process);
        QStyleOptionViewItem option;
        option.initFrom(view);
        const int wanted = view->itemDelegate()->sizeHint(option, process).width();
        const QRect cell = view->visualRect(process);
        if (wanted > cell.width() || !view->viewport()->rect().contains(cell))
            cut.append(process.data().toString());
        counts.append(view->model()->index(row, TimeWaitByProcessModel::Count).data().toString());
    }
    const auto help = panel->findChild<QToolButton *>(QStringLiteral("ownerWordsHelp"));
    const QRect helpRect = help ? QRect(help->mapTo(panel, QPoint(0, 0)), help->size()) : QRect();
    return {{"rows", view->model()->rowCount()},
            {"processCut", cut},
            {"counts", counts},
            {"processes", view->model()->index(0, TimeWaitByProcessModel::Process).data().toString()},
            {"headerToolTip", view->model()->headerData(TimeWaitByProcessModel::How, Qt::Horizontal, Qt::ToolTipRole).toString()},
            {"helpWhole",
             help && help->isVisible() && panel->rect().contains(helpRect) && help->width() >= help->sizeHint().width()}};
}

// The time charts shown whose axis labels run into each other (ticks closer than a label).
QJsonArray timeLabelsOverlapping(MainWindow &window)
{
    QJsonArray out;
    for (TimeSeriesChart *chart : window.docks()->timeCharts()) {
        const QList<QPair<qint64, QString>> ticks = chart->timeTicks();
        if (!chart->isVisible() || chart->visibleRegion().isEmpty() || ticks.size() < 2)
            continue;
        const auto axis = chart->chart()->axes(Qt::Horizontal).value(0);
        const QFontMetrics metrics(axis->labelsFont());
        for (int i = 1; i < ticks.size(); ++i) {
            const double gap = chart->chart()->mapToPosition(QPointF(double(ticks[i].first), 0)).x()
                - chart->chart()->mapToPosition(QPointF(double(ticks[i - 1].first), 0)).x();
            if (gap < metrics.horizontalAdvance(ticks[i].second)) {
                out.append(chart->chart()->title());
                break;
            }
        }
    }
    return out;
}

// The status bar's fields: the ones cut with "…" (neither whole nor their short form).
QJsonArray statusFieldsCut(MainWindow &window)
{
    QJsonArray out;
    for (ElidingLabel *label : window.statusBar()->findChildren<ElidingLabel *>()) {
        // Cut: ending in "…", which neither a whole text nor a short form does.
        if (label->isVisible() && label->text() != label->fullText() && label->text().endsWith(QChar(0x2026)))
            out.append(label->text());
    }
    return out;
}

// The lab's choice boxes: items whose text the collapsed box would cut.
QJsonArray labChoicesCut(MainWindow &window)
{
    QJsonArray out;
    window.lab()->panel()->showLoadControls();
    QTest::qWait(300);
    for (QComboBox *box : window.lab()->panel()->findChildren<QComboBox *>()) {
        QStyleOptionComboBox option;
        option.initFrom(box);
        const QRect field = box->style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, box);
        for (int i = 0; i < box->count(); ++i) {
            if (box->fontMetrics().horizontalAdvance(box->itemText(i)) > field.width())
                out.append(box->itemText(i));
        }
    }
    return out;
}

// The child: shows the window, waits for the window manager and a few samples, prints JSON.
int runChild(int argc, char *argv[])
{
    PreforkServer prefork;
    if (qEnvironmentVariableIsSet("SOCKSCOPE_FIT_PREFORK") && !prefork.start()) {
        QTextStream(stderr) << "cannot start the pre-fork server: " << prefork.population.error() << '\n';
        return 1;
    }
    QApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("SOCKSCOPE_FIT_DARK")) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkTestPalette());
    }
    Languages::apply(qEnvironmentVariable("SOCKSCOPE_FIT_LANG", QStringLiteral("en")));
    MainWindow window(false);
    // Larger text as View → Appearance gives it, after the window's first layout (as when the
    // choice comes from the settings).
    if (qEnvironmentVariableIsSet("SOCKSCOPE_FIT_LARGER"))
        Appearance::apply(Appearance::Colours::Dark, true);
    std::unique_ptr<SamplingWorker> sampler;
    std::unique_ptr<LocalSource> source;
    const QString replay = qEnvironmentVariable("SOCKSCOPE_FIT_REPLAY");
    if (!replay.isEmpty()) {
        auto recording = std::make_shared<Recording>();
        QString error;
        if (!recording->read(replay, &error)) {
            QTextStream(stderr) << error << '\n';
            return 1;
        }
        window.openRecording(recording);
        const int at = qEnvironmentVariableIntValue("SOCKSCOPE_FIT_REPLAY_AT");
        if (at > 0)
            window.sources()->setReplayPosition(at);
    }
    window.show();
    if (!QTest::qWaitForWindowExposed(&window, 10000))
        return 1;
    const QString lab = qEnvironmentVariable("SOCKSCOPE_FIT_LAB");
    if (!lab.isEmpty()) {
        // The training lab: SOCKSCOPE_FIT_LAB_CHANGE (pairs split by ';') is applied through the
        // sysctl pane's route after SOCKSCOPE_FIT_SAMPLES samples, as a trainee would.
        LabSource::setDefaultPrograms(QStringLiteral(SOCKSCOPE_AGENT), QStringLiteral(SOCKSCOPE_HELPER));
        window.openLab(lab);
        if (qEnvironmentVariableIsSet("SOCKSCOPE_FIT_LAB_LOAD"))
            window.lab()->panel()->showLoadControls();
        const int samples = qMax(4, qEnvironmentVariableIntValue("SOCKSCOPE_FIT_SAMPLES"));
        if (!QTest::qWaitFor([&] { return window.history().size() >= samples; }, 60000))
            return 1;
        const QString change = qEnvironmentVariable("SOCKSCOPE_FIT_LAB_CHANGE");
        if (!change.isEmpty()) {
            window.docks()->sysctlPanel()->changer()->apply(change.split(QLatin1Char(';')), false);
            if (!QTest::qWaitFor([&] { return window.history().size() >= 2 * samples; }, 60000))
                return 1;
        }
    } else if (replay.isEmpty()) {
        sampler = std::make_unique<SamplingWorker>(NetworkNamespace(), AllTcpStatesMask);
        window.setIntervalMs(250);
        source = std::make_unique<LocalSource>(sampler.get(), QString());
        window.setSource(source.get());
        if (!QTest::qWaitFor([&] { return window.history().size() >= 4; }, 10000))
            return 1;
    }
    // A dock brought to the front of its tab group, for a picture of it (SOCKSCOPE_FIT_RAISE).
    const QString raise = qEnvironmentVariable("SOCKSCOPE_FIT_RAISE");
    if (!raise.isEmpty()) {
        if (auto dock = window.findChild<QDockWidget *>(raise))
            dock->raise();
        QTest::qWait(qMax(0, qEnvironmentVariableIntValue("SOCKSCOPE_FIT_RAISE_MS")));
    }
    // The window manager frames and places the window after it maps: let it settle.
    QTest::qWait(800);

    QJsonObject out;
    const QScreen *screen = window.screen();
    out["available"] = rect(screen->availableGeometry());
    out["frame"] = rect(window.frameGeometry());
    out["minimumHeight"] = window.minimumSizeHint().height();
    QStatusBar *status = window.statusBar();
    out["statusVisible"] = status->isVisible();
    out["status"] = rect(QRect(status->mapToGlobal(QPoint(0, 0)), status->size()));
    QTableView *table = window.docks()->tablePanel()->findChild<QTableView *>();
    out["tableRows"] = table->viewport()->height() / qMax(1, table->verticalHeader()->defaultSectionSize());
    QJsonArray docks;
    for (QDockWidget *dock : window.findChildren<QDockWidget *>()) {
        // Reachable: on screen, or a tab of a group that is.
        const bool tabbed = !window.tabifiedDockWidgets(dock).isEmpty();
        const QRect global(dock->mapToGlobal(QPoint(0, 0)), dock->size());
        docks.append(QJsonObject {{"name", dock->objectName()},
                                  {"visible", dock->isVisible()},
                                  {"tabbed", tabbed},
                                  {"rect", rect(global)},
                                  {"minimumHeight", dock->minimumSizeHint().height()}});
    }
    out["docks"] = docks;
    if (!lab.isEmpty())
        out["labCheckpoints"] = QJsonArray::fromStringList(window.lab()->panel()->checkpointTexts());
    out["markers"] = int(window.state()->markers().size());
    out["tabsOutOfView"] = tabsOutOfView(window);
    // Before the processes' tab comes to the front of the Overview's group.
    const QScrollArea *overview = window.docks()->overviewPanel()->findChild<QScrollArea *>();
    out["overviewSideways"] = overview->horizontalScrollBar()->maximum();
    out["statusCut"] = statusFieldsCut(window);
    if (!lab.isEmpty())
        out["labChoicesCut"] = labChoicesCut(window);
    if (qEnvironmentVariableIsSet("SOCKSCOPE_FIT_PREFORK"))
        out["processes"] = measureProcesses(window);
    out["timeLabelsOverlapping"] = timeLabelsOverlapping(window);
    // The whole screen, frame and all, as the window manager shows it (the pictures in docs/).
    const QString shot = qEnvironmentVariable("SOCKSCOPE_FIT_SHOT");
    if (!shot.isEmpty() && !window.screen()->grabWindow(0).save(shot))
        return 1;
    out["sysctlChange"] = measureSysctlChange(window);
    // The same screen with the sysctl pane in front (SOCKSCOPE_FIT_SYSCTL_SHOT), to look at.
    const QString sysctlShot = qEnvironmentVariable("SOCKSCOPE_FIT_SYSCTL_SHOT");
    if (!sysctlShot.isEmpty() && !window.screen()->grabWindow(0).save(sysctlShot))
        return 1;
    QTextStream(stdout) << QJsonDocument(out).toJson(QJsonDocument::Compact) << '\n';
    QTextStream(stdout).flush();
    const int hold = qEnvironmentVariableIntValue("SOCKSCOPE_FIT_HOLD_MS");
    if (hold > 0)
        QTest::qWait(hold);
    return 0;
}

}

class TestWindowFit : public QObject
{
    Q_OBJECT

    XDisplayServer m_x;
    // Each case takes the next display number: a display just stopped may still hold its lock.
    int m_nextDisplay = 150;

private slots:
    void initTestCase()
    {
        if (!XDisplayServer::unavailableReason().isEmpty())
            QSKIP(qPrintable(XDisplayServer::unavailableReason()));
    }

    void fits_data()
    {
        QTest::addColumn<QString>("screen");
        QTest::addColumn<QString>("scale");
        QTest::addColumn<QString>("language");
        // prefork: a pre-fork server's TIME-WAIT for the by-process table; dark, larger: View →
        // Appearance's dark palette and larger text.
        QTest::addColumn<QStringList>("options");
        QTest::newRow("1024x640") << "1024x640"
                                  << "1"
                                  << "en" << QStringList {"prefork"};
        QTest::newRow("1024x640, Chinese, dark, larger text") << "1024x640"
                                                              << "1"
                                                              << "zh_CN" << QStringList {"prefork", "dark", "larger"};
        QTest::newRow("1366x768 at 1.5") << "1366x768"
                                         << "1.5"
                                         << "en" << QStringList {};
        QTest::newRow("1366x768 at 1.5, Chinese") << "1366x768"
                                                  << "1.5"
                                                  << "zh_CN" << QStringList {};
        QTest::newRow("the lab at 1024x640") << "1024x640"
                                             << "1"
                                             << "en" << QStringList {};
    }

    void fits()
    {
        QFETCH(QString, screen);
        QFETCH(QString, scale);
        QFETCH(QString, language);
        QFETCH(QStringList, options);
        QVERIFY2(m_x.start(screen, m_nextDisplay), "Xvfb with openbox did not start");
        m_nextDisplay = m_x.display().mid(1).toInt() + 1;
        QProcess child;
        QProcessEnvironment env = m_x.environment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        env.insert(QStringLiteral("QT_SCALE_FACTOR"), scale);
        env.insert(QStringLiteral("SOCKSCOPE_FIT_CHILD"), QStringLiteral("1"));
        env.insert(QStringLiteral("SOCKSCOPE_FIT_LANG"), language);
        // Numbers as a user in the US or China writes them: grouped ("1,200").
        env.insert(QStringLiteral("LANG"),
                   language == QLatin1String("en") ? QStringLiteral("en_US.UTF-8") : QStringLiteral("zh_CN.UTF-8"));
        env.remove(QStringLiteral("LC_ALL"));
        env.remove(QStringLiteral("LC_NUMERIC"));
        for (const QString &option : options)
            env.insert(QStringLiteral("SOCKSCOPE_FIT_") + option.toUpper(), QStringLiteral("1"));
        const bool lab = QByteArray(QTest::currentDataTag()).contains("lab");
        if (lab) {
            env.insert(QStringLiteral("SOCKSCOPE_FIT_LAB"), QStringLiteral("port-exhaustion"));
            env.insert(QStringLiteral("SOCKSCOPE_FIT_SAMPLES"), QStringLiteral("7")); // the range is full after ~2 s
            // Then tcp_tw_reuse = 1 through the route the sysctl pane's Apply takes.
            env.insert(QStringLiteral("SOCKSCOPE_FIT_LAB_CHANGE"), QStringLiteral("net.ipv4.tcp_tw_reuse=1"));
        }
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        const bool finished = child.waitForFinished(60000);
        m_x.stop();
        QVERIFY2(finished && child.exitCode() == 0, child.readAllStandardError().constData());
        const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
        QJsonObject out;
        for (const QByteArray &line : lines) {
            if (line.startsWith('{'))
                out = QJsonDocument::fromJson(line).object();
        }
        QVERIFY2(!out.isEmpty(), "the child printed no measurements");
        const QRect available = rect(out["available"]);
        const QRect frame = rect(out["frame"]);
        qInfo() << "screen" << available << "window frame" << frame << "table rows" << out["tableRows"].toInt();
        QVERIFY2(available.contains(frame),
                 qPrintable(QStringLiteral("window frame %1,%2 %3×%4 exceeds the screen %5×%6")
                                .arg(frame.x())
                                .arg(frame.y())
                                .arg(frame.width())
                                .arg(frame.height())
                                .arg(available.width())
                                .arg(available.height())));
        QVERIFY(out["statusVisible"].toBool());
        const QRect status = rect(out["status"]);
        QVERIFY2(available.contains(status), "the status bar is off screen");
        QVERIFY2(out["tableRows"].toInt() >= 10,
                 qPrintable(QStringLiteral("the table shows %1 rows").arg(out["tableRows"].toInt())));
        // The sysctl pane's Apply and preview in view without scrolling (review defect 7).
        const QJsonObject change = out["sysctlChange"].toObject();
        for (const char *part : {"apply", "preview"})
            QVERIFY2(change[part].toObject()["whole"].toBool(),
                     qPrintable(QStringLiteral("%1 is not wholly in view: ").arg(QLatin1String(part))
                                + QString::fromUtf8(QJsonDocument(change).toJson(QJsonDocument::Compact))));
        // Every tab in view, no status field cut mid-word (short forms instead).
        // At 1024×640 whole, in two groups of three; at 1366×768 at 150 % (512 px high) one group
        // must hold six, behind scroll arrows that show.
        const QJsonObject tabs = out["tabsOutOfView"].toObject();
        const QString tabsJson = QString::fromUtf8(QJsonDocument(tabs).toJson(QJsonDocument::Compact));
        QVERIFY2(tabs["arrows"].toBool(), qPrintable(tabsJson));
        if (screen == QLatin1String("1024x640"))
            QVERIFY2(tabs["titles"].toArray().isEmpty(), qPrintable(QStringLiteral("tabs behind scroll arrows: ") + tabsJson));
        QVERIFY2(out["statusCut"].toArray().isEmpty(),
                 qPrintable(QStringLiteral("status fields cut: ")
                            + QString::fromUtf8(QJsonDocument(out["statusCut"].toArray()).toJson(QJsonDocument::Compact))));
        // The Overview's lines wrap in its dock, never scroll sideways.
        QCOMPARE(out["overviewSideways"].toInt(), 0);
        QVERIFY2(out["timeLabelsOverlapping"].toArray().isEmpty(),
                 qPrintable(
                     QStringLiteral("time labels overlap in: ")
                     + QString::fromUtf8(QJsonDocument(out["timeLabelsOverlapping"].toArray()).toJson(QJsonDocument::Compact))));
        if (options.contains(QLatin1String("prefork")))
            verifyProcesses(out["processes"].toObject(), language);
        if (lab)
            QVERIFY2(
                out["labChoicesCut"].toArray().isEmpty(),
                qPrintable(QStringLiteral("lab choices cut: ")
                           + QString::fromUtf8(QJsonDocument(out["labChoicesCut"].toArray()).toJson(QJsonDocument::Compact))));
        const QJsonArray docks = out["docks"].toArray();
        // states, overview, ports, slab, rates, TIME-WAIT by process (and the lab's)
        QCOMPARE(docks.size(), lab ? 7 : 6);
        if (lab) {
            // The range filled (ticked), and after tcp_tw_reuse = 1 the failures stopped: the
            // connect() failure checkpoint held before the change (not a ✗: the change worked)
            // and the change's checkpoint ticked; the two about tcp_timestamps = 0 wait for that change.
            // Only an Apply in the sysctl pane marks the timeline, not the lab's own settings.
            QCOMPARE(out["markers"].toInt(), 0);
            const QStringList checkpoints = out["labCheckpoints"].toVariant().toStringList();
            QVERIFY2(checkpoints.size() == 5 && checkpoints[0].startsWith(QStringLiteral("✓"))
                         && checkpoints[1].startsWith(QStringLiteral("✓ Held before the change; now: connect() fails"))
                         && checkpoints[2].startsWith(QStringLiteral("✓")) && checkpoints[3].startsWith(QStringLiteral("○"))
                         && checkpoints[4].startsWith(QStringLiteral("○")),
                     qPrintable(checkpoints.join('\n')));
        }
        for (const QJsonValue &value : docks) {
            const QJsonObject dock = value.toObject();
            const QString name = dock["name"].toString();
            QVERIFY2(dock["visible"].toBool() || dock["tabbed"].toBool(),
                     qPrintable(name + QStringLiteral(" is neither shown nor a tab")));
            // A tab behind another reports itself visible, placed off screen: only a dock that is
            // not a tab must lie on screen (a tab group's current tab is checked by the window).
            if (dock["visible"].toBool() && !dock["tabbed"].toBool())
                QVERIFY2(available.contains(rect(dock["rect"])), qPrintable(name + QStringLiteral(" is cut off")));
        }
    }

    void cleanup() { m_x.stop(); }

private:
    // The pre-fork server's row: its process whole, 1,200 written grouped, and the Found
    // column's words explained from its header and a button under the table.
    static void verifyProcesses(const QJsonObject &processes, const QString &language)
    {
        const QString json = QString::fromUtf8(QJsonDocument(processes).toJson(QJsonDocument::Compact));
        QVERIFY2(processes["rows"].toInt() >= 1, qPrintable(json));
        QVERIFY2(processes["processCut"].toArray().isEmpty(), qPrintable(json));
        QVERIFY2(processes["counts"].toArray().first().toString() == QStringLiteral("1,200"), qPrintable(json));
        const QString name = processes["processes"].toString();
        QVERIFY2(name.startsWith(QStringLiteral("tst_windowfit ×6")), qPrintable(json));
        const QString help =
            language == QLatin1String("en") ? QStringLiteral("What do these mean?") : QStringLiteral("这些说法是什么意思？");
        QVERIFY2(processes["headerToolTip"].toString().startsWith(help), qPrintable(json));
        QVERIFY2(processes["helpWhole"].toBool(), qPrintable(json));
    }
};

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsSet("SOCKSCOPE_FIT_CHILD"))
        return runChild(argc, argv);
    // The child samples a namespace of its own, with nothing in it but what the test made.
    QString netnsError;
    if (!PrivateNetworkNamespace::enterFresh(&netnsError)) {
        QTextStream(stderr) << "cannot create a private network namespace: " << netnsError << '\n';
        return 1;
    }
    QCoreApplication app(argc, argv);
    TestWindowFit test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_windowfit.moc"
