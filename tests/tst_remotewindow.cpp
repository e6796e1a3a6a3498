#include "remote/agentbinary.h"
#include "remote/agentconsent.h"
#include "views/remote/connectionbanner.h"
#include "views/window/mainwindow.h"
#include "recording/recording.h"
#include "remote/remotehost.h"
#include "remote/remotesource.h"
#include "sshtestmain.h"
#include "sysctl/sysctlcatalog.h"
#include "itemmodels/sysctllistmodel.h"
#include "core/collect/kerneldefaults.h"
#include "sshtestserver.h"
#include "socketpopulation.h"
#include "views/charts/timeserieschart.h"
#include "views/window/overviewpanel.h"
#include "itemmodels/sockettablemodel.h"
#include "itemmodels/timewaitbyportmodel.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QRegularExpression>
#include <QTableView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QAbstractButton>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <sys/socket.h>

// The remote host as the user meets it — `sockscope --host … --once` and the window on a
// RemoteSource — against a real sshd reached through ~/.ssh/config, with the real
// sockscope-agent on the server side and a known socket population in the server's namespace
// only (the client's namespace has none of it).
class TestRemoteWindow : public QObject
{
    Q_OBJECT

private:
    SshTestServer m_server;
    RemoteHost m_host;
    AgentBinary m_agent;
    QString m_cli; // sockscope with this agent next to it, where it looks for its own
    SocketPopulation m_population;

    static constexpr int Listening = 1;
    static constexpr int Established = 6; // 3 pairs, both ends
    static constexpr int TimeWait = 5; // client side: remote port 9000

    QString cachedCopy() const
    {
        return m_server.homeDirectory() + QStringLiteral("/.cache/sockscope/agent-") + m_agent.sha256();
    }

    // The server has no agent; copying ours there was allowed before.
    bool noAgentButConsentToCopyOurs()
    {
        QSettings settings;
        AgentConsent::remember(settings, m_host, true);
        return m_server.setAgentOnPath(false);
    }

    static void verifyCounts(const SampleSummary &summary)
    {
        QCOMPARE(int(summary.count(TcpState::Listen)), Listening);
        QCOMPARE(int(summary.count(TcpState::Established)), Established);
        QCOMPARE(int(summary.count(TcpState::TimeWait)), TimeWait);
    }

private slots:
    void initTestCase()
    {
        if (!SshTestServer::unavailableReason().isEmpty())
            QSKIP(qPrintable(SshTestServer::unavailableReason()));
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        QVERIFY2(RemoteHost::parse(QString::fromLatin1(SshTestServer::Alias), &m_host, &error), qPrintable(error));
        QVERIFY2(AgentBinary::load(QStringLiteral(AGENT_PATH), &m_agent, &error), qPrintable(error));
        QVERIFY2(m_server.installAgent(m_agent.path()), qPrintable(m_server.error()));
        const QString cliDir = m_server.directory() + QStringLiteral("/cli");
        QVERIFY(QDir().mkpath(cliDir));
        m_cli = cliDir + QStringLiteral("/sockscope");
        QVERIFY(QFile::copy(QStringLiteral(SOCKSCOPE_BINARY), m_cli));
        // The window it runs, found beside it as in a build tree.
        QVERIFY(QFile::copy(QFileInfo(QStringLiteral(SOCKSCOPE_BINARY)).path() + QStringLiteral("/sockscope-window"),
                            cliDir + QStringLiteral("/sockscope-window")));
        QVERIFY(QFile::copy(m_agent.path(), cliDir + QStringLiteral("/sockscope-agent")));
        const SocketPopulation::Endpoint v4 {AF_INET, "127.0.0.1", 9000};
        QVERIFY2(m_server.inServerNamespace([&] {
            return m_population.listen(v4) && m_population.establishedPairs(v4, 3)
                && m_population.closedConnections(v4, TimeWait, SocketPopulation::CloseOrder::ClientFirst);
        }),
                 qPrintable(m_population.error()));
    }

    void init()
    {
        m_server.setDown(false);
        QVERIFY(m_server.setAgentOnPath(true));
        QDir(m_server.homeDirectory() + QStringLiteral("/.cache/sockscope")).removeRecursively();
        QSettings().clear();
    }

