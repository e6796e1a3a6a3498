#include "lab/labsource.h"
#include "recording/recording.h"
#include "views/incidents/replaybar.h"
#include "views/window/docklayout.h"
#include "views/window/mainwindow.h"
#include "jsonrect.h"
#include "xdisplayserver.h"

#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QToolBar>

// The layout a user's settings bring back, on a real X server with a real window manager
// (Xvfb + openbox): after an ordinary session (the window maximised, a dock floated and docked
// again, then quit) a replay's bar has a row of its own under the toolbar, and View → Reset
// layout gives the first layout back. Qt keeps a state restored into a hidden window that is to
// be maximised and applies it again at the first resize: a toolbar or dock added in between was
// dropped from the layout and drawn over the menu bar. Only a window manager maximises a window,
// so offscreen tests cannot see this.
//
// Each step runs as a child process on that display (SOCKSCOPE_LAYOUT_STEP) with the settings in
// a temporary XDG_CONFIG_HOME, as separate runs of sockscope would.

namespace {

QJsonObject rect(const QRect &r)
{
    return JsonRect::of(r);
}

QRect rect(const QJsonValue &v)
{
    return JsonRect::from(v);
}

QRect inWindow(const QWidget *widget, const QWidget *window)
{
    return QRect(widget->mapTo(window, QPoint(0, 0)), widget->size());
}

// Where the menu bar, the main toolbar and the replay bar are in the window.
QJsonObject bars(MainWindow &window)
{
    QJsonObject out;
    out["window"] = rect(QRect(QPoint(0, 0), window.size()));
    out["menu"] = rect(inWindow(window.menuBar(), &window));
    out["toolbar"] = rect(inWindow(window.findChild<QToolBar *>(QStringLiteral("MainToolBar")), &window));
    const ReplayBar *replay = window.findChild<ReplayBar *>();
    out["replayVisible"] = replay && replay->isVisible();
    out["replay"] = replay ? rect(inWindow(replay, &window)) : QJsonObject();
    return out;
}

// A session as a user has one: maximised, the states chart floated and docked again, quit.
int session(MainWindow &window)
{
    window.showMaximized();
    if (!QTest::qWaitForWindowExposed(&window, 10000) || !QTest::qWaitFor([&] { return window.isMaximized(); }, 10000))
        return 1;
    QTest::qWait(500);
    auto states = window.findChild<QDockWidget *>(QStringLiteral("StatesDock"));
    states->setFloating(true);
    QTest::qWait(500);
    states->setFloating(false);
    QTest::qWait(500);
    window.close(); // saves the layout
    return 0;
}

// The next run opens a recording, as `sockscope FILE.sockrec` does: before the window shows.
int replay(MainWindow &window)
{
    auto recording = std::make_shared<Recording>();
    QString error;
    if (!recording->read(QStringLiteral(FIXTURES_DIR "/recording-v1.rec"), &error)) {
        QTextStream(stderr) << error << '\n';
        return 1;
    }
    window.openRecording(recording);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window, 10000))
        return 1;
    QTest::qWait(1000); // the window manager maximises the window and Qt lays it out again
    // The whole screen as the window manager shows it, to look at (SOCKSCOPE_LAYOUT_SHOT).
    const QString shot = qEnvironmentVariable("SOCKSCOPE_LAYOUT_SHOT");
    if (!shot.isEmpty() && !window.screen()->grabWindow(0).save(shot))
        return 1;
    QJsonObject out;
    out["restored"] = bars(window);
    // View → Reset layout.
    const QList<QAction *> actions = window.docks()->viewMenu()->actions();
    for (QAction *action : actions) {
        if (action->text() == QLatin1String("Reset layout"))
            action->trigger();
    }
    QTest::qWait(500);
    out["reset"] = bars(window);
    QTextStream(stdout) << QJsonDocument(out).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}

// A run that opens the training lab, as `sockscope --lab` does: before the window shows.
int lab(MainWindow &window)
{
    LabSource::setDefaultPrograms(QStringLiteral(SOCKSCOPE_AGENT), QStringLiteral(SOCKSCOPE_HELPER));
    window.openLab(QStringLiteral("port-exhaustion"));
    window.show();
    if (!QTest::qWaitForWindowExposed(&window, 10000))
        return 1;
    QTest::qWait(1000);
    auto dock = window.findChild<QDockWidget *>(QStringLiteral("labDock"));
    QJsonObject out = bars(window);
    out["labFloating"] = dock->isFloating();
    out["labVisible"] = dock->isVisible();
    out["lab"] = rect(inWindow(dock, &window));
    QTextStream(stdout) << QJsonDocument(out).toJson(QJsonDocument::Compact) << '\n';
    window.close();
    return 0;
}

