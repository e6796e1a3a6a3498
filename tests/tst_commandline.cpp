#include "netnstestmain.h"
#include "processrun.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// What the command line says besides its data: a usage error is one line and a hint, --help
// names the positional FILE, --record shows progress only on a terminal, and Qt's own
// diagnostics stay out of normal runs, and the command line loads none of the window's libraries.
// Runs the real binary in a private namespace.
class TestCommandLine : public QObject
{
    Q_OBJECT

    using Run = ProcessRun;

    static Run sockscope(const QStringList &arguments,
                         const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
    {
        return ProcessRun::run(QStringLiteral(SOCKSCOPE_BINARY), arguments, environment);
    }

private slots:
    void usageErrorIsOneLineAndAHint_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("line");
        QTest::newRow("top") << QStringList {"--once", "--top", "ten"}
                             << "sockscope: --top needs a number between 0 and 65536, not \"ten\".";
        QTest::newRow("unknown option") << QStringList {"--bogus"} << "sockscope: Unknown option 'bogus'.";
        QTest::newRow("missing value") << QStringList {"--once", "--netns"} << "sockscope: Missing value after '--netns'.";
        QTest::newRow("stray argument") << QStringList {"--once", "now"} << "sockscope: Unexpected argument \"now\".";
        // --host reaches ssh's argv (and %h in a ProxyCommand): refused before any ssh runs.
        QTest::newRow("host as an option") << QStringList {"--host", "-oProxyCommand=x", "--once"}
                                           << "sockscope: The host starts with '-', which ssh would read as an option.";
        QTest::newRow("host port") << QStringList {"--host", "web1:0", "--once"}
                                   << "sockscope: The port must be a number from 1 to 65535.";
        QTest::newRow("push without host") << QStringList {"--once", "--push-agent"}
                                           << "sockscope: --push-agent goes with --host.";
        // The remote agent's table period is 1 to 3600 s: refused, not silently changed.
        QTest::newRow("host table-every 0") << QStringList {"--host", "web1", "--record", "x.sockrec", "--table-every", "0"}
                                            << "sockscope: With --host, --table-every needs whole seconds from 1 to 3600 (the "
                                               "remote agent's table period), not \"0\".";
        // The agent's --dump-budget, for the window and --record; --once always dumps.
        QTest::newRow("dump budget 0") << QStringList {"--dump-budget", "0"}
                                       << "sockscope: --dump-budget needs a whole percentage from 1 to 100, not \"0\".";
        QTest::newRow("dump budget with once")
            << QStringList {"--once", "--dump-budget", "5"} << "sockscope: --dump-budget applies to the window and --record.";
        QTest::newRow("host with replay") << QStringList {
            "--host", "web1", "--replay",
            "x.sockrec"} << "sockscope: --host watches a remote host; it does not go with --replay, --netns or --benchmark.";
    }

