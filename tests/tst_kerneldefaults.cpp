#include "core/collect/kerneldefaults.h"
#include "core/collect/kernelfacts.h"
#include "wording/coremessagetext.h"
#include "languages.h"
#include "netnstestmain.h"
#include "core/snapshot/snapshotcollector.h"
#include "sysctl/sysctlcatalog.h"
#include "itemmodels/sysctllistmodel.h"
#include "core/collect/sysctlreader.h"

#include <QCoreApplication>
#include <QTest>

#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

// "Detect, don't infer": the defaults sockscope shows are what a fresh network namespace shows on
// this kernel, whoever asks (root or not), whatever the creating namespace's own values.
class TestKernelDefaults : public QObject
{
    Q_OBJECT

    static std::vector<std::string> perNamespaceNames()
    {
        std::vector<std::string> names;
        for (const SysctlEntry &entry : SysctlCatalog::entries()) {
            if (entry.perNamespace && entry.editable())
                names.emplace_back(entry.name);
        }
        return names;
    }

    static bool writeSysctl(const char *path, const char *value)
    {
        const int fd = open(path, O_WRONLY | O_CLOEXEC);
        const bool ok = fd >= 0 && write(fd, value, strlen(value)) == ssize_t(strlen(value));
        if (fd >= 0)
            close(fd);
        return ok;
    }

    static qint64 hashHere()
    {
        return qAbs(QString::fromStdString(SysctlReader::read("net.ipv4.tcp_ehash_entries").value).toLongLong());
    }

    static QString differsMark(const SysctlListModel &model, const char *name)
    {
        return model.index(model.rowOf(QLatin1String(name)), SysctlListModel::Differs).data().toString();
    }

private slots:
    void init()
    {
        QString error;
        QVERIFY2(PrivateNetworkNamespace::enterFresh(&error), qPrintable(error));
    }