int runChild(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sockscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("sockscope"));
    MainWindow window(true);
    const QByteArray step = qgetenv("SOCKSCOPE_LAYOUT_STEP");
    if (step == "lab")
        return lab(window);
    return step == "session" ? session(window) : replay(window);
}

}

class TestSavedLayout : public QObject
{
    Q_OBJECT

    XDisplayServer m_x;
    QTemporaryDir m_config;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = m_x.environment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("en"));
        return env;
    }

    // Runs one step of the child; its JSON line, if it printed one.
    QJsonObject runStep(const QString &step)
    {
        QProcess child;
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("SOCKSCOPE_LAYOUT_STEP"), step);
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        const bool finished = child.waitForFinished(60000);
        const QByteArray errors = child.readAllStandardError();
        if (!finished || child.exitCode() != 0) {
            qWarning() << step << "failed:" << errors;
            return {{"failed", true}};
        }
        for (const QByteArray &line : child.readAllStandardOutput().split('\n')) {
            if (line.startsWith('{'))
                return QJsonDocument::fromJson(line).object();
        }
        return {};
    }

    // The replay bar on a row of its own: below the menu bar and the toolbar, as wide as they.
    static void verifyReplayBarHasItsRow(const QJsonObject &bars)
    {
        const QRect window = rect(bars["window"]);
        const QRect menu = rect(bars["menu"]);
        const QRect toolbar = rect(bars["toolbar"]);
        const QRect replay = rect(bars["replay"]);
        qInfo() << "window" << window << "menu" << menu << "toolbar" << toolbar << "replay bar" << replay;
        QVERIFY(bars["replayVisible"].toBool());
        QVERIFY2(replay.top() >= toolbar.bottom() && replay.top() > menu.bottom(), "the replay bar is over the menu or toolbar");
        QVERIFY2(replay.width() >= window.width() / 2, "the replay bar is squeezed");
        QVERIFY(window.contains(replay));
    }

private slots:
    void initTestCase()
    {
        if (!XDisplayServer::unavailableReason().isEmpty())
            QSKIP(qPrintable(XDisplayServer::unavailableReason()));
        QVERIFY(m_config.isValid());
        QVERIFY2(m_x.start(QStringLiteral("1920x1080"), 250), "Xvfb with openbox did not start");
    }

    void replayAfterAMaximisedSessionWithAFloatedDock()
    {
        QVERIFY(!runStep(QStringLiteral("session")).contains("failed"));
        QVERIFY(QFile::exists(m_config.path() + QStringLiteral("/sockscope/sockscope.conf")));
        const QJsonObject out = runStep(QStringLiteral("replay"));
        QVERIFY2(!out.isEmpty() && !out.contains("failed"), "the replay printed no measurements");
        verifyReplayBarHasItsRow(out["restored"].toObject());
        if (QTest::currentTestFailed())
            return;
        verifyReplayBarHasItsRow(out["reset"].toObject());
    }

    // The training lab's dock, added after the saved layout is restored, is in the layout too.
    void labAfterAMaximisedSession()
    {
        QVERIFY(!runStep(QStringLiteral("session")).contains("failed"));
        const QJsonObject out = runStep(QStringLiteral("lab"));
        QVERIFY2(!out.isEmpty() && !out.contains("failed"), "the lab printed no measurements");
        const QRect window = rect(out["window"]);
        const QRect toolbar = rect(out["toolbar"]);
        const QRect lab = rect(out["lab"]);
        qInfo() << "window" << window << "toolbar" << toolbar << "lab dock" << lab;
        QVERIFY(out["labVisible"].toBool());
        QVERIFY(!out["labFloating"].toBool());
        QVERIFY2(window.contains(lab) && lab.top() >= toolbar.bottom() && lab.width() >= 200,
                 "the lab dock is out of the layout");
    }

    void cleanupTestCase() { m_x.stop(); }
};

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsSet("SOCKSCOPE_LAYOUT_STEP"))
        return runChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestSavedLayout test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_savedlayout.moc"
