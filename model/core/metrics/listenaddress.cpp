#include "core/metrics/listenaddress.h"

#include "core/collect/textscan.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

namespace {

bool portOf(const std::string &text, std::uint16_t *port)
{
    std::uint64_t value = 0;
    if (text.empty() || text[0] == '+' || text[0] == '-' || !TextScan::toUInt64(text, &value) || value < 1 || value > 65535)
        return false;
    *port = std::uint16_t(value);
    return true;
}

// One family's socket address from numeric text.
template <typename Sockaddr, typename Address>
bool fill(int family, const std::string &host, std::uint16_t port, ListenAddress *out, sa_family_t Sockaddr::*familyField,
          in_port_t Sockaddr::*portField, Address Sockaddr::*addressField)
{
    Sockaddr address {};
    if (inet_pton(family, host.c_str(), &(address.*addressField)) != 1)
        return false;
    address.*familyField = sa_family_t(family);
    address.*portField = htons(port);
    std::memcpy(&out->address, &address, sizeof address);
    out->length = sizeof address;
    out->family = family;
    return true;
}

}

bool ListenAddress::parse(const std::string &text, ListenAddress *out, std::string *error)
{
    std::string host, portText;
    if (!text.empty() && text[0] == '[') {
        const std::size_t close = text.find(']');
        if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') {
            *error = "--metrics-listen: \"" + text + "\" is not [IPV6-ADDRESS]:PORT.";
            return false;
        }
        host = text.substr(1, close - 1);
        portText = text.substr(close + 2);
    } else {
        const std::size_t colon = text.rfind(':');
        if (colon == std::string::npos) {
            portText = text;
        } else {
            host = text.substr(0, colon);
            portText = text.substr(colon + 1);
            if (host.find(':') != std::string::npos) {
                *error = "--metrics-listen: write an IPv6 address in brackets, as [" + host + "]:PORT.";
                return false;
            }
        }
    }
    std::uint16_t port = 0;
    if (!portOf(portText, &port)) {
        *error = "--metrics-listen: the port must be a number from 1 to 65535, not \"" + portText + "\".";
        return false;
    }
    ListenAddress result;
    if (host.empty())
        host = "127.0.0.1";
    const bool bracketed = text[0] == '[';
    const int family = bracketed ? AF_INET6 : AF_INET;
    const bool filled = bracketed ? fill<sockaddr_in6>(family, host, port, &result, &sockaddr_in6::sin6_family,
                                                       &sockaddr_in6::sin6_port, &sockaddr_in6::sin6_addr)
                                  : fill<sockaddr_in>(family, host, port, &result, &sockaddr_in::sin_family,
                                                      &sockaddr_in::sin_port, &sockaddr_in::sin_addr);
    if (!filled) {
        *error = "--metrics-listen: \"" + host + "\" is not a numeric IPv4 address or a bracketed IPv6 address.";
        return false;
    }
    *out = result;
    return true;
}

std::string ListenAddress::toString() const
{
    char text[INET6_ADDRSTRLEN] = {};
    if (family == AF_INET6) {
        const auto *sin6 = reinterpret_cast<const sockaddr_in6 *>(&address);
        inet_ntop(AF_INET6, &sin6->sin6_addr, text, sizeof text);
        return "[" + std::string(text) + "]:" + std::to_string(port());
    }
    const auto *sin = reinterpret_cast<const sockaddr_in *>(&address);
    inet_ntop(AF_INET, &sin->sin_addr, text, sizeof text);
    return std::string(text) + ":" + std::to_string(port());
}

std::uint16_t ListenAddress::port() const
{
    if (family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 *>(&address)->sin6_port);
    return ntohs(reinterpret_cast<const sockaddr_in *>(&address)->sin_port);
}
