#include "samplerthread.h"

#include "sampler.h"

SamplerThread::SamplerThread(NetworkNamespace netns, quint32 stateMask, QObject *parent)
    : QObject(parent)
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

void SamplerThread::start(int intervalMs)
{
    QMetaObject::invokeMethod(m_sampler, [s = m_sampler, intervalMs] { s->start(intervalMs); }, Qt::QueuedConnection);
}

void SamplerThread::setIntervalMs(int intervalMs)
{
    QMetaObject::invokeMethod(m_sampler, [s = m_sampler, intervalMs] { s->setIntervalMs(intervalMs); }, Qt::QueuedConnection);
}

void SamplerThread::setPaused(bool paused)
{
    QMetaObject::invokeMethod(m_sampler, [s = m_sampler, paused] { s->setPaused(paused); }, Qt::QueuedConnection);
}

void SamplerThread::setTableQuery(const SocketTableQuery &query)
{
    QMetaObject::invokeMethod(m_sampler, [s = m_sampler, query] { s->setTableQuery(query); }, Qt::QueuedConnection);
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
    QMetaObject::invokeMethod(m_sampler, [s = m_sampler, request] { s->applySysctls(request); }, Qt::QueuedConnection);
}

void SamplerThread::startRecording(const QString &path, int tableEverySeconds)
{
    QMetaObject::invokeMethod(
        m_sampler, [s = m_sampler, path, tableEverySeconds] { s->startRecording(path, tableEverySeconds); },
        Qt::QueuedConnection);
}

void SamplerThread::stopRecording()
{
    QMetaObject::invokeMethod(m_sampler, [s = m_sampler] { s->stopRecording(); }, Qt::QueuedConnection);
}

void SamplerThread::recordTableNow()
{
    QMetaObject::invokeMethod(m_sampler, [s = m_sampler] { s->recordTableNow(); }, Qt::QueuedConnection);
}

void SamplerThread::addMarker(qint64 timeMs, const QString &label)
{
    QMetaObject::invokeMethod(m_sampler, [s = m_sampler, timeMs, label] { s->addMarker(timeMs, label); },
                              Qt::QueuedConnection);
}
