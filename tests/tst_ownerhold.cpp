#include "netnstestmain.h"
#include "ownedsockets.h"
#include "core/collect/sockdiagcollector.h"
#include "core/owners/clientendpoints.h"
#include "core/owners/socketownertracker.h"
#include "core/snapshot/snapshotjsonwriter.h"
#include "core/stream/recordingwriter.h"
#include "recording/recording.h"
#include "core/snapshot/snapshottextreport.h"
#include "itemmodels/timewaitbyprocessmodel.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <string>
#include <thread>

namespace {

// A monotonic time far from 0, as a real clock's: the tracker is given it, never reads one.
constexpr std::int64_t T0 = 1'000'000;
// Client TIME-WAIT of no known owner that grew by this many asks for a pass (GrowthForPass).
constexpr int GrowthForPass = 16;
// TIME-WAIT entries each test's client makes before anything else.
constexpr int Calls = 3;

// waitForTimeWait() for up to 10 s, not 2: each entry waits for a server thread of this process
// to read the client's FIN and close, which on a loaded machine can take longer.
bool settledTimeWait(int count, const std::function<bool(const SocketRecord &)> &which)
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (waitForTimeWait(count, which))
            return true;
    }
    return false;
}

// One dump of this namespace, split as SnapshotAggregator splits it for the tracker.
struct Dump
{
    std::vector<SocketRecord> sockets;
    SocketPartition partition;
    CgroupIdTable cgroups;
};

std::unique_ptr<Dump> dumpNow()
{
    auto dump = std::make_unique<Dump>();
    SockDiagCollector diag;
    SockDiagCollector::Request request;
    request.cgroups = &dump->cgroups;
    if (!diag.dump(request, dump->sockets).ok)
        return nullptr;
    for (std::size_t i = 0; i < dump->sockets.size(); ++i)
        dump->partition.add(dump->sockets[i], std::uint32_t(i));
    return dump;
}

// The TIME-WAIT entries towards `port`, not found exactly: what a hold or a guess attributes.
struct Guessed
{
    int count = 0;
    int likely = 0; // by "likely" to `command`
};

Guessed guessedTowards(SocketOwnerTracker &tracker, std::int64_t nowMs, quint16 port, const std::string &command)
{
    Guessed result;
    const std::unique_ptr<Dump> dump = dumpNow();
    if (!dump)
        return result;
    const SocketOwnership ownership = tracker.attribute(dump->sockets, dump->partition, dump->cgroups, nowMs);
    for (std::size_t i = 0; i < dump->sockets.size(); ++i) {
        const SocketRecord &r = dump->sockets[i];
        const OwnerRef *ref = ownership.of(i);
        if (r.state != TcpState::TimeWait || r.remotePort != port || (ref && ref->evidence == OwnerEvidence::Exact))
            continue;
        ++result.count;
        const SocketOwner *owner = ref ? ownership.owner(ref->owner) : nullptr;
        result.likely += owner && owner->command == command && ref->evidence == OwnerEvidence::Likely;
    }
    return result;
}

// A server on `port` in this process that serves `connections`, each closed by its client first.
class ServerClosingLast
{
public:
    ServerClosingLast(quint16 port, int connections)
        : m_listener(listenOn(port))
        , m_server(serveClientsClosingFirst(m_listener, connections, m_served))
    {
    }
    ~ServerClosingLast()
    {
        ::shutdown(m_listener, SHUT_RDWR);
        m_server.join();
        for (std::thread &thread : m_served)
            thread.join();
        ::close(m_listener);
    }
    bool listening() const { return m_listener >= 0; }

private:
    int m_listener;
    std::vector<std::thread> m_served;
    std::thread m_server;
};

