#include "table/socketfilter.h"

#include "core/owners/socketownership.h"
#include "core/collect/socketrecord.h"
#include "wording/tcpstatetext.h"

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

// ss and the kernel call request sockets SYN-RECV: a filter on one takes both.
quint32 stateBits(TcpState state)
{
    if (state == TcpState::SynRecv || state == TcpState::NewSynRecv)
        return tcpStateBit(TcpState::SynRecv) | tcpStateBit(TcpState::NewSynRecv);
    return tcpStateBit(state);
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

template <typename Predicate> bool allOf(const QStringList &items, Predicate predicate)
{
    return std::all_of(items.begin(), items.end(), predicate);
}

bool isAddress(const QString &item)
{
    QString ignored;
    return AddressPrefix().parse(item, &ignored);
}

}

bool SocketFilter::parse(const QString &text, QString *error)
{
    SocketFilter parsed;
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    for (const QString &word : text.split(spaces, Qt::SkipEmptyParts)) {
        if (!parsed.parseWord(word, error)) {
            m_clauses.clear();
            m_invalid = true;
            return false;
        }
    }
    *this = std::move(parsed);
    return true;
}

bool SocketFilter::parseWord(const QString &typed, QString *error)
{
    Clause clause;
    clause.word = typed;
    QString word = typed;
    if (word.startsWith(QLatin1Char('!'))) {
        clause.negated = true;
        word = word.mid(1);
        if (word.isEmpty()) {
            *error = tr("\"!\" needs a word after it, as in !estab.");
            return false;
        }
    }
    // "key:value" only when the key is a word: "[::1]:80" and "fe80::1" are addresses or text.
    static const QRegularExpression keyed(QStringLiteral("^([A-Za-z]+):([^:].*)?$"));
    const QRegularExpressionMatch match = keyed.match(word);
    const QString key = match.hasMatch() ? match.captured(1).toLower() : QString();
    const QString value = match.hasMatch() ? match.captured(2) : word;
    if (value.isEmpty()) {
        *error = tr("\"%1\" needs a value after the colon.").arg(typed);
        return false;
    }
    const QStringList items = value.split(QLatin1Char(','));
    if (items.contains(QString())) {
        *error = tr("Empty item in the list \"%1\".").arg(value);
        return false;
    }
    const bool ok =
        key.isEmpty() ? parseUnkeyed(clause, word, value, items, error) : parseKeyed(clause, key, value, items, error);
    if (!ok)
        return false;
    error->clear();
    addClause(std::move(clause));
    return true;
}

bool SocketFilter::parseKeyed(Clause &clause, const QString &key, const QString &value, const QStringList &items, QString *error)
{
    if (key == QLatin1String("state"))
        return addStates(clause, items, error);
    if (key == QLatin1String("port"))
        return addPorts(clause, Kind::Port, items, error);
    if (key == QLatin1String("sport"))
        return addPorts(clause, Kind::LocalPort, items, error);
    if (key == QLatin1String("dport"))
        return addPorts(clause, Kind::RemotePort, items, error);
    if (key == QLatin1String("src"))
        return addPrefixes(clause, Kind::LocalAddress, items, error);
    if (key == QLatin1String("dst"))
        return addPrefixes(clause, Kind::RemoteAddress, items, error);
    if (key == QLatin1String("addr") && !value.contains(QLatin1Char('/')) && !allOf(items, isAddress)) {
        clause.kind = Kind::Text; // part of an address, as in addr:10.0.0
        clause.text = value.toLower().toLatin1();
        return true;
    }
    if (key == QLatin1String("addr"))
        return addPrefixes(clause, Kind::Address, items, error);
    if (key == QLatin1String("proc") || key == QLatin1String("unit")) {
        clause.kind = key == QLatin1String("proc") ? Kind::Process : Kind::Unit;
        for (const QString &item : items)
            clause.names.push_back(item.toStdString());
        return true;
    }
    if (key == QLatin1String("pid"))
        return addPids(clause, items, error);
    *error = tr("unknown filter '%1:'; use state:, port:, sport:, dport:, addr:, src:, dst:, proc:, pid: or unit:").arg(key);
    return false;
}

