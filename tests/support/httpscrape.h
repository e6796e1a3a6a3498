#pragma once

#include <cstdint>
#include <map>
#include <string>

// A scraper for the tests and benchmarks of sockscope-agent --metrics-listen: raw bytes to a port on
// 127.0.0.1 of the current namespace, the whole answer read until the server closes.
namespace HttpScrape {

struct Reply
{
    int status = 0; // 0: no HTTP answer (refused, reset, closed without a status line, timed out)
    std::string headers;
    std::string body;
    double milliseconds = 0; // from connect to the end of the answer
    std::string error;
    std::string header(const std::string &name) const; // a header's value, "" when absent
};

// Closes a connection with a reset: the server closed first (its FIN-WAIT-2 socket is reset too),
// so a scrape leaves no TIME-WAIT on either side to change the counts a test asserts.
void closeWithoutTimeWait(int fd);

// A TCP connection from `source` (0: any) to `destination`:`port`, addresses in host order (any of
// 127.0.0.0/8 is this host's); -1 when it cannot be made.
int connectFrom(std::uint32_t source, std::uint32_t destination, std::uint16_t port);
// The same from a socket owned by `uid` (as sock_diag, `ss -e` and the exporter see its owner),
// bound to `device` (SO_BINDTODEVICE) when one is given.
int connectFromAs(unsigned uid, std::uint32_t source, std::uint32_t destination, std::uint16_t port,
                  const char *device = nullptr);
// Over IPv6, addresses as text ("fd88::2"; an empty source: any).
int connectFrom6(const std::string &source, const std::string &destination, std::uint16_t port);
// The same from a socket owned by `uid`, bound to `device` and allowed any source (IPV6_FREEBIND).
int connectFrom6As(unsigned uid, const std::string &source, const std::string &destination, std::uint16_t port,
                   const char *device);

constexpr std::uint32_t Loopback = 0x7f000001; // 127.0.0.1, host order

// Sends `request` as it is (for malformed ones); waits at most `timeoutMs` for the whole answer.
// From `sourceAddress` (a loopback address such as 127.0.0.2) when it is not 0, to `destinationAddress`.
Reply raw(std::uint16_t port, const std::string &request, int timeoutMs = 15000, std::uint32_t sourceAddress = 0,
          std::uint32_t destinationAddress = Loopback);
// GET `path` with "Connection: close" and `extraHeaders` (each ending in \r\n).
Reply get(std::uint16_t port, const std::string &path, const std::string &extraHeaders = std::string(), int timeoutMs = 15000,
          std::uint32_t sourceAddress = 0, std::uint32_t destinationAddress = Loopback);

// The samples of a text-format body: "name{labels}" exactly as written -> value.
std::map<std::string, double> samples(const std::string &body);
// The sum of a metric's samples whose labels contain `labelFilter` (e.g. "port=\"9000\""; "" for all).
double sum(const std::map<std::string, double> &samples, const std::string &name, const std::string &labelFilter = {});
// How many samples a metric has.
int count(const std::map<std::string, double> &samples, const std::string &name);

}
