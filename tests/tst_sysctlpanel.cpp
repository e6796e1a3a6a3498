#include "languages.h"
#include "mainwindow.h"
#include "netnstestmain.h"
#include "samplerthread.h"
#include "sysctlapplier.h"
#include "sysctlcatalog.h"
#include "sysctllistmodel.h"
#include "sysctlpanel.h"
#include "sysctlreader.h"
#include "sysctlvalueeditor.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QPushButton>
#include <QScrollBar>
#include <QTabWidget>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTest>

// The sysctl pane in the window, offscreen, changing the test namespace's own sysctls.
class TestSysctlPanel : public QObject
{
    Q_OBJECT

    std::unique_ptr<SamplerThread> m_sampler;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QTemporaryDir m_scripts;

    SysctlPanel *panel() const { return m_window->sysctlPanel(); }
    SysctlApplier *applier() const { return m_window->sysctlApplier(); }
    static QString value(const char *name) { return SysctlReader::read(QLatin1String(name)).value; }

    // A stand-in for pkexec: a shell script that ends with `body`.
    QString fakePkexec(const char *name, const QByteArray &body)
    {
        const QString path = m_scripts.filePath(QLatin1String(name));
        QFile script(path);
        script.open(QIODevice::WriteOnly);
        script.write("#!/bin/sh\n" + body + "\n");
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }

    QString modelValue(const char *name) const
    {
        SysctlListModel *model = m_window->sysctlModel();
        return model->index(model->rowOf(QLatin1String(name)), SysctlListModel::Value).data().toString();
    }

    bool applyFinTimeout(int seconds)
    {
        panel()->selectSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        auto spin = panel()->editor()->findChild<QSpinBox *>();
        spin->setValue(seconds);
        if (!panel()->applyButton()->isEnabled())
            return false;
        QTest::mouseClick(panel()->applyButton(), Qt::LeftButton);
        return QTest::qWaitFor([&] { return !applier()->isBusy() && !panel()->resultText().startsWith(QStringLiteral("Applying")); }, 10000);
    }

private slots:
    void initTestCase()
    {
        QFile finTimeout(QStringLiteral("/proc/sys/net/ipv4/tcp_fin_timeout"));
        QVERIFY(finTimeout.open(QIODevice::WriteOnly) && finTimeout.write("45\n") == 3);
        finTimeout.close();
        Languages::apply(QStringLiteral("en"));
        m_window = std::make_unique<MainWindow>(false);
        // Watches the sysctl list through every refresh, edit, apply and language switch below.
        m_tester = std::make_unique<QAbstractItemModelTester>(m_window->sysctlModel(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_sampler = std::make_unique<SamplerThread>(NetworkNamespace(), AllTcpStatesMask);
        m_window->setIntervalMs(250);
        m_window->show();
        m_window->revealView(QStringLiteral("sysctls"));
        m_window->attachSampler(m_sampler.get(), QStringLiteral("test"));
        QVERIFY(QTest::qWaitFor([&] { return m_window->history().size() >= 2; }, 10000));
    }

    void cleanupTestCase()
    {
        m_tester.reset();
        m_window.reset();
        m_sampler.reset();
    }

    void showsTheNamespacesValues()
    {
        SysctlListModel *model = m_window->sysctlModel();
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
        QCOMPARE(model->index(model->rowOf(QStringLiteral("net.ipv4.tcp_max_tw_buckets")), SysctlListModel::Default).data().toString(),
                 value("net.ipv4.tcp_max_tw_buckets"));
    }

    void appliesAnEditInThisNamespace()
    {
        QCOMPARE(applier()->route(), SysctlApplier::Route::InProcess); // root here: no prompt needed
        panel()->selectSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        panel()->editor()->findChild<QSpinBox *>()->setValue(30);
        QVERIFY2(panel()->previewText().contains(QLatin1String("net.ipv4.tcp_fin_timeout = 30")), qPrintable(panel()->previewText()));
        QVERIFY(panel()->previewText().contains(QLatin1String("now 45")));
        QCOMPARE(modelValue("net.ipv4.tcp_fin_timeout"), QStringLiteral("45 → 30"));
        QVERIFY(applyFinTimeout(30));
        QVERIFY2(panel()->resultText().contains(QString::fromUtf8("net.ipv4.tcp_fin_timeout: 45 → 30")), qPrintable(panel()->resultText()));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("30"));
        QCOMPARE(modelValue("net.ipv4.tcp_fin_timeout"), QStringLiteral("30"));
        QVERIFY(panel()->pending().isEmpty());
    }

    void helperRoute()
    {
        // pkexec's part (authorization) played by a script; the helper is the real one.
        applier()->setRoute(SysctlApplier::Route::Helper);
        applier()->setPkexecProgram(fakePkexec("pkexec-ok", "exec \"$@\""));
        applier()->setHelperProgram(QStringLiteral(SOCKSCOPE_HELPER));
        panel()->selectSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        panel()->editor()->findChild<QSpinBox *>()->setValue(20);
        QVERIFY2(panel()->previewText().contains(QLatin1String("sockscope-sysctl-helper net.ipv4.tcp_fin_timeout=20")),
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
        QTest::newRow("pkexec missing") << "" << "" << "pkexec is not installed";
        QTest::newRow("dismissed") << "pkexec-dismissed" << "exit 126" << "Authorization was dismissed";
        QTest::newRow("not authorized") << "pkexec-denied" << "echo 'Error executing command as another user: Not authorized' >&2; exit 127"
                                        << "Not authorized";
        QTest::newRow("kernel refused")
            << "pkexec-readonly"
            << "exec unshare -m sh -c 'mount --bind -o ro /proc/sys/net/ipv4/tcp_fin_timeout /proc/sys/net/ipv4/tcp_fin_timeout && exec \"$0\" \"$@\"' \"$@\""
            << "the kernel did not take it";
    }

    void failuresAreExplained()
    {
        QFETCH(QString, script);
        QFETCH(QString, body);
        QFETCH(QString, message);
        applier()->setRoute(SysctlApplier::Route::Helper);
        applier()->setHelperProgram(QStringLiteral(SOCKSCOPE_HELPER));
        applier()->setPkexecProgram(script.isEmpty() ? QStringLiteral("/nonexistent/pkexec")
                                                     : fakePkexec(qPrintable(script), body.toUtf8()));
        const QString before = value("net.ipv4.tcp_fin_timeout");
        QVERIFY(applyFinTimeout(before.toInt() + 7));
        QVERIFY2(panel()->resultText().contains(message), qPrintable(panel()->resultText()));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), before);
        QVERIFY(!panel()->pending().isEmpty()); // the edit is kept for another try
        QTest::mouseClick(panel()->findChildren<QPushButton *>().at(0), Qt::LeftButton); // Revert
        QVERIFY(panel()->pending().isEmpty());
        QCOMPARE(modelValue("net.ipv4.tcp_fin_timeout"), before);
    }