    void onceJsonCountsTheServersPopulation()
    {
        QProcess cli;
        cli.start(m_cli,
                  {QStringLiteral("--host"), m_host.displayName(), QStringLiteral("--once"), QStringLiteral("--format"),
                   QStringLiteral("json")});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const QJsonObject report = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        QCOMPARE(report.value(QStringLiteral("schema")).toString(), QStringLiteral("sockscope.snapshot/1"));
        const QJsonObject states = report.value(QStringLiteral("states")).toObject();
        QCOMPARE(states.value(QStringLiteral("LISTEN")).toInt(), Listening);
        QCOMPARE(states.value(QStringLiteral("ESTABLISHED")).toInt(), Established);
        QCOMPARE(states.value(QStringLiteral("TIME-WAIT")).toInt(), TimeWait);
        const QJsonArray byRemote =
            report.value(QStringLiteral("time_wait")).toObject().value(QStringLiteral("by_remote_port")).toArray();
        QCOMPARE(byRemote.size(), 1);
        QCOMPARE(byRemote.first().toObject().value(QStringLiteral("port")).toInt(), 9000);
        QCOMPARE(byRemote.first().toObject().value(QStringLiteral("count")).toInt(), TimeWait);
        QTRY_COMPARE_WITH_TIMEOUT(m_server.agentsRunning(), 0, 10000);
    }

    void recordKeepsTheStreamsFrames()
    {
        const QString file = m_server.directory() + QStringLiteral("/remote.sockrec");
        QProcess cli;
        cli.start(m_cli,
                  {QStringLiteral("--host"), m_host.displayName(), QStringLiteral("--record"), file, QStringLiteral("--samples"),
                   QStringLiteral("2"), QStringLiteral("--interval"), QStringLiteral("0.25")});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        Recording recording;
        QString error;
        QVERIFY2(recording.read(file, &error), qPrintable(error));
        QVERIFY(recording.warnings.isEmpty()); // whole frames only
        QVERIFY(recording.summaries.size() >= 2);
        verifyCounts(recording.summaries.back());
        QTRY_COMPARE_WITH_TIMEOUT(m_server.agentsRunning(), 0, 10000);
    }

    // --states reaches the agent: only TIME-WAIT is counted there, by the kernel's filter.
    void onceStatesFiltersOnTheServer()
    {
        QProcess cli;
        cli.start(m_cli,
                  {QStringLiteral("--host"), m_host.displayName(), QStringLiteral("--once"), QStringLiteral("--format"),
                   QStringLiteral("json"), QStringLiteral("--states"), QStringLiteral("time-wait")});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const QJsonObject states =
            QJsonDocument::fromJson(cli.readAllStandardOutput()).object().value(QStringLiteral("states")).toObject();
        QCOMPARE(states.value(QStringLiteral("TIME-WAIT")).toInt(), TimeWait);
        QCOMPARE(states.value(QStringLiteral("ESTABLISHED")).toInt(), 0);
        QCOMPARE(states.value(QStringLiteral("LISTEN")).toInt(), 0);
    }

    // --states and --table-every reach the agent's stream: every table frame is recorded.
    void recordPassesStatesAndTablePeriod()
    {
        const QString file = m_server.directory() + QStringLiteral("/states.sockrec");
        QProcess cli;
        cli.start(m_cli,
                  {QStringLiteral("--host"), m_host.displayName(), QStringLiteral("--record"), file, QStringLiteral("--samples"),
                   QStringLiteral("9"), QStringLiteral("--interval"), QStringLiteral("0.25"), QStringLiteral("--states"),
                   QStringLiteral("time-wait"), QStringLiteral("--table-every"), QStringLiteral("1")});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        Recording recording;
        QString error;
        QVERIFY2(recording.read(file, &error), qPrintable(error));
        QVERIFY(recording.summaries.size() >= 9);
        const SampleSummary &last = recording.summaries.back();
        QCOMPARE(int(last.count(TcpState::TimeWait)), TimeWait);
        QCOMPARE(int(last.count(TcpState::Established)), 0);
        QCOMPARE(int(last.count(TcpState::Listen)), 0);
        // 2 s of samples: the first table and the one a second later (the default would be 300 s).
        QVERIFY(recording.snapshots.size() >= 2);
        for (std::size_t i = 0; i < recording.snapshots.size(); ++i) {
            const SnapshotPtr table = recording.loadSnapshot(i, &error);
            QVERIFY2(table, qPrintable(error));
            QCOMPARE(int(table->sockets.size()), TimeWait);
        }
    }

