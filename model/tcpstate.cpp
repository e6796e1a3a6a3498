#include "tcpstate.h"

#include <QCoreApplication>
#include <QString>

namespace {
struct StateNames
{
    TcpState state;
    const char *key;
    const char *ss;
};

constexpr StateNames Names[] = {
    {TcpState::Unknown, "UNKNOWN", "UNKNOWN"},
    {TcpState::Established, "ESTABLISHED", "ESTAB"},
    {TcpState::SynSent, "SYN-SENT", "SYN-SENT"},
    {TcpState::SynRecv, "SYN-RECV", "SYN-RECV"},
    {TcpState::FinWait1, "FIN-WAIT-1", "FIN-WAIT-1"},
    {TcpState::FinWait2, "FIN-WAIT-2", "FIN-WAIT-2"},
    {TcpState::TimeWait, "TIME-WAIT", "TIME-WAIT"},
    {TcpState::Close, "CLOSE", "UNCONN"},
    {TcpState::CloseWait, "CLOSE-WAIT", "CLOSE-WAIT"},
    {TcpState::LastAck, "LAST-ACK", "LAST-ACK"},
    {TcpState::Listen, "LISTEN", "LISTEN"},
    {TcpState::Closing, "CLOSING", "CLOSING"},
    // ss folds request sockets into SYN-RECV; keep our own key distinct.
    {TcpState::NewSynRecv, "NEW-SYN-RECV", "SYN-RECV"},
};
static_assert(sizeof(Names) / sizeof(Names[0]) == TcpStateCount);
}

const std::array<TcpState, TcpStateCount - 1> &tcpStatesInDisplayOrder()
{
    static const std::array<TcpState, TcpStateCount - 1> order = {
        TcpState::Listen,     TcpState::SynSent,  TcpState::NewSynRecv, TcpState::SynRecv,
        TcpState::Established, TcpState::FinWait1, TcpState::FinWait2,   TcpState::Closing,
        TcpState::TimeWait,   TcpState::CloseWait, TcpState::LastAck,   TcpState::Close,
    };
    return order;
}

const char *tcpStateKey(TcpState state)
{
    const int index = static_cast<int>(state);
    return index < TcpStateCount ? Names[index].key : Names[0].key;
}

const char *tcpStateSsName(TcpState state)
{
    const int index = static_cast<int>(state);
    return index < TcpStateCount ? Names[index].ss : Names[0].ss;
}

QString tcpStateDisplayName(TcpState state)
{
    switch (state) {
    //: TCP state names are protocol terms; keep the English term, add a gloss only if customary.
    case TcpState::Established: return QCoreApplication::translate("TcpState", "ESTABLISHED");
    case TcpState::SynSent: return QCoreApplication::translate("TcpState", "SYN-SENT");
    case TcpState::SynRecv: return QCoreApplication::translate("TcpState", "SYN-RECV");
    case TcpState::FinWait1: return QCoreApplication::translate("TcpState", "FIN-WAIT-1");
    case TcpState::FinWait2: return QCoreApplication::translate("TcpState", "FIN-WAIT-2");
    case TcpState::TimeWait: return QCoreApplication::translate("TcpState", "TIME-WAIT");
    case TcpState::Close: return QCoreApplication::translate("TcpState", "CLOSE");
    case TcpState::CloseWait: return QCoreApplication::translate("TcpState", "CLOSE-WAIT");
    case TcpState::LastAck: return QCoreApplication::translate("TcpState", "LAST-ACK");
    case TcpState::Listen: return QCoreApplication::translate("TcpState", "LISTEN");
    case TcpState::Closing: return QCoreApplication::translate("TcpState", "CLOSING");
    //: Half-open connection waiting for the client's final ACK (a request socket).
    case TcpState::NewSynRecv: return QCoreApplication::translate("TcpState", "NEW-SYN-RECV");
    case TcpState::Unknown:
    case TcpState::COUNT: break;
    }
    return QCoreApplication::translate("TcpState", "UNKNOWN");
}

TcpState tcpStateFromName(const QString &name)
{
    const QString wanted = name.trimmed().toUpper().replace(QLatin1Char('_'), QLatin1Char('-'));
    for (const auto &entry : Names) {
        if (wanted == QLatin1String(entry.key))
            return entry.state;
    }
    for (const auto &entry : Names) {
        if (wanted == QLatin1String(entry.ss))
            return entry.state;
    }
    return TcpState::Unknown;
}