    void helperReportsInTheUsersLanguage()
    {
        // The helper runs without the user's language (pkexec clears the environment): it reports
        // codes, and the window words them in Chinese.
        Languages::apply("zh_CN");
        applier()->setRoute(SysctlApplier::Route::Helper);
        applier()->setHelperProgram(SOCKSCOPE_HELPER);
        applier()->setPkexecProgram(fakePkexec("pkexec-readonly-zh",
            "exec unshare -m sh -c 'mount --bind -o ro /proc/sys/net/ipv4/tcp_fin_timeout /proc/sys/net/ipv4/tcp_fin_timeout && exec \"$0\" \"$@\"' \"$@\""));
        const QString before = value("net.ipv4.tcp_fin_timeout");
        QVERIFY(applyFinTimeout(before.toInt() + 3));
        const QString result = panel()->resultText();
        QVERIFY2(result.contains(QString::fromUtf8("内核没有接受")) && result.contains(QString::fromUtf8("未被修改")), qPrintable(result));
        QVERIFY2(!result.contains("was not changed"), qPrintable(result));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), before);
        QTest::mouseClick(panel()->findChildren<QPushButton *>().at(0), Qt::LeftButton); // Revert
        Languages::apply("en");
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
        const QString concepts = panel()->findChild<QTextBrowser *>("concepts")->toPlainText();
        QVERIFY2(concepts.contains(QLatin1String("tcp_tw_reuse_delay = 1000 ms")), qPrintable(concepts));
        QVERIFY(!concepts.contains(QString::fromUtf8("÷ 60"))); // no port budget that ignores tcp_tw_reuse
        auto choices = panel()->editor()->findChild<QComboBox *>();
        QCOMPARE(choices->count(), 3);
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
};

SOCKSCOPE_NETNS_TEST_MAIN(TestSysctlPanel, QApplication)
#include "tst_sysctlpanel.moc"
