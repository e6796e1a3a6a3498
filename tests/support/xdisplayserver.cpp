#include "xdisplayserver.h"

#include <QDebug>
#include <QFile>
#include <QStandardPaths>
#include <QTest>

QString XDisplayServer::unavailableReason()
{
    for (const char *tool : {"Xvfb", "openbox", "xprop"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            return QStringLiteral("%1 is not installed (.ci/install-deps --tests installs it)").arg(QString::fromLatin1(tool));
    }
    return QString();
}

QProcessEnvironment XDisplayServer::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DISPLAY"), m_display);
    return env;
}

bool XDisplayServer::start(const QString &size, int firstDisplay)
{
    // A display number nobody uses: no lock file and no socket. A display just stopped may
    // still hold its lock: callers starting several take numbers past the last one.
    for (int n = firstDisplay; n < firstDisplay + 100; ++n) {
        if (QFile::exists(QStringLiteral("/tmp/.X%1-lock").arg(n)) || QFile::exists(QStringLiteral("/tmp/.X11-unix/X%1").arg(n)))
            continue;
        m_display = QStringLiteral(":%1").arg(n);
        break;
    }
    m_xvfb.start(QStringLiteral("Xvfb"),
                 {m_display, QStringLiteral("-screen"), QStringLiteral("0"), size + QStringLiteral("x24"),
                  QStringLiteral("-nolisten"), QStringLiteral("tcp")});
    if (!m_xvfb.waitForStarted(5000)) {
        qWarning() << "Xvfb" << m_display << m_xvfb.errorString();
        return false;
    }
    const QString socket = QStringLiteral("/tmp/.X11-unix/X") + m_display.mid(1);
    if (!QTest::qWaitFor([&] { return QFile::exists(socket); }, 10000)) {
        qWarning() << "Xvfb made no socket" << socket << m_xvfb.readAllStandardError();
        return false;
    }
    m_wm.setProcessEnvironment(environment());
    m_wm.start(QStringLiteral("openbox"), {QStringLiteral("--sm-disable")});
    if (!m_wm.waitForStarted(5000)) {
        qWarning() << "openbox" << m_wm.errorString();
        return false;
    }
    // openbox announces itself on the root window once it manages windows.
    return QTest::qWaitFor(
        [&] {
            QProcess probe;
            probe.setProcessEnvironment(environment());
            probe.start(QStringLiteral("xprop"), {QStringLiteral("-root"), QStringLiteral("_NET_SUPPORTING_WM_CHECK")});
            probe.waitForFinished(3000);
            return probe.readAllStandardOutput().contains("window id") || m_wm.state() == QProcess::NotRunning;
        },
        30000);
}

void XDisplayServer::stop()
{
    for (QProcess *p : {&m_wm, &m_xvfb}) {
        if (p->state() != QProcess::NotRunning) {
            p->terminate();
            if (!p->waitForFinished(5000))
                p->kill();
            p->waitForFinished(2000);
        }
    }
}
