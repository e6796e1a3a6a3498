#include "wording/mixupcatalog.h"
#include "netnstestmain.h"
#include "core/collect/procfile.h"
#include "wording/seeityourself.h"
#include "socketpopulation.h"
#include "core/collect/sockstatparser.h"
#include "sysctl/sysctlcatalog.h"
#include "core/collect/sysctlreader.h"
#include "loopbacktcp.h"

#include <QCoreApplication>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <functional>
#include <map>
#include <set>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace LoopbackTcp;

// Every "see it yourself" command the mix-ups show trainees, run against the running kernel in a
// fresh network namespace of its own, prints what its caption says.
class TestSeeItYourself : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QString error;
        QVERIFY2(PrivateNetworkNamespace::enterFresh(&error), qPrintable(error));
    }

private:
    // What a command printed: exit code, stdout, stderr.
    struct ShellRun
    {
        int exitCode = -1;
        QString out;
        QString error;
    };

    static ShellRun runShell(const QString &command)
    {
        QProcess shell;
        shell.start(QStringLiteral("sh"), {QStringLiteral("-c"), command});
        ShellRun run;
        if (!shell.waitForFinished(20000))
            return run;
        run.exitCode = shell.exitCode();
        run.out = QString::fromUtf8(shell.readAllStandardOutput());
        run.error = QString::fromUtf8(shell.readAllStandardError());
        return run;
    }

    // The data rows of ss output (its header line left out), each split into fields.
    static QList<QStringList> ssRows(const QString &out)
    {
        QList<QStringList> rows;
        for (const QString &line : out.split(QLatin1Char('\n'))) {
            const QStringList fields = line.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (fields.isEmpty() || line.startsWith(QLatin1Char('\t')) || line.startsWith(QLatin1Char(' '))
                || fields[0] == QLatin1String("State") || fields[0] == QLatin1String("Recv-Q"))
                continue;
            rows << fields;
        }
        return rows;
    }

    static int fieldCount(const QList<QStringList> &rows, int field, const QString &value)
    {
        return int(std::count_if(rows.begin(), rows.end(), [&](const QStringList &row) { return row.value(field) == value; }));
    }

    // "sysctl a b" prints "a = value" for each name, as /proc/sys has it.
    static QString checkSysctl(const QString &command, const QString &out)
    {
        QStringList expected;
        for (const QString &name : command.section(QLatin1String("sysctl "), 1).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const SysctlReading reading = SysctlReader::read(name.toStdString());
            if (reading.state != SysctlReading::State::Present)
                return name + QStringLiteral(" unreadable");
            expected << QString(name + QStringLiteral(" = ") + QString::fromStdString(reading.value)).simplified();
        }
        QStringList printed;
        for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            printed << line.simplified();
        return printed == expected ? QString() : QStringLiteral("expected ") + expected.join(QStringLiteral(" | "));
    }

    // "nstat -az A B" prints exactly A and B, with the values /proc has now.
    static QString checkNstat(const QString &command, const QString &out)
    {
        const QStringList asked = command.section(QLatin1String("-az "), 1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QMap<QString, qint64> counters = nstatCounters();
        QStringList printed;
        for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (line.startsWith(QLatin1Char('#')))
                continue;
            const QStringList fields = line.simplified().split(QLatin1Char(' '));
            if (!counters.contains(fields[0]) || fields.value(1) != QString::number(counters.value(fields[0])))
                return QStringLiteral("wrong line: ") + line;
            printed << fields[0];
        }
        printed.sort();
        QStringList expected = asked;
        expected.sort();
        return printed == expected ? QString() : QStringLiteral("printed ") + printed.join(QLatin1Char(' '));
    }

    static int localPortOf(int fd)
    {
        sockaddr_in a {};
        socklen_t length = sizeof a;
        getsockname(fd, reinterpret_cast<sockaddr *>(&a), &length);
        return ntohs(a.sin_port);
    }

    static bool usesTimestamps(int fd)
    {
        tcp_info info {};
        socklen_t length = sizeof info;
        return getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) == 0 && (info.tcpi_options & TCPI_OPT_TIMESTAMPS);
    }

