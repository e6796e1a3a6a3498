// arc4random for the agent, so that it runs on glibc 2.35 (Ubuntu 22.04, Debian 12's 2.36 and
// later) and not only where glibc has arc4random (2.36).
//
// Nothing in sockscope draws random numbers. The reference comes from GCC 12's static
// libstdc++: std::runtime_error's string (cow-string-inst.o) pulls in random.o, whose
// std::random_device calls arc4random when the build system's glibc has it. Linking libstdc++
// statically (the agent must run where no libstdc++ is installed) would otherwise make the whole
// agent need GLIBC_2.36 for a function it never calls. A definition in the executable satisfies
// that reference first; tests/agent/check-agent-links.sh checks the newest glibc symbol version.
#include <sys/random.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>

extern "C" std::uint32_t arc4random(void)
{
    std::uint32_t value = 0;
    for (;;) {
        const ssize_t got = getrandom(&value, sizeof value, 0);
        if (got == ssize_t(sizeof value))
            return value;
        if (got < 0 && errno != EINTR)
            std::abort(); // arc4random cannot fail; glibc's aborts too when it has no entropy source
    }
}
