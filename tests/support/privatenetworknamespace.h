#pragma once

#include <QString>

// Tests observe a kernel they control: each test moves into a new, empty network namespace
// (loopback up) and builds its own sockets there. The host's sockets and sysctls are never
// touched. Works as root (unshare(CLONE_NEWNET)) and unprivileged (inside a user namespace
// that maps the caller to root, made on the first call while the process is single-threaded).
namespace PrivateNetworkNamespace {
bool enterFresh(QString *error);
// Runs a command (argv, no shell) in the current namespace; returns false with its stderr on failure.
bool run(const QStringList &argv, QString *error);
}