    // --host --screenshot: the window on the remote host's stream, saved unattended.
    void screenshotShowsTheRemoteHost()
    {
        const QString file = m_server.directory() + QStringLiteral("/remote.png");
        QProcess cli;
        cli.start(m_cli,
                  {QStringLiteral("--host"), m_host.displayName(), QStringLiteral("--screenshot"), file,
                   QStringLiteral("--samples"), QStringLiteral("2"), QStringLiteral("--interval"), QStringLiteral("0.25"),
                   QStringLiteral("--scale"), QStringLiteral("1"), QStringLiteral("--lang"), QStringLiteral("en")});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const QImage image(file);
        QVERIFY(!image.isNull());
        // The whole window, as one of its size on this (offscreen) screen, and the stamp under it.
        MainWindow reference(false);
        reference.show();
        QCOMPARE(image.width(), reference.width());
        QVERIFY(image.height() > reference.height());
        QVERIFY2(image.text(QStringLiteral("Title")).contains(m_host.displayName()),
                 qPrintable(image.text(QStringLiteral("Title"))));
        QVERIFY(image.text(QStringLiteral("Description")).startsWith(QStringLiteral("sockscope ")));
        QTRY_COMPARE_WITH_TIMEOUT(m_server.agentsRunning(), 0, 10000);
    }

    // Every point of every time chart, every row of the table, the port bars and the owners.
    static int pointsShown(MainWindow &window)
    {
        int points = 0;
        for (TimeSeriesChart *chart : window.docks()->timeCharts()) {
            for (const QString &key : chart->seriesKeys()) {
                for (const QList<QPointF> &segment : chart->segments(key))
                    points += int(segment.size());
            }
        }
        return points;
    }

    static QStringList overviewTexts(MainWindow &window)
    {
        QStringList texts;
        for (QLabel *label : window.docks()->overviewPanel()->findChildren<QLabel *>())
            texts << label->text();
        return texts;
    }

    static int ownerRows(MainWindow &window)
    {
        auto table = window.docks()->viewByName(QStringLiteral("processes"))->findChild<QTableView *>();
        return table ? table->model()->rowCount() : -1;
    }

    void switchingToARemoteHostDropsThePreviousSamples()
    {
        // The recording the test before made: a source with samples and a table.
        auto recording = std::make_shared<Recording>();
        QString error;
        QVERIFY2(recording->read(m_server.directory() + QStringLiteral("/remote.sockrec"), &error), qPrintable(error));
        MainWindow window(false);
        window.show();
        window.openRecording(recording);
        QVERIFY(window.history().size() >= 2);
        QVERIFY(pointsShown(window) > 0);
        QVERIFY(window.docks()->socketModel()->rowCount() > 0);
        QVERIFY(window.docks()->portModel()->rowCount() > 0);
        QVERIFY(overviewTexts(window).join(QString()).contains(QRegularExpression(QStringLiteral("[0-9]"))));
        m_server.setDown(true); // nothing arrives from the host: only what was reset shows
        window.watchRemoteHost(m_host, m_agent, false);
        QCOMPARE(window.history().size(), 0);
        QVERIFY(!window.latestSnapshot());
        QVERIFY(window.state()->markers().empty());
        // Every view is empty under the new host's name: no line, row, bar, owner or figure of
        // the recording stays.
        QCOMPARE(pointsShown(window), 0);
        QCOMPARE(window.docks()->socketModel()->rowCount(), 0);
        QCOMPARE(window.docks()->portModel()->rowCount(), 0);
        QCOMPARE(ownerRows(window), 0);
        const QStringList overview = overviewTexts(window);
        QVERIFY2(overview.contains(QStringLiteral("No sample from this place yet.")),
                 qPrintable(overview.join(QLatin1Char('|'))));
        for (const QString &text : overview)
            QVERIFY2(!text.contains(QRegularExpression(QStringLiteral("[0-9]"))), qPrintable(text));
        // A capture says whose it is and that it holds no data: no empty kernel, no 1970.
        const QString file = m_server.directory() + QStringLiteral("/switched.png");
        QVERIFY2(window.capture(QStringLiteral("window"), file, 1, false, &error), qPrintable(error));
        const QString stamp = QImage(file).text(QStringLiteral("Description"));
        QVERIFY2(stamp.contains(QStringLiteral("host ") + m_host.displayName() + QStringLiteral(" · kernel not known yet · "))
                     && stamp.endsWith(QStringLiteral(" · no data from this host yet")) && !stamp.contains(QLatin1String("1970")),
                 qPrintable(stamp));
    }

