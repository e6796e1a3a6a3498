#include "core/collect/procnetcountersparser.h"
#include "core/collect/slabinfoparser.h"
#include "core/collect/sockdiagdatagramparser.h"
#include "core/collect/sockstatparser.h"
#include "core/collect/btfstructsizes.h"
#include "wording/coremessagetext.h"
#include "bridge/qtstd.h"

#include <QFile>
#include <QTest>

#include <linux/netlink.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <limits>

// Parsers on recorded kernel output and on damaged copies of it.
class TestParsers : public QObject
{
    Q_OBJECT

    // Bytes up to and including the first NLMSG_DONE: the IPv4 dump of a recorded `ss -D` file.
    static qsizetype firstDumpLength(const QByteArray &dump)
    {
        qsizetype offset = 0;
        while (offset + qsizetype(sizeof(nlmsghdr)) <= dump.size()) {
            nlmsghdr header;
            std::memcpy(&header, dump.constData() + offset, sizeof(header));
            offset += NLMSG_ALIGN(header.nlmsg_len);
            if (header.nlmsg_type == NLMSG_DONE)
                return offset;
        }
        return dump.size();
    }

    static QByteArray fixture(const char *name)
    {
        QFile file(QStringLiteral(FIXTURES_DIR "/") + QLatin1String(name));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("missing fixture %s", name);
        return file.readAll();
    }

private slots:
    void sockstat()
    {
        SockstatFigures figures;
        QVERIFY(SockstatParser::parseSockstat(byteView(fixture("sockstat-busy.txt")), &figures));
        QVERIFY(figures.valid);
        QCOMPARE(figures.tcpInUse, 276);
        QCOMPARE(figures.tcpOrphans, 156);
        QCOMPARE(figures.tcpTimeWait, 262143);
        QCOMPARE(figures.tcpAllocated, 300);
        QCOMPARE(figures.tcpMemoryPages, 212);
        QVERIFY(SockstatParser::parseSockstat6(byteView(fixture("sockstat6.txt")), &figures));
        QVERIFY(figures.tcp6Valid);
        QCOMPARE(figures.tcp6InUse, 12);
    }

    void sockstatMalformed()
    {
        SockstatFigures figures;
        QVERIFY(!SockstatParser::parseSockstat(byteView(fixture("sockstat-malformed.txt")), &figures));
        QVERIFY(!figures.valid);
        QVERIFY(!SockstatParser::parseSockstat(std::string_view(), &figures));
        QVERIFY(!SockstatParser::parseSockstat6(byteView(fixture("sockstat.txt")), &figures));
        QVERIFY(!figures.tcp6Valid);
    }

    void netstatWithUnknownColumns()
    {
        TcpCounters counters;
        CoreMessage error;
        QVERIFY2(ProcNetCountersParser::parse(byteView(fixture("netstat-extra-columns.txt")), &counters, &error),
                 qPrintable(CoreMessageText::text(error)));
        QCOMPARE(counters.value(TcpCounter::TimeWaitEntered), 262143);
        QCOMPARE(counters.value(TcpCounter::TimeWaitRecycled), 17);
        QCOMPARE(counters.value(TcpCounter::TimeWaitKilled), 3);
        QCOMPARE(counters.value(TcpCounter::TimeWaitOverflow), 98765);
        QCOMPARE(counters.value(TcpCounter::ListenOverflows), 5);
        QVERIFY(counters.has(TcpCounter::PawsActive));
        QVERIFY(counters.has(TcpCounter::PawsTimewait));
        QVERIFY(counters.has(TcpCounter::PawsOldAck));
        QVERIFY(!counters.has(TcpCounter::ActiveOpens)); // that one lives in /proc/net/snmp
        // An older kernel without PAWSTimewait and PAWSOldAck: absent, not 0.
        TcpCounters older;
        QVERIFY(ProcNetCountersParser::parse("TcpExt: TW PAWSEstab\nTcpExt: 5 1\n", &older, &error));
        QVERIFY(older.has(TcpCounter::PawsEstab));
        QVERIFY(!older.has(TcpCounter::PawsTimewait));
        QVERIFY(!older.has(TcpCounter::PawsOldAck));
    }

