#include "core/snapshot/inetaddress.h"
#include "table/socketfilter.h"
#include "core/collect/socketrecord.h"
#include "table/socketrowtext.h"

#include <QTest>

#include <sys/socket.h>

// The socket table's filter grammar, word by word, on a fixed set of records. The filter is a
// pure function of a record; the kernel-backed cases are in tst_models and tst_mainwindow.
class TestSocketFilter : public QObject
{
    Q_OBJECT

    std::vector<SocketRecord> m_records;

    void add(TcpState state, const char *local, quint16 localPort, const char *remote, quint16 remotePort)
    {
        SocketRecord r;
        r.state = state;
        std::array<quint8, 16> bytes {};
        quint8 family = 0;
        QVERIFY(InetAddress::parse(local, &family, &r.localAddress));
        QVERIFY(InetAddress::parse(remote, &r.family, &bytes));
        QCOMPARE(family, r.family);
        r.remoteAddress = bytes;
        r.localPort = localPort;
        r.remotePort = remotePort;
        m_records.push_back(r);
    }

    // Row numbers of the records a filter lets through, as "0 2 3".
    QString matching(const SocketFilter &filter) const
    {
        QStringList rows;
        for (std::size_t i = 0; i < m_records.size(); ++i) {
            if (filter.matches(m_records[i]))
                rows << QString::number(i);
        }
        return rows.join(QLatin1Char(' '));
    }

private slots:
    void initTestCase()
    {
        add(TcpState::Listen, "10.0.0.1", 8080, "0.0.0.0", 0); // 0
        add(TcpState::Established, "10.0.0.1", 8080, "192.168.1.5", 40000); // 1
        add(TcpState::TimeWait, "10.0.0.1", 8080, "192.168.1.6", 40001); // 2
        add(TcpState::TimeWait, "10.0.0.2", 45000, "10.1.2.3", 443); // 3
        add(TcpState::CloseWait, "172.16.0.1", 22, "10.9.9.9", 50000); // 4
        add(TcpState::Established, "fd00::1", 443, "2001:db8::7", 51000); // 5
        add(TcpState::TimeWait, "fe80::1", 443, "fd00:1::9", 51001); // 6
        add(TcpState::Established, "::ffff:10.0.0.1", 8080, "::ffff:192.168.1.7", 40002); // 7: IPv4-mapped
        add(TcpState::NewSynRecv, "::1", 8080, "::1", 40003); // 8
    }

