#include "loopbacktcp.h"

#include "core/collect/procfile.h"
#include "core/collect/sockstatparser.h"
#include "core/collect/sysctlreader.h"

#include <QList>
#include <QTest>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace LoopbackTcp {

bool writeSysctl(const QString &name, const QByteArray &value)
{
    const QByteArray path = QByteArray::fromStdString(SysctlReader::procPath(name.toStdString()));
    const int fd = open(path.constData(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = write(fd, value.constData(), std::size_t(value.size())) == value.size();
    close(fd);
    return ok;
}

qint64 timewaitTable()
{
    SockstatFigures figures;
    SockstatParser::parseSockstat(ProcFile::read("/proc/net/sockstat").contents, &figures);
    return figures.tcpTimeWait;
}

int tcpSocket(bool reuseAddress)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    if (fd >= 0 && reuseAddress)
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    return fd;
}

sockaddr_in address(quint32 host, quint16 port)
{
    sockaddr_in a {};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(host);
    a.sin_port = htons(port);
    return a;
}

bool bindTo(int fd, quint32 host, quint16 port)
{
    const sockaddr_in a = address(host, port);
    return bind(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) == 0;
}

bool connectedPair(int listener, quint16 port, int *client, int *server)
{
    *client = tcpSocket();
    const sockaddr_in a = address(INADDR_LOOPBACK, port);
    if (::connect(*client, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0)
        return false;
    *server = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    return *server >= 0;
}

bool waitFor(const std::function<bool()> &condition)
{
    return QTest::qWaitFor(condition, 5000);
}

bool orphanedFinWait2(int listener, quint16 port, int *heldServer)
{
    int client = -1;
    const qint64 before = timewaitTable();
    if (!connectedPair(listener, port, &client, heldServer))
        return false;
    close(client);
    return waitFor([&] { return timewaitTable() == before + 1; });
}

int listenerOn(quint16 port, bool reuseAddress)
{
    const int fd = tcpSocket(reuseAddress);
    if (!bindTo(fd, INADDR_LOOPBACK, port) || listen(fd, 16) != 0)
        return -1;
    return fd;
}

QMap<QString, qint64> nstatCounters()
{
    QMap<QString, qint64> counters;
    for (const char *file : {"/proc/net/netstat", "/proc/net/snmp"}) {
        const QList<QByteArray> lines = QByteArray::fromStdString(ProcFile::read(file).contents).split('\n');
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            const QList<QByteArray> names = lines[i].simplified().split(' ');
            const QList<QByteArray> values = lines[i + 1].simplified().split(' ');
            const QString label = QString::fromLatin1(names.value(0)).chopped(1);
            for (int k = 1; k < names.size() && k < values.size(); ++k)
                counters.insert(label + QString::fromLatin1(names[k]), values[k].toLongLong());
        }
    }
    return counters;
}

int tcpRowsInState(const char *hexState)
{
    int rows = 0;
    for (const QByteArray &line : QByteArray::fromStdString(ProcFile::read("/proc/net/tcp").contents).split('\n'))
        rows += line.simplified().split(' ').value(3) == hexState ? 1 : 0;
    return rows;
}

} // namespace LoopbackTcp
