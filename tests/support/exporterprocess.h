#pragma once

#include "httpscrape.h"

#include <QProcess>
#include <QStringList>
#include <QTest>

#include <poll.h>
#include <sys/socket.h>

// sockscope-agent --metrics-listen as the exporter tests run it, and what they ask of a connection
// to it. Use inside a test function (the checks are QtTest's).
namespace ExporterProcess {

// Starts the agent with `arguments`; returns once its landing page answers on `port`.
inline void start(QProcess &agent, const QStringList &arguments, quint16 port)
{
    agent.setProgram(QStringLiteral(SOCKSCOPE_AGENT));
    agent.setArguments(arguments);
    agent.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    agent.start();
    QVERIFY(agent.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(HttpScrape::get(port, "/", {}, 1000).status, 200, 10000);
}

// Stops it as a service manager would (SIGTERM): it must exit cleanly.
inline void stop(QProcess &agent)
{
    agent.terminate();
    QVERIFY(agent.waitForFinished(10000));
    QCOMPARE(agent.exitStatus(), QProcess::NormalExit);
    QCOMPARE(agent.exitCode(), 0);
}

// Closed by the agent when it started, before the head timeout (2 s) could have closed it.
inline bool closedAtOnce(int fd)
{
    pollfd closed {fd, POLLIN, 0};
    char byte;
    return ::poll(&closed, 1, 1500) == 1 && ::recv(fd, &byte, 1, MSG_DONTWAIT) <= 0;
}

// Still open, with nothing received.
inline bool openAndQuiet(int fd)
{
    pollfd held {fd, POLLIN, 0};
    return ::poll(&held, 1, 0) == 0;
}

}
