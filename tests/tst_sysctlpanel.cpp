#include "core/collect/kerneldefaults.h"
#include "languages.h"
#include "sources/localsource.h"
#include "sampling/localsysctlchanger.h"
#include "views/window/mainwindow.h"
#include "netnstestmain.h"
#include "sampling/samplingworker.h"
#include "sampling/windowstate.h"
#include "socketpopulation.h"
#include "sysctlpanelfixture.h"
#include "views/sysctl/sysctlchangebox.h"
#include "views/sysctl/sysctlconfirmdialog.h"
#include "sysctl/sysctlcatalog.h"
#include "itemmodels/sysctllistmodel.h"
#include "views/sysctl/sysctlpanel.h"
#include "core/collect/sysctlreader.h"
#include "views/sysctl/sysctlvalueeditor.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTest>
#include <QWheelEvent>

#include <sys/socket.h>
#include <thread>
#include <sys/utsname.h>

// The sysctl pane in the window, offscreen, changing the test namespace's own sysctls
// (its value editors: tst_sysctleditors).
class TestSysctlPanel : public QObject, public SysctlPanelFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpWindow(); }
    void cleanup() { revertPending(); }
    void cleanupTestCase() { tearDownWindow(); }

    void showsTheNamespacesValues()
    {
        SysctlListModel *model = m_window->docks()->sysctlModel();
        QCOMPARE(model->rowCount(), int(SysctlCatalog::entries().size()));
        QCOMPARE(model->columnCount(), int(SysctlListModel::COLUMN_COUNT));
        const int row = model->rowOf(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        QCOMPARE(model->index(row, SysctlListModel::Value).data().toString(), QStringLiteral("45"));
        QCOMPARE(model->index(row, SysctlListModel::Default).data().toString(), QStringLiteral("60"));
        QCOMPARE(model->index(row, SysctlListModel::Differs).data().toString(), QStringLiteral("≠"));
        const int reuse = model->rowOf(QStringLiteral("net.ipv4.tcp_tw_reuse"));
        QCOMPARE(model->index(reuse, SysctlListModel::Differs).data().toString(), QString());
        QCOMPARE(modelValue("net.ipv4.tcp_max_orphans"), QStringLiteral("host's only")); // global: not in a child namespace
        QCOMPARE(modelValue("net.ipv4.tcp_tw_recycle"), QStringLiteral("removed"));
        QCOMPARE(modelValue("net.ipv4.ip_local_port_range"), QStringLiteral("32768 60999"));
        // Defaults that scale with memory come from this kernel's hash size.
        QCOMPARE(
            model->index(model->rowOf(QStringLiteral("net.ipv4.tcp_max_tw_buckets")), SysctlListModel::Default).data().toString(),
            value("net.ipv4.tcp_max_tw_buckets"));
    }

    void appliesAnEditInThisNamespace()
    {
        QVERIFY(applier()->writesInProcess()); // root here: no prompt needed
        panel()->selectSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        panel()->editor()->findChild<QSpinBox *>()->setValue(30);
        const QString preview = panel()->previewText();
        QVERIFY2(preview.contains(QString::fromUtf8("net.ipv4.tcp_fin_timeout: 45 → 30")), qPrintable(preview));
        QVERIFY2(preview.contains(QLatin1String("at runtime only")), qPrintable(preview));
        QVERIFY2(preview.contains(QString::fromStdString(m_window->docks()->sysctlModel()->snapshot()->namespaceId)),
                 qPrintable(preview));
        QCOMPARE(modelValue("net.ipv4.tcp_fin_timeout"), QStringLiteral("45 → 30"));
        QVERIFY(applyFinTimeout(30));
        QVERIFY2(panel()->resultText().contains(QString::fromUtf8("net.ipv4.tcp_fin_timeout: 45 → 30")),
                 qPrintable(panel()->resultText()));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("30"));
        QCOMPARE(modelValue("net.ipv4.tcp_fin_timeout"), QStringLiteral("30"));
        QVERIFY(panel()->pending().isEmpty());
        // The change marks the timeline by itself, as a marker the user set would.
        const std::vector<RecordingMarker> &markers = m_window->state()->markers();
        QVERIFY(!markers.empty());
        QCOMPARE(markers.back().label, QString::fromUtf8("net.ipv4.tcp_fin_timeout 45 → 30"));
        QVERIFY(qAbs(markers.back().timeMs - QDateTime::currentMSecsSinceEpoch()) < 10000);
    }

    // The explanation works out what this namespace's tcp_fin_timeout gives: above 60 s, twice
    // (value - 60) s, as tst_kernelfacts measures.
    void finTimeoutWaitWorkedOut()
    {
        const auto explanation = [this] { return panel()->findChild<QTextBrowser *>("explanation")->toPlainText(); };
        QVERIFY(applyFinTimeout(90));
        QTRY_VERIFY2(
            explanation().contains(QLatin1String("90 s here: an orphaned FIN-WAIT-2 connection waits 60 s for the "
                                                 "peer's FIN, 30 s as a full socket and then 30 s as a timewait entry.")),
            qPrintable(explanation()));
        QVERIFY(applyFinTimeout(30));
        QTRY_VERIFY2(explanation().contains(QLatin1String("30 s here: an orphaned FIN-WAIT-2 connection waits 30 s")),
                     qPrintable(explanation()));
    }

    void helperRoute()
    {
        // pkexec's part (authorization) played by a script; the helper is the real one.
        applier()->setWritesInProcess(false);
        applier()->setPkexecProgram(fakePkexec("pkexec-ok", "exec \"$@\""));
        applier()->setHelperProgram(QStringLiteral(SOCKSCOPE_HELPER));
        panel()->selectSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        panel()->editor()->findChild<QSpinBox *>()->setValue(20);
        QVERIFY2(panel()->previewText().contains(QLatin1String("sockscope-sysctl-helper apply --netns /proc/"))
                     && panel()->previewText().contains(QLatin1String(" net.ipv4.tcp_fin_timeout=20")),
                 qPrintable(panel()->previewText()));
        QVERIFY(applyFinTimeout(20));
        QVERIFY2(panel()->resultText().contains(QString::fromUtf8("30 → 20")), qPrintable(panel()->resultText()));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("20"));
    }

    void failuresAreExplained_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("pkexec missing") << ""
                                        << ""
                                        << "pkexec is not installed";
        QTest::newRow("dismissed") << "pkexec-dismissed"
                                   << "exit 126"
                                   << "Authorization was dismissed";
        QTest::newRow("not authorized") << "pkexec-denied"
                                        << "echo 'Error executing command as another user: Not authorized' >&2; exit 127"
                                        << "Not authorized";
        QTest::newRow("kernel refused") << "pkexec-readonly"
                                        << "exec unshare -m sh -c 'mount --bind -o ro /proc/sys/net/ipv4/tcp_fin_timeout "
                                           "/proc/sys/net/ipv4/tcp_fin_timeout && exec \"$0\" \"$@\"' \"$@\""
                                        << "the kernel did not take it";
    }

    void failuresAreExplained()
    {
        QFETCH(QString, script);
        QFETCH(QString, body);
        QFETCH(QString, message);
        applier()->setWritesInProcess(false);
        applier()->setHelperProgram(QStringLiteral(SOCKSCOPE_HELPER));
        applier()->setPkexecProgram(script.isEmpty() ? QStringLiteral("/nonexistent/pkexec")
                                                     : fakePkexec(qPrintable(script), body.toUtf8()));
        const QString before = value("net.ipv4.tcp_fin_timeout");
        QVERIFY(applyFinTimeout(before.toInt() + 7));
        QVERIFY2(panel()->resultText().contains(message), qPrintable(panel()->resultText()));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), before);
        QVERIFY(!panel()->pending().isEmpty()); // the edit is kept for another try
        QTest::mouseClick(panel()->changeBox()->revertButton(), Qt::LeftButton);
        QVERIFY(panel()->pending().isEmpty());
        QCOMPARE(modelValue("net.ipv4.tcp_fin_timeout"), before);
    }

    void helperReportsInTheUsersLanguage()
    {
        // The helper runs without the user's language (pkexec clears the environment): it reports
        // codes, and the window words them in Chinese.
        Languages::apply("zh_CN");
        applier()->setWritesInProcess(false);
        applier()->setHelperProgram(SOCKSCOPE_HELPER);
        applier()->setPkexecProgram(fakePkexec("pkexec-readonly-zh",
                                               "exec unshare -m sh -c 'mount --bind -o ro /proc/sys/net/ipv4/tcp_fin_timeout "
                                               "/proc/sys/net/ipv4/tcp_fin_timeout && exec \"$0\" \"$@\"' \"$@\""));
        const QString before = value("net.ipv4.tcp_fin_timeout");
        QVERIFY(applyFinTimeout(before.toInt() + 3));
        const QString result = panel()->resultText();
        QVERIFY2(result.contains(QString::fromUtf8("内核没有接受")) && result.contains(QString::fromUtf8("未被修改")),
                 qPrintable(result));
        QVERIFY2(!result.contains("was not changed"), qPrintable(result));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), before);
        QTest::mouseClick(panel()->changeBox()->revertButton(), Qt::LeftButton);
        Languages::apply("en");
    }

    // The source is swapped while an Apply of the old one waits for authorization: the pane no
    // longer says "Applying…", which was about the old source's changer.
    void sourceSwapForgetsTheResult()
    {
        LocalSysctlChanger slow(m_sampler.get(), true);
        slow.setWritesInProcess(false);
        slow.setPkexecProgram(fakePkexec("pkexec-slow", "sleep 2; exit 126"));
        slow.setHelperProgram(QStringLiteral(SOCKSCOPE_HELPER));
        panel()->setChanger(&slow);
        panel()->selectSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        panel()->editor()->findChild<QSpinBox *>()->setValue(21);
        QVERIFY(panel()->applyButton()->isEnabled());
        QTest::mouseClick(panel()->applyButton(), Qt::LeftButton);
        QVERIFY(slow.isBusy());
        QCOMPARE(panel()->resultText(), QString::fromUtf8("Applying…"));
        panel()->setChanger(applier());
        QCOMPARE(panel()->resultText(), QString());
    }

    void keepAfterRebootOnlyInTheHostNamespace()
    {
        // Another network namespace stands in for the host's: this one is then a child.
        QProcess other;
        other.start("unshare", {"-n", "sleep", "30"});
        QVERIFY(other.waitForStarted());
        const QString otherPath = QStringLiteral("/proc/%1/ns/net").arg(other.processId());
        const NamespaceIdentity here = NamespaceIdentity::ofCallingThread();
        QVERIFY(QTest::qWaitFor([&] { return NamespaceIdentity::ofPath(otherPath.toStdString()) != here; }, 5000));
        pointHostNamespaceAt(otherPath);
        refresh();
        QVERIFY(!panel()->persistBox()->isEnabled());
        QVERIFY2(box()->persistNote().startsWith("Not available in a child namespace: "), qPrintable(box()->persistNote()));
        QVERIFY(panel()->persistBox()->toolTip().contains("child network namespace"));
        // The same namespace as "PID 1": allowed.
        pointHostNamespaceAt("/proc/self/ns/net");
        refresh();
        QVERIFY(panel()->persistBox()->isEnabled());
        QVERIFY(box()->persistNote().isEmpty());
        // Not readable: the kernel's fixed initial-namespace inode (6.18+) still tells that this
        // test's namespace is a child; where nothing tells, allowed, saying it was not confirmed.
        pointHostNamespaceAt("/nonexistent/ns/net");
        refresh();
        bool known = false;
        NamespaceIdentity::isHost(here, &known);
        if (known) {
            QVERIFY(!panel()->persistBox()->isEnabled());
            QVERIFY2(box()->persistNote().startsWith("Not available in a child namespace: "), qPrintable(box()->persistNote()));
        } else {
            QVERIFY(panel()->persistBox()->isEnabled());
            QVERIFY(box()->persistNote().contains("not confirmed"));
            QVERIFY(panel()->persistBox()->toolTip().contains("/nonexistent/ns/net is not readable"));
        }
        other.kill();
        other.waitForFinished();
        pointHostNamespaceAt("/proc/1/ns/net");
        refresh();
    }

    void explanationFollowsTheKernel()
    {
        panel()->selectSysctl(QStringLiteral("net.ipv4.tcp_tw_reuse"));
        const QString explanation = panel()->findChild<QTextBrowser *>("explanation")->toPlainText();
        QVERIFY(explanation.contains(QLatin1String("Only connect() consults it")));
        QVERIFY(explanation.contains(QLatin1String("taken over 1000 ms after it entered TIME-WAIT")));
        // The default shown is the one detected in a fresh namespace, and says so.
        QVERIFY2(explanation.contains(QLatin1String("2 (read from a fresh network namespace")), qPrintable(explanation));
        QVERIFY(explanation.contains(QLatin1String("0, 1, 2 (the kernel accepts the same)")));
        // The footer names what was read from this kernel, and the commands are there to copy.
        QVERIFY2(explanation.contains(QLatin1String("net.ipv4.tcp_tw_reuse_delay = 1000")), qPrintable(explanation));
        QVERIFY(explanation.contains(QLatin1String("ss -tano state time-wait")));
        // The footer says whether this kernel is of the series the facts were checked on (6.18).
        utsname names {};
        QCOMPARE(uname(&names), 0);
        const QByteArray release(names.release);
        const bool checkedSeries = release == "6.18" || release.startsWith("6.18.") || release.startsWith("6.18-");
        QVERIFY2(explanation.contains(checkedSeries ? QLatin1String("the series this kernel (") + QLatin1String(names.release)
                                                    : QLatin1String("not on this kernel (") + QLatin1String(names.release)),
                 qPrintable(explanation));
        const QString concepts = panel()->findChild<QTextBrowser *>("concepts")->toPlainText();
        QVERIFY2(concepts.contains(QLatin1String("tcp_tw_reuse_delay = 1000 ms")), qPrintable(concepts));
        QVERIFY(!concepts.contains(QString::fromUtf8("÷ 60"))); // no port budget that ignores tcp_tw_reuse
        // The "who holds TIME-WAIT" mix-up prints this namespace's budget: default range (28,232
        // ports) and tcp_tw_reuse 2 (loopback only).
        QVERIFY2(concepts.contains(QLatin1String("about 28,232 new connections per second to loopback"))
                     && concepts.contains(QLatin1String("about 471 to other addresses")),
                 qPrintable(concepts));
        QVERIFY2(explanation.contains(QLatin1String("about 28,232 new connections per second to loopback")),
                 qPrintable(explanation));
        auto choices = panel()->editor()->findChild<QComboBox *>();
        QCOMPARE(choices->count(), 3);
    }

    // connect() skips ip_local_reserved_ports, so they lower the per-tuple limit the pane states.
    void portRangeLessReservedPorts()
    {
        const auto reserve = [](const QByteArray &ports) { return writeIpv4("ip_local_reserved_ports", ports); };
        QVERIFY(reserve("40000-40009"));
        const auto explanation = [this] { return panel()->findChild<QTextBrowser *>("explanation")->toPlainText(); };
        const QString expected = QStringLiteral("28,232 ports here, 10 of them reserved (ip_local_reserved_ports): at most "
                                                "28,222 connections at a time");
        const bool shown = QTest::qWaitFor(
            [&] {
                refresh();
                panel()->selectSysctl(QStringLiteral("net.ipv4.ip_local_port_range"));
                return explanation().contains(expected);
            },
            10000);
        QVERIFY(reserve(""));
        QVERIFY2(shown, qPrintable(explanation()));
        QTRY_VERIFY_WITH_TIMEOUT(
            (refresh(), explanation().contains(QLatin1String("28,232 ports here: at most 28,232 connections at a time"))), 10000);
    }

    // With tcp_timestamps 0 the pane does not promise that nothing is taken over: a connection
    // that takes over an entry inherits its peer-timestamp record (tcp_twsk_unique).
    void timestampsOffIsNoPromise()
    {
        const auto timestamps = [](const QByteArray &value) { return writeIpv4("tcp_timestamps", value); };
        QVERIFY(timestamps("0"));
        const auto explanation = [this] { return panel()->findChild<QTextBrowser *>("explanation")->toPlainText(); };
        const bool shown = QTest::qWaitFor(
            [&] {
                refresh();
                panel()->selectSysctl(QStringLiteral("net.ipv4.tcp_tw_reuse"));
                return explanation().contains(QLatin1String("tcp_timestamps is 0 here"));
            },
            10000);
        QVERIFY(timestamps("1"));
        QVERIFY2(shown, qPrintable(explanation()));
        QVERIFY2(explanation().contains(QLatin1String("A connection that takes over an entry inherits the entry's record and "
                                                      "hands it on")),
                 qPrintable(explanation()));
        QVERIFY(!explanation().contains(QLatin1String("no TIME-WAIT entry can be taken over")));
    }

    void readersKeepTheirPlace()
    {
        // A refresh with nothing new must not scroll the explanation back to the top.
        panel()->selectSysctl("net.ipv4.ip_local_port_range");
        auto concepts = panel()->findChild<QTextBrowser *>("concepts");
        panel()->findChild<QTabWidget *>()->setCurrentWidget(concepts);
        QTRY_VERIFY(concepts->verticalScrollBar()->maximum() > 0);
        concepts->verticalScrollBar()->setValue(concepts->verticalScrollBar()->maximum() / 2);
        const int position = concepts->verticalScrollBar()->value();
        QVERIFY(position > 0);
        const int samples = m_window->history().size();
        QVERIFY(QTest::qWaitFor([&] { return m_window->history().size() >= samples + 2; }, 10000));
        QCOMPARE(concepts->verticalScrollBar()->value(), position);
    }

    void chinese()
    {
        Languages::apply(QStringLiteral("zh_CN"));
        panel()->selectSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        const QString explanation = panel()->findChild<QTextBrowser *>("explanation")->toPlainText();
        QVERIFY2(explanation.contains(QStringLiteral("FIN-WAIT-2")) && explanation.contains(QStringLiteral("孤儿")),
                 qPrintable(explanation));
        QTRY_COMPARE(panel()->applyButton()->text(), QStringLiteral("应用")); // LanguageChange is a posted event
        Languages::apply(QStringLiteral("en"));
        QTRY_COMPARE(panel()->applyButton()->text(), QStringLiteral("Apply"));
    }

    // Detecting the kernel's defaults forks a child that unshares a network namespace: never on
    // the GUI thread, however much of the pane is shown. Every cell and tooltip of the list, every
    // sysctl's explanation, and another source on this kernel (its facts come from the worker's
    // one detection, kept for the process).
    void guiThreadNeverDetects()
    {
        SysctlListModel *model = m_window->docks()->sysctlModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            for (int column = 0; column < model->columnCount(); ++column) {
                for (const int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(SysctlListModel::DiffersRole)})
                    model->index(row, column).data(role);
            }
            panel()->selectSysctl(model->entry(row).key());
        }
        LocalSource another(m_sampler.get(), QStringLiteral("again"));
        QSignalSpy delivered(&another, &Source::kernelFactsChanged);
        QVERIFY(delivered.wait(10000));
        QVERIFY(another.kernelFacts().defaults.ok());
        QCOMPARE(KernelDefaults::detectionsOnThread(std::this_thread::get_id()), 0);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestSysctlPanel, QApplication)
#include "tst_sysctlpanel.moc"
