// Benchmark (prints figures; not a pass/fail test): the window's GUI-thread time per refresh and
// its peak RSS at 262,144 TIME-WAIT + 20,000 established pairs, offscreen.
#include "loadgenerator.h"
#include "benchsupport.h"

#include <QByteArray>

#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    const int timeWait = BenchSupport::intOption(argc, argv, "--time-wait", 262144);
    const int established = BenchSupport::intOption(argc, argv, "--established", 20000);
    const QByteArray samples = BenchSupport::option(argc, argv, "--samples", "30");
    if (!BenchSupport::enterPrivateNamespace())
        return 1;
    LoadGenerator load;
    QString error;
    if (!load.build(timeWait, established, &error))
        return BenchSupport::fail(error);
    std::printf("population: %d TIME-WAIT + %d established pairs; window at 1 s refreshes, offscreen\n", timeWait, established);
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
        execl(SOCKSCOPE_BINARY, SOCKSCOPE_BINARY, "--benchmark", "--samples", samples.constData(), "--interval", "1", nullptr);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
