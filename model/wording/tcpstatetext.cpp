#include "wording/tcpstatetext.h"

#include <QCoreApplication>

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
    return tcpStateFromName(std::string_view(name.toStdString()));
}
