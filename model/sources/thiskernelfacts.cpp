#include "sources/thiskernelfacts.h"

#include "sysctl/sysctlcatalog.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>

#include <optional>
#include <utility>
#include <vector>

namespace {

struct Waiter
{
    QPointer<QObject> receiver;
    std::function<void(const KernelFacts &)> deliver;
};

// Touched on the main thread only: requests come from sources, the result is posted back there.
struct Gathering
{
    std::optional<KernelFacts> facts;
    bool running = false;
    std::vector<Waiter> waiters;
};

Gathering &gathering()
{
    static Gathering state;
    return state;
}

void deliverLater(QObject *receiver, std::function<void(const KernelFacts &)> deliver, const KernelFacts &facts)
{
    QMetaObject::invokeMethod(
        receiver, [deliver = std::move(deliver), facts] { deliver(facts); }, Qt::QueuedConnection);
}

void finished(const KernelFacts &facts)
{
    Gathering &state = gathering();
    state.facts = facts;
    state.running = false;
    for (Waiter &waiter : std::exchange(state.waiters, {})) {
        if (waiter.receiver)
            deliverLater(waiter.receiver, std::move(waiter.deliver), facts);
    }
}

}

namespace ThisKernelFacts {

void request(QObject *receiver, std::function<void(const KernelFacts &)> deliver)
{
    Gathering &state = gathering();
    if (state.facts) {
        deliverLater(receiver, std::move(deliver), *state.facts);
        return;
    }
    state.waiters.push_back({receiver, std::move(deliver)});
    if (state.running)
        return;
    state.running = true;
    // The names are read here, on the main thread, where the catalog is built.
    QThread *worker = QThread::create([names = SysctlCatalog::detectedNames()] {
        const KernelFacts facts = KernelFacts::ofThisKernel(names);
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [facts] { finished(facts); }, Qt::QueuedConnection);
    });
    QObject::connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

}
