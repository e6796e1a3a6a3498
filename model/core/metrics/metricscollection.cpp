#include "core/metrics/metricscollection.h"

#include <chrono>

MetricsCollection::MetricsCollection(SnapshotCollector::Options collector, MetricsOptions metrics, ErrorReport report)
    : m_collector(std::move(collector))
    , m_options(metrics)
    , m_report(std::move(report))
{
}

SharedCollection::Result MetricsCollection::collect()
{
    const auto start = std::chrono::steady_clock::now();
    CoreMessage error;
    std::shared_ptr<Snapshot> snapshot = m_collector.collect(&error);
    ++m_stats.collections;
    m_stats.lastSucceeded = snapshot != nullptr;
    m_stats.lastDurationSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    m_stats.lastWallSeconds = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    if (snapshot) {
        m_stats.lastDumpSeconds = double(snapshot->dumpNs) / 1e9;
        if (!m_lastError.isEmpty() && m_report)
            m_report(CoreMessage());
        m_lastError = CoreMessage();
    } else {
        ++m_stats.errors;
        if (!(error == m_lastError) && m_report)
            m_report(error);
        m_lastError = error;
    }
    auto rendered = std::make_shared<RenderedMetrics>();
    rendered->text = MetricsRenderer::render(snapshot.get(), m_stats, m_options, ExpositionWriter::Format::Prometheus);
    rendered->openMetrics = MetricsRenderer::render(snapshot.get(), m_stats, m_options, ExpositionWriter::Format::OpenMetrics);
    if (snapshot)
        m_collector.recycle(std::move(snapshot->sockets));
    return rendered;
}
