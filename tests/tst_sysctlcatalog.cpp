#include "languages.h"
#include "wording/mixupcatalog.h"
#include "netnstestmain.h"
#include "core/collect/procfile.h"
#include "wording/seeityourself.h"
#include "core/collect/kerneldefaults.h"
#include "sysctl/sysctlcatalog.h"
#include "core/collect/sysctlreader.h"
#include "sysctl/sysctlrequest.h"
#include "sysctl/sysctltransaction.h"
#include "sysctl/sysctlvalue.h"
#include "sysctl/sysctlwriter.h"

#include <QCoreApplication>
#include <QSysInfo>
#include <QTest>
#include <QVersionNumber>

// The catalog's facts against the running kernel, in a fresh namespace of the test's own.
class TestSysctlCatalog : public QObject
{
    Q_OBJECT

    static qint64 establishedHash()
    {
        return qAbs(QString::fromStdString(SysctlReader::read("net.ipv4.tcp_ehash_entries").value).toLongLong());
    }

    static bool kernelAtLeast(int major, int minor)
    {
        const QVersionNumber running = QVersionNumber::fromString(QSysInfo::kernelVersion());
        return running >= QVersionNumber(major, minor);
    }

private slots:
    void init()
    {
        QString error;
        QVERIFY2(PrivateNetworkNamespace::enterFresh(&error), qPrintable(error));
    }

    // The core reads its own list of sysctls into every snapshot (it has no catalog): exactly the
    // catalog's, in its order, then the figures the defaults depend on.
    void snapshotReadsTheCatalog()
    {
        QStringList expected = SysctlCatalog::readableNames();
        expected << QStringLiteral("net.ipv4.tcp_ehash_entries") << QStringLiteral("net.ipv4.ip_unprivileged_port_start")
                 << QStringLiteral("net.ipv4.tcp_tw_recycle");
        expected.removeDuplicates();
        QStringList read;
        for (const std::string &name : SysctlReader::snapshotSet())
            read << QString::fromStdString(name);
        QCOMPARE(read, expected);
    }

    void entriesExistOnThisKernel()
    {
        for (const SysctlEntry &entry : SysctlCatalog::entries()) {
            const SysctlReading reading = SysctlReader::read(entry.name);
            const QString name = entry.key();
            if (entry.kind == SysctlEntry::Kind::Removed) {
                QCOMPARE(reading.state, SysctlReading::State::Absent);
            } else if (name == QLatin1String("net.ipv4.tcp_max_orphans")) {
                QCOMPARE(reading.state, SysctlReading::State::Absent); // global: not in a child namespace
                QVERIFY(!entry.perNamespace);
            } else if (name == QLatin1String("net.ipv4.tcp_tw_reuse_delay")) {
                QCOMPARE(reading.state == SysctlReading::State::Present, kernelAtLeast(6, 14));
            } else {
                QVERIFY2(reading.state == SysctlReading::State::Present, qPrintable(name));
                QVERIFY(entry.perNamespace);
            }
        }
    }

    void defaultsAreAFreshNamespacesValues()
    {
        const qint64 hash = establishedHash();
        QVERIFY(hash > 0); // tcp_ehash_entries exists since 6.1
        int checked = 0;
        const KernelDefaults detected = KernelDefaults::detect(SysctlCatalog::detectedNames());
        for (const SysctlEntry &entry : SysctlCatalog::entries()) {
            const SysctlReading reading = SysctlReader::read(entry.name);
            if (!entry.editable() || reading.state != SysctlReading::State::Present)
                continue;
            const QString expected = SysctlValue::fromProcText(entry, SysctlCatalog::defaultValue(entry, detected, hash));
            QCOMPARE(SysctlValue::fromProcText(entry, QString::fromStdString(reading.value)), expected);
            ++checked;
        }
        QVERIFY(checked >= 11);
    }

