#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <string>

// Where the exporter listens: "PORT" or ":PORT" (127.0.0.1, this host only), "ADDRESS:PORT" or
// "[IPV6]:PORT". Numeric addresses only: a name would need a resolver the agent does not carry,
// and binding to every address happens only when asked for by name ("0.0.0.0:9101", "[::]:9101").
struct ListenAddress
{
    sockaddr_storage address {};
    socklen_t length = 0;
    int family = 0;

    // False with the reason (a usage error) when `text` is none of the forms above.
    static bool parse(const std::string &text, ListenAddress *out, std::string *error);
    // "127.0.0.1:9101", "[::1]:9101"
    std::string toString() const;
    std::uint16_t port() const;
};
