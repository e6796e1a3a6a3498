#pragma once

#include "tcpstate.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <vector>

struct SocketRecord;

// The socket table's filter box. Words are combined with AND; several words of one kind with OR:
//   time-wait | state:estab     a TCP state (the key or the `ss` name)
//   80 | port:80                local or remote port
//   sport:80 / dport:443        local / remote port only
//   ipv4 | ipv6                 address family
//   anything else               text contained in "local:port remote:port"
class SocketFilter
{
    Q_DECLARE_TR_FUNCTIONS(SocketFilter)

public:
    // Returns false and says which word is wrong; the filter is then unchanged.
    bool parse(const QString &text, QString *error);
    bool isEmpty() const;
    bool matches(const SocketRecord &record) const;
    bool needsAddressText() const { return !m_texts.empty(); }

    static QString syntaxHelp();

private:
    quint32 m_stateMask = 0;
    std::vector<quint16> m_ports;
    std::vector<quint16> m_localPorts;
    std::vector<quint16> m_remotePorts;
    int m_family = 0;
    std::vector<QByteArray> m_texts;
};
