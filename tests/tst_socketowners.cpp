#include "netnstestmain.h"
#include "ownerattribution.h"

#include <QCoreApplication>
#include <QTest>

// Owners of real sockets held by real processes of this test, and whom their TIME-WAIT is
// attributed to, in a namespace of the test's own.
class TestSocketOwners : public QObject
{
    Q_OBJECT

private slots:
    // The entries counted below are as many as the closes that made them (noTimeWaitTakeover).
    void initTestCase() { QVERIFY(noTimeWaitTakeover()); }

    // A server that closes first: its TIME-WAIT sits on the port it listens on.
    void serverClosingFirstIsFoundByItsListener()
    {
        constexpr quint16 Port = 7101;
        Child server = spawn("tw-server", [](int commands, int answers) {
            const int listener = listenOn(Port);
            say(answers);
            for (int i = 0; i < 3; ++i) {
                const int accepted = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
                ::close(accepted); // the server closes first
            }
            hear(commands); // holds the listener until told
        });
        QVERIFY(server.receive());
        for (int i = 0; i < 3; ++i) {
            const int client = connectTo(Port);
            QVERIFY(client >= 0);
            waitForEof(client);
            ::close(client);
        }
        const auto onPort = [](const SocketRecord &r) { return r.localPort == Port; };
        QVERIFY(waitForTimeWait(3, onPort));

        SnapshotCollector collector({});
        const auto snapshot = collect(collector);
        QVERIFY(snapshot);
        const Attributed owners = timeWaitOwners(*snapshot, onPort);
        QCOMPARE(owners.count, 3);
        QVERIFY(!owners.mixed);
        QCOMPARE(int(owners.evidence), int(OwnerEvidence::Listener));
        // The holders of the listener, one process here; no pid: which process closed is not known.
        QCOMPARE(owners.pid, 0u);
        QCOMPARE(owners.processes, 1u);
        QCOMPARE(owners.command, std::string("tw-server"));
        // ...and the aggregate says the same.
        const auto &byOwner = snapshot->owners.timeWaitByOwner;
        const auto it = std::find_if(byOwner.begin(), byOwner.end(), [&](const OwnerTimeWait &e) {
            return snapshot->owners.owner(e.owner)->command == "tw-server";
        });
        QVERIFY(it != byOwner.end());
        QCOMPARE(it->count, 3u);
        QCOMPARE(it->listener, 3u);
        QCOMPARE(snapshot->owners.scope, OwnerScope::AllProcesses);

        // The window's by-process view says the same...
        TimeWaitByProcessModel model;
        model.setSnapshot(snapshot);
        const auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
        int serverRow = -1;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (cell(row, TimeWaitByProcessModel::Process) == QStringLiteral("tw-server"))
                serverRow = row;
        }
        QVERIFY(serverRow >= 0);
        QCOMPARE(cell(serverRow, TimeWaitByProcessModel::Pid), QString());
        QCOMPARE(cell(serverRow, TimeWaitByProcessModel::Count), QStringLiteral("3"));
        QCOMPARE(cell(serverRow, TimeWaitByProcessModel::How), QStringLiteral("listener"));
        QVERIFY(
            model.index(serverRow, TimeWaitByProcessModel::How).data(Qt::ToolTipRole).toString().startsWith("3 via listener"));
        QCOMPARE(model.scopeText(), QStringLiteral("Owners from all processes."));

