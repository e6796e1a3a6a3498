#include "table/tableexporter.h"

#include "core/snapshot/inetaddress.h"
#include "core/snapshot/jsonstreamwriter.h"
#include "bridge/qtstd.h"
#include "core/snapshot/snapshotjsonwriter.h"

#include <QDateTime>
#include <QIODevice>

namespace TableExporter {

QStringList csvColumns()
{
    return {QStringLiteral("family"),      QStringLiteral("state"),       QStringLiteral("local"),  QStringLiteral("local_port"),
            QStringLiteral("remote"),      QStringLiteral("remote_port"), QStringLiteral("timer"),  QStringLiteral("expires_ms"),
            QStringLiteral("retransmits"), QStringLiteral("recv_q"),      QStringLiteral("send_q"), QStringLiteral("uid"),
            QStringLiteral("inode"),       QStringLiteral("cookie")};
}

bool writeCsv(const SocketTableRows &rows, QIODevice *device)
{
    QByteArray out = csvColumns().join(QLatin1Char(',')).toLatin1() + "\r\n";
    out.reserve(qsizetype(rows.rows.size()) * 96 + out.size());
    bool ok = true;
    for (int i = 0; i < int(rows.rows.size()); ++i) {
        const SocketRecord &r = rows.record(i);
        // No field can hold a comma or a quote (addresses, numbers, keys): nothing to quote.
        out += QByteArray(InetAddress::familyName(r.family)) + ',' + tcpStateKey(r.state) + ','
            + QByteArray::fromStdString(InetAddress::toString(r.family, r.localAddress)) + ',' + QByteArray::number(r.localPort)
            + ',' + QByteArray::fromStdString(InetAddress::toString(r.family, r.remoteAddress)) + ','
            + QByteArray::number(r.remotePort) + ',' + socketTimerKey(r.timer) + ',' + QByteArray::number(r.expiresMs) + ','
            + QByteArray::number(r.retransmits) + ',' + QByteArray::number(r.receiveQueue) + ',' + QByteArray::number(r.sendQueue)
            + ',' + QByteArray::number(r.uid) + ',' + QByteArray::number(r.inode) + ',' + QByteArray::number(r.cookie) + "\r\n";
        if (out.size() > (1 << 20)) {
            ok = ok && device->write(out) == out.size();
            out.clear();
        }
    }
    return ok && device->write(out) == out.size();
}

bool writeJson(const SocketTableRows &rows, QIODevice *device)
{
    JsonStreamWriter json(deviceSink(device));
    json.beginObject();
    json.field("schema", "sockscope.sockets/1");
    json.field("time",
               QDateTime::fromMSecsSinceEpoch(rows.snapshot->wallTimeMs, Qt::UTC).toString(Qt::ISODateWithMs).toStdString());
    json.key("netns");
    json.beginObject(true);
    json.field("label", rows.snapshot->namespaceLabel);
    json.field("id", rows.snapshot->namespaceId);
    json.endObject();
    json.field("shown", std::uint64_t(rows.rows.size()));
    json.field("total", std::uint64_t(rows.snapshot->sockets.size()));
    json.key("sockets");
    json.beginArray();
    for (int i = 0; i < int(rows.rows.size()); ++i)
        SnapshotJsonWriter::writeSocket(json, rows.record(i), &rows.snapshot->owners, rows.rows[std::size_t(i)]);
    json.endArray();
    json.endObject();
    return json.flush();
}

}
