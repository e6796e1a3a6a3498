#pragma once

#include "core/collect/coremessage.h"

#include <string>

// The lab's isolation, made by an ordinary user: a user namespace (the caller mapped to root in
// it) that owns a fresh network namespace and a PID namespace. The calling process forks; the
// child becomes PID 1 of the PID namespace and returns from enter() to run the lab, while the
// parent waits for it and exits with its status. When PID 1 ends, the kernel kills every process
// left in its PID namespace; the child also dies with its parent (PR_SET_PDEATHSIG). In the
// network namespace, lo is up and holds the lab's own addresses 10.77.0.1-8/24 besides 127.0.0.1:
// not loopback addresses, so tcp_tw_reuse = 2 does not cover connections between them.
namespace LabNamespace {
// Must be called while the process has one thread. Returns in the lab's PID 1 only (true), or
// false with a reason in the original process when a namespace could not be made.
bool enter(CoreMessage *error);
// "10.77.0.N" for N in 1..8.
std::string labAddress(int number);
}