        // ...and so does a recording of it (the agent's stream): its table carries no owners, its
        // JSON the attribution by process.
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("owners.sockrec")).toStdString();
        RecordingWriter writer;
        CoreMessage error;
        QVERIFY(writer.open(path, RecordingWriter::Header(), &error));
        QVERIFY(writer.writeSnapshot(*snapshot));
        QVERIFY(writer.close());
        Recording recording;
        QString readError;
        QVERIFY2(recording.read(QString::fromStdString(path), &readError), qPrintable(readError));
        const SnapshotPtr replayed = recording.loadSnapshot(0, &readError);
        QVERIFY2(replayed, qPrintable(readError));
        QCOMPARE(replayed->owners.scope, OwnerScope::AllProcesses);
        const auto &recorded = replayed->owners.timeWaitByOwner;
        const auto entry = std::find_if(recorded.begin(), recorded.end(), [&](const OwnerTimeWait &e) {
            return replayed->owners.owner(e.owner)->command == "tw-server";
        });
        QVERIFY(entry != recorded.end());
        QCOMPARE(replayed->owners.owner(entry->owner)->pid, 0u);
        QCOMPARE(replayed->owners.owner(entry->owner)->processes, 1u);
        QCOMPARE(entry->listener, 3u);
        // The OWNERS frame before the table gives every row its owner again.
        QCOMPARE(replayed->owners.perSocket.size(), replayed->sockets.size());
        const Attributed again = timeWaitOwners(*replayed, onPort);
        QCOMPARE(again.count, 3);
        QVERIFY(!again.mixed);
        QCOMPARE(int(again.evidence), int(OwnerEvidence::Listener));
        QCOMPARE(again.pid, 0u);
        QCOMPARE(again.processes, 1u);
        QCOMPARE(again.command, std::string("tw-server"));

        // A damaged owner table is refused whole, never half applied.
        std::vector<std::uint32_t> order;
        SocketTableCodec::encode(snapshot->sockets, &order);
        const std::string ownerBytes = OwnerTableCodec::encode(snapshot->owners, order);
        SocketOwnership decoded;
        QVERIFY(OwnerTableCodec::decode(ownerBytes, std::uint32_t(order.size()), &decoded));
        QCOMPARE(decoded.perSocket.size(), order.size());
        QVERIFY(!OwnerTableCodec::decode(ownerBytes, std::uint32_t(order.size() + 1), &decoded)); // another table's
        for (std::size_t cut = 0; cut < ownerBytes.size(); cut += 7) {
            SocketOwnership untouched;
            QVERIFY(
                !OwnerTableCodec::decode(std::string_view(ownerBytes).substr(0, cut), std::uint32_t(order.size()), &untouched));
            QVERIFY(untouched.owners.empty() && untouched.perSocket.empty());
        }
        server.send();
        server.reap();
    }

    // Socket activation in miniature (issue 22): a parent ("tw-activator", as systemd for a socket
    // unit) makes the listener and keeps it; its child ("tw-service") inherits it, accepts and
    // closes first. Nobody saw the connections live, so they are attributed via the listener:
    // to the two processes holding it, never to the parent's pid as the one that closed them.
    void listenerHeldByTwoProcessesNamesBoth()
    {
        constexpr quint16 Port = 7107;
        constexpr int Connections = 5;
        Child activator = spawn("tw-activator", [](int commands, int answers) {
            const int listener = listenOn(Port);
            const pid_t service = ::fork();
            if (service == 0) {
                ::prctl(PR_SET_NAME, "tw-service");
                for (int i = 0; i < Connections; ++i)
                    ::close(::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC)); // the service closes first
                for (;;)
                    ::pause(); // serving on, the listener held
            }
            say(answers);
            hear(commands);
            ::kill(service, SIGKILL);
            ::waitpid(service, nullptr, 0);
        });
        QVERIFY(activator.receive());
        for (int i = 0; i < Connections; ++i) {
            const int client = connectTo(Port);
            QVERIFY(client >= 0);
            waitForEof(client);
            ::close(client);
        }
        const auto onPort = [](const SocketRecord &r) { return r.localPort == Port; };
        QVERIFY(waitForTimeWait(Connections, onPort));

        SnapshotCollector collector({});
        const auto snapshot = collect(collector);
        QVERIFY(snapshot);
        const Attributed owners = timeWaitOwners(*snapshot, onPort);
        QCOMPARE(owners.count, Connections);
        QVERIFY(!owners.mixed);
        QCOMPARE(int(owners.evidence), int(OwnerEvidence::Listener));
        QCOMPARE(owners.pid, 0u); // not the activator's: it never served
        QCOMPARE(owners.processes, 2u);
        QCOMPARE(owners.command, std::string("tw-activator, tw-service"));

        TimeWaitByProcessModel model;
        model.setSnapshot(snapshot);
        const auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
        int row = -1;
        for (int r = 0; r < model.rowCount(); ++r) {
            if (cell(r, TimeWaitByProcessModel::Process) == QStringLiteral("tw-activator, tw-service ×2 processes"))
                row = r;
        }
        QVERIFY(row >= 0);
        QCOMPARE(cell(row, TimeWaitByProcessModel::Pid), QString());
        QCOMPARE(cell(row, TimeWaitByProcessModel::How), QStringLiteral("listener"));
        const QString how = model.index(row, TimeWaitByProcessModel::How).data(Qt::ToolTipRole).toString();
        QVERIFY2(how.startsWith(QStringLiteral("5 via listener")), qPrintable(how));
        QVERIFY2(how.contains(QStringLiteral("may be another")), qPrintable(how));

        // --once says the same, in JSON and in text.
        const ProcessRun json = ProcessRun::run(QStringLiteral(SOCKSCOPE_AGENT), {"--once", "--format", "json"});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject entry = byProcessEntry(json.out, QStringLiteral("tw-activator, tw-service"));
        QVERIFY2(!entry.isEmpty(), json.out.constData());
        QVERIFY(entry.value("pid").isNull());
        QCOMPARE(entry.value("processes").toInt(), 2);
        QCOMPARE(entry.value("listener").toInt(), Connections);
        QCOMPARE(entry.value("exact").toInt(), 0);
        const ProcessRun text = ProcessRun::run(QStringLiteral(SOCKSCOPE_AGENT), {"--once", "--format", "text"});
        QCOMPARE(text.exitCode, 0);
        const QString report = QString::fromUtf8(text.out);
        QVERIFY2(report.contains(QStringLiteral("tw-activator, tw-service (2 processes holding the listener) ×5")),
                 qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("not necessarily the one that served and closed")), qPrintable(report));
        QVERIFY2(!report.contains(QStringLiteral("tw-activator[")), qPrintable(report));
        activator.send();
        activator.reap();
    }

    // A client seen holding its connections, which then closes first and exits: its TIME-WAIT
    // carries the cookie of a socket it was seen owning.
    void clientSeenBeforeClosingIsExact()
    {
        constexpr quint16 Port = 7102;
        const int listener = listenOn(Port);
        QVERIFY(listener >= 0);
        Child client = spawn("tw-client", [](int commands, int answers) {
            const int a = connectTo(Port), b = connectTo(Port);
            say(answers);
            hear(commands);
            ::close(a); // the client closes first
            ::close(b);
            say(answers);
        });
        QVERIFY(client.receive());
        const int first = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC),
                  second = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        SnapshotCollector collector({});
        const auto before = collect(collector);
        QVERIFY(before);
        // A second look with no pass over /proc in between: the owners come from the cookie
        // memory now (SocketOwnerTracker's shortcut) and must be the same.
        const auto again = collect(collector);
        QVERIFY(again);
        const auto fromClient = [](const SocketRecord &r) { return r.remotePort == Port && r.state == TcpState::Established; };
        for (const auto &snapshot : {before, again}) {
            int held = 0;
            for (std::size_t i = 0; i < snapshot->sockets.size(); ++i) {
                if (!fromClient(snapshot->sockets[i]))
                    continue;
                const OwnerRef *ref = snapshot->owners.of(i);
                QVERIFY(ref && ref->evidence == OwnerEvidence::Descriptor);
                QCOMPARE(snapshot->owners.owner(ref->owner)->command, std::string("tw-client"));
                ++held;
            }
            QCOMPARE(held, 2);
        }

        client.send();
        QVERIFY(client.receive());
        waitForEof(first);
        waitForEof(second);
        ::close(first);
        ::close(second);
        const std::uint32_t pid = std::uint32_t(client.pid);
        client.reap(); // gone: the attribution comes from memory, not from /proc
        const auto towardsPort = [](const SocketRecord &r) { return r.remotePort == Port; };
        QVERIFY(waitForTimeWait(2, towardsPort));
        const auto after = collect(collector);
        QVERIFY(after);
        const Attributed owners = timeWaitOwners(*after, towardsPort);
        QCOMPARE(owners.count, 2);
        QVERIFY(!owners.mixed);
        QCOMPARE(int(owners.evidence), int(OwnerEvidence::Exact));
        QCOMPARE(owners.pid, pid);
        QCOMPARE(owners.command, std::string("tw-client"));
        ::close(listener);
    }

    // A client that came and went between two samples was never seen: no exact attribution. With
    // nobody else connected to that server it stays unattributed; with one other process
    // connected there it is that process's, marked as the guess it is.
    void shortLivedClientIsNeverAttributedExactly()
    {
        constexpr quint16 Lonely = 7103, Shared = 7104;
        const int lonely = listenOn(Lonely), shared = listenOn(Shared);
        QVERIFY(lonely >= 0 && shared >= 0);
        Child holder = spawn("tw-holder", [](int commands, int answers) {
            const int held = connectTo(Shared);
            say(answers);
            hear(commands);
            ::close(held);
        });
        QVERIFY(holder.receive());
        const int heldAccepted = ::accept4(shared, nullptr, nullptr, SOCK_CLOEXEC);
        SnapshotCollector collector({});
        QVERIFY(collect(collector));

        for (const quint16 port : {Lonely, Shared}) {
            Child brief = spawn("tw-brief", [port](int, int answers) {
                const int fd = connectTo(port);
                ::close(fd); // closes first, before any sample saw it
                say(answers);
            });
            QVERIFY(brief.receive());
            const int accepted = ::accept4(port == Lonely ? lonely : shared, nullptr, nullptr, SOCK_CLOEXEC);
            waitForEof(accepted);
            ::close(accepted);
            brief.reap();
        }
        const auto towards = [](quint16 port) { return [port](const SocketRecord &r) { return r.remotePort == port; }; };
        QVERIFY(waitForTimeWait(1, towards(Lonely)));
        QVERIFY(waitForTimeWait(1, towards(Shared)));
        const auto snapshot = collect(collector);
        QVERIFY(snapshot);
        const Attributed alone = timeWaitOwners(*snapshot, towards(Lonely));
        QCOMPARE(alone.count, 1);
        QCOMPARE(int(alone.evidence), int(OwnerEvidence::None));
        const Attributed guessed = timeWaitOwners(*snapshot, towards(Shared));
        QCOMPARE(guessed.count, 1);
        QCOMPARE(int(guessed.evidence), int(OwnerEvidence::Likely));
        QCOMPARE(guessed.pid, std::uint32_t(holder.pid));
        QCOMPARE(guessed.command, std::string("tw-holder"));
        holder.send();
        holder.reap();
        ::close(heldAccepted);
        ::close(lonely);
        ::close(shared);
    }

    // An unprivileged run reads only its own processes' descriptors, and says so.
    void unprivilegedRunSeesOnlyItsOwn()
    {
        if (::getuid() != 0 || ::access("/usr/bin/setpriv", X_OK) != 0)
            QSKIP("needs real root (to run as uid 65534) and setpriv");
        constexpr quint16 Port = 7105;
        const int listener = listenOn(Port);
        QVERIFY(listener >= 0);
        Child nobody = spawn("tw-nobody", [](int commands, int answers) {
            if (::setresgid(65534, 65534, 65534) != 0 || ::setresuid(65534, 65534, 65534) != 0)
                ::_exit(1);
            ::prctl(PR_SET_DUMPABLE, 1); // a changed uid leaves a process undumpable: /proc/PID/fd root's
            const int fd = connectTo(Port);
            say(answers);
            hear(commands);
            ::close(fd);
        });
        if (!nobody.receive())
            QSKIP("uid 65534 is not usable here");
        const int accepted = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);

        const ProcessRun run = ProcessRun::run(
            QStringLiteral("/usr/bin/setpriv"),
            {"--reuid=65534", "--regid=65534", "--clear-groups", SOCKSCOPE_AGENT, "--once", "--format", "json", "--sockets"});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(json.value("owners").toObject().value("scope").toString(), QStringLiteral("own-processes"));
        QVERIFY(json.value("owners").toObject().value("processes_unreadable").toInt() > 0);
        int own = 0, others = 0;
        for (const QJsonValue &value : json.value("sockets").toArray()) {
            const QJsonObject socket = value.toObject();
            const QJsonObject owner = socket.value("owner").toObject();
            if (socket.value("state").toString() != QStringLiteral("ESTABLISHED"))
                continue;
            if (socket.value("remote_port").toInt() == Port) {
                ++own;
                QCOMPARE(owner.value("pid").toInt(), int(nobody.pid));
                QCOMPARE(owner.value("command").toString(), QStringLiteral("tw-nobody"));
                QCOMPARE(owner.value("user").toString(), QStringLiteral("nobody"));
                QCOMPARE(owner.value("evidence").toString(), QStringLiteral("fd"));
            } else if (socket.value("local_port").toInt() == Port) {
                ++others; // the test's (root's) end: no process may be named
                QVERIFY2(owner.value("evidence").toString() != QStringLiteral("fd"), QJsonDocument(socket).toJson().constData());
            }
        }
        QCOMPARE(own, 1);
        QCOMPARE(others, 1);
        nobody.send();
        nobody.reap();
        ::close(accepted);
        ::close(listener);
    }

    void unitNames()
    {
        QCOMPARE(CgroupNames::unitOf("/system.slice/nginx.service"), std::string("nginx.service"));
        QCOMPARE(CgroupNames::unitOf("/user.slice/user-1000.slice/user@1000.service/app.slice/app-firefox.scope"),
                 std::string("app-firefox.scope"));
        QCOMPARE(
            CgroupNames::unitOf("/system.slice/docker-3f2a1b9c0d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8.scope"),
            std::string("docker:3f2a1b9c0d4e"));
        QCOMPARE(CgroupNames::unitOf("/kubepods.slice/kubepods-burstable.slice/cri-containerd-0123456789abcdef0123.scope"),
                 std::string("containerd:0123456789ab"));
        QCOMPARE(CgroupNames::unitOf("/machine/qemu"), std::string("qemu"));
        QCOMPARE(CgroupNames::unitOf("/"), std::string());
        QCOMPARE(CgroupNames::mountPoint("30 25 0:27 / /sys/fs/cgroup/unified rw,nosuid - cgroup2 cgroup2 rw\n"),
                 std::string("/sys/fs/cgroup/unified"));
        QCOMPARE(CgroupNames::mountPoint("30 25 0:27 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n"), std::string());
    }

    // The socket's cgroup id as the kernel sends it is the inode number of its cgroup directory.
    void cgroupIdIsTheCgroupDirectory()
    {
        const int listener = listenOn(7106);
        QVERIFY(listener >= 0);
        CgroupIdTable table;
        SockDiagCollector diag;
        SockDiagCollector::Request request;
        request.cgroups = &table;
        std::vector<SocketRecord> records;
        QVERIFY(diag.dump(request, records).ok);
        const auto it = std::find_if(records.begin(), records.end(), [](const SocketRecord &r) { return r.localPort == 7106; });
        QVERIFY(it != records.end());
        QVERIFY(it->cgroupSlot != 0);
        const std::string mount = CgroupNames::mountPoint(ProcFile::read("/proc/self/mountinfo").contents);
        if (mount.empty())
            QSKIP("no cgroup2 mount");
        const std::string ownPath = ProcFile::read("/proc/self/cgroup").contents;
        const auto line = ownPath.find("0::");
        QVERIFY(line != std::string::npos);
        std::string path = ownPath.substr(line + 3, ownPath.find('\n', line) - line - 3);
        struct stat status
        {
        };
        QCOMPARE(::stat((mount + path).c_str(), &status), 0);
        QCOMPARE(table.idOf(it->cgroupSlot), std::uint64_t(status.st_ino));
        CgroupNames names;
        QCOMPARE(names.pathOf(table.idOf(it->cgroupSlot), 0), path);
        ::close(listener);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestSocketOwners, QCoreApplication)
#include "tst_socketowners.moc"