    // web-01 first had no agent, had ours copied and streamed; watching another host then must
    // not report web-01's stream as ended for want of an agent.
    void leavingAHostWithACopiedAgentIsNoFailure()
    {
        QVERIFY(noAgentButConsentToCopyOurs());
        MainWindow window(false);
        window.setIntervalMs(250);
        window.show();
        QSignalSpy shown(&window, &MainWindow::sampleShown);
        window.watchRemoteHost(m_host, m_agent, false);
        QVERIFY(shown.wait(60000));
        auto banner = window.findChild<ConnectionBanner *>();
        QVERIFY(banner);
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 10000);
        m_server.setDown(true); // the next host never answers
        window.watchRemoteHost(m_host, m_agent, false);
        QCoreApplication::processEvents();
        QVERIFY2(!banner->isVisible(), qPrintable(banner->text()));
        QVERIFY2(!window.banners()->noticeText().contains(QLatin1String("agent")), qPrintable(window.banners()->noticeText()));
    }

    void onceWithoutAgentSaysWhatToInstall()
    {
        QVERIFY(m_server.setAgentOnPath(false));
        QProcess cli;
        cli.start(m_cli, {QStringLiteral("--host"), m_host.displayName(), QStringLiteral("--once")});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 1);
        QCOMPARE(cli.readAllStandardOutput(), QByteArray());
        const QByteArray error = cli.readAllStandardError();
        QVERIFY2(error.contains("Install the sockscope-agent package") && error.contains("--push-agent"), error.constData());
        QVERIFY(!QFile::exists(cachedCopy()));
        // With --push-agent the copy is made, checked and run: the same report.
        cli.start(m_cli,
                  {QStringLiteral("--host"), m_host.displayName(), QStringLiteral("--once"), QStringLiteral("--format"),
                   QStringLiteral("json"), QStringLiteral("--push-agent")});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const QJsonObject states =
            QJsonDocument::fromJson(cli.readAllStandardOutput()).object().value(QStringLiteral("states")).toObject();
        QCOMPARE(states.value(QStringLiteral("TIME-WAIT")).toInt(), TimeWait);
        QVERIFY(QFile::exists(cachedCopy()));
    }

    void windowShowsTheSameCountsAndLeavesNothingRunning()
    {
        {
            MainWindow window(false);
            window.setIntervalMs(250);
            QSignalSpy shown(&window, &MainWindow::sampleShown);
            RemoteSource *source = window.watchRemoteHost(m_host, m_agent, false);
            window.show();
            QVERIFY(shown.wait(30000));
            verifyCounts(window.history().latest());
            QCOMPARE(source->label(), m_host.displayName());
            QVERIFY2(window.windowTitle().contains(m_host.displayName()) || window.windowTitle().contains(source->place().host),
                     qPrintable(window.windowTitle()));
            QCOMPARE(m_server.agentsRunning(), 1);
            // The sysctl pane explains with the remote kernel's defaults, from the stream's
            // header (the agent detected them in a fresh namespace there), not this kernel's.
            QTRY_VERIFY(window.docks()->sysctlModel()->kernelFacts().defaults.ok());
            const KernelDefaults &defaults = window.docks()->sysctlModel()->kernelFacts().defaults;
            QCOMPARE(QString::fromStdString(defaults.value("net.ipv4.tcp_fin_timeout")), QStringLiteral("60"));
            // Tried on first Apply (tst_remotesysctl): sudo -n and the helper there.
            QVERIFY(!source->sysctlChanger()->sudoRefused());
        }
        // The window closed ssh's stdin: the agent read EOF and ended.
        QTRY_COMPARE_WITH_TIMEOUT(m_server.agentsRunning(), 0, 10000);
    }

    void windowPushesWithTheRememberedConsent()
    {
        QVERIFY(noAgentButConsentToCopyOurs());
        MainWindow window(false);
        window.setIntervalMs(250);
        QSignalSpy shown(&window, &MainWindow::sampleShown);
        RemoteSource *source = window.watchRemoteHost(m_host, m_agent, false);
        QSignalSpy noAgent(source, &RemoteSource::noAgent);
        QSignalSpy pushed(source, &RemoteSource::pushFinished);
        QVERIFY(shown.wait(60000));
        QCOMPARE(noAgent.size(), 1);
        QCOMPARE(noAgent.first().at(1).toString(), QString()); // ours runs there: no refusal
        QCOMPARE(pushed.size(), 1);
        QVERIFY(pushed.first().first().toBool());
        QVERIFY(QFile::exists(cachedCopy()));
        verifyCounts(window.history().latest());
    }

    // The offer is open()ed, not exec()'d inside the connection's signal: this test gets control
    // back while the box is up (exec() would hold it in a nested loop until the box closed).
    void windowAsksBeforeCopyingWithoutBlocking()
    {
        QVERIFY(m_server.setAgentOnPath(false));
        MainWindow window(true);
        window.setIntervalMs(250);
        window.show();
        QSignalSpy shown(&window, &MainWindow::sampleShown);
        RemoteSource *source = window.watchRemoteHost(m_host, m_agent, false);
        QSignalSpy noAgent(source, &RemoteSource::noAgent);
        const auto question = [] {
            for (QWidget *widget : QApplication::topLevelWidgets()) {
                if (auto box = qobject_cast<QMessageBox *>(widget); box && box->isVisible())
                    return box;
            }
            return static_cast<QMessageBox *>(nullptr);
        };
        QTRY_VERIFY_WITH_TIMEOUT(question(), 60000);
        QCOMPARE(noAgent.size(), 1);
        QVERIFY(shown.isEmpty());
        // No header from the host yet: no empty namespace in the title.
        QCOMPARE(window.windowTitle(), m_host.displayName() + QStringLiteral(" (remote) — sockscope"));
        question()->button(QMessageBox::Yes)->click();
        QVERIFY(shown.wait(60000));
        QVERIFY(QFile::exists(cachedCopy()));
        QSettings settings;
        QCOMPARE(AgentConsent::answer(settings, m_host), AgentConsent::Answer::Allowed);
        verifyCounts(window.history().latest());
    }

    void lostServerShowsTheBannerThenReconnectsWithAGap()
    {
        MainWindow window(false);
        window.setIntervalMs(250);
        QSignalSpy shown(&window, &MainWindow::sampleShown);
        RemoteSource *source = window.watchRemoteHost(m_host, m_agent, false);
        source->setBackoff(200, 400);
        window.show();
        QVERIFY(shown.wait(30000));
        m_server.setDown(true); // kills the connection's sshd mid-stream
        QTRY_VERIFY_WITH_TIMEOUT(source->state() == Source::State::Lost || source->state() == Source::State::Reconnecting, 30000);
        auto banner = window.findChild<ConnectionBanner *>();
        QVERIFY(banner);
        QVERIFY2(banner->isVisible() && banner->text().contains(QLatin1String("lost")), qPrintable(banner->text()));
        const int before = window.history().size();
        m_server.setDown(false);
        QTRY_VERIFY_WITH_TIMEOUT(window.history().size() > before, 30000);
        QVERIFY(window.history().at(before).gapBefore);
        QVERIFY(source->connections() >= 2);
        verifyCounts(window.history().latest());
    }
};

SOCKSCOPE_SSH_TEST_MAIN(TestRemoteWindow, QApplication)
#include "tst_remotewindow.moc"