    void netstatMismatched()
    {
        TcpCounters counters;
        CoreMessage error;
        QVERIFY(!ProcNetCountersParser::parse(byteView(fixture("netstat-mismatched.txt")), &counters, &error));
        QVERIFY2(CoreMessageText::text(error).contains(QLatin1String("TcpExt")), qPrintable(CoreMessageText::text(error)));

        QVERIFY(!ProcNetCountersParser::parse("Tcp: ActiveOpens PassiveOpens\nTcp: 12 x\n", &counters, &error));
        QVERIFY2(CoreMessageText::text(error).contains(QLatin1String("PassiveOpens")), qPrintable(CoreMessageText::text(error)));
    }

    void snmp()
    {
        TcpCounters counters;
        CoreMessage error;
        QVERIFY2(ProcNetCountersParser::parse(byteView(fixture("snmp.txt")), &counters, &error),
                 qPrintable(CoreMessageText::text(error)));
        QCOMPARE(counters.value(TcpCounter::ActiveOpens), 1200);
        QCOMPARE(counters.value(TcpCounter::PassiveOpens), 3400000);
        QCOMPARE(counters.value(TcpCounter::EstabResets), 42);
        QCOMPARE(counters.value(TcpCounter::CurrEstab), 113);
        QVERIFY(!counters.has(TcpCounter::TimeWaitEntered));
    }

    void slabinfo()
    {
        SlabFigures figures;
        CoreMessage error;
        QVERIFY2(SlabinfoParser::parse(byteView(fixture("slabinfo.txt")), 4096, &figures, &error),
                 qPrintable(CoreMessageText::text(error)));
        QVERIFY(figures.slabinfoReadable);
        const SlabCacheFigure &tw = figures.cache(SlabCache::TimeWaitV4);
        QVERIFY(tw.exact());
        QCOMPARE(tw.activeObjects, 128);
        QCOMPARE(tw.totalObjects, 192);
        QCOMPARE(tw.objectSize, 256);
        QCOMPARE(tw.bytes, 12 * 1 * 4096); // slabs × pages per slab × page size, as slabtop
        QCOMPARE(figures.cache(SlabCache::TcpV4).bytes, 5 * 8 * 4096);
        QCOMPARE(figures.cache(SlabCache::RequestV6).activeObjects, 24);
        // kmalloc-256 is in the file but is none of ours.
        for (const SlabCacheFigure &f : figures.caches)
            QVERIFY(f.exact());
    }

    void slabinfoRowMissing()
    {
        SlabFigures figures;
        CoreMessage error;
        const QByteArray onlyTw = "slabinfo - version: 2.1\n"
                                  "tw_sock_TCP 262230 262230 256 16 1 : tunables 0 0 0 : slabdata 17482 17482 0\n";
        QVERIFY(SlabinfoParser::parse(byteView(onlyTw), 4096, &figures, &error));
        QCOMPARE(figures.cache(SlabCache::TimeWaitV4).bytes, 17482 * 4096); // the write-up's 69928K
        QCOMPARE(figures.cache(SlabCache::TcpV4).source, SlabCacheFigure::Source::None);
    }

