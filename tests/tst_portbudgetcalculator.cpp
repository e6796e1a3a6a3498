#include "core/snapshot/portbudget.h"
#include "wording/portbudgettext.h"
#include "core/snapshot/portbudgetwords.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <vector>

// The port budget's calculator on tables: what a tuple can sustain with and without reuse, its
// words, reserved ports and loopback addresses (tst_portbudget measures the same rules in the
// kernel).
class TestPortBudgetCalculator : public QObject
{
    Q_OBJECT

private slots:
    void calculator_data()
    {
        QTest::addColumn<int>("low");
        QTest::addColumn<int>("high");
        QTest::addColumn<int>("reserved");
        QTest::addColumn<int>("reuse");
        QTest::addColumn<int>("timestamps");
        QTest::addColumn<int>("delayMs");
        QTest::addColumn<bool>("loopback");
        QTest::addColumn<int>("usable");
        QTest::addColumn<int>("reason");
        QTest::addColumn<double>("perSecond");

        using R = PortBudget::Reuse;
        QTest::newRow("default range, reuse 2, loopback, 1000 ms")
            << 32768 << 60999 << 0 << 2 << 1 << 1000 << true << 28232 << int(R::Applies) << 28232.0;
        QTest::newRow("default range, reuse 2, not loopback")
            << 32768 << 60999 << 0 << 2 << 1 << 1000 << false << 28232 << int(R::NotLoopback) << 28232.0 / 60;
        QTest::newRow("reuse 1 reaches any destination")
            << 32768 << 60999 << 0 << 1 << 1 << 1000 << false << 28232 << int(R::Applies) << 28232.0;
        QTest::newRow("reuse 0 on loopback")
            << 32768 << 60999 << 0 << 0 << 1 << 1000 << true << 28232 << int(R::Off) << 28232.0 / 60;
        QTest::newRow("timestamps off") << 32768 << 60999 << 0 << 1 << 0 << 1000 << true << 28232 << int(R::NoTimestamps)
                                        << 28232.0 / 60;
        QTest::newRow("timestamps 2 count as on") << 40000 << 40003 << 0 << 2 << 2 << 100 << true << 4 << int(R::Applies) << 40.0;
        QTest::newRow("no tcp_tw_reuse_delay: about 1 s")
            << 40000 << 40003 << 0 << 2 << 1 << -1 << true << 4 << int(R::Applies) << 4.0;
        QTest::newRow("reserved ports leave the range")
            << 40000 << 40099 << 10 << 0 << 1 << 1000 << false << 90 << int(R::Off) << 1.5;
        QTest::newRow("unreadable reuse counts without it")
            << 40000 << 40059 << 0 << -1 << 1 << 1000 << true << 60 << int(R::Unknown) << 1.0;
    }

    void calculator()
    {
        QFETCH(int, low);
        QFETCH(int, high);
        QFETCH(int, reserved);
        QFETCH(int, reuse);
        QFETCH(int, timestamps);
        QFETCH(int, delayMs);
        QFETCH(bool, loopback);
        PortBudgetSettings settings;
        settings.rangeValid = true;
        settings.rangeLow = low;
        settings.rangeHigh = high;
        settings.reservedInRange = reserved;
        settings.tcpTwReuse = reuse;
        settings.tcpTimestamps = timestamps;
        settings.reuseDelayMs = delayMs;
        const PortBudget budget = PortBudget::compute(settings, {loopback, 3, 2});
        QVERIFY(budget.valid);
        QTEST(budget.usablePorts, "usable");
        QTEST(int(budget.reuse), "reason");
        QFETCH(double, perSecond);
        QCOMPARE(budget.perSecond, perSecond);
        QCOMPARE(budget.perSecondAllTuples, perSecond * 6);
        QCOMPARE(budget.fullMeansAddressNotAvailable(),
                 budget.reuse != PortBudget::Reuse::Applies && budget.reuse != PortBudget::Reuse::NoTimestamps);
        QCOMPARE(budget.perSecondWithoutReuse, budget.usablePorts / 60.0);
        QCOMPARE(budget.delayApproximate, delayMs < 0);
        // Every budget says which destination it is for, in the words the issue asks for.
        QVERIFY(PortBudgetText::summary(budget).contains(
            QStringLiteral("towards that destination (local address, remote address, remote port)")));
        QCOMPARE(PortBudgetText::worked(budget).size(), delayMs < 0 ? 8 : 7);
        // Towards another host, reuse also needs the peer to send timestamps: said only there.
        QCOMPARE(PortBudgetText::summary(budget).contains(QStringLiteral("(If the peer sends TCP timestamps.)")),
                 budget.reuseApplies() && !loopback);
        // The agent's English (the core's patterns) is the window's English, word for word.
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        const QString window = PortBudgetText::summary(budget);
        const QString namespaceWide = PortBudgetText::forNamespace(settings);
        QLocale::setDefault(before);
        QCOMPARE(QString::fromStdString(PortBudgetWords::summary(budget)), window);
        QCOMPARE(QString::fromStdString(PortBudgetWords::forNamespace(settings)), namespaceWide);
    }

