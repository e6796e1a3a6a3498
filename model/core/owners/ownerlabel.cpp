#include "core/owners/ownerlabel.h"

#include "core/owners/socketownership.h"

namespace {

constexpr std::uint64_t FnvOffset = 14695981039346656037ull;
constexpr std::uint64_t FnvPrime = 1099511628211ull;

std::uint64_t hashBytes(std::uint64_t hash, const std::string &bytes)
{
    for (const unsigned char c : bytes) {
        hash ^= c;
        hash *= FnvPrime;
    }
    return hash;
}

}

OwnerLabel OwnerLabel::of(const SocketOwner &owner)
{
    return {owner.command, owner.unit};
}

std::uint64_t OwnerLabel::keyOf(const std::string &command, const std::string &unit)
{
    // The command's length goes in first, so ("ab", "c") and ("a", "bc") differ.
    std::uint64_t hash = hashBytes(FnvOffset, std::to_string(command.size()));
    hash = hashBytes(hash ^ 0xff, command);
    return hashBytes(hash ^ 0xfe, unit);
}
