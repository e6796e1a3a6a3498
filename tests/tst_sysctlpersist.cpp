#include "netnstestmain.h"
#include "sysctl/sysctlpersister.h"
#include "core/collect/sysctlreader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>

// "Keep after reboot" with a 90-sockscope.conf already there: lines sockscope does not own stay
// byte for byte, only the keys persisted change, and a file that is not what it seems (a
// symlink, a FIFO, huge, or holding a value sockscope would never write) stops the request before
// anything is written: the file as it was, the kernel's values untouched.
class TestSysctlPersist : public QObject
{
    Q_OBJECT

    static QString value(const char *name) { return QString::fromStdString(SysctlReader::read(name).value); }

    static QByteArray readAll(const QString &path)
    {
        QFile file(path);
        // Never open the FIFO case: the test itself would wait for a writer.
        return QFileInfo(path).isFile() && file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static int persist(const QString &dir, const QStringList &pairs, QString *out)
    {
        QProcess process;
        process.start(QStringLiteral(SOCKSCOPE_HELPER_TESTBUILD),
                      QStringList {QStringLiteral("persist"), QStringLiteral("--persist-dir"), dir} + pairs);
        if (!process.waitForFinished(30000)) {
            process.kill();
            return -1;
        }
        *out = QString::fromUtf8(process.readAllStandardOutput());
        return process.exitCode();
    }

private slots:
    void init()
    {
        QString error;
        QVERIFY2(PrivateNetworkNamespace::enterFresh(&error), qPrintable(error));
    }

    void onlyOurKeysChange()
    {
        QTemporaryDir dir;
        const QByteArray before = "# local notes: keep these\n"
                                  "\n"
                                  "net.ipv4.tcp_tw_reuse = 0\n"
                                  "vm.swappiness=10\n"
                                  "; an old-style comment\n"
                                  "net/ipv4/tcp_fin_timeout = 45\n"
                                  "-net.core.somaxconn = 8192\n";
        QFile file(dir.filePath(SysctlPersister::fileName()));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(before);
        file.close();
        QString out;
        QCOMPARE(persist(dir.path(), {"net.ipv4.tcp_tw_reuse=1", "net.ipv4.tcp_rfc1337=1"}, &out), 0);
        const QByteArray expected = "# local notes: keep these\n"
                                    "\n"
                                    "net.ipv4.tcp_tw_reuse = 1\n"
                                    "vm.swappiness=10\n"
                                    "; an old-style comment\n"
                                    "net/ipv4/tcp_fin_timeout = 45\n"
                                    "-net.core.somaxconn = 8192\n"
                                    "net.ipv4.tcp_rfc1337 = 1\n";
        QCOMPARE(readAll(file.fileName()), expected);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::System | QDir::Hidden).size(), 1);
    }

    void aKeyTwiceBecomesOneLine()
    {
        // Within one sysctl.d file the last assignment wins; the rewritten file has one.
        QTemporaryDir dir;
        QFile file(dir.filePath(SysctlPersister::fileName()));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("net.ipv4.tcp_tw_reuse = 0\n# between\nnet.ipv4.tcp_tw_reuse = 2\n");
        file.close();
        QString out;
        QCOMPARE(persist(dir.path(), {"net.ipv4.tcp_tw_reuse=1"}, &out), 0);
        QCOMPARE(readAll(file.fileName()), QByteArray("net.ipv4.tcp_tw_reuse = 1\n# between\n"));
    }

    void suspiciousFilesStopEverything_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("errorNumber");
        QTest::newRow("symlink") << "symlink" << ELOOP;
        QTest::newRow("hard link") << "hardlink" << EMLINK;
        QTest::newRow("FIFO") << "fifo" << EINVAL;
        QTest::newRow("directory") << "directory" << EINVAL;
        QTest::newRow("too large") << "large" << EFBIG;
        QTest::newRow("a value sockscope would not write") << "invalid" << EINVAL;
        QTest::newRow("a range written backwards") << "backwards" << EINVAL;
    }

    void suspiciousFilesStopEverything()
    {
        QFETCH(QString, kind);
        QFETCH(int, errorNumber);
        QTemporaryDir dir, elsewhere;
        const QString path = dir.filePath(SysctlPersister::fileName());
        const QString target = elsewhere.filePath(QStringLiteral("target.conf"));
        QFile targetFile(target);
        QVERIFY(targetFile.open(QIODevice::WriteOnly));
        targetFile.write("kernel.sysrq = 1\n");
        targetFile.close();
        if (kind == QLatin1String("symlink")) {
            QVERIFY(QFile::link(target, path));
        } else if (kind == QLatin1String("hardlink")) {
            QVERIFY(::link(qPrintable(target), qPrintable(path)) == 0);
        } else if (kind == QLatin1String("fifo")) {
            QVERIFY(::mkfifo(qPrintable(path), 0600) == 0);
        } else if (kind == QLatin1String("directory")) {
            QVERIFY(QDir().mkdir(path));
        } else {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            if (kind == QLatin1String("large"))
                file.write("# padding\n" + QByteArray(SysctlPersister::MaximumFileBytes, '#') + "\n");
            else if (kind == QLatin1String("invalid"))
                file.write("# ours\nnet.core.somaxconn = -1\n");
            else
                file.write("net.ipv4.ip_local_port_range = 60000 40000\n");
        }
        const QByteArray fileBefore = readAll(path);
        const QStringList entriesBefore = QDir(dir.path()).entryList(QDir::AllEntries | QDir::System | QDir::Hidden);
        QString out;
        QCOMPARE(persist(dir.path(), {"net.ipv4.tcp_tw_reuse=1", "net.ipv4.tcp_fin_timeout=30"}, &out), 4);
        QVERIFY2(out.contains(QStringLiteral("failure\tpersist\t%1\t").arg(errorNumber)), qPrintable(out));
        // Found before the first write: the kernel was never touched.
        QVERIFY2(!out.contains(QLatin1String("net.ipv4.tcp_tw_reuse")), qPrintable(out));
        QCOMPARE(value("net.ipv4.tcp_tw_reuse"), QStringLiteral("2"));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("60"));
        QCOMPARE(readAll(path), fileBefore);
        QCOMPARE(readAll(target), QByteArray("kernel.sysrq = 1\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::System | QDir::Hidden), entriesBefore);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestSysctlPersist, QCoreApplication)
#include "tst_sysctlpersist.moc"
