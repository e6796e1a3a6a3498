#include "remote/agentbinary.h"
#include "remote/agentpusher.h"
#include "remote/remotefacts.h"
#include "remote/remotehost.h"
#include "remote/remotesysctlapplier.h"
#include "remote/sshlauncher.h"

#include <QCoreApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// A compromised server that answers a push or a remote Apply with endless standard output: ssh
// is ended once a bounded amount waits to be read, with a message saying so. `ssh` here is a
// script first on PATH that writes what such a server would, whatever it is asked to run.
class TestHostileRemote : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QByteArray m_path;
    RemoteHost m_host;
    AgentBinary m_agent;

    // 8 MiB of output, far more than any answer expected of it (QProcess would buffer it all).
    static constexpr int ServerOutput = 8 << 20;

private slots:
    void initTestCase()
    {
        QFile ssh(m_dir.filePath(QStringLiteral("ssh")));
        QVERIFY(ssh.open(QIODevice::WriteOnly));
        ssh.write("#!/bin/sh\nexec head -c " + QByteArray::number(ServerOutput) + " /dev/zero\n");
        ssh.close();
        QVERIFY(ssh.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        m_path = qgetenv("PATH");
        qputenv("PATH", QFile::encodeName(m_dir.path()) + ':' + m_path);
        QString error;
        QVERIFY2(RemoteHost::parse(QStringLiteral("fakehost"), &m_host, &error), qPrintable(error));
        QVERIFY2(AgentBinary::load(QStringLiteral(SOCKSCOPE_AGENT), &m_agent, &error), qPrintable(error));
    }

    void cleanupTestCase() { qputenv("PATH", m_path); }

    void pushAnsweredWithEndlessOutputIsCut()
    {
        RemoteFacts facts;
        QVERIFY(RemoteFacts::parse("SOCKSCOPE-NO-AGENT arch=" + m_agent.architecture().toLatin1() + " glibc=999.0 libmnl=yes",
                                   &facts));
        AgentPusher pusher;
        QSignalSpy finished(&pusher, &AgentPusher::finished);
        QString refusal;
        QVERIFY2(pusher.push(m_host, m_agent, facts, &refusal), qPrintable(refusal));
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toBool(), false);
        const QString message = finished.first().at(1).toString();
        QVERIFY2(message.contains(QStringLiteral("sent more than 64 KiB")), qPrintable(message));
        // Ended when the limit was passed (at most one pipe's worth beyond it waited), and what
        // had come is not kept.
        QVERIFY2(pusher.launcher()->process()->bytesAvailable() <= 128 * 1024,
                 qPrintable(QString::number(pusher.launcher()->process()->bytesAvailable())));
    }

    void applyAnsweredWithEndlessOutputIsCut()
    {
        RemoteSysctlApplier applier(m_host);
        bool done = false;
        SysctlApplyReport report;
        connect(&applier, &RemoteSysctlApplier::finished, this, [&](const SysctlApplyReport &r, bool) {
            report = r;
            done = true;
        });
        applier.apply({QStringLiteral("net.ipv4.tcp_fin_timeout=30")});
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QVERIFY(!report.ok);
        QVERIFY2(report.error.contains(QStringLiteral("sent more than")), qPrintable(report.error));
        QVERIFY2(applier.launcher()->process()->bytesAvailable() < ServerOutput / 2,
                 qPrintable(QString::number(applier.launcher()->process()->bytesAvailable())));
    }
};

QTEST_GUILESS_MAIN(TestHostileRemote)

#include "tst_hostileremote.moc"