    void kernelTakesEveryOfferedValue()
    {
        // Every choice, and both ends of every integer range, are values this kernel accepts.
        for (const SysctlEntry &entry : SysctlCatalog::entries()) {
            if (SysctlReader::read(entry.name).state != SysctlReading::State::Present)
                continue;
            QStringList values;
            if (entry.kind == SysctlEntry::Kind::Choice) {
                for (const SysctlChoice &choice : entry.choices)
                    values << QString::number(choice.value);
            } else if (entry.kind == SysctlEntry::Kind::Integer) {
                values << QString::number(entry.minimum) << QString::number(entry.maximum);
            } else if (entry.kind == SysctlEntry::Kind::PortRange) {
                values << QStringLiteral("1024-65535") << QStringLiteral("32768-60999");
            } else if (entry.kind == SysctlEntry::Kind::PortList) {
                values << QStringLiteral("8080,9000-9010") << QString();
            }
            for (const QString &value : values) {
                SysctlTransaction::Request request;
                request.pairs = {entry.key() + QLatin1Char('=') + value};
                const SysctlApplyReport report = SysctlTransaction::run(request);
                QVERIFY2(report.ok,
                         qPrintable(entry.key() + QLatin1Char('=') + value + QStringLiteral(": ") + report.describeError()
                                    + (report.items.empty() ? QString() : report.items.front().describe())));
                QCOMPARE(report.items.front().after, value);
            }
        }
    }

