#pragma once

#include "core/stream/framereader.h"
#include "sampling/historyring.h"
#include "recording/recording.h"
#include "recording/recordingframes.h"
#include "sources/source.h"
#include "sources/samplethrottle.h"
#include "sources/streamconnection.h"
#include "sources/streamsession.h"
#include "sources/streamtabledecoder.h"

#include <QProcess>

#include <functional>
#include <optional>

class StreamReconnection;

// A live stream in the recording format (sockscope-agent --stream), read through a
// StreamConnection as bytes arrive: over SSH from a remote host, or from any local program that
// writes the format (ProcessConnection). Commands go to the process's standard input ("interval MS", "table", "pause",
// "resume"); closing it ends the agent, so nothing is left running when the window goes (a
// command that does not end within seconds is killed with all it started: its process group).
//
// What is received is kept as history (a recording that grows, up to MaximumKeptSamples
// summaries), and its frames so the session can be saved as a recording (StreamSession). A frame
// cut short or damaged is handled as in a recording file (what came before is kept); a lost
// process is started again through the factory after 1, 2, 4 ... 30 s (StreamReconnection), and
// the first sample after the gap is marked SampleSummary::gapBefore. Samples reach the window at
// a rate it can repaint (SampleThrottle).
class StreamSource : public Source, protected FrameVisitor
{
    Q_OBJECT

public:
    // A new process per attempt, configured but not started (ProcessConnection).
    using ProcessFactory = std::function<QProcess *()>;

    // What the history and the session keep, and the rate samples are delivered at: see there.
    static constexpr std::size_t MaximumKeptSamples = StreamSession::MaximumKeptSamples;
    static constexpr qint64 MaximumKeptBytes = StreamSession::MaximumKeptBytes;
    static constexpr int MaximumSamplesPerSecond = SampleThrottle::MaximumPerSecond;
    static constexpr int SampleBurst = SampleThrottle::Burst;
    // What a stream may declare (a file may hold 16 Mi rows and 1 GiB frames): FrameLimits::stream(),
    // which says why.
    static constexpr quint32 MaximumStreamTableRows = FrameLimits::StreamTableRows;
    static constexpr quint32 MaximumStreamFrame = FrameLimits::StreamFrame;
    // Reasons a connection was lost, kept to be shown: a server dropping the link every 30 s
    // adds one each time, so only the newest are kept.
    static constexpr int MaximumWarnings = 64;

    // Reads what `connection` delivers, opening it again after each loss; takes ownership.
    StreamSource(StreamConnection *connection, const QString &label, QObject *parent = nullptr);
    // The same over a local process from `factory` (a ProcessConnection).
    StreamSource(ProcessFactory factory, const QString &label, QObject *parent = nullptr);
    ~StreamSource() override;

    // The delay before the first retry, doubled after each failed one up to `maximumMs`.
    void setBackoff(int firstMs, int maximumMs);
    void setKind(Kind kind) { m_kind = kind; }
    // How the watched host's sysctls are changed (the launcher knows: a sudoers rule there);
    // takes ownership. Until then they are not changed from here.
    void setSysctlChanger(SysctlChanger *changer);

    Kind kind() const override { return m_kind; }
    Capabilities capabilities() const override;
    QString label() const override { return m_label; }
    Place place() const override;
    SysctlChanger *sysctlChanger() const override { return m_sysctlChanger; }

    void start(int intervalMs) override;
    void stop() override;
    void setIntervalMs(int intervalMs) override;
    void setPaused(bool paused) override;
    void setTableQuery(const SocketTableQuery &query) override;
    void requestTable() override;
    void startRecording(const QString &path) override;
    void stopRecording() override;
    void addMarker(qint64 timeMs, const QString &label) override;
    std::vector<SampleSummary> history() const override { return m_received.summaries; }
    OwnerLabelBook ownerLabels() const override { return m_received.ownerLabels; }
    std::vector<RecordingMarker> markers() const override { return m_received.markers; }
    QStringList warnings() const override { return m_received.warnings; }

    // What has arrived so far: header, summaries, markers, warnings (frames cut or damaged).
    const Recording &received() const { return m_received; }
    SnapshotPtr latestSnapshot() const { return m_latest; }
    int connections() const { return m_connections; }
    // What the frames kept for Record take now (at most MaximumKeptBytes).
    qint64 keptBytes() const { return m_session->keptBytes(); }

protected:
    // The stream's side of the one reader (FrameReader). A subclass that reads LAB frames or a
    // later version's frames overrides lab() or other(), and keeps them with keepFrame().
    void header(const FrameDecoder &decoder) override;
    void summary(const SampleSummary &summary, const OwnerLabels &labels, const FrameDecoder::Frame &frame,
                 const std::string *ownersPayload) override;
    bool table(const TableFrame &table) override;
    void owners(const FrameDecoder::Frame &frame) override;
    void marker(const MarkerFrame &marker) override;
    void error(const ErrorFrame &error) override;
    void end() override;
    void notice(const CoreMessage &message) override;
    // Damage ends the connection as it ends the reading of a recording (what came before is kept).
    void damage(const FrameDamage &damage) override;

    void send(const QByteArray &command);
    // Keeps a frame with the session (Record writes it); the history drops the summaries whose
    // frames the session dropped.
    void keepFrame(quint8 type, const QByteArray &payload);

private:
    void launch();
    void readOutput();
    void decode();
    void tableDecoded(quint64 queryGeneration, const SnapshotPtr &snapshot, const SocketTableRowsPtr &rows);
    void tableRebuilt(quint64 queryGeneration, const SocketTableRowsPtr &rows);
    void tableFailed(quint64 queryGeneration, const QString &error);
    void connectionEnded(const QString &reason);
    // The connection is over (`reason`); retries unless `final`.
    void lose(const QString &reason, bool final);
    void warn(const QString &warning);
    // Hands a SNAPSHOT frame to the decoder, or leaves it waiting while one is in its hands.
    void decodeTable(qint64 offset, const QByteArray &payload, const QByteArray &owners);
    bool decodeWaitingTable();
    QString damageText(const FrameDamage &damage) const;

    StreamConnection *m_connection;
    QString m_label;
    Kind m_kind = Kind::RemoteHost;
    SysctlChanger *m_sysctlChanger;
    FrameReader m_reader {FrameLimits::stream()};
    Recording m_received;
    SnapshotPtr m_latest;
    SocketTableQuery m_query;
    StreamSession *m_session;
    StreamReconnection *m_reconnection;
    SampleThrottle m_throttle;
    StreamTableDecoder *m_tables;
    struct WaitingTable
    {
        qint64 offset = 0; // in the stream, for the message if it cannot be decoded
        QByteArray payload;
        QByteArray owners; // the OWNERS frame before it, if any
    };
    std::optional<qint64> m_decodingTableAt; // the SNAPSHOT frame in StreamTableDecoder's hands
    // The newest SNAPSHOT that came while one was being decoded; older ones waiting are dropped:
    // a stream sending tables faster than they decode must not queue them all (each can inflate
    // to a hundred times its bytes).
    std::optional<WaitingTable> m_waitingTable;
    quint64 m_queryGeneration = 0; // bumped by each setTableQuery()
    int m_intervalMs = 1000;
    int m_connections = 0;
    qint64 m_connectionBytes = 0; // received on the current connection
    bool m_paused = false;
    bool m_stopping = false;
    bool m_gapPending = false;
    bool m_lost = false;
    bool m_endSeen = false; // the agent closed the stream itself (an END frame): not retried
    QString m_lostReason;
};
