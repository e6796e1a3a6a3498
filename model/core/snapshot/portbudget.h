#pragma once

#include "core/collect/kernelfigures.h"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

struct PortPressure;
struct Snapshot;

// What connect() needs to know to pick a local port, as read from one network namespace.
struct PortBudgetSettings
{
    bool rangeValid = false;
    int rangeLow = 0;
    int rangeHigh = 0;
    int reservedInRange = 0; // ip_local_reserved_ports inside the range: connect() skips them
    int tcpTwReuse = -1; // -1: unreadable
    int tcpTimestamps = -1; // -1: unreadable
    int reuseDelayMs = -1; // tcp_tw_reuse_delay; -1: the file is absent (kernels before 6.14)

    // From the readings of a snapshot ("32768 60999", "8080,9000-9010", ...); anything missing
    // or malformed stays unknown rather than guessed.
    static PortBudgetSettings fromReadings(const std::vector<SysctlReading> &readings);
    // Ports of ip_local_reserved_ports ("8080,9000-9010") inside [low, high]; -1 when malformed.
    static int reservedPortsIn(const std::string &list, int low, int high);
    // The ports of ip_local_reserved_ports as 65,536 flags; empty when the list is malformed.
    static std::vector<bool> reservedPorts(const std::string &list);
};

// One destination as connect() sees it: the tuple (local address, remote address, remote port)
// whose local ports come from ip_local_port_range, plus what multiplies it.
struct PortBudgetTuple
{
    bool loopback = false; // per tcp_twsk_unique(): either address loopback, or bound to lo
    int sourceAddresses = 1;
    int destinationPorts = 1;
};

// What a tuple's budget is multiplied by to start with, and where the figures come from: the
// tuple alone is one source address and one destination port; more only where the same client
// (command and unit, as owners are merged) is seen using other ones towards that address.
struct PortBudgetMultipliers
{
    int sourceAddresses = 1;
    int destinationPorts = 1;
    // The command (or unit) whose connections make the tuple; empty when none, or two, are known:
    // then the figures are the tuple's own.
    std::string client;
};

// New connections per second that connect() can open towards one destination when this host
// closes first (so each connection leaves a TIME-WAIT entry on its local port).
struct PortBudget
{
    enum class Reuse {
        Applies, // tcp_tw_reuse takes over entries older than the delay
        Off, // tcp_tw_reuse = 0
        NotLoopback, // tcp_tw_reuse = 2 and the tuple is not loopback
        NoTimestamps, // tcp_timestamps = 0: new entries record no peer timestamp; one taken over
                      // hands on the record it had, so reuse under way before the switch goes on
        Unknown, // a sysctl could not be read
    };

    bool valid = false; // false when ip_local_port_range is unknown
    int rangeSize = 0;
    int usablePorts = 0; // range minus reserved ports: connections open at once, TIME-WAIT included
    Reuse reuse = Reuse::Unknown;
    double reuseDelaySeconds = 1.0;
    bool delayApproximate = true; // no tcp_tw_reuse_delay: 0–1 s after the last timestamped segment
    double perSecondWithoutReuse = 0; // usablePorts / TCP_TIMEWAIT_LEN
    double perSecondWithReuse = 0; // usablePorts / reuse delay
    // The one that holds here, and the same times source addresses and destination ports.
    double perSecond = 0;
    double perSecondAllTuples = 0;
    int sourceAddresses = 1;
    int destinationPorts = 1;
    bool loopback = false; // the tuple's peer is this host: it sends timestamps when we do

    bool reuseApplies() const { return reuse == Reuse::Applies; }
    // A tuple whose every usable port holds a TIME-WAIT entry fails connect() with EADDRNOTAVAIL
    // for certain only when reuse does not apply; where it applies, entries older than the delay
    // are taken over. With tcp_timestamps = 0 it depends on the past, which sockscope cannot see:
    // entries that still carry a peer-timestamp record from before the switch are taken over.
    bool fullMeansAddressNotAvailable() const { return !reuseApplies() && reuse != Reuse::NoTimestamps; }

    static constexpr int TimeWaitSeconds = 60; // TCP_TIMEWAIT_LEN, fixed when the kernel is built
    static PortBudget compute(const PortBudgetSettings &settings, const PortBudgetTuple &tuple);
    // The loopback test of tcp_twsk_unique(): 127.0.0.0/8, ::1, ::ffff:127.0.0.0/104.
    static bool isLoopback(std::uint8_t family, const std::array<std::uint8_t, 16> &address);
    // One tuple of a snapshot with that snapshot's sysctls. Loopback from its addresses only: a
    // socket bound to lo with other addresses also counts for the kernel, but sock_diag rows here
    // do not carry the binding.
    static PortBudget forTuple(const Snapshot &snapshot, const PortPressure &tuple, int sourceAddresses = 1,
                               int destinationPorts = 1);
    // Source addresses and destination ports in use towards the remote address of `tuple` by the
    // client that makes it (PortBudgetMultipliers), from the snapshot's sockets and owners. Other
    // tuples towards that address are not counted: another client's ports there add nothing to
    // this one's budget.
    static PortBudgetMultipliers multipliersOf(const Snapshot &snapshot, const PortPressure &tuple);
    // Stable names for JSON and metrics ("applies", "off", "not-loopback", "no-timestamps",
    // "unknown"); never translated.
    static const char *reuseKey(Reuse reuse);
};