private slots:
    // Each "see it yourself" command, run as shown in a namespace holding what it is about,
    // prints what its caption says: TIME-WAIT entries on both sides, an orphaned FIN-WAIT-2
    // entry, an orphan stuck in FIN-WAIT-1 behind a closed window, connections with and without
    // timestamps, listeners (two sharing a port with SO_REUSEPORT, one with a queued connection)
    // and both kinds of abort. Where the subject cannot be set up here (the dmesg line, a
    // half-open connection) the command is checked for what it prints without it; the two that
    // read a file this namespace lacks fail, which is what they are there to show.
    void seeItYourselfCommandsRun()
    {
        std::vector<int> fds;
        const auto keep = [&](int fd) {
            fds.push_back(fd);
            return fd;
        };
        const int listener = keep(listenerOn(7105));
        QVERIFY(listener >= 0);
        int towardsListener = 0; // client sockets whose peer is 127.0.0.1:7105
        // Three closes by the server, two by the client: 5 TIME-WAIT rows, 3 on each side's port.
        for (int i = 0; i < 5; ++i) {
            int client = -1, server = -1;
            QVERIFY(connectedPair(listener, 7105, &client, &server));
            const bool serverFirst = i < 3;
            close(serverFirst ? server : client);
            const int other = serverFirst ? client : server;
            QVERIFY(waitFor([&] {
                char byte;
                return recv(other, &byte, 1, MSG_DONTWAIT) == 0;
            }));
            close(other);
            towardsListener += serverFirst ? 0 : 1;
        }
        int held = -1;
        QVERIFY(orphanedFinWait2(listener, 7105, &held));
        keep(held);
        ++towardsListener;
        QVERIFY(waitFor([] { return tcpRowsInState("06") == 5 && timewaitTable() == 6 && tcpRowsInState("09") == 0; }));
        // One connection with timestamps, one without.
        int stamped = -1, unstamped = -1, peer = -1;
        QVERIFY(connectedPair(listener, 7105, &stamped, &peer));
        keep(stamped);
        keep(peer);
        QVERIFY(writeSysctl(QStringLiteral("net.ipv4.tcp_timestamps"), "0"));
        QVERIFY(connectedPair(listener, 7105, &unstamped, &peer));
        keep(unstamped);
        keep(peer);
        QVERIFY(writeSysctl(QStringLiteral("net.ipv4.tcp_timestamps"), "1"));
        QVERIFY(usesTimestamps(stamped) && !usesTimestamps(unstamped));
        towardsListener += 2;
        // SO_LINGER {1, 0} with nothing unread, and a close with unread data: one abort of each kind.
        for (const bool unread : {false, true}) {
            int client = -1, server = -1;
            QVERIFY(connectedPair(listener, 7105, &client, &server));
            if (unread) {
                QCOMPARE(send(server, "x", 1, 0), ssize_t(1));
                pollfd p {client, POLLIN, 0};
                QCOMPARE(poll(&p, 1, 5000), 1);
            } else {
                const linger zero {1, 0};
                QCOMPARE(setsockopt(client, SOL_SOCKET, SO_LINGER, &zero, sizeof zero), 0);
            }
            close(client);
            pollfd p {server, POLLIN, 0};
            QCOMPARE(poll(&p, 1, 5000), 1);
            char byte;
            QCOMPARE(recv(server, &byte, 1, 0), ssize_t(-1));
            QCOMPARE(errno, ECONNRESET);
            close(server);
        }
        // An orphan in FIN-WAIT-1: its FIN waits behind data the peer's full window refuses.
        const int small = 4096;
        const int slowListener = keep(tcpSocket());
        setsockopt(slowListener, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        QVERIFY(bindTo(slowListener, INADDR_LOOPBACK, 7111) && listen(slowListener, 4) == 0);
        int writer = -1, reader = -1;
        QVERIFY(connectedPair(slowListener, 7111, &writer, &reader));
        keep(reader);
        setsockopt(writer, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
        const QByteArray chunk(4096, 'x');
        QVERIFY(waitFor(
            [&] { return send(writer, chunk.constData(), std::size_t(chunk.size()), MSG_DONTWAIT) < 0 && errno == EAGAIN; }));
        close(writer);
        QCOMPARE(tcpRowsInState("04"), 1); // FIN-WAIT-1
        // Listeners: two sharing port 7107 with SO_REUSEPORT; one on 7109 with a connection queued.
        for (int i = 0; i < 2; ++i) {
            const int fd = keep(tcpSocket());
            const int one = 1;
            setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
            QVERIFY(bindTo(fd, INADDR_ANY, 7107) && listen(fd, 8) == 0);
        }
        const int queueing = keep(listenerOn(7109));
        const int queued = keep(tcpSocket());
        const sockaddr_in queueAddress = address(INADDR_LOOPBACK, 7109);
        QCOMPARE(::connect(queued, reinterpret_cast<const sockaddr *>(&queueAddress), sizeof queueAddress), 0);
        QVERIFY(queueing >= 0);

        const QString loopbackListener = QStringLiteral("127.0.0.1:7105");
        const QString self = QStringLiteral("pid=%1,").arg(getpid());
        const auto firstLine = [](const QString &out) { return out.section(QLatin1Char('\n'), 0, 0).simplified(); };
        // What each command must print here; an empty string means it does.
        const std::map<QString, std::function<QString(const QString &)>> checks {
            {QStringLiteral("ss -tano state time-wait"),
             [&](const QString &out) {
                 const QList<QStringList> rows = ssRows(out);
                 const bool timers = std::all_of(rows.begin(), rows.end(), [](const QStringList &row) {
                     return row.join(QLatin1Char(' ')).contains(QLatin1String("timer:(timewait,"));
                 });
                 // One state asked for: ss leaves the State column out.
                 return rows.size() == 5 && timers && fieldCount(rows, 2, loopbackListener) == 3
                         && fieldCount(rows, 3, loopbackListener) == 2
                     ? QString()
                     : QStringLiteral("5 rows with timewait timers, 3 from and 2 towards :7105");
             }},
            {QStringLiteral("ss -tano state fin-wait-2"),
             [&](const QString &out) {
                 const QList<QStringList> rows = ssRows(out);
                 return rows.size() == 1 && rows[0].value(3) == loopbackListener
                         && rows[0].join(QLatin1Char(' ')).contains(QLatin1String("timer:(timewait,"))
                     ? QString()
                     : QStringLiteral("the orphan towards :7105 with a timewait timer");
             }},
            {QStringLiteral("ss -tano state fin-wait-1 state closing state last-ack"),
             [&](const QString &out) {
                 const QList<QStringList> rows = ssRows(out);
                 return rows.size() == 1 && rows[0].value(0) == QLatin1String("FIN-WAIT-1")
                         && rows[0].value(4) == QLatin1String("127.0.0.1:7111")
                         && rows[0].join(QLatin1Char(' ')).contains(QLatin1String("timer:("))
                     ? QString()
                     : QStringLiteral("the FIN-WAIT-1 orphan towards :7111 with its timer");
             }},
            {QStringLiteral("ss -tan state syn-recv"),
             [&](const QString &out) {
                 return firstLine(out).startsWith(QLatin1String("Recv-Q Send-Q Local Address:Port Peer Address:Port"))
                         && ssRows(out).isEmpty()
                     ? QString()
                     : QStringLiteral("the header without a State column, and no half-open connection");
             }},
            {QStringLiteral("ss -tnio"),
             [&](const QString &out) {
                 // The option flags are on the line under each connection.
                 const QStringList lines = out.split(QLatin1Char('\n'));
                 const auto flags = [&](int fd) {
                     const QString local = QStringLiteral("127.0.0.1:%1").arg(localPortOf(fd));
                     for (int i = 0; i + 1 < lines.size(); ++i) {
                         if (lines[i].simplified().split(QLatin1Char(' ')).value(3) == local)
                             return lines[i + 1].simplified().split(QLatin1Char(' '));
                     }
                     return QStringList();
                 };
                 return flags(stamped).contains(QLatin1String("ts")) && !flags(unstamped).contains(QLatin1String("ts"))
                         && flags(unstamped).contains(QLatin1String("sack"))
                     ? QString()
                     : QStringLiteral("\"ts\" for the connection with timestamps, not for the other");
             }},
            {QStringLiteral("ss -ltn"),
             [&](const QString &out) {
                 const QList<QStringList> rows = ssRows(out);
                 // Send-Q is the backlog in force, Recv-Q the connections waiting for accept().
                 const QStringList queuedRow {QStringLiteral("LISTEN"), QStringLiteral("1"), QStringLiteral("16"),
                                              QStringLiteral("127.0.0.1:7109"), QStringLiteral("0.0.0.0:*")};
                 return rows.size() == 5 && rows.contains(queuedRow) && fieldCount(rows, 3, QStringLiteral("0.0.0.0:7107")) == 2
                     ? QString()
                     : QStringLiteral("5 listeners, 1 queued of 16 on :7109");
             }},
            {QStringLiteral("ss -ltnp"),
             [&](const QString &out) {
                 const QList<QStringList> rows = ssRows(out);
                 int shared = 0;
                 for (const QStringList &row : rows)
                     shared += row.value(3) == QLatin1String("0.0.0.0:7107") && row.join(QLatin1Char(' ')).contains(self) ? 1 : 0;
                 return shared == 2 ? QString() : QStringLiteral("two LISTEN rows on 0.0.0.0:7107 held by this process");
             }},
            {QStringLiteral("ss -tanH state connected | awk '{print $5}' | sort | uniq -c | sort -rn | head"),
             [&](const QString &out) {
                 return firstLine(out) == QStringLiteral("%1 %2").arg(towardsListener).arg(loopbackListener)
                         && !out.contains(QLatin1Char('*'))
                     ? QString()
                     : QStringLiteral("%1 towards :7105 first, and no listener").arg(towardsListener);
             }},
            {QStringLiteral("ss -tanH state time-wait | awk '{print $3}' | sort | uniq -c | sort -rn | head"),
             [&](const QString &out) {
                 return firstLine(out) == QStringLiteral("3 ") + loopbackListener ? QString()
                                                                                  : QStringLiteral("3 on :7105 first");
             }},
            {QStringLiteral("ss -tanH state time-wait | awk '{print $4}' | sort | uniq -c | sort -rn | head"),
             [&](const QString &out) {
                 return firstLine(out) == QStringLiteral("2 ") + loopbackListener ? QString()
                                                                                  : QStringLiteral("2 towards :7105 first");
             }},
            {QStringLiteral("cat /proc/net/sockstat"),
             [&](const QString &out) {
                 const QString tcp = out.section(QLatin1String("TCP: "), 1, 1).section(QLatin1Char('\n'), 0, 0);
                 return tcp.section(QLatin1String(" tw "), 1, 1).section(QLatin1Char(' '), 0, 0) == QLatin1String("6")
                     ? QString()
                     : QStringLiteral("tw 6: five TIME-WAIT and one FIN-WAIT-2 entry");
             }},
            {QStringLiteral("slabtop -o | grep tw_sock"),
             [&](const QString &out) {
                 return out.contains(QRegularExpression(QStringLiteral("^\\s*\\d+.*\\btw_sock_TCP\\s*$"),
                                                        QRegularExpression::MultilineOption))
                     ? QString()
                     : QStringLiteral("a tw_sock_TCP line");
             }},
            {QStringLiteral("dmesg | grep -i 'orphaned sockets'"),
             [&](const QString &out) {
                 const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
                 return std::all_of(lines.begin(), lines.end(),
                                    [](const QString &line) { return line.contains(QLatin1String("too many orphaned sockets")); })
                     ? QString()
                     : QStringLiteral("only \"too many orphaned sockets\" lines");
             }},
        };
        // What the counters must read in this namespace now.
        const std::map<QString, qint64> counted {
            {QStringLiteral("TcpExtTW"), 6}, // every entry was made with a 60 s timeout
            {QStringLiteral("TcpExtTWKilled"), 0},
            {QStringLiteral("TcpExtTWRecycled"), 0},
            {QStringLiteral("TcpExtTCPTimeWaitOverflow"), 0},
            {QStringLiteral("TcpExtTCPAbortOnData"), 1}, // SO_LINGER {1, 0}, nothing unread (__tcp_close)
            {QStringLiteral("TcpExtTCPAbortOnClose"), 1}, // unread data thrown away
            {QStringLiteral("TcpOutRsts"), 2},
            {QStringLiteral("TcpExtListenOverflows"), 0},
        };

        int checked = 0;
        std::set<QString> seen;
        for (const QString &key : SeeItYourself::keys()) {
            for (const SeeItCommand &command : SeeItYourself::forKey(key)) {
                const QString text = QLatin1String(command.command);
                if (!seen.insert(text).second)
                    continue;
                const ShellRun run = runShell(text);
                const QString shown = text + QLatin1Char('\n') + run.out + run.error;
                const bool absentFile = text.contains(QLatin1String("tcp_tw_recycle"))
                    || text.contains(QLatin1String("/proc/sys/net/ipv4/tcp_max_orphans"));
                if (absentFile) {
                    QVERIFY2(run.exitCode != 0 && run.out.isEmpty(), qPrintable(shown));
                    QVERIFY2(run.error.contains(QLatin1String("No such file")), qPrintable(shown));
                } else if (text.startsWith(QLatin1String("dmesg"))) {
                    QVERIFY2(run.exitCode == 0 || run.exitCode == 1, qPrintable(shown)); // grep: 1 = no line
                    QVERIFY2(run.error.isEmpty(), qPrintable(shown));
                } else {
                    QVERIFY2(run.exitCode == 0 && run.error.isEmpty(), qPrintable(shown));
                }
                QString problem;
                if (text.startsWith(QLatin1String("sysctl ")) || text.startsWith(QLatin1String("unshare -n sysctl "))) {
                    // A fresh namespace has the same values as this one, which changed none of them.
                    problem = checkSysctl(text, run.out);
                } else if (text.startsWith(QLatin1String("nstat -az "))) {
                    problem = checkNstat(text, run.out);
                    const QMap<QString, qint64> now = nstatCounters();
                    qint64 aborts = 0;
                    for (const auto &[name, value] : counted) {
                        if (!text.contains(name + QLatin1Char(' ')) && !text.endsWith(name))
                            continue;
                        problem += now.value(name) == value ? QString() : QStringLiteral(" %1 should be %2").arg(name).arg(value);
                        aborts += name.startsWith(QLatin1String("TcpExtTCPAbortOn")) ? now.value(name) : 0;
                    }
                    // Every RST here came from one of the two aborts: shown next to the RSTs,
                    // the abort counters must account for each of them.
                    if (text.contains(QLatin1String("TcpOutRsts")) && aborts != now.value(QStringLiteral("TcpOutRsts")))
                        problem += QStringLiteral(" the abort counters shown add up to %1, not to TcpOutRsts").arg(aborts);
                } else if (const auto check = checks.find(text); check != checks.end()) {
                    problem = check->second(run.out);
                } else if (!absentFile) {
                    problem = QStringLiteral("no check for what this command shows");
                }
                QVERIFY2(problem.isEmpty(), qPrintable(shown + QStringLiteral("\n-> ") + problem));
                ++checked;
            }
        }
        QVERIFY(checked >= 25);
        // Each entry and each mix-up has commands.
        for (const SysctlEntry &entry : SysctlCatalog::entries())
            QVERIFY2(!SeeItYourself::forKey(entry.key()).empty(), entry.name);
        for (const MixUp &mixUp : MixUpCatalog::entries())
            QVERIFY2(!SeeItYourself::forKey(QLatin1String(mixUp.id)).empty(), mixUp.id);
        for (const int fd : fds)
            close(fd);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestSeeItYourself, QCoreApplication)
#include "tst_seeityourself.moc"