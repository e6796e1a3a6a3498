#pragma once

#include "core/collect/kernelfacts.h"

#include <QObject>

#include <functional>

// This machine's kernel facts (KernelFacts::ofThisKernel), gathered once per process on a thread
// of their own: detecting the defaults forks a child that unshares a network namespace, which the
// GUI thread must never wait for. Every source watching this kernel (this host, a namespace, the
// lab) asks here; the answer comes queued, on the asking object's thread.
namespace ThisKernelFacts {
// Calls `deliver` in `receiver`'s thread once the facts are known (queued even when they already
// are); never after `receiver` is destroyed.
void request(QObject *receiver, std::function<void(const KernelFacts &)> deliver);
}