// A client process `name` of a ServerClosingLast that holds one connection to it and made
// `calls` others, closed first (its TIME-WAIT). Told once, it closes the held connection (its
// TIME-WAIT is then exact); told again, it exits.
class ClientOfServer
{
public:
    ClientOfServer(const char *name, quint16 port, int calls, int moreConnections = 0)
        : m_port(port)
        , m_server(port, 1 + calls + moreConnections)
    {
        m_client = spawn(name, [port, calls](int commands, int answers) {
            const int held = connectTo(port);
            for (int c = 0; c < calls; ++c)
                ::close(connectTo(port));
            say(answers);
            hear(commands);
            ::close(held);
            say(answers);
            hear(commands);
        });
        m_ready = m_server.listening() && m_client.receive()
            && settledTimeWait(calls, [port](const SocketRecord &r) { return r.remotePort == port; });
        m_timeWait = calls;
    }
    ~ClientOfServer() { exit(); }
    bool ready() const { return m_ready; }
    pid_t pid() const { return m_client.pid; }
    bool closeHeld()
    {
        m_client.send();
        return m_client.receive()
            && settledTimeWait(++m_timeWait, [this](const SocketRecord &r) { return r.remotePort == m_port; });
    }
    void exit()
    {
        if (m_client.pid <= 0)
            return;
        ::kill(m_client.pid, SIGKILL);
        m_client.reap();
    }
    // `n` connections from this process to the server, closed first: TIME-WAIT no pass over /proc saw held.
    bool unseenTimeWait(int n)
    {
        for (int i = 0; i < n; ++i)
            ::close(connectTo(m_port));
        m_timeWait += n;
        return settledTimeWait(m_timeWait, [this](const SocketRecord &r) { return r.remotePort == m_port; });
    }

private:
    quint16 m_port;
    ServerClosingLast m_server;
    Child m_client;
    bool m_ready = false;
    int m_timeWait = 0;
};

// A hold to begin with: at T0 the client's Calls entries are its (Likely, confirmed by its
// live connection), then it closes that connection, and no live one confirms it any more.
bool heldFromT0(SocketOwnerTracker &tracker, ClientOfServer &client, quint16 port, const std::string &command)
{
    const Guessed g = guessedTowards(tracker, T0, port, command);
    return client.ready() && g.count == Calls && g.likely == Calls && client.closeHeld();
}

}

// How long a client's likely owner is held, what ends the hold, and when the TIME-WAIT nobody
// owns asks for a pass over /proc: SocketOwnerTracker driven with a clock of the test's, over real
// sockets and processes in a namespace of the test's own.
class TestOwnerHold : public QObject
{
    Q_OBJECT

private slots:
    // The entries counted below are as many as the closes that made them (noTimeWaitTakeover).
    void initTestCase() { QVERIFY(noTimeWaitTakeover()); }