bool SocketFilter::parseUnkeyed(Clause &clause, const QString &word, const QString &value, const QStringList &items,
                                QString *error)
{
    if (allOf(items, [](const QString &item) {
            quint16 port;
            return parsePort(item, &port);
        }))
        return addPorts(clause, Kind::Port, items, error);
    if (allOf(items, [](const QString &item) { return tcpStateFromName(item) != TcpState::Unknown; }))
        return addStates(clause, items, error);
    if (items.size() == 1
        && (word.compare(QLatin1String("ipv4"), Qt::CaseInsensitive) == 0
            || word.compare(QLatin1String("ipv6"), Qt::CaseInsensitive) == 0)) {
        clause.kind = Kind::Family;
        clause.family = word.endsWith(QLatin1Char('6')) ? AF_INET6 : AF_INET;
        return true;
    }
    if (word.contains(QLatin1Char('/')) || (items.size() > 1 && allOf(items, AddressPrefix::looksLikeAddress)))
        return addPrefixes(clause, Kind::Address, items, error); // a prefix is never text: a typo in one must say so
    if (allOf(items, isAddress))
        return addPrefixes(clause, Kind::Address, items,
                           error); // a whole address: that address exactly, not "10.0.0.10" for "10.0.0.1"
    if (items.size() > 1) {
        *error = tr("'%1' mixes kinds: a list holds only states, only ports or only addresses").arg(value);
        return false;
    }
    clause.kind = Kind::Text;
    clause.text = value.toLower().toLatin1();
    return true;
}

bool SocketFilter::addStates(Clause &clause, const QStringList &items, QString *error)
{
    clause.kind = Kind::State;
    for (const QString &item : items) {
        const TcpState state = tcpStateFromName(item);
        if (state == TcpState::Unknown) {
            *error = tr("unknown state '%1'").arg(item);
            return false;
        }
        clause.stateMask |= stateBits(state);
    }
    return true;
}

bool SocketFilter::addPorts(Clause &clause, Kind kind, const QStringList &items, QString *error)
{
    clause.kind = kind;
    for (const QString &item : items) {
        quint16 port = 0;
        if (!parsePort(item, &port)) {
            *error = tr("'%1' is not a port number (0 to 65535)").arg(item);
            return false;
        }
        clause.ports.push_back(port);
    }
    return true;
}

bool SocketFilter::addPrefixes(Clause &clause, Kind kind, const QStringList &items, QString *error)
{
    clause.kind = kind;
    for (const QString &item : items) {
        AddressPrefix prefix;
        if (!prefix.parse(item, error))
            return false;
        clause.prefixes.push_back(prefix);
    }
    return true;
}

bool SocketFilter::addPids(Clause &clause, const QStringList &items, QString *error)
{
    clause.kind = Kind::Pid;
    for (const QString &item : items) {
        bool isNumber = false;
        const uint pid = item.toUInt(&isNumber);
        if (!isNumber || pid == 0 || item.startsWith(QLatin1Char('+'))) {
            *error = tr("'%1' is not a process id").arg(item);
            return false;
        }
        clause.pids.push_back(pid);
    }
    return true;
}

void SocketFilter::addClause(Clause clause)
{
    // Words of one kind are alternatives ("80 443"): one clause with all their values. Text
    // words narrow (every one must occur); negated words each exclude.
    if (!clause.negated && clause.kind != Kind::Text) {
        for (Clause &existing : m_clauses) {
            if (existing.negated || existing.kind != clause.kind)
                continue;
            existing.stateMask |= clause.stateMask;
            existing.ports.insert(existing.ports.end(), clause.ports.begin(), clause.ports.end());
            existing.prefixes.insert(existing.prefixes.end(), clause.prefixes.begin(), clause.prefixes.end());
            existing.pids.insert(existing.pids.end(), clause.pids.begin(), clause.pids.end());
            existing.names.insert(existing.names.end(), clause.names.begin(), clause.names.end());
            if (existing.family != clause.family)
                existing.family = -1; // ipv4 ipv6: either
            existing.word += QLatin1Char(' ') + clause.word;
            return;
        }
    }
    m_clauses.push_back(std::move(clause));
}

