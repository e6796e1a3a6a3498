#include "table/socketrowtext.h"

#include "core/snapshot/inetaddress.h"
#include "core/collect/socketrecord.h"

#include <QAbstractItemModel>
#include <QStringList>

#include <algorithm>
#include <sys/socket.h>

namespace {

// ss's own state names for its "state" filter (iproute2 misc/ss.c, sstate_namel): "listening"
// and "closed", not the LISTEN and UNCONN it prints.
const char *ssStateFilterName(TcpState state)
{
    switch (state) {
    case TcpState::Established: return "established";
    case TcpState::SynSent: return "syn-sent";
    case TcpState::SynRecv:
    case TcpState::NewSynRecv: return "syn-recv";
    case TcpState::FinWait1: return "fin-wait-1";
    case TcpState::FinWait2: return "fin-wait-2";
    case TcpState::TimeWait: return "time-wait";
    case TcpState::Close: return "closed";
    case TcpState::CloseWait: return "close-wait";
    case TcpState::LastAck: return "last-ack";
    case TcpState::Listen: return "listening";
    case TcpState::Closing: return "closing";
    case TcpState::Unknown:
    case TcpState::COUNT: break;
    }
    return "all";
}

bool isWildcard(const std::array<quint8, 16> &address)
{
    return std::all_of(address.begin(), address.end(), [](quint8 b) { return b == 0; });
}

// ss wants IPv6 addresses in brackets in its expressions ("dst [::1]").
QString addressText(const SocketRecord &r, const std::array<quint8, 16> &address)
{
    const QString text = QString::fromStdString(InetAddress::toString(r.family, address));
    return r.family == AF_INET6 ? QLatin1Char('[') + text + QLatin1Char(']') : text;
}

QString cell(const QAbstractItemModel &model, int row, int column)
{
    QString text = model.index(row, column).data(Qt::DisplayRole).toString();
    // A tab or line break inside a cell would shift every column after it.
    text.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text;
}

}

namespace SocketRowText {

QString tsv(const QAbstractItemModel &model, const std::vector<int> &rows)
{
    const int columns = model.columnCount();
    QStringList fields;
    for (int c = 0; c < columns; ++c)
        fields << model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
    QString text = fields.join(QLatin1Char('\t')) + QLatin1Char('\n');
    for (const int row : rows) {
        fields.clear();
        for (int c = 0; c < columns; ++c)
            fields << cell(model, row, c);
        text += fields.join(QLatin1Char('\t')) + QLatin1Char('\n');
    }
    return text;
}

QString ssCommand(const SocketRecord &r)
{
    QStringList terms;
    if (!isWildcard(r.localAddress))
        terms << QStringLiteral("src ") + addressText(r, r.localAddress);
    terms << QStringLiteral("sport = :%1").arg(r.localPort);
    // A listener's remote side is all zeros: nothing to match there.
    if (!isWildcard(r.remoteAddress))
        terms << QStringLiteral("dst ") + addressText(r, r.remoteAddress);
    if (r.remotePort)
        terms << QStringLiteral("dport = :%1").arg(r.remotePort);
    return QStringLiteral("ss -tan state %1 '( %2 )'")
        .arg(QLatin1String(ssStateFilterName(r.state)), terms.join(QStringLiteral(" and ")));
}

QString portFilter(const SocketRecord &r, bool remote)
{
    return remote ? QStringLiteral("dport:%1").arg(r.remotePort) : QStringLiteral("sport:%1").arg(r.localPort);
}

QString addressFilter(const SocketRecord &r, bool remote)
{
    return (remote ? QStringLiteral("dst:") : QStringLiteral("src:")) + address(r, remote);
}

QString address(const SocketRecord &r, bool remote)
{
    return addressText(r, remote ? r.remoteAddress : r.localAddress);
}

}
