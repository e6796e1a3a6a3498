#include "netnstestmain.h"
#include "ownerattribution.h"

#include <QCoreApplication>
#include <QTest>

// Whom clients' TIME-WAIT is attributed to, when no process was seen holding the connection:
// the processes of one command with live connections to the same place, merged by command,
// user and cgroup. Real processes and sockets, in a namespace of the test's own.
class TestClientOwners : public QObject
{
    Q_OBJECT

private slots:
    // The entries counted below are as many as the closes that made them (noTimeWaitTakeover).
    void initTestCase() { QVERIFY(noTimeWaitTakeover()); }

    // A pre-fork client: workers of one command, each holding a connection to one server and
    // making short calls there that it closes first, never seen live. Their TIME-WAIT is one
    // owner's (the workers together, no pid), not "not attributed" because there are several
    // pids. A connection there that no process holds (passed over a unix socket, then closed by
    // its sender) does not cancel that owner: "likely, 1 unknown". When the workers' own
    // connections are gone, the owner found before holds.
    void preForkClientIsOneOwner()
    {
        constexpr quint16 Port = 7108;
        constexpr int Workers = 4, Calls = 5;
        const int listener = listenOn(Port);
        QVERIFY(listener >= 0);
        std::vector<std::thread> served;
        std::thread server = serveClientsClosingFirst(listener, Workers * (Calls + 1) + 1, served);
        Child pool = spawn("tw-pool", [](int commands, int answers) {
            int ready[2];
            if (::pipe(ready) != 0)
                ::_exit(1);
            pid_t workers[Workers];
            for (pid_t &worker : workers) {
                worker = ::fork();
                if (worker != 0)
                    continue;
                const int held = connectTo(Port); // closed first when the worker ends
                for (int c = 0; c < Calls; ++c)
                    ::close(connectTo(Port));
                say(ready[1]);
                (void)held;
                for (;;)
                    ::pause();
            }
            for (int w = 0; w < Workers; ++w)
                hear(ready[0]);
            say(answers);
            hear(commands);
            for (const pid_t worker : workers) {
                ::kill(worker, SIGKILL);
                ::waitpid(worker, nullptr, 0);
            }
        });
        int pair[2] = {-1, -1};
        bool poolEnded = false;
        // However the test ends: the pool, the passed connection and the server's threads go.
        const Cleanup cleanup {[&] {
            if (!poolEnded) {
                pool.send();
                pool.reap();
            }
            for (const int fd : pair)
                ::close(fd); // frees the passed connection: the server's read ends
            ::shutdown(listener, SHUT_RDWR);
            server.join();
            for (std::thread &thread : served)
                thread.join();
            ::close(listener);
        }};
        QVERIFY(pool.receive());
        const auto towardsPort = [](const SocketRecord &r) { return r.remotePort == Port; };
        QVERIFY(waitForTimeWait(Workers * Calls, towardsPort));
        {
            SnapshotCollector fresh({});
            const auto snapshot = collect(fresh);
            QVERIFY(snapshot);
            const Attributed owners = timeWaitOwners(*snapshot, towardsPort);
            QVERIFY2(isGuessOf(owners, "tw-pool", Workers, Workers * Calls, OwnerEvidence::Likely), describe(owners).c_str());
        }

        // A connection to the same server that no process holds: sent over a unix socket, then closed.
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
        const int passed = connectTo(Port);
        QVERIFY(passed >= 0);
        QVERIFY(sendDescriptor(pair[0], passed));
        ::close(passed);
        SnapshotCollector collector({});
        const auto before = collect(collector);
        QVERIFY(before);
        const Attributed guessed = timeWaitOwners(*before, towardsPort);
        QVERIFY2(isGuessOf(guessed, "tw-pool", Workers, Workers * Calls, OwnerEvidence::LikelyUnknown),
                 describe(guessed).c_str());
        const OwnerTimeWait *counts = byCommand(before->owners, "tw-pool");
        QVERIFY(counts);
        QCOMPARE(counts->count, std::uint32_t(Workers * Calls));
        QCOMPARE(counts->likelyUnknown, std::uint32_t(Workers * Calls));
        QCOMPARE(counts->unknownLive, 1u);

        // --once says the same, in JSON and in text.
        const ProcessRun json = ProcessRun::run(QStringLiteral(SOCKSCOPE_AGENT), {"--once", "--format", "json"});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject entry = byProcessEntry(json.out, QStringLiteral("tw-pool"));
        QVERIFY2(!entry.isEmpty(), json.out.constData());
        QVERIFY(entry.value("pid").isNull());
        QCOMPARE(entry.value("processes").toInt(), Workers);
        QCOMPARE(entry.value("count").toInt(), Workers * Calls);
        QCOMPARE(entry.value("likely_unknown").toInt(), Workers * Calls);
        QCOMPARE(entry.value("unknown_connections").toInt(), 1);
        const ProcessRun text = ProcessRun::run(QStringLiteral(SOCKSCOPE_AGENT), {"--once", "--format", "text"});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(QString::fromUtf8(text.out).contains(QStringLiteral(
                     "tw-pool (4 processes with connections there) ×20 (0 exact, 0 via listener, 0 likely, 20 likely "
                     "with 1 unknown connections there, 0 by cgroup)")),
                 text.out.constData());

        // The pool ends: its workers close their held connections first (seen held: exact). No
        // process of it holds a connection there now; the owner found before holds.
        const std::uint32_t poolPid = std::uint32_t(pool.pid);
        pool.send();
        pool.reap();
        poolEnded = true;
        QVERIFY(waitForTimeWait(Workers * (Calls + 1), towardsPort));
        const auto after = collect(collector);
        QVERIFY(after);
        const Attributed exact = timeWaitOwners(
            *after, [&](const SocketRecord &r) { return towardsPort(r) && isEvidence(*after, r, OwnerEvidence::Exact); });
        QCOMPARE(exact.count, Workers);
        QVERIFY(exact.pid > poolPid); // a worker's
        QCOMPARE(exact.command, std::string("tw-pool"));
        const Attributed held = timeWaitOwners(
            *after, [&](const SocketRecord &r) { return towardsPort(r) && !isEvidence(*after, r, OwnerEvidence::Exact); });
        QVERIFY2(isGuessOf(held, "tw-pool", Workers, Workers * Calls, OwnerEvidence::LikelyUnknown), describe(held).c_str());

        // The by-process table has one row for the pool, as the chart has one line: the exact
        // entries of each worker and the guessed ones of all of them, the workers' pids listed.
        TimeWaitByProcessModel model;
        model.setSnapshot(after);
        const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
            return model.index(row, column).data(role).toString();
        };
        QStringList pools;
        int row = -1;
        for (int r = 0; r < model.rowCount(); ++r) {
            if (cell(r, TimeWaitByProcessModel::Process).startsWith(QStringLiteral("tw-pool"))) {
                pools << cell(r, TimeWaitByProcessModel::Process);
                row = r;
            }
        }
        QCOMPARE(pools, QStringList({QStringLiteral("tw-pool ×4 processes")}));
        QCOMPARE(cell(row, TimeWaitByProcessModel::Count), QString::number(Workers * (Calls + 1)));
        QCOMPARE(cell(row, TimeWaitByProcessModel::How), QStringLiteral("likely, exact"));
        QVERIFY2(cell(row, TimeWaitByProcessModel::How, Qt::ToolTipRole)
                     .startsWith(QStringLiteral("4 exact, 20 likely (with 1 connections of unknown owner there)")),
                 qPrintable(cell(row, TimeWaitByProcessModel::How, Qt::ToolTipRole)));
        const QString pids = cell(row, TimeWaitByProcessModel::Pid);
        QVERIFY2(pids.endsWith(QStringLiteral(" +3")) && pids.section(' ', 0, 0).toUInt() > poolPid, qPrintable(pids));
        QVERIFY(cell(row, TimeWaitByProcessModel::Pid, Qt::ToolTipRole).startsWith(QStringLiteral("PIDs: ")));
        QCOMPARE(cell(row, TimeWaitByProcessModel::Pid, Qt::ToolTipRole).section('\n', 0, 0).count(QLatin1Char(',')),
                 Workers - 1);
    }

    // Two clients of one command under two users (or in two containers: the unit's name alike)
    // are two owners: their TIME-WAIT towards one server is nobody's guess, not one merged owner.
    void clientsOfOneCommandAsTwoUsersAreTwoOwners()
    {
        constexpr quint16 Port = 7112;
        constexpr int Calls = 3;
        const int listener = listenOn(Port);
        QVERIFY(listener >= 0);
        std::vector<std::thread> served;
        std::thread server = serveClientsClosingFirst(listener, 2 * (Calls + 1), served);
        const auto client = [](bool nobody) {
            return [nobody](int commands, int answers) {
                if (nobody && (::setresgid(65534, 65534, 65534) != 0 || ::setresuid(65534, 65534, 65534) != 0))
                    ::_exit(1);
                const int held = connectTo(Port);
                for (int c = 0; c < Calls; ++c)
                    ::close(connectTo(Port));
                say(answers);
                hear(commands);
                ::close(held);
            };
        };
        Child root = spawn("tw-twin", client(false));
        Child nobody = spawn("tw-twin", client(true));
        const Cleanup cleanup {[&] {
            for (Child *child : {&root, &nobody}) {
                child->send();
                child->reap();
            }
            ::shutdown(listener, SHUT_RDWR);
            server.join();
            for (std::thread &thread : served)
                thread.join();
            ::close(listener);
        }};
        QVERIFY(root.receive());
        QVERIFY(nobody.receive());
        const auto towardsPort = [](const SocketRecord &r) { return r.remotePort == Port; };
        QVERIFY(waitForTimeWait(2 * Calls, towardsPort));
        SnapshotCollector collector({});
        const auto snapshot = collect(collector);
        QVERIFY(snapshot);
        const Attributed owners = timeWaitOwners(*snapshot, towardsPort);
        QVERIFY2(owners.count == 2 * Calls && !owners.mixed && owners.evidence == OwnerEvidence::None, describe(owners).c_str());
    }

    // One process known beside more connections of no known owner (in flight over a unix socket)
    // to one server: the TIME-WAIT there is nobody's guess, not "likely, 2 unknown".
    void fewKnownBesideMoreUnknownIsNoGuess()
    {
        constexpr quint16 Port = 7113;
        constexpr int Unknown = 2;
        const int listener = listenOn(Port);
        QVERIFY(listener >= 0);
        std::vector<std::thread> served;
        std::thread server = serveClientsClosingFirst(listener, 2 + Unknown, served);
        Child holder = spawn("tw-few", [](int commands, int answers) {
            const int held = connectTo(Port);
            ::close(connectTo(Port)); // closes first: one TIME-WAIT
            say(answers);
            hear(commands);
            ::close(held);
        });
        int pair[2] = {-1, -1};
        const Cleanup cleanup {[&] {
            holder.send();
            holder.reap();
            for (const int fd : pair)
                ::close(fd);
            ::shutdown(listener, SHUT_RDWR);
            server.join();
            for (std::thread &thread : served)
                thread.join();
            ::close(listener);
        }};
        QVERIFY(holder.receive());
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
        for (int i = 0; i < Unknown; ++i) {
            const int passed = connectTo(Port);
            QVERIFY(passed >= 0 && sendDescriptor(pair[0], passed));
            ::close(passed);
        }
        const auto towardsPort = [](const SocketRecord &r) { return r.remotePort == Port; };
        QVERIFY(waitForTimeWait(1, towardsPort));
        SnapshotCollector collector({});
        const auto snapshot = collect(collector);
        QVERIFY(snapshot);
        const Attributed owners = timeWaitOwners(*snapshot, towardsPort);
        QVERIFY2(owners.count == 1 && owners.evidence == OwnerEvidence::None, describe(owners).c_str());
    }

    // The by-process table merges the processes of one command and unit of one user only: two
    // users' tw-twin are two rows, each with its own pid.
    void byProcessRowsKeepUsersApart()
    {
        auto snapshot = std::make_shared<Snapshot>();
        snapshot->owners.scope = OwnerScope::AllProcesses;
        snapshot->owners.owners = {SocketOwner {101, 0, "tw-twin", "root", "", 1, ""},
                                   SocketOwner {102, 65534, "tw-twin", "nobody", "", 1, ""},
                                   SocketOwner {103, 0, "tw-twin", "root", "", 1, ""}};
        for (std::uint32_t owner = 1; owner <= 3; ++owner) {
            OwnerTimeWait counts;
            counts.owner = owner;
            counts.count = counts.exact = 4 - owner;
            snapshot->owners.timeWaitByOwner.push_back(counts);
        }
        TimeWaitByProcessModel model;
        model.setSnapshot(snapshot);
        QStringList rows;
        for (int r = 0; r < model.rowCount(); ++r)
            rows << model.index(r, TimeWaitByProcessModel::Pid).data().toString() + QLatin1Char(' ')
                    + model.index(r, TimeWaitByProcessModel::Count).data().toString();
        QCOMPARE(rows, QStringList({QStringLiteral("101 +1 4"), QStringLiteral("102 2")}));
    }

    // "Likely, N unknown" in a socket table's OWNERS frame is stored as likely: a 0.2 reader
    // refuses a frame with an evidence byte it does not know (it accepts 0 to 5), and the frame
    // reads back with every row's owner.
    void likelyUnknownTableIsReadByOlderReaders()
    {
        SocketOwnership ownership;
        ownership.scope = OwnerScope::AllProcesses;
        SocketOwner pool;
        pool.command = "tw-pool";
        pool.processes = 4;
        ownership.owners.push_back(pool);
        ownership.perSocket = {{1, OwnerEvidence::LikelyUnknown}, {1, OwnerEvidence::Likely}, {0, OwnerEvidence::None}};
        const std::string encoded = OwnerTableCodec::encode(ownership, {0, 1, 2});
        SocketOwnership decoded;
        QVERIFY(OwnerTableCodec::decode(encoded, 3, &decoded));
        QCOMPARE(decoded.perSocket.size(), std::size_t(3));
        QCOMPARE(int(decoded.perSocket[0].evidence), int(OwnerEvidence::Likely));
        QCOMPARE(decoded.perSocket[0].owner, 1u);
        QCOMPARE(int(decoded.perSocket[1].evidence), int(OwnerEvidence::Likely));
        QCOMPARE(decoded.owners[0].processes, 4u);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestClientOwners, QCoreApplication)
#include "tst_clientowners.moc"
