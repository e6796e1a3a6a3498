#include "samplerthread.h"

#include "sampler.h"

SamplerThread::SamplerThread(NetworkNamespace netns, quint32 stateMask, QObject *parent)
    : QObject(parent)
    , m_observed(netns.duplicate())
    , m_sampler(new Sampler(std::move(netns), stateMask))
{
    m_thread.setObjectName(QStringLiteral("sockscope sampler"));
    m_sampler->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_sampler, &QObject::deleteLater);
    m_thread.start();
}

SamplerThread::~SamplerThread()
{
    // A recording still open is closed properly (END frame) before the thread goes.
    QMetaObject::invokeMethod(m_sampler, [s = m_sampler] { s->stopRecording(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void SamplerThread::post(std::function<void(Sampler *)> call)
{
    QMetaObject::invokeMethod(m_sampler, [s = m_sampler, call = std::move(call)] { call(s); }, Qt::QueuedConnection);
}

void SamplerThread::start(int intervalMs)
{
    post([intervalMs](Sampler *s) { s->start(intervalMs); });
}

void SamplerThread::setIntervalMs(int intervalMs)
{
    post([intervalMs](Sampler *s) { s->setIntervalMs(intervalMs); });
}

void SamplerThread::setPaused(bool paused)
{
    post([paused](Sampler *s) { s->setPaused(paused); });
}

void SamplerThread::setTableQuery(const SocketTableQuery &query)
{
    post([query](Sampler *s) { s->setTableQuery(query); });
}

void SamplerThread::acknowledge()
{
    m_sampler->acknowledge();
}

quint64 SamplerThread::skippedTotal() const
{
    return m_sampler->skippedTotal();
}

void SamplerThread::applySysctls(const SysctlTransaction::Request &request)
{
    post([request](Sampler *s) { s->applySysctls(request); });
}

void SamplerThread::startRecording(const QString &path, int tableEverySeconds)
{
    post([path, tableEverySeconds](Sampler *s) { s->startRecording(path, tableEverySeconds); });
}

void SamplerThread::stopRecording()
{
    post([](Sampler *s) { s->stopRecording(); });
}

void SamplerThread::recordTableNow()
{
    post([](Sampler *s) { s->recordTableNow(); });
}

void SamplerThread::addMarker(qint64 timeMs, const QString &label)
{
    post([timeMs, label](Sampler *s) { s->addMarker(timeMs, label); });
}
