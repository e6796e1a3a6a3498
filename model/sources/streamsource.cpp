#include "sources/streamsource.h"

#include "core/stream/bytewriter.h"
#include "wording/coremessagetext.h"
#include "sources/processconnection.h"
#include "sysctl/readonlysysctlchanger.h"
#include "recording/recordingframes.h"
#include "bridge/qtstd.h"
#include "core/stream/recordingformat.h"
#include "sources/streamreconnection.h"
#include "bridge/untrustedtext.h"

#include <QJsonDocument>

#include <utility>

StreamSource::StreamSource(ProcessFactory factory, const QString &label, QObject *parent)
    : StreamSource(new ProcessConnection(std::move(factory), label), label, parent)
{
}

StreamSource::StreamSource(StreamConnection *connection, const QString &label, QObject *parent)
    : Source(parent)
    , m_connection(connection)
    , m_label(label)
    , m_session(new StreamSession(this))
    , m_reconnection(new StreamReconnection(this))
    , m_tables(new StreamTableDecoder(this))
{
    m_connection->setParent(this);
    connect(m_tables, &StreamTableDecoder::decoded, this, &StreamSource::tableDecoded);
    connect(m_tables, &StreamTableDecoder::rebuilt, this, &StreamSource::tableRebuilt);
    connect(m_tables, &StreamTableDecoder::failed, this, &StreamSource::tableFailed);
    connect(m_connection, &StreamConnection::readyRead, this, &StreamSource::readOutput);
    connect(m_connection, &StreamConnection::ended, this, &StreamSource::connectionEnded);
    m_sysctlChanger = new ReadOnlySysctlChanger(tr("The sysctls of %1 cannot be changed from here.").arg(m_label), this);
    connect(m_reconnection, &StreamReconnection::countdown, this,
            [this](int seconds) { setState(State::Reconnecting, m_lostReason, seconds); });
    connect(m_reconnection, &StreamReconnection::due, this, &StreamSource::launch);
    connect(m_session, &StreamSession::recordingStarted, this, &Source::recordingStarted);
    connect(m_session, &StreamSession::recordingProgress, this, &Source::recordingProgress);
    connect(m_session, &StreamSession::recordingStopped, this, &Source::recordingStopped);
    connect(m_session, &StreamSession::recordingFailed, this, &Source::recordingFailed);
}

StreamSource::~StreamSource()
{
    m_stopping = true;
    delete m_session; // closes the recording, as it is, without a word
    m_session = nullptr;
    // Closing standard input ends the agent; one that ignores it is killed.
    disconnect(m_connection, nullptr, this, nullptr);
    m_connection->shutDown();
}

void StreamSource::setBackoff(int firstMs, int maximumMs)
{
    m_reconnection->setBackoff(firstMs, maximumMs);
}

void StreamSource::setSysctlChanger(SysctlChanger *changer)
{
    if (changer == m_sysctlChanger)
        return;
    delete m_sysctlChanger;
    m_sysctlChanger = changer;
    m_sysctlChanger->setParent(this);
}

Source::Capabilities StreamSource::capabilities() const
{
    Capabilities capabilities;
    capabilities.canPause = true;
    capabilities.canRecord = true;
    capabilities.canChangeInterval = true;
    capabilities.canRequestTable = true;
    return capabilities;
}

Source::Place StreamSource::place() const
{
    Place place = placeFromHeader(m_received.header);
    if (m_received.header.isEmpty())
        place.host = m_label; // nothing received yet: what the user asked to watch
    return place;
}

void StreamSource::start(int intervalMs)
{
    m_intervalMs = intervalMs;
    m_stopping = false;
    launch();
}

void StreamSource::stop()
{
    m_stopping = true;
    m_reconnection->cancel();
    stopRecording();
    m_connection->close();
    setState(State::Ended, m_lostReason);
}

void StreamSource::launch()
{
    m_reconnection->cancel();
    // A new reader per connection: owners sent for a summary the lost connection never
    // delivered belong to no summary here.
    m_reader = FrameReader(FrameLimits::stream());
    m_lost = false;
    m_endSeen = false;
    m_connectionBytes = 0;
    ++m_connections;
    setState(State::Connecting);
    m_connection->open();
    // What the window asked for so far, in the agent's words.
    send("interval " + QByteArray::number(m_intervalMs));
    if (m_paused)
        send("pause");
}

void StreamSource::send(const QByteArray &command)
{
    m_connection->write(command);
}

void StreamSource::readOutput()
{
    if (m_lost)
        return;
    const QByteArray bytes = m_connection->readAll();
    m_connectionBytes += bytes.size();
    m_reader.feed(byteView(bytes));
    decode();
}

void StreamSource::decode()
{
    m_reader.read(*this);
}

