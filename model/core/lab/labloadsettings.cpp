#include "core/lab/labloadsettings.h"

#include "core/collect/textscan.h"

#include <arpa/inet.h>

namespace {

bool number(const std::string &text, int low, int high, int *out)
{
    std::int64_t value = 0;
    if (!TextScan::toInt64(text, &value) || value < low || value > high)
        return false;
    *out = int(value);
    return true;
}

bool flag(const std::string &text, bool *out)
{
    if (text == "on" || text == "1")
        *out = true;
    else if (text == "off" || text == "0")
        *out = false;
    else
        return false;
    return true;
}

}

const char *LabLoadSettings::closerName(Closer closer)
{
    switch (closer) {
    case Closer::Client: return "client";
    case Closer::Server: return "server";
    case Closer::Never: return "never";
    }
    return "server";
}

bool LabLoadSettings::apply(const std::vector<std::string> &words, std::string *bad)
{
    LabLoadSettings next = *this;
    for (const std::string &word : words) {
        const std::size_t equals = word.find('=');
        const std::string key = word.substr(0, equals);
        const std::string value = equals == std::string::npos ? std::string() : word.substr(equals + 1);
        bool ok = equals != std::string::npos;
        if (!ok) {
        } else if (key == "running") {
            ok = flag(value, &next.running);
        } else if (key == "rate") {
            ok = number(value, 0, MaximumRate, &next.ratePerSecond);
        } else if (key == "concurrency") {
            ok = number(value, 1, MaximumConcurrency, &next.concurrency);
        } else if (key == "closer") {
            ok = value == "client" || value == "server" || value == "never";
            next.closer = value == "client" ? Closer::Client : value == "never" ? Closer::Never : Closer::Server;
        } else if (key == "keepalive") {
            ok = flag(value, &next.keepAlive);
        } else if (key == "request") {
            ok = number(value, 1, MaximumRequestBytes, &next.requestBytes);
        } else if (key == "target") {
            ok = value == "loopback" || value == "lab";
            next.target = value == "lab" ? Target::LabAddress : Target::Loopback;
        } else if (key == "sources") {
            ok = number(value, 1, MaximumSourceAddresses, &next.sourceAddresses);
        } else if (key == "bind-no-port") {
            ok = flag(value, &next.bindAddressNoPort);
        } else if (key == "backlog") {
            ok = number(value, 1, 65535, &next.backlog);
        } else if (key == "accept") {
            ok = number(value, 0, MaximumRate, &next.acceptPerSecond);
        } else {
            ok = false;
        }
        if (!ok) {
            *bad = word.substr(0, 64);
            return false;
        }
    }
    *this = next;
    return true;
}

std::vector<std::string> LabLoadSettings::words() const
{
    const auto onOff = [](bool on) { return std::string(on ? "on" : "off"); };
    return {"running=" + onOff(running),
            "rate=" + std::to_string(ratePerSecond),
            "concurrency=" + std::to_string(concurrency),
            std::string("closer=") + closerName(closer),
            "keepalive=" + onOff(keepAlive),
            "request=" + std::to_string(requestBytes),
            std::string("target=") + (target == Target::LabAddress ? "lab" : "loopback"),
            "sources=" + std::to_string(sourceAddresses),
            "bind-no-port=" + onOff(bindAddressNoPort),
            "backlog=" + std::to_string(backlog),
            "accept=" + std::to_string(acceptPerSecond)};
}

std::uint32_t LabLoadSettings::targetAddress() const
{
    return htonl(target == Target::LabAddress ? 0x0a4d0001u : 0x7f000001u);
}

std::uint32_t LabLoadSettings::sourceAddress(int index) const
{
    // 10.77.0.1 ... 10.77.0.8 (the lab's own, on lo) or 127.0.0.1 ... 127.0.0.8.
    const std::uint32_t first = target == Target::LabAddress ? 0x0a4d0001u : 0x7f000001u;
    return htonl(first + std::uint32_t(index % MaximumSourceAddresses));
}