    // Where no namespace can be made, nothing is claimed as detected: the default is labelled
    // documented, and the ≠ mark is not drawn. A child drops CAP_SYS_ADMIN and may create no user
    // namespace, then asks the catalog (first use in this process: nothing cached yet).
    void undetectableDefaultsAreLabelledDocumented()
    {
        const pid_t child = fork();
        if (child == 0) {
            if (unshare(CLONE_NEWUSER) != 0 || !writeSysctl("/proc/self/setgroups", "deny")
                || !writeSysctl("/proc/self/uid_map", "0 0 1") || !writeSysctl("/proc/sys/user/max_user_namespaces", "0")
                || prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN) != 0)
                _exit(3);
            __user_cap_header_struct header {_LINUX_CAPABILITY_VERSION_3, 0};
            __user_cap_data_struct data[2] {};
            if (syscall(SYS_capget, &header, data) != 0)
                _exit(3);
            data[0].effective &= ~(1u << CAP_SYS_ADMIN);
            data[0].permitted &= ~(1u << CAP_SYS_ADMIN);
            if (syscall(SYS_capset, &header, data) != 0)
                _exit(3);
            const SysctlEntry *reuse = SysctlCatalog::find(QStringLiteral("net.ipv4.tcp_tw_reuse"));
            const KernelDefaults detected = KernelDefaults::detect(SysctlCatalog::detectedNames());
            const bool documented = SysctlCatalog::defaultSource(*reuse, detected, 0) == SysctlCatalog::DefaultSource::Documented
                && SysctlCatalog::defaultValue(*reuse, detected, 0).isEmpty() // nothing claimed: Reset has nothing to put
                && SysctlCatalog::documentedDefault(*reuse, 0) == QLatin1String("2")
                && SysctlCatalog::defaultExplanation(*reuse, detected, 0).contains(QLatin1String("no throwaway namespace"))
                && !detected.ok();
            _exit(documented ? 0 : 1);
        }
        int status = 0;
        waitpid(child, &status, 0);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 3)
            QSKIP("cannot confine a child here");
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);
    }

    // The test's own namespace is fresh and untouched: the detector must see exactly its values.
    void detectedEqualsAFreshNamespace()
    {
        const KernelDefaults detected = KernelDefaults::detect(perNamespaceNames());
        QVERIFY2(detected.ok(), qPrintable(CoreMessageText::text(detected.error)));
        QCOMPARE(detected.method,
                 geteuid() == 0 ? KernelDefaults::Method::NetworkNamespace : KernelDefaults::Method::UserAndNetworkNamespace);
        int compared = 0;
        for (const std::string &name : perNamespaceNames()) {
            const SysctlReading here = SysctlReader::read(name);
            QCOMPARE(detected.has(name), here.state == SysctlReading::State::Present);
            if (here.state == SysctlReading::State::Present) {
                QCOMPARE(QString::fromStdString(detected.value(name)), QString::fromStdString(here.value));
                ++compared;
            }
        }
        QVERIFY(compared >= 11);
        QCOMPARE(detected.establishedHash, hashHere());
    }

    // A container starts at the kernel's defaults, not at its creator's values ...
    void creatorsValuesDoNotLeak()
    {
        QVERIFY(writeSysctl("/proc/sys/net/ipv4/tcp_tw_reuse", "1"));
        QVERIFY(writeSysctl("/proc/sys/net/ipv4/tcp_fin_timeout", "33"));
        const KernelDefaults detected = KernelDefaults::detect(perNamespaceNames());
        QVERIFY(detected.ok());
        QCOMPARE(QString::fromStdString(detected.value("net.ipv4.tcp_tw_reuse")), QStringLiteral("2"));
        QCOMPARE(QString::fromStdString(detected.value("net.ipv4.tcp_fin_timeout")), QStringLiteral("60"));
    }

    // ... except the hash: tcp_child_ehash_entries gives the new namespace its own, and the two
    // hash-derived defaults follow it (tcp_set_hashinfo).
    void childHashShapesTheHashDefaults()
    {
        QVERIFY(writeSysctl("/proc/sys/net/ipv4/tcp_child_ehash_entries", "1024"));
        const KernelDefaults detected = KernelDefaults::detect(perNamespaceNames());
        QVERIFY(detected.ok());
        QCOMPARE(detected.establishedHash, 1024);
        QCOMPARE(QString::fromStdString(detected.value("net.ipv4.tcp_max_tw_buckets")), QStringLiteral("512"));
        QCOMPARE(QString::fromStdString(detected.value("net.ipv4.tcp_max_syn_backlog")), QStringLiteral("128"));
        // The next test's namespace is made from this one: give it the shared hash again.
        QVERIFY(writeSysctl("/proc/sys/net/ipv4/tcp_child_ehash_entries", "0"));
    }

    // The catalog answers with the detected values, says where they came from,
    // and falls back to "documented" only where a fresh namespace cannot tell.
    void catalogUsesTheDetectedDefaults()
    {
        const KernelDefaults detected = KernelDefaults::detect(SysctlCatalog::detectedNames());
        QVERIFY(detected.ok());
        const qint64 hash = hashHere();
        for (const SysctlEntry &entry : SysctlCatalog::entries()) {
            const auto source = SysctlCatalog::defaultSource(entry, detected, hash);
            if (!entry.editable()) {
                QCOMPARE(source, SysctlCatalog::DefaultSource::Unknown);
            } else if (!entry.perNamespace) {
                QCOMPARE(source, SysctlCatalog::DefaultSource::Documented); // tcp_max_orphans
                QVERIFY(SysctlCatalog::defaultExplanation(entry, detected, hash).contains(QLatin1String("global")));
                QVERIFY(SysctlCatalog::defaultValue(entry, detected, hash).isEmpty());
            } else {
                QCOMPARE(source, SysctlCatalog::DefaultSource::Detected);
                QCOMPARE(SysctlCatalog::defaultValue(entry, detected, hash), QString::fromStdString(detected.value(entry.name)));
            }
        }
        // A namespace with a hash of another size gets the documented rule, labelled as such.
        const SysctlEntry *buckets = SysctlCatalog::find(QStringLiteral("net.ipv4.tcp_max_tw_buckets"));
        QCOMPARE(SysctlCatalog::defaultSource(*buckets, detected, 1024), SysctlCatalog::DefaultSource::Documented);
        QCOMPARE(SysctlCatalog::defaultValue(*buckets, detected, 1024), QString());
        QCOMPARE(SysctlCatalog::documentedDefault(*buckets, 1024), QStringLiteral("512"));
        QVERIFY(SysctlCatalog::defaultExplanation(*buckets, detected, 1024).contains(QLatin1String("documented")));
    }

    // The ≠ mark compares with the detected default (delivered to the model), and only with it.
    void differsMarkUsesTheDetectedDefault()
    {
        QVERIFY(writeSysctl("/proc/sys/net/ipv4/tcp_tw_reuse", "1"));
        SnapshotCollector collector({});
        CoreMessage error;
        const SnapshotPtr snapshot = collector.collect(&error);
        QVERIFY2(snapshot, qPrintable(CoreMessageText::text(error)));
        SysctlListModel model;
        model.setSnapshot(snapshot);
        QCOMPARE(differsMark(model, "net.ipv4.tcp_tw_reuse"), QString()); // no facts delivered: nothing claimed
        model.setKernelFacts(KernelFacts::ofThisKernel(SysctlCatalog::detectedNames()));
        const auto mark = [&](const char *name) { return differsMark(model, name); };
        QCOMPARE(mark("net.ipv4.tcp_tw_reuse"), QStringLiteral("≠"));
        QCOMPARE(mark("net.ipv4.tcp_fin_timeout"), QString());
        QCOMPARE(mark("net.ipv4.tcp_max_tw_buckets"), QString());
        QCOMPARE(model.index(model.rowOf(QStringLiteral("net.ipv4.tcp_tw_reuse")), SysctlListModel::Default).data().toString(),
                 QStringLiteral("2"));
        // tcp_tw_recycle is read, not assumed gone.
        QCOMPARE(snapshot->sysctl("net.ipv4.tcp_tw_recycle")->state, SysctlReading::State::Absent);
    }

    // What tcp_timestamps=1 does with the offset, measured: two connections between the same
    // addresses, read with TCP_TIMESTAMP here, must agree with what the detector reported.
    void timestampOffsetsMeasured()
    {
        const KernelDefaults detected = KernelDefaults::detect(perNamespaceNames());
        QVERIFY(detected.ok());
        QVERIFY(detected.timestampOffsets != KernelDefaults::TimestampOffsets::Unknown);
        // 6.18 with the stable fix for per-connection offsets: each connection its own offset.
        QCOMPARE(detected.timestampOffsets, KernelDefaults::TimestampOffsets::PerConnection);
    }

    // Unprivileged, the detector makes a user namespace first; the defaults are the same.
    void unprivilegedDetection()
    {
        if (geteuid() != 0)
            QSKIP("needs root to drop to another user");
        int fds[2];
        QVERIFY(pipe(fds) == 0);
        const pid_t child = fork();
        if (child == 0) {
            close(fds[0]);
            if (setgid(65534) != 0 || setuid(65534) != 0)
                _exit(3);
            const KernelDefaults detected = KernelDefaults::detect({"net.ipv4.tcp_tw_reuse"});
            const QByteArray line = (detected.method == KernelDefaults::Method::UserAndNetworkNamespace ? "userns " : "other ")
                + QByteArray::fromStdString(detected.value("net.ipv4.tcp_tw_reuse"));
            _exit(write(fds[1], line.constData(), std::size_t(line.size())) == line.size() ? 0 : 4);
        }
        close(fds[1]);
        char buffer[64] = {};
        const ssize_t n = read(fds[0], buffer, sizeof buffer - 1);
        close(fds[0]);
        int status = 0;
        waitpid(child, &status, 0);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 3)
            QSKIP("cannot drop to uid 65534 here");
        QVERIFY(n > 0);
        QCOMPARE(QByteArray(buffer), QByteArray("userns 2"));
    }

    // The default's explanation is translated like every other text.
    void explanationIsTranslated()
    {
        const SysctlEntry *reuse = SysctlCatalog::find(QStringLiteral("net.ipv4.tcp_tw_reuse"));
        const KernelDefaults detected = KernelDefaults::detect(SysctlCatalog::detectedNames());
        const QString english = SysctlCatalog::defaultExplanation(*reuse, detected, hashHere());
        Languages::apply(QStringLiteral("zh_CN"));
        const QString chinese = SysctlCatalog::defaultExplanation(*reuse, detected, hashHere());
        Languages::apply(QStringLiteral("en"));
        QVERIFY(!english.isEmpty());
        QVERIFY(chinese != english);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestKernelDefaults, QCoreApplication)
#include "tst_kerneldefaults.moc"