void StreamSource::header(const FrameDecoder &decoder)
{
    if (m_session->hasHeader())
        return;
    m_session->setHeader(QByteArray::fromStdString(decoder.headerBytes()));
    m_received.header = QJsonDocument::fromJson(QByteArray::fromStdString(decoder.headerJson())).object();
    emit placeChanged();
}

void StreamSource::damage(const FrameDamage &damage)
{
    // Nothing at all came (ssh could not connect): the process's own exit says why.
    if (damage.failure == FrameDecoder::Failure::NotRecording && m_connectionBytes == 0)
        return;
    const bool wrongVersion = damage.failure == FrameDecoder::Failure::WrongVersion;
    const QString why = damageText(damage);
    if (wrongVersion)
        emit failed(why);
    else
        warn(why);
    // As with a damaged recording: everything before is kept; this connection is over.
    m_connection->abort();
    lose(why, wrongVersion);
}

QString StreamSource::damageText(const FrameDamage &damage) const
{
    switch (damage.failure) {
    case FrameDecoder::Failure::WrongVersion:
        return tr("%1 sends a version %2 stream; this sockscope reads versions %3 to %4. Use the same sockscope version on "
                  "both ends.")
            .arg(m_label)
            .arg(damage.version)
            .arg(RecordingFormat::OldestReadableVersion)
            .arg(RecordingFormat::Version);
    case FrameDecoder::Failure::NotRecording:
    case FrameDecoder::Failure::EndsInHeader:
    case FrameDecoder::Failure::DamagedHeader:
        return m_connection->diagnostic().isEmpty()
            ? tr("%1 did not answer with a sockscope stream.").arg(m_label)
            : tr("%1 did not answer with a sockscope stream: %2").arg(m_label, m_connection->diagnostic());
    default: break;
    }
    return tr("The stream from %1: %2 Everything before it is kept.").arg(m_label, CoreMessageText::text(damage.message));
}

void StreamSource::summary(const SampleSummary &summary, const OwnerLabels &labels, const FrameDecoder::Frame &frame,
                           const std::string *ownersPayload)
{
    auto sample = std::make_shared<Sample>();
    sample->summary = summary;
    sample->ownerLabels = labels;
    m_received.ownerLabels.add(sample->summary, sample->ownerLabels);
    // The samples the lost connection did not deliver are a gap, not a ramp in the charts.
    sample->summary.gapBefore = m_gapPending;
    m_gapPending = false;
    if (m_latest) // the busiest tuple of the table this sample shows (not in the SUMMARY frame)
        setBusiestTuple(sample->summary, *m_latest);
    m_reconnection->succeeded();
    m_received.summaries.push_back(sample->summary);
    sample->snapshot = m_latest;
    // Its SUMMARY OWNERS frame is kept, and recorded, only with it.
    if (ownersPayload)
        keepFrame(RecordingFormat::SummaryOwners, QByteArray::fromStdString(*ownersPayload));
    keepFrame(frame.type, QByteArray::fromStdString(frame.payload));
    // Samples flow again: why an earlier connection ended (no agent there before one was
    // copied, a lost link) no longer holds, and must not be given when this one is stopped.
    m_lostReason.clear();
    setState(State::Live);
    // Kept in the history, but shown only at a rate the window can repaint.
    // A skipped sample's gap (a lost connection) shows as the gap before the next one shown.
    if (!m_throttle.admit())
        return;
    sample->skippedBefore = m_throttle.takeSkipped();
    sample->summary.gapBefore = sample->summary.gapBefore || sample->skippedBefore > 0;
    emit sampleReady(sample);
}

bool StreamSource::table(const TableFrame &table)
{
    // Its sizes are checked (nothing of it parsed or inflated on this thread); it is parsed,
    // decoded and sorted in StreamTableDecoder's thread.
    const QByteArray payload = QByteArray::fromStdString(table.frame.payload);
    const QByteArray owners = QByteArray::fromStdString(table.owners);
    m_session->setTableOwners(owners);
    keepFrame(table.frame.type, payload);
    decodeTable(table.frame.offset, payload, owners);
    return true;
}

void StreamSource::owners(const FrameDecoder::Frame &frame)
{
    // Kept with its table (StreamSession::setTableOwners); recorded as it comes.
    keepFrame(frame.type, QByteArray::fromStdString(frame.payload));
}

void StreamSource::marker(const MarkerFrame &marker)
{
    // Across reconnections too, with the ones added here.
    if (m_received.markers.size() >= Recording::MaximumMarkers)
        return;
    m_received.markers.push_back(RecordingFrames::marker(marker));
    keepFrame(marker.frame.type, QByteArray::fromStdString(marker.frame.payload));
}

void StreamSource::error(const ErrorFrame &frame)
{
    // The agent could not collect (a code with arguments): worded here, shown as a failure.
    if (m_received.errors.size() >= FrameReader::MaximumErrors)
        return;
    const RecordingError error = RecordingFrames::error(frame);
    m_received.errors.push_back(error);
    keepFrame(frame.frame.type, QByteArray::fromStdString(frame.frame.payload));
    emit failed(CoreMessageText::text(error.message));
}