    void usageErrorIsOneLineAndAHint()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, line);
        arguments.prepend("en");
        arguments.prepend("--lang");
        const Run result = sockscope(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        QCOMPARE(QString::fromUtf8(result.err), line + QStringLiteral("\nTry 'sockscope --help'.\n"));
    }

    void helpNamesTheFile()
    {
        const Run result = sockscope({"--help", "--lang", "en"});
        QCOMPARE(result.exitCode, 0);
        const QString help = QString::fromUtf8(result.out);
        QVERIFY2(help.contains(QLatin1String("[options] [FILE]")), qPrintable(help));
        QVERIFY2(help.contains(QLatin1String("Arguments:\n  FILE ")), qPrintable(help));
        QVERIFY2(help.contains(QLatin1String("--replay FILE")), qPrintable(help));
    }

    void recordShowsProgressOnlyOnATerminal()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("r.sockrec"));
        const QStringList arguments {"--record", file, "--samples", "3", "--interval", "0.25", "--lang", "en"};
        // Into a pipe: the summary line and nothing else.
        const Run piped = sockscope(arguments);
        QCOMPARE(piped.exitCode, 0);
        QCOMPARE(piped.err.count('\n'), 1);
        QVERIFY2(!piped.err.contains('\r') && piped.err.startsWith("sockscope: recorded 3 samples"), piped.err.constData());

        // On a terminal (script(1) gives it a pty): one line rewritten in place per sample, then
        // cleared for the summary.
        QFile::remove(file);
        QStringList quoted;
        for (const QString &argument : QStringList {QStringLiteral(SOCKSCOPE_BINARY)} + arguments)
            quoted << QLatin1Char('\'') + argument + QLatin1Char('\'');
        const Run tty = ProcessRun::run(QStringLiteral("script"), {"-qec", quoted.join(QLatin1Char(' ')), "/dev/null"},
                                        QProcessEnvironment::systemEnvironment());
        QCOMPARE(tty.exitCode, 0);
        const QByteArray prefix = "\r\033[Krecording to " + file.toUtf8() + ": ";
        QVERIFY2(tty.out.contains(QByteArray(prefix + "1 samples, 0:00:0")), tty.out.constData());
        QVERIFY2(tty.out.contains(QByteArray(prefix + "3 samples, 0:00:0")), tty.out.constData());
        QVERIFY2(tty.out.contains(" elapsed, ") && tty.out.contains(" KiB"), tty.out.constData());
        QVERIFY2(tty.out.contains("\r\033[Ksockscope: recorded 3 samples"), tty.out.constData());
        QCOMPARE(tty.out.count('\n'), 1); // progress never scrolls the terminal
    }

    void qtNoiseOnlyWhenAsked()
    {
        // The window (offscreen) with no XDG_RUNTIME_DIR: Qt warns about it, and about the
        // offscreen plugin; a normal run shows neither, SOCKSCOPE_DEBUG shows them.
        QTemporaryDir dir;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("XDG_RUNTIME_DIR"));
        environment.remove(QStringLiteral("QT_LOGGING_RULES"));
        environment.remove(QStringLiteral("SOCKSCOPE_DEBUG"));
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("HOME"), dir.path()); // settings in a scratch place
        const QStringList arguments {"--screenshot", dir.filePath(QStringLiteral("w.png")), "--samples", "1", "--lang", "en"};
        const Run quiet = sockscope(arguments, environment);
        QCOMPARE(quiet.exitCode, 0);
        QVERIFY2(quiet.err.isEmpty(), quiet.err.constData());

        environment.insert(QStringLiteral("SOCKSCOPE_DEBUG"), QStringLiteral("1"));
        const Run debug = sockscope(arguments, environment);
        QCOMPARE(debug.exitCode, 0);
        QVERIFY2(debug.err.contains("XDG_RUNTIME_DIR"), debug.err.constData());
    }

    // The command line loads none of the window's libraries (Qt Gui, Widgets, Charts and the
    // GL, glib, dbus and font libraries they pull in: some 30 ms of start-up), by ld.so's own
    // account of what it maps; the window, run through the same sockscope, still does.
    void commandLineLoadsNoWindowLibraries_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("window");
        QTest::newRow("version") << QStringList {"--version"} << false;
        QTest::newRow("help") << QStringList {"--help"} << false;
        QTest::newRow("usage error") << QStringList {"--bogus"} << false;
        QTest::newRow("once json") << QStringList {"--once", "--format", "json"} << false;
        QTest::newRow("once text") << QStringList {"--once", "--lang", "zh_CN"} << false;
        QTest::newRow("window") << QStringList {"--screenshot", "w.png", "--samples", "1"} << true;
    }

    void commandLineLoadsNoWindowLibraries()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, window);
        QTemporaryDir dir;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LD_DEBUG"), QStringLiteral("libs"));
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("HOME"), dir.path());
        if (window)
            arguments[1] = dir.filePath(arguments[1]);
        const Run result = sockscope(arguments, environment);
        QCOMPARE(result.exitCode, arguments.first() == QLatin1String("--bogus") ? 2 : 0);
        QStringList loaded;
        for (const QByteArray &line : result.err.split('\n')) {
            const qsizetype at = line.indexOf("calling init: ");
            if (at >= 0)
                loaded << QString::fromUtf8(line.mid(at + 14)).section(QLatin1Char('/'), -1);
        }
        QVERIFY2(loaded.contains(QStringLiteral("libQt6Core.so.6")), qPrintable(loaded.join(QLatin1Char(' '))));
        for (const char *library : {"libQt6Gui.so.6", "libQt6Widgets.so.6", "libQt6Charts.so.6"})
            QVERIFY2(loaded.contains(QLatin1String(library)) == window, qPrintable(loaded.join(QLatin1Char(' '))));
        if (window)
            QVERIFY(QFileInfo(arguments[1]).size() > 0);
    }

    // What the linker was told: sockscope needs no library of the window's at all.
    void commandLineNeedsNoWindowLibraries()
    {
        const Run result = ProcessRun::run(QStringLiteral("readelf"), {"-d", QStringLiteral(SOCKSCOPE_BINARY)},
                                           QProcessEnvironment::systemEnvironment());
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains("[libQt6Core.so.6]"), result.out.constData());
        QVERIFY2(!result.out.contains("libQt6Gui") && !result.out.contains("libQt6Widgets")
                     && !result.out.contains("libQt6Charts"),
                 result.out.constData());
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestCommandLine, QCoreApplication)
#include "tst_commandline.moc"
