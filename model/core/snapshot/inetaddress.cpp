#include "core/snapshot/inetaddress.h"

#include <arpa/inet.h>
#include <sys/socket.h>

namespace InetAddress {

std::string toString(std::uint8_t family, const std::array<std::uint8_t, 16> &bytes)
{
    char text[INET6_ADDRSTRLEN] = {};
    if (!inet_ntop(family == AF_INET6 ? AF_INET6 : AF_INET, bytes.data(), text, sizeof(text)))
        return "?";
    return text;
}

std::string endpoint(std::uint8_t family, const std::array<std::uint8_t, 16> &bytes, std::uint16_t port)
{
    const std::string address = toString(family, bytes);
    if (family == AF_INET6)
        return '[' + address + "]:" + std::to_string(port);
    return address + ':' + std::to_string(port);
}

const char *familyName(std::uint8_t family)
{
    return family == AF_INET6 ? "ipv6" : "ipv4";
}

bool parse(const std::string &text, std::uint8_t *family, std::array<std::uint8_t, 16> *bytes)
{
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
    std::size_t begin = 0, end = text.size();
    while (begin < end && space(text[begin]))
        ++begin;
    while (end > begin && space(text[end - 1]))
        --end;
    const std::string trimmed = text.substr(begin, end - begin);
    std::array<std::uint8_t, 16> parsed {};
    if (inet_pton(AF_INET, trimmed.c_str(), parsed.data()) == 1) {
        *family = AF_INET;
        *bytes = parsed;
        return true;
    }
    if (inet_pton(AF_INET6, trimmed.c_str(), parsed.data()) == 1) {
        *family = AF_INET6;
        *bytes = parsed;
        return true;
    }
    return false;
}

}