    // The hold lasts 65 s after live processes last confirmed the owner (an entry's 60 s and a
    // sample): still at 64 s, gone at 66 s, though its process still runs.
    void holdEndsAfterSixtyFiveSeconds()
    {
        constexpr quint16 Port = 7301;
        ClientOfServer client("tw-hold", Port, Calls);
        SocketOwnerTracker tracker;
        QVERIFY(heldFromT0(tracker, client, Port, "tw-hold"));
        Guessed g = guessedTowards(tracker, T0 + 64'000, Port, "tw-hold");
        QCOMPARE(g.count, Calls);
        QCOMPARE(g.likely, Calls);
        g = guessedTowards(tracker, T0 + 66'000, Port, "tw-hold");
        QCOMPARE(g.count, Calls);
        QCOMPARE(g.likely, 0);
    }

    // A held owner whose process has exited makes no more entries: the next pass over /proc ends
    // its hold, well before 65 s.
    void holdEndsWhenItsProcessExits()
    {
        constexpr quint16 Port = 7302;
        ClientOfServer client("tw-gone", Port, Calls);
        SocketOwnerTracker tracker;
        QVERIFY(heldFromT0(tracker, client, Port, "tw-gone"));
        QCOMPARE(guessedTowards(tracker, T0 + 10'000, Port, "tw-gone").likely, Calls); // held
        client.exit();
        // A socket no pass has seen: the next attribution but one walks /proc.
        const int unseen = listenOn(Port + 100);
        QVERIFY(unseen >= 0);
        const std::uint64_t passes = tracker.processes().passes();
        QCOMPARE(guessedTowards(tracker, T0 + 20'000, Port, "tw-gone").likely, Calls);
        QCOMPARE(tracker.processes().passes(), passes);
        const Guessed after = guessedTowards(tracker, T0 + 25'000, Port, "tw-gone");
        QCOMPARE(tracker.processes().passes(), passes + 1);
        QCOMPARE(after.count, Calls);
        QCOMPARE(after.likely, 0);
        ::close(unseen);
    }

    // Entries that only an unconfirmed hold attributes may be a newer client's: when they grow,
    // a pass over /proc is due as for entries of no owner.
    void entriesOfAnUnconfirmedHoldAskForAPass()
    {
        constexpr quint16 Port = 7303;
        ClientOfServer client("tw-old", Port, Calls, GrowthForPass);
        SocketOwnerTracker tracker;
        QVERIFY(heldFromT0(tracker, client, Port, "tw-old"));
        QVERIFY(!tracker.walkDue(T0 + 5'000));
        QVERIFY(client.unseenTimeWait(GrowthForPass)); // this process's, never seen held
        QCOMPARE(guessedTowards(tracker, T0 + 10'000, Port, "tw-old").likely, Calls + GrowthForPass);
        QVERIFY(tracker.walkDue(T0 + 15'000));
    }

    // Client TIME-WAIT of no known owner that keeps growing asks for a pass at most every 30 s:
    // a growth 5 s after the pass it asked for waits.
    void growthPassesAreRateLimited()
    {
        constexpr quint16 Port = 7304;
        ClientOfServer client("tw-rate", Port, 0, 3 * GrowthForPass);
        QVERIFY(client.ready());
        QVERIFY(client.closeHeld()); // one entry of a process gone before any pass
        client.exit();
        SocketOwnerTracker tracker;
        QCOMPARE(guessedTowards(tracker, T0, Port, "").count, 1);
        QCOMPARE(tracker.processes().passes(), 1u);
        QVERIFY(client.unseenTimeWait(GrowthForPass));
        QCOMPARE(guessedTowards(tracker, T0 + 10'000, Port, "").count, 1 + GrowthForPass);
        QCOMPARE(tracker.processes().passes(), 1u);
        guessedTowards(tracker, T0 + 15'000, Port, "");
        QCOMPARE(tracker.processes().passes(), 2u); // the pass the growth asked for
        QVERIFY(client.unseenTimeWait(GrowthForPass));
        QCOMPARE(guessedTowards(tracker, T0 + 20'000, Port, "").count, 1 + 2 * GrowthForPass);
        guessedTowards(tracker, T0 + 25'000, Port, "");
        guessedTowards(tracker, T0 + 30'000, Port, "");
        QCOMPARE(tracker.processes().passes(), 2u);
        // 30 s after the last one was asked for, a growth asks again.
        QVERIFY(client.unseenTimeWait(GrowthForPass));
        guessedTowards(tracker, T0 + 40'000, Port, "");
        guessedTowards(tracker, T0 + 45'000, Port, "");
        QCOMPARE(tracker.processes().passes(), 3u);
    }

    // The workers of a pre-fork client are one owner whose count follows how many hold
    // connections there: the owner stays one (its count changed in place), not one per count.
    void workersComingAndGoingKeepOneOwner()
    {
        constexpr quint16 Port = 7305;
        constexpr int Workers = 3;
        const ServerClosingLast server(Port, 2 * Workers);
        QVERIFY(server.listening());
        std::vector<Child> pool;
        for (int w = 0; w < Workers; ++w) {
            pool.push_back(spawn("tw-workers", [](int commands, int answers) {
                hear(commands); // every worker forked first: none inherits another's accepted connection
                const int held = connectTo(Port);
                ::close(connectTo(Port));
                say(answers);
                hear(commands);
                ::close(held);
                say(answers);
                hear(commands);
            }));
        }
        const auto towardsPort = [](const SocketRecord &r) { return r.remotePort == Port; };
        const std::function<void()> end = [&] {
            for (Child &child : pool) {
                ::kill(child.pid, SIGKILL);
                child.reap();
            }
        };
        struct Ends
        {
            const std::function<void()> &run;
            ~Ends() { run(); }
        } ends {end};
        for (const Child &child : pool)
            child.send();
        for (const Child &child : pool)
            QVERIFY(child.receive());
        QVERIFY(settledTimeWait(Workers, towardsPort));
        SocketOwnerTracker tracker;
        const auto processesOfGuess = [&](std::int64_t nowMs) {
            const std::unique_ptr<Dump> dump = dumpNow();
            const SocketOwnership ownership = tracker.attribute(dump->sockets, dump->partition, dump->cgroups, nowMs);
            for (const OwnerTimeWait &entry : ownership.timeWaitByOwner) {
                const SocketOwner *owner = ownership.owner(entry.owner);
                if (owner->command == "tw-workers" && entry.likely > 0)
                    return owner->processes;
            }
            return 0u;
        };
        QCOMPARE(processesOfGuess(T0), std::uint32_t(Workers));
        const std::size_t owners = tracker.ownersRemembered();
        pool[0].send(); // one worker closes its connection: two hold connections there
        QVERIFY(pool[0].receive());
        QVERIFY(settledTimeWait(Workers + 1, towardsPort));
        QCOMPARE(processesOfGuess(T0 + 1'000), std::uint32_t(Workers - 1));
        QCOMPARE(tracker.ownersRemembered(), owners);
    }

    // A client's processes at one endpoint are counted up to 4,096; past that the count is a
    // floor, and says so.
    void processesPastTheCapAreAFloor()
    {
        std::vector<SocketOwner> pool;
        for (std::uint32_t pid = 1; pid <= ClientEndpoints::MaximumProcesses + 1; ++pid)
            pool.push_back(SocketOwner {pid, 0, "tw-many", "root", "", 1, "/many.service"});
        const Endpoint endpoint {{127, 0, 0, 1}, 80, 2};
        ClientEndpoints atCap(pool);
        ClientEndpoints pastCap(pool);
        for (std::uint32_t i = 0; i < pool.size(); ++i) {
            if (i < ClientEndpoints::MaximumProcesses)
                atCap.add(endpoint, i, OwnerEvidence::Descriptor);
            pastCap.add(endpoint, i, OwnerEvidence::Descriptor);
        }
        pastCap.add(endpoint, 0, OwnerEvidence::Descriptor); // counted already
        QCOMPARE(atCap.find(endpoint)->processes.size(), ClientEndpoints::MaximumProcesses);
        QVERIFY(!atCap.find(endpoint)->processesCapped);
        QCOMPARE(pastCap.find(endpoint)->processes.size(), ClientEndpoints::MaximumProcesses);
        QVERIFY(pastCap.find(endpoint)->processesCapped);

        // Such an owner, as --once's text and JSON and the by-process tab say it.
        SocketOwner floor {0, 0, "tw-many", "root", "many.service", 4096, "/many.service"};
        floor.processesAtLeast = true;
        auto snapshot = std::make_shared<Snapshot>();
        snapshot->owners.scope = OwnerScope::AllProcesses;
        snapshot->owners.owners = {floor};
        OwnerTimeWait counts;
        counts.owner = 1;
        counts.count = counts.likely = 9000;
        snapshot->owners.timeWaitByOwner = {counts};
        const std::string text = SnapshotTextReport::format(*snapshot, 10);
        QVERIFY2(text.find("tw-many (at least 4096 processes with connections there) ×9000") != std::string::npos, text.c_str());
        std::string json;
        QVERIFY(SnapshotJsonWriter::write(*snapshot, {}, [&](const char *data, std::size_t length) {
            json.append(data, length);
            return true;
        }));
        const QJsonObject entry = QJsonDocument::fromJson(QByteArray::fromStdString(json))
                                      .object()
                                      .value("time_wait")
                                      .toObject()
                                      .value("by_process")
                                      .toArray()
                                      .at(0)
                                      .toObject();
        QCOMPARE(entry.value("processes").toInt(), 4096);
        QCOMPARE(entry.value("processes_at_least").toBool(), true);
        const QLocale locale;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); // the grouping the window shows
        TimeWaitByProcessModel model;
        model.setSnapshot(snapshot);
        const QString shown = model.index(0, TimeWaitByProcessModel::Process).data().toString();
        QLocale::setDefault(locale);
        QCOMPARE(shown, QStringLiteral("tw-many ×at least 4,096 processes"));
        floor.processesAtLeast = false;
        QCOMPARE(TimeWaitByProcessModel::processText(floor), QStringLiteral("tw-many ×4096 processes"));

        // A recording (or a remote host's stream) keeps the floor: its OWNERS frame has no room
        // for it, the SNAPSHOT frame's by_process has.
        SocketRecord timeWait;
        timeWait.family = AF_INET;
        timeWait.state = TcpState::TimeWait;
        timeWait.localPort = 40000;
        timeWait.remotePort = 80;
        snapshot->sockets = {timeWait};
        snapshot->wallTimeMs = 1'700'000'000'000;
        snapshot->owners.perSocket = {{1, OwnerEvidence::Likely}};
        snapshot->owners.timeWaitByOwner[0].count = snapshot->owners.timeWaitByOwner[0].likely = 1;
        QTemporaryDir dir;
        const QString path = dir.filePath("floor.rec");
        RecordingWriter writer;
        CoreMessage writeError;
        QVERIFY(writer.open(path.toStdString(), RecordingWriter::Header(), &writeError));
        QVERIFY(writer.writeSnapshot(*snapshot));
        QVERIFY(writer.close());
        Recording recording;
        QString error;
        QVERIFY2(recording.read(path, &error), qPrintable(error));
        const SnapshotPtr replayed = recording.loadSnapshot(0, &error);
        QVERIFY2(replayed && replayed->owners.owners.size() == 1, qPrintable(error));
        QCOMPARE(replayed->owners.owners[0].processes, 4096u);
        QVERIFY(replayed->owners.owners[0].processesAtLeast);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestOwnerHold, QCoreApplication)
#include "tst_ownerhold.moc"
