#include "core/collect/btfstructsizes.h"

#include "core/collect/procfile.h"

#include <algorithm>
#include <cstring>
#include <mutex>

namespace {

// Layout from include/uapi/linux/btf.h.
constexpr std::uint16_t BtfMagic = 0xeB9F;

struct BtfHeader
{
    std::uint16_t magic;
    std::uint8_t version;
    std::uint8_t flags;
    std::uint32_t headerLength;
    std::uint32_t typeOffset;
    std::uint32_t typeLength;
    std::uint32_t stringOffset;
    std::uint32_t stringLength;
};

enum BtfKind : std::uint32_t {
    KindInt = 1,
    KindPtr,
    KindArray,
    KindStruct,
    KindUnion,
    KindEnum,
    KindFwd,
    KindTypedef,
    KindVolatile,
    KindConst,
    KindRestrict,
    KindFunc,
    KindFuncProto,
    KindVar,
    KindDatasec,
    KindFloat,
    KindDeclTag,
    KindTypeTag,
    KindEnum64,
};

// Bytes that follow the 12-byte common header of each type kind; -1 for an unknown kind, after
// which the walk cannot continue.
std::int64_t trailingBytes(std::uint32_t kind, std::uint32_t vlen)
{
    switch (kind) {
    case KindInt: return 4;
    case KindArray: return 12;
    case KindStruct:
    case KindUnion: return 12 * std::int64_t(vlen);
    case KindEnum: return 8 * std::int64_t(vlen);
    case KindFuncProto: return 8 * std::int64_t(vlen);
    case KindVar: return 4;
    case KindDatasec: return 12 * std::int64_t(vlen);
    case KindDeclTag: return 4;
    case KindEnum64: return 12 * std::int64_t(vlen);
    case KindPtr:
    case KindFwd:
    case KindTypedef:
    case KindVolatile:
    case KindConst:
    case KindRestrict:
    case KindFunc:
    case KindFloat:
    case KindTypeTag: return 0;
    default: return -1;
    }
}

}

namespace BtfStructSizes {

std::map<std::string, std::int64_t> find(std::string_view btf, const std::vector<std::string> &structNames)
{
    std::map<std::string, std::int64_t> sizes;
    BtfHeader header;
    if (btf.size() < sizeof(header))
        return sizes;
    std::memcpy(&header, btf.data(), sizeof(header));
    if (header.magic != BtfMagic || header.headerLength < sizeof(header))
        return sizes;
    const std::int64_t typesStart = std::int64_t(header.headerLength) + header.typeOffset;
    const std::int64_t typesEnd = typesStart + header.typeLength;
    const std::int64_t stringsStart = std::int64_t(header.headerLength) + header.stringOffset;
    const std::int64_t stringsEnd = stringsStart + header.stringLength;
    if (typesEnd > std::int64_t(btf.size()) || stringsEnd > std::int64_t(btf.size()))
        return sizes;

    const char *data = btf.data();
    for (std::int64_t offset = typesStart; offset + 12 <= typesEnd;) {
        std::uint32_t word[3];
        std::memcpy(word, data + offset, sizeof(word));
        const std::uint32_t nameOffset = word[0];
        const std::uint32_t vlen = word[1] & 0xffff;
        const std::uint32_t kind = (word[1] >> 24) & 0x1f;
        const std::int64_t extra = trailingBytes(kind, vlen);
        if (extra < 0)
            break;
        if (kind == KindStruct && nameOffset < header.stringLength) {
            const char *name = data + stringsStart + nameOffset;
            const std::string typeName(name, strnlen(name, std::size_t(stringsEnd - stringsStart - nameOffset)));
            if (std::find(structNames.begin(), structNames.end(), typeName) != structNames.end() && !sizes.count(typeName))
                sizes.emplace(typeName, word[2]);
        }
        offset += 12 + extra;
    }
    return sizes;
}

std::map<std::string, std::int64_t> socketStructsOfRunningKernel()
{
    static std::mutex mutex;
    static std::map<std::string, std::int64_t> cache;
    static bool loaded = false;
    const std::lock_guard<std::mutex> lock(mutex);
    if (!loaded) {
        loaded = true;
        const ProcFile file = ProcFile::read("/sys/kernel/btf/vmlinux");
        if (file.ok()) {
            cache = find(
                file.contents,
                {"tcp_timewait_sock", "tcp6_timewait_sock", "tcp_sock", "tcp6_sock", "tcp_request_sock", "tcp6_request_sock"});
        }
    }
    return cache;
}

}
