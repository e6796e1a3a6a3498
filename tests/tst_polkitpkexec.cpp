#include "core/collect/namespaceidentity.h"
#include "netnstestmain.h"
#include "core/collect/sysctlreader.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

// The installed polkit policy, judged by a real polkitd: a private system bus and polkitd in a
// mount namespace of the test's own (nothing under /etc or /run changes for the host), a rule
// that allows "apply" and denies "persist", and pkexec run as an unprivileged user (nobody).
// Persisting must be refused by polkit itself, whatever order polkitd lists the actions in.
class TestPolkitPkexec : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_output;
    int m_exitCode = -1;

    static QString value(const char *name) { return QString::fromStdString(SysctlReader::read(name).value); }

    // The lines the script printed for one pkexec run: "NAME rc=N" and what pkexec said.
    QString result(const char *name) const
    {
        const qsizetype at = m_output.indexOf(QStringLiteral("<<%1>>").arg(QLatin1String(name)));
        const qsizetype end = m_output.indexOf(QStringLiteral("<<end %1>>").arg(QLatin1String(name)));
        return at < 0 || end < at ? QString() : m_output.mid(at, end - at);
    }

    // (name, --netns path) for a root process's namespace at /`thread`; $$ is the caller's PID.
    static QList<QPair<QString, QString>> foreignPaths(const QString &thread)
    {
        return {{QStringLiteral("not-callers"), QLatin1Char('/') + thread},
                {QStringLiteral("through-callers-root"), QStringLiteral("/proc/$$/root/") + thread},
                {QStringLiteral("through-callers-cwd"), QStringLiteral("/proc/$$/cwd/") + thread},
                {QStringLiteral("dot-dot"), QStringLiteral("/proc/$$/../") + thread.mid(5)},
                {QStringLiteral("dot-dot-below-ns"), QStringLiteral("/proc/$$/ns/../../") + thread.mid(5)},
                {QStringLiteral("helpers-own-self"), QStringLiteral("/proc/self/ns/net")}};
    }

