// sockscope-sysctl-helper: writes catalog sysctls for sockscope. Run as root through pkexec,
// whose polkit policy (resources/org.sockscope.sysctl.policy) picks the action from argv[1]:
//
//   sockscope-sysctl-helper [--persist] [--netns PATH] name=value ...
//
// Only catalog names and in-range values are accepted; if any word is bad nothing is written.
// Each item is read back and reported on stdout in SysctlReportCodec's lines (codes, which the
// window words in the user's language). Exit: 0 done, 2 refused, 3 the kernel refused (all put
// back), 4 persisting failed (all put back), 5 bad usage or namespace.
#include "networknamespace.h"
#include "sysctlpersister.h"
#include "sysctlreportcodec.h"
#include "sysctltransaction.h"

#include <QByteArray>
#include <QStringList>

#include <cstdio>
#include <cstdlib>
#include <syslog.h>
#include <unistd.h>

namespace {

enum ExitCode { Done = 0, Refused = 2, KernelRefused = 3, PersistFailed = 4, Usage = 5 };

void printError(const QString &text)
{
    std::fputs(SysctlReportCodec::errorLine(text).constData(), stdout);
}

// pkexec sets PKEXEC_UID to the caller; a direct run by root is its own caller.
QByteArray callerUid(bool *viaPkexec)
{
    const char *pkexecUid = std::getenv("PKEXEC_UID");
    *viaPkexec = pkexecUid != nullptr;
    return pkexecUid ? QByteArray(pkexecUid) : QByteArray::number(getuid());
}

}

int main(int argc, char *argv[])
{
    openlog("sockscope-sysctl-helper", LOG_PID, LOG_AUTHPRIV);
    if (argc < 1 || !argv[0]) // CVE-2021-4034 began with argc == 0
        return Usage;
    bool viaPkexec = false;
    const QByteArray caller = callerUid(&viaPkexec);

    QStringList pairs;
    bool persist = false;
    QString persistDirectory = SysctlPersister::defaultDirectory();
    QString netnsPath;
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--persist" && i == 1) {
            persist = true; // only as argv[1]: that is what polkit authorised as "persist"
        } else if (argument == "--persist-dir" && i + 1 < argc && !viaPkexec && getuid() == 0) {
            persistDirectory = QString::fromLocal8Bit(argv[++i]); // tests, run by root directly
        } else if (argument == "--netns" && i + 1 < argc) {
            netnsPath = QString::fromLocal8Bit(argv[++i]);
        } else if (argument.startsWith("--")) {
            printError(QStringLiteral("unknown or misplaced option ") + QString::fromLocal8Bit(argument));
            syslog(LOG_WARNING, "uid %s: refused: bad option", caller.constData());
            return Usage;
        } else {
            pairs << QString::fromLocal8Bit(argument);
        }
    }

    if (!netnsPath.isEmpty()) {
        NetworkNamespace netns;
        QString error;
        if (!netns.open(netnsPath, &error) || !netns.enterInCallingThread(&error)) {
            printError(error);
            syslog(LOG_WARNING, "uid %s: refused: %s", caller.constData(), SysctlReportCodec::field(error).constData());
            return Usage;
        }
    }
    const QByteArray where = NetworkNamespace::callingThreadNamespaceId().toLatin1();

    SysctlTransaction::Request request;
    request.pairs = pairs;
    request.persist = persist;
    request.persistDirectory = persistDirectory;
    const SysctlApplyReport report = SysctlTransaction::run(request);

    const int exitCode = report.failure == SysctlApplyReport::Failure::Refused ? Refused
        : report.failure == SysctlApplyReport::Failure::Kernel                 ? KernelRefused
        : report.failure == SysctlApplyReport::Failure::Persist                ? PersistFailed
                                                                               : Done;

    std::fputs(SysctlReportCodec::encode(report).constData(), stdout);
    for (const SysctlItemResult &item : report.items) {
        syslog(item.status == SysctlItemResult::Status::Applied ? LOG_NOTICE : LOG_WARNING,
               "uid %s, %s: %s %s: %s -> %s %s", caller.constData(), where.constData(),
               SysctlReportCodec::statusWord(item.status), SysctlReportCodec::field(item.name).constData(),
               SysctlReportCodec::field(item.before).constData(), SysctlReportCodec::field(item.requested).constData(),
               SysctlReportCodec::reasonWord(item.reason));
    }
    for (const QString &refusal : report.refusals)
        syslog(LOG_WARNING, "uid %s, %s: refused: %s", caller.constData(), where.constData(),
               SysctlReportCodec::field(refusal).constData());
    return exitCode;
}