    void validation_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("canonical"); // null: refused
        QTest::newRow("choice") << "net.ipv4.tcp_tw_reuse"
                                << "1"
                                << "1";
        QTest::newRow("choice out of set") << "net.ipv4.tcp_tw_reuse"
                                           << "3" << QString();
        QTest::newRow("timestamps 3 (kernel takes it)") << "net.ipv4.tcp_timestamps"
                                                        << "3" << QString();
        QTest::newRow("integer") << "net.ipv4.tcp_fin_timeout"
                                 << "30"
                                 << "30";
        QTest::newRow("below range") << "net.ipv4.tcp_fin_timeout"
                                     << "0" << QString();
        QTest::newRow("negative") << "net.ipv4.tcp_fin_timeout"
                                  << "-5" << QString();
        QTest::newRow("plus sign") << "net.ipv4.tcp_fin_timeout"
                                   << "+5" << QString();
        QTest::newRow("leading zero") << "net.ipv4.tcp_fin_timeout"
                                      << "030" << QString();
        QTest::newRow("space") << "net.ipv4.tcp_fin_timeout"
                               << "3 0" << QString();
        QTest::newRow("trailing newline") << "net.ipv4.tcp_fin_timeout"
                                          << "30\n"
                                          << QString();
        QTest::newRow("overflow") << "net.core.somaxconn"
                                  << "99999999999999999999" << QString();
        QTest::newRow("int max") << "net.core.somaxconn"
                                 << "2147483647"
                                 << "2147483647";
        QTest::newRow("int max + 1") << "net.core.somaxconn"
                                     << "2147483648" << QString();
        QTest::newRow("hex") << "net.ipv4.tcp_max_tw_buckets"
                             << "0x10" << QString();
        QTest::newRow("range") << "net.ipv4.ip_local_port_range"
                               << "10000-65000"
                               << "10000-65000";
        QTest::newRow("range reversed") << "net.ipv4.ip_local_port_range"
                                        << "65000-10000" << QString();
        QTest::newRow("range below unprivileged start") << "net.ipv4.ip_local_port_range"
                                                        << "80-65000" << QString();
        QTest::newRow("range with space") << "net.ipv4.ip_local_port_range"
                                          << "10000 65000" << QString();
        QTest::newRow("range too high") << "net.ipv4.ip_local_port_range"
                                        << "10000-65536" << QString();
        QTest::newRow("list") << "net.ipv4.ip_local_reserved_ports"
                              << "9010,9000-9005,8080"
                              << "8080,9000-9005,9010";
        QTest::newRow("list merged") << "net.ipv4.ip_local_reserved_ports"
                                     << "9000-9005,9006"
                                     << "9000-9006";
        QTest::newRow("list empty") << "net.ipv4.ip_local_reserved_ports"
                                    << ""
                                    << "";
        QTest::newRow("list junk") << "net.ipv4.ip_local_reserved_ports"
                                   << "8080;rm" << QString();
        QTest::newRow("list zero") << "net.ipv4.ip_local_reserved_ports"
                                   << "0" << QString();
        QTest::newRow("removed") << "net.ipv4.tcp_tw_recycle"
                                 << "1" << QString();
    }

    void validation()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QString, canonical);
        const SysctlEntry *entry = SysctlCatalog::find(name);
        QVERIFY(entry);
        QString result, error;
        const bool ok = SysctlValue::validate(*entry, value, SysctlValue::Limits(), &result, &error);
        QCOMPARE(ok, !canonical.isNull());
        if (ok)
            QCOMPARE(result, canonical);
        else
            QVERIFY(!error.isEmpty());
    }

    void requestLimits()
    {
        std::vector<SysctlChange> changes;
        QStringList refusals;
        QStringList many;
        for (int i = 0; i <= SysctlRequest::MaximumPairs; ++i)
            many << QStringLiteral("net.ipv4.tcp_fin_timeout=30");
        QVERIFY(!SysctlRequest::parse(many, {}, &changes, &refusals));
        QVERIFY(refusals.first().contains(QLatin1String("Too many")));
        refusals.clear();
        QVERIFY(!SysctlRequest::parse({QStringLiteral("net.ipv4.tcp_fin_timeout=30"), QStringLiteral("net.ipv4.tcp_tw_reuse=1"),
                                       QStringLiteral("net.ipv4.tcp_fin_timeout=31")},
                                      {}, &changes, &refusals));
        QVERIFY(changes.empty()); // one bad word refuses everything
        refusals.clear();
        QVERIFY(SysctlRequest::parse({QStringLiteral("net.ipv4.ip_local_port_range=10000-65000")}, {}, &changes, &refusals));
        QCOMPARE(SysctlRequest::toArguments(changes), QStringList {QStringLiteral("net.ipv4.ip_local_port_range=10000-65000")});
        QCOMPARE(SysctlValue::procText(*changes.front().entry, changes.front().value), QByteArray("10000\t65000\n"));
    }

    void everyTextIsTranslated()
    {
        Languages::apply(QStringLiteral("zh_CN"));
        QCOMPARE(Languages::current(), QStringLiteral("zh_CN"));
        int texts = 0;
        for (const SysctlEntry &entry : SysctlCatalog::entries()) {
            for (const char *source :
                 {entry.summary, entry.history, entry.clientAdvice, entry.serverAdvice, entry.unit, entry.kernelRange}) {
                if (!source)
                    continue;
                QVERIFY2(SysctlCatalog::text(source) != QLatin1String(source), source);
                ++texts;
            }
            for (const SysctlChoice &choice : entry.choices)
                QVERIFY2(SysctlCatalog::text(choice.meaning) != QLatin1String(choice.meaning), choice.meaning);
        }
        // The mix-ups and the captions of the commands (the commands themselves are code).
        for (const MixUp &mixUp : MixUpCatalog::entries()) {
            QVERIFY2(MixUpCatalog::text(mixUp.title) != QLatin1String(mixUp.title), mixUp.title);
            QVERIFY2(MixUpCatalog::text(mixUp.text) != QLatin1String(mixUp.text), mixUp.text);
        }
        for (const QString &key : SeeItYourself::keys()) {
            for (const SeeItCommand &command : SeeItYourself::forKey(key))
                QVERIFY2(SeeItYourself::caption(command) != QLatin1String(command.caption), command.caption);
        }
        Languages::apply(QStringLiteral("en"));
        QVERIFY(texts >= 4 * 14);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestSysctlCatalog, QCoreApplication)
#include "tst_sysctlcatalog.moc"
