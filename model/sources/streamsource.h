#pragma once

#include "framereader.h"
#include "historyring.h"
#include "recording.h"
#include "recordingframes.h"
#include "source.h"
#include "streamconnection.h"
#include "streamtabledecoder.h"
#include "recordingwriter.h"

#include <QElapsedTimer>
#include <QProcess>

#include <deque>
#include <functional>
#include <optional>

class QTimer;

// A live stream in the recording format (sockscope-agent --stream), read through a
// StreamConnection as bytes arrive: over SSH from a remote host, or from any local program that
// writes the format (ProcessConnection). Commands go to the process's standard input ("interval MS", "table", "pause",
// "resume"); closing it ends the agent, so nothing is left running when the window goes (a
// command that does not end within seconds is killed with all it started: its process group).
//
// What is received is kept as history (a recording that grows, up to MaximumKeptSamples
// summaries), and its bytes so the session can be saved as a recording. A frame cut short or damaged is handled as in a recording file
// (what came before is kept); a lost process is started again through the factory after 1, 2,
// 4 ... 30 s, and the first sample after the gap is marked SampleSummary::gapBefore.
class StreamSource : public Source, protected FrameVisitor
{
    Q_OBJECT

public:
    // A new process per attempt, configured but not started (ProcessConnection).
    using ProcessFactory = std::function<QProcess *()>;

    // Summaries kept (history(), and what Record writes first): as many as the window's history
    // holds, so a stream that never ends, or one sending thousands of frames a second, takes
    // fixed memory. The oldest go first, an eighth at a time (so up to 9/8 of this are held).
    static constexpr std::size_t MaximumKeptSamples = HistoryRing::DefaultCapacity;

    // Samples delivered at most at this sustained rate (twice the agent's fastest, one per
    // 250 ms), after a burst of at most SampleBurst (what a stalled connection delivers at once:
    // a minute at 0.5 s). The window repaints for each sample, so a hostile agent sending
    // thousands a second would freeze it; the extra ones are skipped (Sample::skippedBefore).
    static constexpr int MaximumSamplesPerSecond = 8;
    static constexpr int SampleBurst = 120;
    // What a stream may declare (a file may hold 16 Mi rows and 1 GiB frames): FrameLimits::stream(),
    // which says why.
    static constexpr quint32 MaximumStreamTableRows = FrameLimits::StreamTableRows;
    static constexpr quint32 MaximumStreamFrame = FrameLimits::StreamFrame;
    // The frames kept for Record (summaries with their owners, markers, errors, a subclass's
    // frames) take at most this many bytes, whatever frames a server sends: the oldest go first.
    // A real sample's frames take ~300 bytes here (SUMMARY 81-158 bytes and SUMMARY OWNERS 10-11
    // bytes measured, a lab's LAB frame a few hundred, KeptFrameOverhead each), so the 16,200
    // samples kept at most take ~5 MB: only frames no agent sends (the largest SUMMARY OWNERS
    // that decodes is ~4.2 KB) cut the kept history shorter than MaximumKeptSamples.
    static constexpr qint64 MaximumKeptBytes = qint64(32) << 20;
    // Reasons a connection was lost, kept to be shown: a server dropping the link every 30 s
    // adds one each time, so only the newest are kept.
    static constexpr int MaximumWarnings = 64;
    // What one kept frame costs beyond its payload (deque entry, QByteArray header, malloc).
    static constexpr qint64 KeptFrameOverhead = 64;

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
    qint64 keptBytes() const { return m_keptBytes; }

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
    // Keeps a frame with the session (Record writes it).
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
    void tick();
    static qint64 keptCost(const QByteArray &payload);
    // Drops the oldest kept frames (and their summaries from the history) past
    // MaximumKeptSamples summaries or MaximumKeptBytes bytes.
    void trimKept();
    void warn(const QString &warning);
    // Whether one more sample may be delivered now (the token bucket above).
    bool sampleAllowed();
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
    QByteArray m_headerBytes;
    // Summaries and markers as received, and the latest SNAPSHOT: what Record writes first.
    std::deque<std::pair<quint8, QByteArray>> m_kept;
    qint64 m_keptBytes = 0; // of m_kept, with each entry's own cost (keptCost())
    QByteArray m_lastTable;
    QByteArray m_lastOwners; // the OWNERS frame of m_lastTable, if it had one
    RecordingWriter m_recorder;
    QTimer *m_retry;
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
    qint64 m_retryAtMs = 0;
    int m_firstBackoffMs = 1000;
    int m_maximumBackoffMs = 30000;
    int m_backoffMs = 1000;
    int m_intervalMs = 1000;
    int m_connections = 0;
    QElapsedTimer m_sampleClock; // refills m_sampleTokens
    double m_sampleTokens = SampleBurst;
    int m_samplesSkipped = 0; // since the last one delivered
    qint64 m_connectionBytes = 0; // received on the current connection
    bool m_paused = false;
    bool m_stopping = false;
    bool m_gapPending = false;
    bool m_lost = false;
    bool m_endSeen = false; // the agent closed the stream itself (an END frame): not retried
    QString m_lostReason;
};
