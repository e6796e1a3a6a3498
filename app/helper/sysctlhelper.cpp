// sockscope-sysctl-helper: writes catalog sysctls for sockscope. Run as root through pkexec,
// whose polkit policy (resources/org.sockscope.sysctl.policy) picks the action from argv[1]:
//
//   sockscope-sysctl-helper apply|persist [--netns PATH --netns-id DEV:INO] name=value ...
//
// The operation word is mandatory and first: pkexec matches it against each action's
// org.freedesktop.policykit.exec.argv1, so "persist" can only ever be authorised as persisting.
// --netns names the namespace the window shows (/proc/<window pid>/fd/<n>, a descriptor the window
// holds open) and --netns-id its nsfs device and inode as the window saw them; the helper enters it
// only if they match. Only catalog names and in-range values are accepted; if any word is bad
// nothing is written. Each item is read back and reported on stdout in SysctlReportCodec's lines
// (codes, which the window words in the user's language). Through sudo (the remote route, whose
// sudoers rule README.md gives) the caller is SUDO_UID and only "apply name=value ..." is
// accepted. Exit: 0 done, 2 refused, 3 the kernel
// refused (all put back), 4 persisting failed (all put back), 5 bad usage or namespace.
#include "core/collect/networknamespace.h"
#include "sysctl/sysctlpersister.h"
#include "sysctl/sysctlreportcodec.h"
#include "sysctl/sysctltransaction.h"

#include <QByteArray>
#include <QStringList>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <syslog.h>
#include <unistd.h>

