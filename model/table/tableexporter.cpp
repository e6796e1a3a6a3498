#include "table/tableexporter.h"

#include "core/snapshot/inetaddress.h"
#include "bridge/csvfield.h"
#include "core/snapshot/jsonstreamwriter.h"
#include "bridge/qtstd.h"
#include "core/snapshot/snapshotjsonwriter.h"

#include <QDateTime>
#include <QIODevice>

namespace TableExporter {

QStringList csvColumns()
{
    return {QStringLiteral("family"),      QStringLiteral("state"),       QStringLiteral("local"),   QStringLiteral("local_port"),
            QStringLiteral("remote"),      QStringLiteral("remote_port"), QStringLiteral("timer"),   QStringLiteral("expires_ms"),
            QStringLiteral("retransmits"), QStringLiteral("recv_q"),      QStringLiteral("send_q"),  QStringLiteral("uid"),
            QStringLiteral("inode"),       QStringLiteral("cookie"),      QStringLiteral("process"), QStringLiteral("pid"),
            QStringLiteral("unit"),        QStringLiteral("evidence")};
}

namespace {

// The owner columns, as the JSON export's "owner" has them: the command (for a listener's
// holders, the command they share or each distinct one), the pid (empty unless one process is
// meant), the unit and how the owner was found. All empty when owners were not looked up;
// evidence "none" for a socket whose owner was looked up and not found.
QByteArray ownerFields(const SocketOwnership &ownership, std::size_t index)
{
    if (ownership.scope == OwnerScope::NotLookedUp)
        return ",,,";
    const OwnerRef *ref = ownership.of(index);
    const SocketOwner *owner = ref ? ownership.owner(ref->owner) : nullptr;
    if (!owner)
        return ",,," + QByteArray(ownerEvidenceKey(OwnerEvidence::None));
    return (owner->hasProcess() ? CsvField::text(owner->command) : QByteArray()) + ','
        + (owner->pid ? QByteArray::number(owner->pid) : QByteArray()) + ',' + CsvField::text(owner->unit) + ','
        + ownerEvidenceKey(ref->evidence);
}

}

bool writeCsv(const SocketTableRows &rows, QIODevice *device)
{
    QByteArray out = csvColumns().join(QLatin1Char(',')).toLatin1() + "\r\n";
    out.reserve(qsizetype(rows.rows.size()) * 96 + out.size());
    bool ok = true;
    for (int i = 0; i < int(rows.rows.size()); ++i) {
        const SocketRecord &r = rows.record(i);
        // Addresses, numbers and keys hold no comma or quote; the owner's names are quoted.
        out += QByteArray(InetAddress::familyName(r.family)) + ',' + tcpStateKey(r.state) + ','
            + QByteArray::fromStdString(InetAddress::toString(r.family, r.localAddress)) + ',' + QByteArray::number(r.localPort)
            + ',' + QByteArray::fromStdString(InetAddress::toString(r.family, r.remoteAddress)) + ','
            + QByteArray::number(r.remotePort) + ',' + socketTimerKey(r.timer) + ',' + QByteArray::number(r.expiresMs) + ','
            + QByteArray::number(r.retransmits) + ',' + QByteArray::number(r.receiveQueue) + ',' + QByteArray::number(r.sendQueue)
            + ',' + QByteArray::number(r.uid) + ',' + QByteArray::number(r.inode) + ',' + QByteArray::number(r.cookie) + ','
            + ownerFields(rows.snapshot->owners, rows.rows[std::size_t(i)]) + "\r\n";
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
    // Where the table was read, as a capture's stamp says it: a file attached to a ticket names
    // its host, kernel and namespace.
    json.field("host", rows.snapshot->host);
    json.field("kernel", rows.snapshot->kernel);
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
