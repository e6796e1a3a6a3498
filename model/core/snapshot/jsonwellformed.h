#pragma once

#include <cstddef>
#include <string_view>

// Whether bytes are one JSON text (RFC 8259) whose top level is an object, checked in one pass
// without building anything: a report from a remote host may be tens of MB, and a parser that
// builds a document takes up to nine times its bytes. Strings must be well-formed UTF-8 with no
// raw control characters; nesting deeper than `maximumDepth` is refused, as a parser would have
// to recurse that deep.
namespace JsonWellFormed {
bool isObject(std::string_view text, std::size_t maximumDepth = 512);
}
