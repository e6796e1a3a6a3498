#pragma once

#include "privatenetworknamespace.h"

#include <QTest>
#include <QTextStream>

#include <cstdlib>

namespace NetnsTestMain {
inline bool nothingToPrepare(QString *)
{
    return true;
}
}

// QTEST_MAIN for tests that need a kernel of their own: the process moves into a fresh network
// namespace before anything else runs (a user namespace must be made while single-threaded).
// A test that cannot get one fails loudly rather than testing the host. `Prepare`, a
// bool(QString *error), runs first (e.g. SshTestServer::isolateFiles).
#define SOCKSCOPE_ISOLATED_TEST_MAIN(Prepare, TestObject, ApplicationType)                                                       \
    int main(int argc, char *argv[])                                                                                             \
    {                                                                                                                            \
        /* Under `sudo ctest` the test is root itself: the helper it runs must not take sudo's                                   \
           caller for its own (it would refuse --netns and persist). */                                                          \
        unsetenv("SUDO_UID");                                                                                                    \
        unsetenv("PKEXEC_UID");                                                                                                  \
        QString netnsError;                                                                                                      \
        if (!Prepare(&netnsError) || !PrivateNetworkNamespace::enterFresh(&netnsError)) {                                        \
            QTextStream(stderr) << "cannot create a private network namespace: " << netnsError << '\n';                          \
            return 1;                                                                                                            \
        }                                                                                                                        \
        ApplicationType app(argc, argv);                                                                                         \
        TestObject test;                                                                                                         \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                               \
        return QTest::qExec(&test, argc, argv);                                                                                  \
    }

#define SOCKSCOPE_NETNS_TEST_MAIN(TestObject, ApplicationType)                                                                   \
    SOCKSCOPE_ISOLATED_TEST_MAIN(NetnsTestMain::nothingToPrepare, TestObject, ApplicationType)