namespace {

enum ExitCode { Done = 0, Refused = 2, KernelRefused = 3, PersistFailed = 4, Usage = 5 };

void printError(const QString &text)
{
    std::fputs(SysctlReportCodec::errorLine(text).constData(), stdout);
}

QByteArray logged(const QString &text)
{
    return SysctlReportCodec::logText(text.toUtf8());
}

// Who asked, and through what. pkexec puts the caller's uid in PKEXEC_UID, sudo in SUDO_UID; either
// means something only when the helper really runs as root (real and effective uid 0): a user who
// sets one in their own environment runs an unprivileged helper, whose caller is its real uid.
struct Caller
{
    enum class Route { Direct, Pkexec, Sudo, Ambiguous };
    Route route = Route::Direct;
    qint64 uid = -1; // -1: the variable is not a plain uid
    QByteArray logged; // for the log: the uid, or the variable's text escaped and bounded
};

// A uid as pkexec and sudo write it: decimal digits, no sign, no leading zero, below (uid_t)-1.
qint64 plainUid(const QByteArray &text)
{
    bool ok = false;
    const qulonglong uid = text.toULongLong(&ok);
    return ok && text == QByteArray::number(uid) && uid < 0xffffffffULL ? qint64(uid) : -1;
}

Caller whoAsked()
{
    Caller caller;
    const char *pkexecUid = std::getenv("PKEXEC_UID");
    const char *sudoUid = std::getenv("SUDO_UID");
    const bool root = getuid() == 0 && geteuid() == 0;
    if (!root || (!pkexecUid && !sudoUid)) {
        caller.uid = getuid();
        caller.logged = QByteArray::number(caller.uid);
        return caller;
    }
    // pkexec keeps neither variable from its caller's environment and sudo sets SUDO_UID itself;
    // both at once means one came from a caller's environment (sudo -E, a sudoers env_keep).
    caller.route = pkexecUid && sudoUid ? Caller::Route::Ambiguous : pkexecUid ? Caller::Route::Pkexec : Caller::Route::Sudo;
    const QByteArray text(pkexecUid ? pkexecUid : sudoUid);
    caller.uid = caller.route == Caller::Route::Ambiguous ? -1 : plainUid(text);
    caller.logged = caller.route == Caller::Route::Ambiguous ? QByteArray("unknown") : SysctlReportCodec::logText(text, 20);
    return caller;
}

// The whole command line for the log, escaped and bounded.
QByteArray commandLine(int argc, char *argv[])
{
    QByteArray line;
    for (int i = 1; i < argc && line.size() < 600; ++i)
        line += (i > 1 ? " " : "") + SysctlReportCodec::logText(argv[i], 120);
    return line;
}

int refuseUsage(const QByteArray &caller, const QString &text, const QByteArray &command)
{
    syslog(LOG_WARNING, "uid %s: refused: %s: %s", caller.constData(), logged(text).constData(), command.constData());
    printError(text);
    return Usage;
}

// A terminal's Ctrl-C, Ctrl-\, Ctrl-Z or hang-up reaches the helper whatever its uid (the tty
// signals its whole foreground process group, the window's included), and a caller that closes
// the pipe sends SIGPIPE: none may stop a request between two writes, before its undo, or before
// its outcome is logged. Held until exit, which drops them.
void holdSignals()
{
    sigset_t held;
    sigemptyset(&held);
    for (const int signal : {SIGINT, SIGQUIT, SIGHUP, SIGTERM, SIGTSTP, SIGTTIN, SIGTTOU})
        sigaddset(&held, signal);
    sigprocmask(SIG_BLOCK, &held, nullptr);
    std::signal(SIGPIPE, SIG_IGN); // a write to a closed pipe fails instead
}

// The words after the operation: name=value pairs and the options that go with them.
struct Arguments
{
    QStringList pairs;
    QString persistDirectory = SysctlPersister::defaultDirectory();
    QString netnsPath, netnsId;
};

// Reads argv[2..]; false with the refusal's text for an unknown or misplaced option.
bool readArguments(int argc, char *argv[], bool directRoot, Arguments *read, QString *refusal)
{
    for (int i = 2; i < argc; ++i) {
        const QByteArray argument(argv[i]);
#ifdef SOCKSCOPE_HELPER_TEST_BUILD
        // Only in sockscope-sysctl-helper-testbuild (tests/CMakeLists.txt), run by root directly:
        // the installed helper writes /etc/sysctl.d and nowhere else, whoever asks.
        if (argument == "--persist-dir" && i + 1 < argc && directRoot) {
            read->persistDirectory = QString::fromLocal8Bit(argv[++i]);
            continue;
        }
#else
        (void)directRoot;
#endif
        if (argument == "--netns" && i + 1 < argc && read->netnsPath.isNull()) {
            read->netnsPath = QString::fromLocal8Bit(argv[++i]);
        } else if (argument == "--netns-id" && i + 1 < argc && read->netnsId.isNull()) {
            read->netnsId = QString::fromLocal8Bit(argv[++i]);
        } else if (argument.startsWith("--")) {
            *refusal =
                QStringLiteral("unknown or misplaced option ") + QString::fromLatin1(SysctlReportCodec::logText(argument, 60));
            return false;
        } else {
            read->pairs << QString::fromLocal8Bit(argument);
        }
    }
    return true;
}

// sudo cannot say which of its rules matched, and a rule's "*" matches any words: the remote
// route sends "apply name=value ..." only, so that is all a sudo run may do. It changes the
// namespace sudo started it in; persisting, and entering another namespace, are for root
// itself or the pkexec route (whose policy authorises each action, and whose caller-held
// check needs the caller as the helper's parent, which under sudo is sudo).
// Returns the refusal's text, or a null string when the request may go on.
QString routeRefusal(bool viaSudo, const QByteArray &operation, const Arguments &read)
{
    if (viaSudo && operation == "persist")
        return QStringLiteral("\"persist\" is not accepted through sudo; run it as root without "
                              "SUDO_UID, or through pkexec");
    if (viaSudo && !(read.netnsPath.isNull() && read.netnsId.isNull()))
        return QStringLiteral("--netns is not accepted through sudo");
    if (read.netnsPath.isNull() != read.netnsId.isNull())
        return QStringLiteral("--netns and --netns-id go together");
    return QString();
}

// Enters the namespace --netns names when it is the one --netns-id says; false when it is not
// (or cannot be entered).
bool enterNamedNamespace(const Caller &asked, const Arguments &read)
{
    NetworkNamespace netns;
    CoreMessage error;
    // Through pkexec, only a namespace the caller itself holds (its descriptor or a thread's
    // namespace, /proc/<caller>/fd/<n> or …/ns/net exactly, the entry owned by the caller's
    // uid): polkit authorised changing sysctls where the caller is, not entering any
    // namespace root can open. pkexec execs the helper in its own process, so the parent is
    // the program that ran pkexec; still the parent after the open, it was alive throughout
    // and its PID not reused.
    const pid_t parent = getppid();
    const bool opened = asked.route == Caller::Route::Pkexec
        ? asked.uid >= 0
            && netns.openCallersVerified(read.netnsPath.toStdString(), NamespaceIdentity::parse(read.netnsId.toStdString()),
                                         parent, quint32(asked.uid))
            && getppid() == parent
        : netns.openVerified(read.netnsPath.toStdString(), NamespaceIdentity::parse(read.netnsId.toStdString()));
    return opened && netns.enterInCallingThread(&error);
}

int exitCodeOf(const SysctlApplyReport &report)
{
    return report.failure == SysctlApplyReport::Failure::Refused ? Refused
        : report.failure == SysctlApplyReport::Failure::Kernel   ? KernelRefused
        : report.failure == SysctlApplyReport::Failure::Persist  ? PersistFailed
                                                                 : Done;
}

// Every item, refusal and file of the outcome, to the log.
void logOutcome(const QByteArray &caller, const QByteArray &where, const SysctlApplyReport &report)
{
    for (const SysctlItemResult &item : report.items) {
        syslog(item.status == SysctlItemResult::Status::Applied ? LOG_NOTICE : LOG_WARNING,
               "uid %s, netns %s: %s %s: %s -> %s, kernel holds %s %s%s%s", caller.constData(), where.constData(),
               SysctlReportCodec::statusWord(item.status), logged(item.name).constData(), logged(item.before).constData(),
               logged(item.requested).constData(), logged(item.after).constData(), SysctlReportCodec::reasonWord(item.reason),
               item.errorNumber ? ": " : "", item.errorNumber ? std::strerror(item.errorNumber) : "");
    }
    for (const QString &refusal : report.refusals)
        syslog(LOG_WARNING, "uid %s, netns %s: refused: %s", caller.constData(), where.constData(), logged(refusal).constData());
    if (!report.savedTo.isEmpty())
        syslog(LOG_NOTICE, "uid %s, netns %s: saved to %s", caller.constData(), where.constData(),
               logged(report.savedTo).constData());
    if (report.failure == SysctlApplyReport::Failure::Persist)
        syslog(LOG_WARNING, "uid %s, netns %s: saving to %s failed: %s", caller.constData(), where.constData(),
               logged(report.persistPath).constData(), std::strerror(report.persistErrorNumber));
}

}

