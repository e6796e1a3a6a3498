// Benchmark (prints figures; not a pass/fail test): the window's GUI-thread time per refresh and
// its peak RSS at 262,144 TIME-WAIT + 20,000 established pairs, offscreen.
#include "loadgenerator.h"
#include "privatenetworknamespace.h"

#include <QByteArray>

#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    int timeWait = 262144;
    int established = 20000;
    const char *samples = "30";
    for (int i = 1; i + 1 < argc; i += 2) {
        const QByteArray option(argv[i]);
        if (option == "--time-wait")
            timeWait = atoi(argv[i + 1]);
        else if (option == "--established")
            established = atoi(argv[i + 1]);
        else if (option == "--samples")
            samples = argv[i + 1];
    }
    QString error;
    if (!PrivateNetworkNamespace::enterFresh(&error)) {
        std::fprintf(stderr, "bench: %s\n", qPrintable(error));
        return 1;
    }
    LoadGenerator load;
    if (!load.build(timeWait, established, &error)) {
        std::fprintf(stderr, "bench: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("population: %d TIME-WAIT + %d established pairs; window at 1 s refreshes, offscreen\n", timeWait,
                established);
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
        execl(SOCKSCOPE_BINARY, SOCKSCOPE_BINARY, "--benchmark", "--samples", samples, "--interval", "1", nullptr);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
