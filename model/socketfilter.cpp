#include "socketfilter.h"

#include "socketrecord.h"

#include <QRegularExpression>

#include <algorithm>
#include <arpa/inet.h>
#include <cstdio>
#include <cstring>
#include <sys/socket.h>

namespace {

bool parsePort(const QString &text, quint16 *port)
{
    bool ok = false;
    const uint value = text.toUInt(&ok);
    if (!ok || value > 65535 || text.startsWith(QLatin1Char('+')))
        return false;
    *port = quint16(value);
    return true;
}

bool contains(const std::vector<quint16> &ports, quint16 port)
{
    return std::find(ports.begin(), ports.end(), port) != ports.end();
}

// "127.0.0.1:80 127.0.0.1:34567" or "[::1]:80 [::1]:34567", in a stack buffer: no QString per row.
std::size_t endpointsText(const SocketRecord &r, char *out, std::size_t size)
{
    const int family = r.family == AF_INET6 ? AF_INET6 : AF_INET;
    char local[INET6_ADDRSTRLEN], remote[INET6_ADDRSTRLEN];
    inet_ntop(family, r.localAddress.data(), local, sizeof(local));
    inet_ntop(family, r.remoteAddress.data(), remote, sizeof(remote));
    const char *format = family == AF_INET6 ? "[%s]:%u [%s]:%u" : "%s:%u %s:%u";
    const int written = std::snprintf(out, size, format, local, unsigned(r.localPort), remote, unsigned(r.remotePort));
    return written < 0 ? 0 : std::size_t(written);
}

}

bool SocketFilter::parse(const QString &text, QString *error)
{
    SocketFilter parsed;
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    for (const QString &word : text.split(spaces, Qt::SkipEmptyParts)) {
        // "key:value" only when the key is a word: "[::1]:80" and "fe80::1" are address text.
        static const QRegularExpression keyed(QStringLiteral("^([A-Za-z]+):([^:].*)?$"));
        const QRegularExpressionMatch match = keyed.match(word);
        const QString key = match.hasMatch() ? match.captured(1).toLower() : QString();
        const QString value = match.hasMatch() ? match.captured(2) : word;
        quint16 port = 0;
        if (key == QLatin1String("state")) {
            const TcpState state = tcpStateFromName(value);
            if (state == TcpState::Unknown) {
                *error = tr("Unknown TCP state \"%1\".").arg(value);
                return false;
            }
            parsed.m_stateMask |= tcpStateBit(state);
        } else if (key == QLatin1String("port") || key == QLatin1String("sport") || key == QLatin1String("dport")) {
            if (!parsePort(value, &port)) {
                *error = tr("\"%1\" is not a port number.").arg(value);
                return false;
            }
            (key == QLatin1String("sport") ? parsed.m_localPorts
             : key == QLatin1String("dport") ? parsed.m_remotePorts
                                              : parsed.m_ports)
                .push_back(port);
        } else if (!key.isEmpty() && key != QLatin1String("addr")) {
            *error = tr("Unknown filter \"%1:\"; use state:, port:, sport:, dport: or addr:.").arg(key);
            return false;
        } else if (key.isEmpty() && parsePort(word, &port)) {
            parsed.m_ports.push_back(port);
        } else if (key.isEmpty() && tcpStateFromName(word) != TcpState::Unknown) {
            parsed.m_stateMask |= tcpStateBit(tcpStateFromName(word));
        } else if (key.isEmpty() && (word.compare(QLatin1String("ipv4"), Qt::CaseInsensitive) == 0
                                     || word.compare(QLatin1String("ipv6"), Qt::CaseInsensitive) == 0)) {
            parsed.m_family = word.endsWith(QLatin1Char('6')) ? AF_INET6 : AF_INET;
        } else {
            parsed.m_texts.push_back(value.toLower().toLatin1());
        }
    }
    // ss and the kernel call request sockets SYN-RECV: a filter on one takes both.
    if (parsed.m_stateMask & (tcpStateBit(TcpState::SynRecv) | tcpStateBit(TcpState::NewSynRecv)))
        parsed.m_stateMask |= tcpStateBit(TcpState::SynRecv) | tcpStateBit(TcpState::NewSynRecv);
    *this = std::move(parsed);
    return true;
}

bool SocketFilter::isEmpty() const
{
    return !m_stateMask && m_ports.empty() && m_localPorts.empty() && m_remotePorts.empty() && !m_family
        && m_texts.empty();
}

bool SocketFilter::matches(const SocketRecord &r) const
{
    if (m_stateMask && !(m_stateMask & tcpStateBit(r.state)))
        return false;
    if (m_family && r.family != m_family)
        return false;
    if (!m_ports.empty() && !contains(m_ports, r.localPort) && !contains(m_ports, r.remotePort))
        return false;
    if (!m_localPorts.empty() && !contains(m_localPorts, r.localPort))
        return false;
    if (!m_remotePorts.empty() && !contains(m_remotePorts, r.remotePort))
        return false;
    if (!m_texts.empty()) {
        char text[2 * INET6_ADDRSTRLEN + 32];
        endpointsText(r, text, sizeof(text));
        for (const QByteArray &needle : m_texts) {
            if (!std::strstr(text, needle.constData()))
                return false;
        }
    }
    return true;
}

QString SocketFilter::syntaxHelp()
{
    return tr("Words are combined with AND, several words of one kind with OR:\n"
              "  time-wait, estab, state:listen — TCP state\n"
              "  80, port:80 — local or remote port; sport:80 local, dport:443 remote\n"
              "  ipv4, ipv6 — address family\n"
              "  10.0.0, [::1] — text in the local or remote address");
}