bool SocketFilter::clauseMatches(const Clause &c, const SocketRecord &r, const SocketOwner *owner) const
{
    // "unit:nginx" is nginx.service (or nginx.scope) too.
    const auto unitMatches = [](const std::string &unit, const std::string &name) {
        return unit == name || (unit.size() > name.size() && unit.compare(0, name.size(), name) == 0 && unit[name.size()] == '.');
    };
    const auto anyPrefix = [&](const std::array<quint8, 16> &address) {
        return std::any_of(c.prefixes.begin(), c.prefixes.end(),
                           [&](const AddressPrefix &p) { return p.matches(r.family, address); });
    };
    switch (c.kind) {
    case Kind::State: return c.stateMask & tcpStateBit(r.state);
    case Kind::Port: return contains(c.ports, r.localPort) || contains(c.ports, r.remotePort);
    case Kind::LocalPort: return contains(c.ports, r.localPort);
    case Kind::RemotePort: return contains(c.ports, r.remotePort);
    case Kind::Address: return anyPrefix(r.localAddress) || anyPrefix(r.remoteAddress);
    case Kind::LocalAddress: return anyPrefix(r.localAddress);
    case Kind::RemoteAddress: return anyPrefix(r.remoteAddress);
    case Kind::Family: return c.family < 0 || r.family == c.family;
    case Kind::Process: return owner && owner->pid && std::find(c.names.begin(), c.names.end(), owner->command) != c.names.end();
    case Kind::Pid: return owner && owner->pid && std::find(c.pids.begin(), c.pids.end(), owner->pid) != c.pids.end();
    case Kind::Unit:
        return owner && !owner->unit.empty()
            && std::any_of(c.names.begin(), c.names.end(), [&](const std::string &n) { return unitMatches(owner->unit, n); });
    case Kind::Text: {
        char text[2 * INET6_ADDRSTRLEN + 32];
        endpointsText(r, text, sizeof(text));
        return std::strstr(text, c.text.constData()) != nullptr;
    }
    }
    return false;
}

bool SocketFilter::matches(const SocketRecord &r, const SocketOwner *owner) const
{
    if (m_invalid)
        return false;
    for (const Clause &clause : m_clauses) {
        if (clauseMatches(clause, r, owner) == clause.negated)
            return false;
    }
    return true;
}

QStringList SocketFilter::wordsMatchingNothing(const std::vector<SocketRecord> &sockets, const SocketOwnership *ownership) const
{
    QStringList words;
    for (const Clause &clause : m_clauses) {
        bool some = false;
        for (std::size_t i = 0; i < sockets.size() && !some; ++i) {
            const OwnerRef *ref = ownership ? ownership->of(i) : nullptr;
            some = clauseMatches(clause, sockets[i], ref ? ownership->owner(ref->owner) : nullptr) != clause.negated;
        }
        if (!some)
            words << clause.word;
    }
    return words;
}

QString SocketFilter::syntaxHelp()
{
    return tr(
        "Words are combined with AND; a comma list, or several words of one kind, with OR; ! negates:\n"
        "  time-wait, estab, state:close-wait,time-wait — TCP state\n"
        "  80, port:80,443 — local or remote port; sport:80 local, dport:443 remote\n"
        "  10.0.0.0/8, [fd00::]/8, 10.0.0.1 — local or remote address; src: local, dst: remote\n"
        "  ipv4, ipv6 — address family\n"
        "  proc:nginx, pid:1234, unit:nginx.service — the owning process or unit (for TIME-WAIT: whom it is attributed to)\n"
        "  !estab, !state:listen, !sport:22 — everything but these\n"
        "  10.0.0 — text in the local or remote address");
}