private slots:
    void initTestCase()
    {
        if (geteuid() != 0)
            QSKIP("needs root: mount namespace, a system bus and polkitd of its own");
        for (const char *program : {"/usr/lib/polkit-1/polkitd", "/usr/bin/pkexec", "/usr/bin/dbus-daemon", "/usr/bin/dbus-send"})
            QVERIFY2(QFile::exists(QLatin1String(program)),
                     program); // .ci/install-deps installs them (polkitd, pkexec); --tests the bus
        QVERIFY(m_dir.isValid());
        QFile::setPermissions(m_dir.path(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther
                                  | QFile::ReadGroup | QFile::ExeGroup);

        // The policy as installed, naming the helper just built instead of the install path.
        QFile installed(QStringLiteral(SOCKSCOPE_POLICY_FILE));
        QVERIFY(installed.open(QIODevice::ReadOnly));
        QByteArray policy = installed.readAll();
        QVERIFY(policy.contains(SOCKSCOPE_HELPER_INSTALL_PATH));
        policy.replace(SOCKSCOPE_HELPER_INSTALL_PATH, SOCKSCOPE_HELPER);
        const QByteArray rule = "polkit.addRule(function(action, subject) {\n"
                                "    if (action.id == \"org.sockscope.sysctl.apply\") return polkit.Result.YES;\n"
                                "    if (action.id == \"org.sockscope.sysctl.persist\") return polkit.Result.NO;\n"
                                "});\n";
        // The system bus's own configuration, made to stay in the foreground, as root, without a
        // pid file; its relative includedir made absolute.
        QFile systemConf(QStringLiteral("/usr/share/dbus-1/system.conf"));
        QVERIFY(systemConf.open(QIODevice::ReadOnly));
        QByteArray bus = systemConf.readAll();
        // No service activation either: polkitd is started here, and only here.
        for (const char *drop : {"<user>messagebus</user>", "<fork/>", "<pidfile>/run/dbus/pid</pidfile>", "<syslog/>",
                                 "<standard_system_servicedirs/>"})
            bus.replace(drop, "");
        bus.replace("<includedir>system.d</includedir>", "<includedir>/usr/share/dbus-1/system.d</includedir>");
        const QList<QPair<QString, QByteArray>> files {
            {"actions/org.sockscope.sysctl.policy", policy}, {"rules/10-test.rules", rule}, {"bus.conf", bus}};
        for (const auto &[name, text] : files) {
            QDir().mkpath(QFileInfo(m_dir.filePath(name)).path());
            QFile file(m_dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
            file.close();
            file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        }
        QDir().mkpath(m_dir.filePath(QStringLiteral("empty")));
        QFile::copy(QStringLiteral("/usr/share/polkit-1/actions/org.freedesktop.policykit.policy"),
                    m_dir.filePath(QStringLiteral("actions/org.freedesktop.policykit.policy")));

        const NamespaceIdentity here = NamespaceIdentity::ofCallingThread();
        // The caller's shell runs pkexec, so it is the helper's parent: its namespace (this test's)
        // is one the caller holds. The test's own thread's (a root process) is not, and must be
        // refused even though authorised, however the path reaches it.
        const QString netns =
            QStringLiteral("--netns /proc/$$/ns/net --netns-id %1").arg(QString::fromStdString(here.toString()));
        // Ways to name this test's thread (a root process's namespace) that begin with the
        // caller's /proc entry; each must be refused, and would write 44 if it were not.
        const QString thread = QStringLiteral("proc/%1/task/%2/ns/net").arg(getpid()).arg(gettid());
        QString foreign;
        for (const auto &[name, path] : foreignPaths(thread))
            foreign += QStringLiteral("run %1 '/usr/bin/pkexec \"$HELPER\" apply --netns %2 --netns-id %3 "
                                      "net.ipv4.tcp_fin_timeout=44'\n")
                           .arg(name, path, QString::fromStdString(here.toString()));
        // Everything below happens in a mount namespace of its own: the bind mounts vanish with it.
        const QString script = QStringLiteral(R"(
set -u
D="$1"; HELPER="$2"
mount --make-rprivate /
mount --bind "$D/rules" /etc/polkit-1/rules.d
mount --bind "$D/empty" /usr/share/polkit-1/rules.d
mount --bind "$D/actions" /usr/share/polkit-1/actions
# /run/dbus of our own; where the host has none, a private /run (creating it would touch the host's).
if [ -d /run/dbus ]; then mount -t tmpfs tmpfs /run/dbus; else mount -t tmpfs tmpfs /run && mkdir /run/dbus; fi
dbus-daemon --config-file="$D/bus.conf" --nofork 2>"$D/bus.log" &
BUS=$!
PK=
trap 'kill $PK $BUS 2>/dev/null; wait' EXIT
# Each step waits for the one before (polled, bounded; nothing is timed): polkitd started
# before the bus listens would exit at once.
for i in $(seq 600); do [ -S /run/dbus/system_bus_socket ] && break; sleep 0.05; done
/usr/lib/polkit-1/polkitd --no-debug >"$D/polkitd.log" 2>&1 &
PK=$!
for i in $(seq 600); do
    dbus-send --system --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
        string:org.freedesktop.PolicyKit1 2>/dev/null | grep -q 'boolean true' && break
    sleep 0.05
done
dbus-send --system --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
    string:org.freedesktop.PolicyKit1 | grep -q 'boolean true' || { echo "polkitd did not start:"; cat "$D/polkitd.log" "$D/bus.log"; }
# pkexec's parent, the caller, is a shell of nobody's own, as a window would be: $$ in a command
# is its PID, and it holds descriptor 7 on its namespace.
export HELPER
run() {
    echo "<<$1>>"
    setpriv --reuid=65534 --regid=65534 --clear-groups sh -c "cd /; exec 7</proc/self/ns/net; $2; echo rc=\$?" </dev/null 2>&1
    echo "<<end $1>>"
}
run apply '/usr/bin/pkexec "$HELPER" apply %1 net.ipv4.tcp_fin_timeout=41'
run persist '/usr/bin/pkexec "$HELPER" persist %1 net.ipv4.tcp_fin_timeout=42'
run old-option '/usr/bin/pkexec "$HELPER" --persist %1 net.ipv4.tcp_fin_timeout=43'
run by-descriptor '/usr/bin/pkexec "$HELPER" apply --netns /proc/$$/fd/7 --netns-id %3 net.ipv4.tcp_fin_timeout=41'
%2)")
                                   .arg(netns, foreign, QString::fromStdString(here.toString()));
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("unshare"),
                      {QStringLiteral("-m"), QStringLiteral("sh"), QStringLiteral("-c"), script, QStringLiteral("sh"),
                       m_dir.path(), QStringLiteral(SOCKSCOPE_HELPER)});
        QVERIFY(process.waitForFinished(120000));
        m_output = QString::fromUtf8(process.readAll());
        m_exitCode = process.exitCode();
    }

    void applyIsAllowed()
    {
        const QString apply = result("apply");
        QVERIFY2(apply.contains(QLatin1String("rc=0")), qPrintable(m_output));
        QVERIFY2(apply.contains(QLatin1String("applied\tnet.ipv4.tcp_fin_timeout\t60\t41")), qPrintable(apply));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("41")); // in this test's namespace only
    }

    void theCallersDescriptorIsEntered()
    {
        // What the window passes: /proc/<caller>/fd/<n>. Entered (the value read there is 41).
        const QString own = result("by-descriptor");
        QVERIFY2(own.contains(QLatin1String("rc=0")), qPrintable(m_output));
        QVERIFY2(own.contains(QLatin1String("unchanged\tnet.ipv4.tcp_fin_timeout\t41\t41")), qPrintable(own));
    }

    void persistIsRefusedByPolkit()
    {
        // 127 and "Not authorized" come from pkexec: the helper never ran (it would have said
        // why it refuses, with exit 2, in a child namespace).
        const QString persist = result("persist");
        QVERIFY2(persist.contains(QLatin1String("rc=127")), qPrintable(m_output));
        QVERIFY2(persist.contains(QLatin1String("Not authorized")), qPrintable(persist));
        QVERIFY2(!persist.contains(QLatin1String("failure\t")), qPrintable(persist));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("41"));
    }

    void onlyANamespaceTheCallerHoldsIsEntered_data()
    {
        QTest::addColumn<QString>("name");
        for (const auto &[name, path] : foreignPaths(QString()))
            QTest::newRow(qPrintable(name)) << name;
    }

    void onlyANamespaceTheCallerHoldsIsEntered()
    {
        // Authorised (apply), but the namespace is another process's, named directly or through
        // the caller's own /proc entry (its root, its working directory, "..").
        QFETCH(QString, name);
        const QString other = result(qPrintable(name));
        QVERIFY2(other.contains(QLatin1String("rc=5")), qPrintable(m_output));
        QVERIFY2(other.contains(QLatin1String("not the one sockscope shows")), qPrintable(other));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("41"));
    }

    void anyOtherFirstWordGetsNoSockscopeAction()
    {
        // Matches neither action: pkexec falls back to org.freedesktop.policykit.exec (admin),
        // which nobody without an agent cannot get; were it granted, the helper refuses the word.
        const QString other = result("old-option");
        QVERIFY2(other.contains(QLatin1String("rc=127")), qPrintable(m_output));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("41"));
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestPolkitPkexec, QCoreApplication)
#include "tst_polkitpkexec.moc"