    void slabinfoMalformed_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("old version") << QByteArray("slabinfo - version: 1.1\ntw_sock_TCP 1 1 256 16 1\n");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("short row") << QByteArray("slabinfo - version: 2.1\ntw_sock_TCP 1 1 256\n");
        QTest::newRow("not a number") << QByteArray(
            "slabinfo - version: 2.1\nTCP 1 x 2368 13 8 : tunables 0 0 0 : slabdata 1 1 0\n");
    }

    void slabinfoMalformed()
    {
        QFETCH(QByteArray, text);
        SlabFigures figures;
        CoreMessage error;
        QVERIFY(!SlabinfoParser::parse(byteView(text), 4096, &figures, &error));
        QVERIFY(!error.isEmpty());
    }

    void recordedDump()
    {
        // `ss -tan -D` in a namespace holding: IPv4 LISTEN 8080, 2 ESTAB, 5 TIME-WAIT (2 on local
        // port 8080, 3 towards it); IPv6 LISTEN 8443, 2 ESTAB, 1 TIME-WAIT on local port 8443.
        const QByteArray dump = fixture("sockdiag-dump.bin");
        std::vector<SocketRecord> records;
        auto parser = SockDiagDatagramParser::forRecordedDump();
        QCOMPARE(parser.parse(dump.constData(), std::size_t(dump.size()), records), SockDiagDatagramParser::Status::Done);
        // The IPv6 dump follows the IPv4 one's NLMSG_DONE.
        int ipv4Done = 0;
        for (const SocketRecord &r : records)
            ipv4Done += r.family == AF_INET;
        QCOMPARE(ipv4Done, 8);
        const qsizetype consumed = firstDumpLength(dump);
        QCOMPARE(parser.parse(dump.constData() + consumed, std::size_t(dump.size() - consumed), records),
                 SockDiagDatagramParser::Status::Done);
        QCOMPARE(int(records.size()), 12);

        int timeWait = 0, timeWaitOn8080 = 0, listen = 0, v6 = 0;
        for (const SocketRecord &r : records) {
            timeWait += r.state == TcpState::TimeWait;
            timeWaitOn8080 += r.state == TcpState::TimeWait && r.localPort == 8080;
            listen += r.state == TcpState::Listen;
            v6 += r.family == AF_INET6;
        }
        QCOMPARE(timeWait, 6);
        QCOMPARE(timeWaitOn8080, 2);
        QCOMPARE(listen, 2);
        QCOMPARE(v6, 4);
        QCOMPARE(records.front().localPort, quint16(8080));
        QCOMPARE(records.front().localAddress[0], quint8(127));
    }

    void truncatedDump_data()
    {
        QTest::addColumn<int>("cut"); // bytes kept of the IPv4 dump; negative: bytes dropped from the IPv6 one
        QTest::newRow("mid-header") << 10;
        QTest::newRow("mid-payload") << 50;
        QTest::newRow("later message") << 300;
        QTest::newRow("IPv6 dump one byte short") << -1;
    }

    void truncatedDump()
    {
        QFETCH(int, cut);
        const QByteArray whole = fixture("sockdiag-dump.bin");
        const qsizetype ipv4Length = firstDumpLength(whole);
        const QByteArray dump = cut >= 0 ? whole.left(cut) : whole.mid(ipv4Length, whole.size() - ipv4Length + cut);
        const int family = cut >= 0 ? AF_INET : AF_INET6;
        std::vector<SocketRecord> records;
        auto parser = SockDiagDatagramParser::forRecordedDump();
        // A heap copy of exactly the truncated size, so a read past it shows under ASan/valgrind.
        std::vector<char> exact(dump.begin(), dump.end());
        QCOMPARE(parser.parse(exact.data(), exact.size(), records), SockDiagDatagramParser::Status::Failed);
        QCOMPARE(parser.errorNumber(), EPROTO);
        QVERIFY2(CoreMessageText::text(parser.errorMessage()).contains(QLatin1String("runcated")),
                 qPrintable(CoreMessageText::text(parser.errorMessage())));
        for (const SocketRecord &r : records)
            QCOMPARE(int(r.family), family); // whatever came before the cut is intact
        if (cut < 0)
            QCOMPARE(int(records.size()), 4); // all IPv6 sockets; only NLMSG_DONE was cut
    }

    void shortPayload()
    {
        // A whole netlink message whose payload is too short for inet_diag_msg.
        alignas(nlmsghdr) char buffer[NLMSG_HDRLEN + 16] = {};
        auto header = reinterpret_cast<nlmsghdr *>(buffer);
        header->nlmsg_len = sizeof(buffer);
        header->nlmsg_type = 20; // SOCK_DIAG_BY_FAMILY
        std::vector<SocketRecord> records;
        auto parser = SockDiagDatagramParser::forRecordedDump();
        QCOMPARE(parser.parse(buffer, sizeof(buffer), records), SockDiagDatagramParser::Status::Failed);
        QVERIFY2(CoreMessageText::text(parser.errorMessage()).contains(QLatin1String("16 bytes")),
                 qPrintable(CoreMessageText::text(parser.errorMessage())));
        QVERIFY(records.empty());
    }

    void kernelErrors_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("sent"); // the error field of the message: -errno
        QTest::addColumn<int>("error");
        QTest::newRow("NLMSG_ERROR ENOENT (no inet_diag)") << int(NLMSG_ERROR) << -ENOENT << ENOENT;
        QTest::newRow("NLMSG_ERROR EPERM") << int(NLMSG_ERROR) << -EPERM << EPERM;
        QTest::newRow("NLMSG_DONE carrying ENOBUFS") << int(NLMSG_DONE) << -ENOBUFS << ENOBUFS;
        // Not an errno (1..4095): malformed. The fuzz pass under UBSan found -INT_MIN taken as one.
        QTest::newRow("NLMSG_ERROR INT_MIN") << int(NLMSG_ERROR) << std::numeric_limits<int>::min() << EPROTO;
        QTest::newRow("NLMSG_ERROR positive") << int(NLMSG_ERROR) << 5 << EPROTO;
        QTest::newRow("NLMSG_ERROR -4096") << int(NLMSG_ERROR) << -4096 << EPROTO;
        QTest::newRow("NLMSG_DONE INT_MIN") << int(NLMSG_DONE) << std::numeric_limits<int>::min() << EPROTO;
    }

    void kernelErrors()
    {
        QFETCH(int, type);
        QFETCH(int, sent);
        QFETCH(int, error);
        alignas(nlmsghdr) char buffer[NLMSG_HDRLEN + sizeof(nlmsgerr)] = {};
        auto header = reinterpret_cast<nlmsghdr *>(buffer);
        header->nlmsg_len = sizeof(buffer);
        header->nlmsg_type = quint16(type);
        std::memcpy(buffer + NLMSG_HDRLEN, &sent, sizeof(sent));
        std::vector<SocketRecord> records;
        auto parser = SockDiagDatagramParser::forRecordedDump();
        QCOMPARE(parser.parse(buffer, sizeof(buffer), records), SockDiagDatagramParser::Status::Failed);
        QCOMPARE(parser.errorNumber(), error);
        if (sent == -error)
            QCOMPARE(CoreMessageText::text(parser.errorMessage()), QString::fromLocal8Bit(std::strerror(error)));
        else
            QVERIFY2(CoreMessageText::text(parser.errorMessage()).contains(QLatin1String("Malformed")),
                     qPrintable(CoreMessageText::text(parser.errorMessage())));
    }

    void dumpInterruptedFlag()
    {
        alignas(nlmsghdr) char buffer[NLMSG_HDRLEN + sizeof(int)] = {};
        auto header = reinterpret_cast<nlmsghdr *>(buffer);
        header->nlmsg_len = sizeof(buffer);
        header->nlmsg_type = NLMSG_DONE;
        header->nlmsg_flags = NLM_F_DUMP_INTR;
        std::vector<SocketRecord> records;
        auto parser = SockDiagDatagramParser::forRecordedDump();
        QCOMPARE(parser.parse(buffer, sizeof(buffer), records), SockDiagDatagramParser::Status::Done);
        QVERIFY(parser.interrupted());
    }

    void btfStructSizes()
    {
        // A hand-made BTF blob: one INT, then STRUCT "tcp_timewait_sock" of 248 bytes with one member.
        QByteArray strings("\0int\0tcp_timewait_sock\0", 23);
        QByteArray types;
        auto put = [&types](quint32 v) { types.append(reinterpret_cast<const char *>(&v), 4); };
        put(1);
        put(1u << 24);
        put(4);
        put(0x20); // INT "int", size 4, encoding word
        put(5);
        put((4u << 24) | 1);
        put(248); // STRUCT "tcp_timewait_sock", vlen 1
        put(1);
        put(1);
        put(0); // member: name, type, offset
        QByteArray btf;
        auto put16 = [&btf](quint16 v) { btf.append(reinterpret_cast<const char *>(&v), 2); };
        auto put32 = [&btf](quint32 v) { btf.append(reinterpret_cast<const char *>(&v), 4); };
        put16(0xeB9F);
        btf.append(char(1));
        btf.append(char(0));
        put32(24);
        put32(0);
        put32(quint32(types.size()));
        put32(quint32(types.size()));
        put32(quint32(strings.size()));
        btf += types + strings;
        const auto sizes = BtfStructSizes::find(byteView(btf), {"tcp_timewait_sock", "tcp_sock"});
        QCOMPARE(sizes.at("tcp_timewait_sock"), 248);
        QVERIFY(!sizes.count("tcp_sock"));
        QVERIFY(BtfStructSizes::find(byteView(btf.left(30)), {"tcp_timewait_sock"}).empty());
    }
};

QTEST_GUILESS_MAIN(TestParsers)
#include "tst_parsers.moc"
