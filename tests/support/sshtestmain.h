#pragma once

#include "netnstestmain.h"
#include "sshtestserver.h"

// QTEST_MAIN for the tests that talk to SshTestServer: a private mount namespace (the home
// directory and /run on tmpfs), then a fresh network namespace for the client side, both made
// while the process is still single-threaded.
#define SOCKSCOPE_SSH_TEST_MAIN(TestObject, ApplicationType)                                                                     \
    SOCKSCOPE_ISOLATED_TEST_MAIN(SshTestServer::isolateFiles, TestObject, ApplicationType)
