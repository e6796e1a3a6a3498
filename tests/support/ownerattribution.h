#pragma once

// What the owner tests read from a snapshot: whom its TIME-WAIT entries are attributed to, and
// how (tst_socketowners for servers and exact owners, tst_clientowners for clients' guesses).
#include "ownedsockets.h"
#include "core/stream/ownertablecodec.h"
#include "core/stream/sockettablecodec.h"
#include "recording/recording.h"
#include "core/stream/recordingwriter.h"
#include "itemmodels/timewaitbyprocessmodel.h"
#include "core/collect/procfile.h"
#include "processrun.h"
#include "core/snapshot/snapshotcollector.h"
#include "core/collect/sockdiagcollector.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <chrono>
#include <cstring>
#include <functional>
#include <thread>


struct Attributed
{
    int count = 0;
    OwnerEvidence evidence = OwnerEvidence::None;
    std::uint32_t pid = 0;
    std::uint32_t processes = 0;
    std::string command;
    bool mixed = false; // not all the same
};

inline Attributed timeWaitOwners(const Snapshot &snapshot, const std::function<bool(const SocketRecord &)> &which)
{
    Attributed result;
    for (std::size_t i = 0; i < snapshot.sockets.size(); ++i) {
        const SocketRecord &r = snapshot.sockets[i];
        if (r.state != TcpState::TimeWait || !which(r))
            continue;
        const OwnerRef *ref = snapshot.owners.of(i);
        const SocketOwner *owner = ref ? snapshot.owners.owner(ref->owner) : nullptr;
        const OwnerEvidence evidence = ref ? ref->evidence : OwnerEvidence::None;
        const std::uint32_t pid = owner ? owner->pid : 0;
        if (result.count > 0 && (evidence != result.evidence || pid != result.pid))
            result.mixed = true;
        result.evidence = evidence;
        result.pid = pid;
        result.processes = owner ? owner->processes : 0;
        result.command = owner ? owner->command : std::string();
        ++result.count;
    }
    return result;
}

// The entry of --once --format json's time_wait.by_process with that command; empty when none.
inline QJsonObject byProcessEntry(const QByteArray &json, const QString &command)
{
    for (const QJsonValue &value :
         QJsonDocument::fromJson(json).object().value("time_wait").toObject().value("by_process").toArray()) {
        if (value.toObject().value("command").toString() == command)
            return value.toObject();
    }
    return QJsonObject();
}

// Entries all guessed alike for the processes of one command together (no pid).
inline bool isGuessOf(const Attributed &a, const char *command, int processes, int count, OwnerEvidence evidence)
{
    return a.count == count && !a.mixed && a.evidence == evidence && a.pid == 0 && a.processes == std::uint32_t(processes)
        && a.command == command;
}

inline std::string describe(const Attributed &a)
{
    return std::to_string(a.count) + " entries, evidence " + ownerEvidenceKey(a.evidence) + (a.mixed ? " (mixed)" : "") + ", pid "
        + std::to_string(a.pid) + ", " + std::to_string(a.processes) + " processes of " + a.command;
}

struct Cleanup
{
    std::function<void()> run;
    ~Cleanup() { run(); }
};

inline const OwnerTimeWait *byCommand(const SocketOwnership &owners, const std::string &command)
{
    for (const OwnerTimeWait &entry : owners.timeWaitByOwner) {
        if (owners.owner(entry.owner) && owners.owner(entry.owner)->command == command)
            return &entry;
    }
    return nullptr;
}

inline bool isEvidence(const Snapshot &snapshot, const SocketRecord &record, OwnerEvidence evidence)
{
    const OwnerRef *ref = snapshot.owners.of(std::size_t(&record - snapshot.sockets.data()));
    return ref && ref->evidence == evidence;
}

// Sends `fd` over the unix socket `over` (SCM_RIGHTS): in flight, it is in no process's descriptors.
inline bool sendDescriptor(int over, int fd)
{
    char byte = 0;
    iovec io {&byte, 1};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    msghdr message {};
    message.msg_iov = &io;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(header), &fd, sizeof fd);
    return ::sendmsg(over, &message, 0) == 1;
}

inline std::shared_ptr<Snapshot> collect(SnapshotCollector &collector)
{
    CoreMessage error;
    return collector.collect(&error);
}