int main(int argc, char *argv[])
{
    holdSignals();
    if (argc < 1 || !argv[0]) // CVE-2021-4034 began with argc == 0
        return Usage;
    const Caller asked = whoAsked();
    const QByteArray &caller = asked.logged;
    const bool viaSudo = asked.route == Caller::Route::Sudo;
    const bool directRoot = asked.route == Caller::Route::Direct && getuid() == 0;
    // Tests read the log on stderr too; only a direct root run may ask (pkexec and sudo clear
    // the environment anyway).
    const bool logToStderr = directRoot && std::getenv("SOCKSCOPE_HELPER_LOG_STDERR");
    openlog("sockscope-sysctl-helper", LOG_PID | (logToStderr ? LOG_PERROR : 0), LOG_AUTHPRIV);
    const QByteArray command = commandLine(argc, argv);
    if (asked.route == Caller::Route::Ambiguous)
        return refuseUsage(caller, QStringLiteral("PKEXEC_UID and SUDO_UID are both set: run through pkexec or sudo, not both"),
                           command);
    if (viaSudo && asked.uid < 0)
        return refuseUsage(caller, QStringLiteral("SUDO_UID is not a user id"), command);

    const QByteArray operation = argc > 1 ? QByteArray(argv[1]) : QByteArray();
    if (operation != "apply" && operation != "persist")
        return refuseUsage(caller, QStringLiteral("the first argument must be \"apply\" or \"persist\""), command);

    Arguments read;
    QString refusal;
    if (!readArguments(argc, argv, directRoot, &read, &refusal))
        return refuseUsage(caller, refusal, command);
    refusal = routeRefusal(viaSudo, operation, read);
    if (!refusal.isNull())
        return refuseUsage(caller, refusal, command);
    // One message whatever the cause: nothing about which files root can see.
    if (!read.netnsPath.isNull() && !enterNamedNamespace(asked, read))
        return refuseUsage(caller,
                           QStringLiteral("the network namespace to change is not the one sockscope shows "
                                          "(it may have gone); nothing was changed"),
                           command);
    const QByteArray where = QByteArray::fromStdString(NamespaceIdentity::ofCallingThread().toString());

    SysctlTransaction::Request request;
    request.pairs = read.pairs;
    request.persist = operation == "persist";
    request.persistDirectory = read.persistDirectory;
    syslog(LOG_NOTICE, "uid %s, netns %s: request: %s", caller.constData(), where.constData(), command.constData());
    const SysctlApplyReport report = SysctlTransaction::run(request);

    // Logged first: the caller's pipe, full or closed, cannot hold back the record.
    logOutcome(caller, where, report);
    std::fputs(SysctlReportCodec::encode(report).constData(), stdout);
    return exitCodeOf(report);
}
