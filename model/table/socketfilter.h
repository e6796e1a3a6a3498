#pragma once

#include "table/addressprefix.h"
#include "core/collect/tcpstate.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <vector>

struct SocketOwner;
struct SocketOwnership;
struct SocketRecord;

// The socket table's filter box. Words are combined with AND; a comma list inside a word, and
// several words of one kind, with OR; "!" before a word negates it:
//   time-wait | state:estab,close-wait     a TCP state (the key or the `ss` name)
//   80 | port:80,443                        local or remote port
//   sport:80 / dport:443                    local / remote port only
//   10.0.0.0/8 | [fd00::]/8 | addr:10.0.0.1 local or remote address or prefix
//   src:10.0.0.0/8 / dst:[::1]              local / remote address or prefix
//   ipv4 | ipv6                             address family
//   proc:nginx | pid:1234 | unit:nginx.service   the owner (or TIME-WAIT attribution): command,
//                                           process id, systemd unit or container ("unit:nginx" too)
//   !estab | !state:listen | !sport:22      none of these
//   anything else                           text contained in "local:port remote:port"
class SocketFilter
{
    Q_DECLARE_TR_FUNCTIONS(SocketFilter)

public:
    // Returns false and says which word is wrong; the filter then matches nothing, so a table
    // never goes on showing what an earlier filter let through.
    bool parse(const QString &text, QString *error);
    bool isEmpty() const { return m_clauses.empty() && !m_invalid; }
    bool isValid() const { return !m_invalid; }
    // `owner`: the socket's owner or attributed owner, null when none is known.
    bool matches(const SocketRecord &record, const SocketOwner *owner = nullptr) const;
    // The words (as typed) that no socket of `sockets` satisfies on its own: why a filter shows
    // nothing. Empty when each word matches something (then only their combination is empty).
    QStringList wordsMatchingNothing(const std::vector<SocketRecord> &sockets, const SocketOwnership *ownership = nullptr) const;

    static QString syntaxHelp();

private:
    enum class Kind {
        State,
        Port,
        LocalPort,
        RemotePort,
        Address,
        LocalAddress,
        RemoteAddress,
        Family,
        Text,
        Process,
        Pid,
        Unit
    };
    struct Clause
    {
        Kind kind = Kind::Text;
        bool negated = false;
        quint32 stateMask = 0;
        int family = 0;
        std::vector<quint16> ports;
        std::vector<AddressPrefix> prefixes;
        std::vector<quint32> pids;
        std::vector<std::string> names; // commands or units
        QByteArray text;
        QString word; // as typed, for messages
    };

    bool parseWord(const QString &word, QString *error);
    // The value of "key:value", and a word without a key; false and *error when it is wrong.
    static bool parseKeyed(Clause &clause, const QString &key, const QString &value, const QStringList &items, QString *error);
    static bool parseUnkeyed(Clause &clause, const QString &word, const QString &value, const QStringList &items, QString *error);
    static bool addStates(Clause &clause, const QStringList &items, QString *error);
    static bool addPorts(Clause &clause, Kind kind, const QStringList &items, QString *error);
    static bool addPrefixes(Clause &clause, Kind kind, const QStringList &items, QString *error);
    static bool addPids(Clause &clause, const QStringList &items, QString *error);
    bool clauseMatches(const Clause &clause, const SocketRecord &record, const SocketOwner *owner) const;
    void addClause(Clause clause);

    std::vector<Clause> m_clauses;
    bool m_invalid = false;
};