    void grammar_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("rows");
        QTest::newRow("empty") << QString() << "0 1 2 3 4 5 6 7 8";
        QTest::newRow("state list") << "state:close-wait,time-wait"
                                    << "2 3 4 6";
        QTest::newRow("bare state list") << "close-wait,time-wait"
                                         << "2 3 4 6";
        QTest::newRow("two state words") << "close-wait time-wait"
                                         << "2 3 4 6";
        QTest::newRow("not estab") << "!estab"
                                   << "0 2 3 4 6 8";
        QTest::newRow("not state:listen") << "!state:listen"
                                          << "1 2 3 4 5 6 7 8";
        QTest::newRow("syn-recv takes request sockets") << "syn-recv"
                                                        << "8";
        QTest::newRow("IPv4 CIDR either side, mapped too") << "10.0.0.0/8"
                                                           << "0 1 2 3 4 7";
        QTest::newRow("IPv6 CIDR in brackets") << "[fd00::]/8"
                                               << "5 6";
        QTest::newRow("IPv6 CIDR bare") << "fd00::/8"
                                        << "5 6";
        QTest::newRow("IPv6 /128 prefix") << "fd00::1/128"
                                          << "5";
        QTest::newRow("src CIDR") << "src:10.0.0.0/8"
                                  << "0 1 2 3 7";
        QTest::newRow("dst CIDR") << "dst:192.168.1.0/24"
                                  << "1 2 7";
        QTest::newRow("dst list") << "dst:192.168.1.5,10.1.2.3"
                                  << "1 3";
        QTest::newRow("mapped prefix is the IPv4 prefix") << "::ffff:10.0.0.0/104"
                                                          << "0 1 2 3 4 7";
        QTest::newRow("mapped address") << "dst:[::ffff:192.168.1.7]"
                                        << "7";
        QTest::newRow("IPv4 address matches mapped socket") << "src:10.0.0.1"
                                                            << "0 1 2 7";
        QTest::newRow("whole address, not a substring") << "10.0.0.1"
                                                        << "0 1 2 7";
        QTest::newRow("/0 is everything of a family") << "0.0.0.0/0"
                                                      << "0 1 2 3 4 7";
        QTest::newRow("not a prefix") << "ipv6 !10.0.0.0/8"
                                      << "5 6 8";
        QTest::newRow("port and not state") << "8080 !estab"
                                            << "0 2 8";
        QTest::newRow("port list") << "port:443,22"
                                   << "3 4 5 6";
        QTest::newRow("sport and dport list") << "sport:8080 dport:40000,40001"
                                              << "1 2";
        QTest::newRow("not a local port") << "!sport:8080 !sport:443"
                                          << "3 4";
        QTest::newRow("both families") << "ipv4 ipv6"
                                       << "0 1 2 3 4 5 6 7 8";
        QTest::newRow("address text") << "10.1.2"
                                      << "3";
        QTest::newRow("addr: text, mapped too") << "addr:192.168.1"
                                                << "1 2 7";
        QTest::newRow("addr: prefix") << "addr:172.16.0.0/12"
                                      << "4";
        QTest::newRow("endpoint text") << "[::1]:8080"
                                       << "8";
        QTest::newRow("typo is text, matching nothing") << "estab1"
                                                        << "";
    }

    void grammar()
    {
        QFETCH(QString, text);
        QFETCH(QString, rows);
        SocketFilter filter;
        QString error;
        QVERIFY2(filter.parse(text, &error), qPrintable(error));
        QVERIFY(filter.isValid());
        QCOMPARE(matching(filter), rows);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown state") << "state:estab1"
                                       << "unknown state 'estab1'";
        QTest::newRow("unknown state in a list") << "state:time-wait,estab1"
                                                 << "unknown state 'estab1'";
        QTest::newRow("negated unknown state") << "!state:lisen"
                                               << "unknown state 'lisen'";
        QTest::newRow("IPv4 prefix too long") << "10.0.0.0/33"
                                              << "bad prefix length 33";
        QTest::newRow("IPv6 prefix too long") << "[fd00::]/129"
                                              << "bad prefix length 129";
        QTest::newRow("prefix not a number") << "10.0.0.0/x"
                                             << "bad prefix length x";
        QTest::newRow("negative prefix") << "src:10.0.0.0/-1"
                                         << "bad prefix length -1";
        QTest::newRow("broken address in a prefix") << "10.0.0/8"
                                                    << "\"10.0.0\" is not an IPv4 or IPv6 address";
        QTest::newRow("src needs an address") << "src:10.0.0"
                                              << "\"10.0.0\" is not an IPv4 or IPv6 address";
        QTest::newRow("port too large") << "sport:70000"
                                        << "'70000' is not a port number";
        QTest::newRow("port not a number") << "port:http"
                                           << "'http' is not a port number";
        QTest::newRow("unknown key") << "user:root"
                                     << "unknown filter 'user:'";
        QTest::newRow("lone negation") << "!"
                                       << "\"!\" needs a word";
        QTest::newRow("empty value") << "state:"
                                     << "needs a value";
        QTest::newRow("empty list item") << "state:time-wait,,estab"
                                         << "Empty item";
        QTest::newRow("mixed list") << "80,estab"
                                    << "mixes kinds";
    }

    void errors()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        SocketFilter filter;
        QString error;
        QVERIFY(filter.parse(QStringLiteral("estab"), &error));
        QVERIFY(!filter.parse(QStringLiteral("8080 ") + text, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        // An invalid filter shows nothing, not what the previous one let through.
        QVERIFY(!filter.isValid());
        QVERIFY(!filter.isEmpty());
        QCOMPARE(matching(filter), QString());
        // A valid one afterwards works again.
        QVERIFY(filter.parse(QStringLiteral("listen"), &error));
        QCOMPARE(matching(filter), QStringLiteral("0"));
    }

    void wordsMatchingNothing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("a port nobody uses") << "time-wait sport:9999" << QStringList {"sport:9999"};
        QTest::newRow("a typo taken as text") << "estab1" << QStringList {"estab1"};
        QTest::newRow("a prefix nobody is in") << "ipv6 [2001:db9::]/32" << QStringList {"[2001:db9::]/32"};
        QTest::newRow("each matches, not together") << "listen sport:22" << QStringList {};
        QTest::newRow("a negation excluding all") << "!0.0.0.0/0 !::/0" << QStringList {};
    }

    void wordsMatchingNothing()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, words);
        SocketFilter filter;
        QString error;
        QVERIFY2(filter.parse(text, &error), qPrintable(error));
        QCOMPARE(matching(filter), QString());
        QCOMPARE(filter.wordsMatchingNothing(m_records), words);
    }

    void contextMenuFilters()
    {
        // The words the context menu puts in the box select the row they came from.
        for (const SocketRecord &r : m_records) {
            for (const bool remote : {false, true}) {
                for (const QString &words : {SocketRowText::portFilter(r, remote), SocketRowText::addressFilter(r, remote)}) {
                    SocketFilter filter;
                    QString error;
                    QVERIFY2(filter.parse(words, &error), qPrintable(words + QStringLiteral(": ") + error));
                    QVERIFY2(filter.matches(r), qPrintable(words));
                }
            }
        }
        QCOMPARE(SocketRowText::addressFilter(m_records[5], true), QStringLiteral("dst:[2001:db8::7]"));
        QCOMPARE(SocketRowText::ssCommand(m_records[2]),
                 QStringLiteral(
                     "ss -tan state time-wait '( src 10.0.0.1 and sport = :8080 and dst 192.168.1.6 and dport = :40001 )'"));
        QCOMPARE(SocketRowText::ssCommand(m_records[0]),
                 QStringLiteral("ss -tan state listening '( src 10.0.0.1 and sport = :8080 )'"));
        QCOMPARE(SocketRowText::ssCommand(m_records[8]),
                 QStringLiteral("ss -tan state syn-recv '( src [::1] and sport = :8080 and dst [::1] and dport = :40003 )'"));
    }
};

QTEST_GUILESS_MAIN(TestSocketFilter)
#include "tst_socketfilter.moc"