void StreamSource::end()
{
    m_endSeen = true;
}

void StreamSource::notice(const CoreMessage &message)
{
    warn(CoreMessageText::text(message));
}

void StreamSource::warn(const QString &warning)
{
    m_received.warnings << warning;
    if (m_received.warnings.size() > MaximumWarnings)
        m_received.warnings.remove(0, m_received.warnings.size() - MaximumWarnings);
}

void StreamSource::tableDecoded(quint64 queryGeneration, const SnapshotPtr &snapshot, const SocketTableRowsPtr &rows)
{
    // One worker thread: results come in the order the frames did, so this is the newest table.
    m_decodingTableAt.reset();
    m_latest = snapshot;
    if (queryGeneration == m_queryGeneration)
        emit tableReady(rows);
    if (decodeWaitingTable())
        return; // a newer table, decoded for the current filter
    if (queryGeneration != m_queryGeneration)
        m_tables->rebuild(m_latest, m_query, m_queryGeneration); // the filter changed meanwhile
}

void StreamSource::decodeTable(qint64 offset, const QByteArray &payload, const QByteArray &owners)
{
    if (m_decodingTableAt) {
        m_waitingTable = WaitingTable {offset, payload, owners};
        return;
    }
    m_decodingTableAt = offset;
    m_tables->decode(payload, owners, m_reader.version(), m_query, m_queryGeneration);
}

bool StreamSource::decodeWaitingTable()
{
    if (!m_waitingTable)
        return false;
    const WaitingTable waiting = std::move(*m_waitingTable);
    m_waitingTable.reset();
    decodeTable(waiting.offset, waiting.payload, waiting.owners);
    return true;
}

void StreamSource::tableRebuilt(quint64 queryGeneration, const SocketTableRowsPtr &rows)
{
    if (queryGeneration == m_queryGeneration)
        emit tableReady(rows);
}

void StreamSource::tableFailed(quint64, const QString &)
{
    const qint64 offset = *m_decodingTableAt;
    m_decodingTableAt.reset();
    // A table that came after a damaged one is not shown (as in a recording, nothing after damage is).
    m_waitingTable.reset();
    if (!m_lost)
        damage(FrameReader::undecodable(offset));
}

void StreamSource::keepFrame(quint8 type, const QByteArray &payload)
{
    // Every summary of the history has its frame among the kept ones: the same ones go.
    const std::size_t dropped = m_session->keep(type, payload, m_received.summaries.size());
    m_received.summaries.erase(m_received.summaries.begin(),
                               m_received.summaries.begin() + qsizetype(qMin(dropped, m_received.summaries.size())));
}

void StreamSource::connectionEnded(const QString &reason)
{
    if (!m_lost) {
        const QByteArray bytes = m_connection->readAll();
        m_connectionBytes += bytes.size();
        m_reader.feed(byteView(bytes));
        m_reader.finish();
        decode(); // a frame cut short at the end is reported here, like a truncated recording
    }
    lose(reason, m_endSeen);
}

void StreamSource::lose(const QString &reason, bool final)
{
    if (m_lost)
        return;
    m_lost = true;
    m_lostReason = reason;
    if (m_stopping || final) {
        setState(State::Ended, reason);
        return;
    }
    m_gapPending = true;
    setState(State::Lost, reason);
    m_reconnection->schedule();
}

void StreamSource::setIntervalMs(int intervalMs)
{
    m_intervalMs = intervalMs;
    send("interval " + QByteArray::number(intervalMs));
}

void StreamSource::setPaused(bool paused)
{
    m_paused = paused;
    send(paused ? "pause" : "resume");
}

void StreamSource::setTableQuery(const SocketTableQuery &query)
{
    m_query = query;
    ++m_queryGeneration;
    // While a table is being decoded, its result is rebuilt for this query when it comes.
    if (m_latest && !m_decodingTableAt)
        m_tables->rebuild(m_latest, m_query, m_queryGeneration);
}

void StreamSource::requestTable()
{
    send("table");
}

void StreamSource::startRecording(const QString &path)
{
    if (m_session->isRecording())
        return;
    if (!m_session->hasHeader()) {
        emit recordingFailed(tr("Nothing has arrived from %1 yet to record.").arg(m_label));
        return;
    }
    m_session->startRecording(path);
}

void StreamSource::stopRecording()
{
    m_session->stopRecording();
}

void StreamSource::addMarker(qint64 timeMs, const QString &label)
{
    ByteWriter payload;
    payload.i64(timeMs);
    payload.bytes(label.toStdString());
    if (m_received.markers.size() < Recording::MaximumMarkers) {
        m_received.markers.push_back({timeMs, label});
        keepFrame(RecordingFormat::Marker, toQByteArray(payload.data()));
    }
}