    void englishNumbers_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("decimals");
        QTest::addColumn<QString>("text");
        QTest::newRow("small") << 470.53 << 0 << "471";
        QTest::newRow("thousands") << 28232.0 << 0 << "28,232";
        QTest::newRow("millions") << 2823200.0 << 0 << "2,823,200";
        QTest::newRow("one decimal") << 4.66 << 1 << "4.7";
        QTest::newRow("zero") << 0.0 << 1 << "0.0";
    }

    // The agent's numbers as QLocale("en_US") writes them in the window.
    void englishNumbers()
    {
        QFETCH(double, value);
        QFETCH(int, decimals);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(PortBudgetWords::englishNumber(value, decimals)), text);
        const QLocale english(QLocale::English, QLocale::UnitedStates);
        QCOMPARE(decimals ? english.toString(value, 'f', decimals) : english.toString(qRound64(value)), text);
    }

    void unknownRange()
    {
        const PortBudget budget = PortBudget::compute(PortBudgetSettings {}, {});
        QVERIFY(!budget.valid);
        QCOMPARE(budget.perSecond, 0.0);
        QVERIFY(PortBudgetText::summary(budget).contains(QStringLiteral("ip_local_port_range")));
    }

    void reservedPorts_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<int>("inRange");
        QTest::newRow("empty") << QString() << 0;
        QTest::newRow("one inside") << QStringLiteral("40001") << 1;
        QTest::newRow("ranges, partly outside") << QStringLiteral("39990-40001,40003,50000-50010") << 3;
        QTest::newRow("overlapping ranges count once") << QStringLiteral("40000-40002,40001-40003") << 4;
        QTest::newRow("malformed") << QStringLiteral("40000-") << -1;
        QTest::newRow("reversed") << QStringLiteral("40003-40000") << -1;
        QTest::newRow("out of range") << QStringLiteral("70000") << -1;
        QTest::newRow("words") << QStringLiteral("http") << -1;
    }

    void reservedPorts()
    {
        QFETCH(QString, list);
        QTEST(PortBudgetSettings::reservedPortsIn(list.toStdString(), 40000, 40003), "inRange");
    }

    void fromReadings()
    {
        const auto present = [](const char *name, const char *value) {
            return SysctlReading {name, SysctlReading::State::Present, value, {}};
        };
        std::vector<SysctlReading> readings {present("net.ipv4.ip_local_port_range", "40000 40099"),
                                             present("net.ipv4.ip_local_reserved_ports", "40010-40019"),
                                             present("net.ipv4.tcp_tw_reuse", "2"), present("net.ipv4.tcp_timestamps", "1")};
        PortBudgetSettings s = PortBudgetSettings::fromReadings(readings);
        QVERIFY(s.rangeValid);
        QCOMPARE(s.reservedInRange, 10);
        QCOMPARE(s.tcpTwReuse, 2);
        QCOMPARE(s.reuseDelayMs, -1); // absent: a kernel before 6.14
        readings[0].value = "40099 40000";
        QVERIFY(!PortBudgetSettings::fromReadings(readings).rangeValid);
    }

    void loopbackAddresses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1") << true;
        QTest::newRow("127.255.0.9") << QStringLiteral("127.255.0.9") << true;
        QTest::newRow("10.0.0.1") << QStringLiteral("10.0.0.1") << false;
        QTest::newRow("::1") << QStringLiteral("::1") << true;
        QTest::newRow("::2") << QStringLiteral("::2") << false;
        QTest::newRow("::ffff:127.0.0.5") << QStringLiteral("::ffff:127.0.0.5") << true;
        QTest::newRow("::ffff:10.0.0.1") << QStringLiteral("::ffff:10.0.0.1") << false;
        QTest::newRow("fe80::1") << QStringLiteral("fe80::1") << false;
    }

    void loopbackAddresses()
    {
        QFETCH(QString, address);
        std::array<quint8, 16> bytes {};
        const int family = address.contains(QLatin1Char(':')) ? AF_INET6 : AF_INET;
        QVERIFY(inet_pton(family, address.toLatin1().constData(), bytes.data()) == 1);
        QTEST(PortBudget::isLoopback(quint8(family), bytes), "loopback");
    }
};

QTEST_GUILESS_MAIN(TestPortBudgetCalculator)
#include "tst_portbudgetcalculator.moc"
