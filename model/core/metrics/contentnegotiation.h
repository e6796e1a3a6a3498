#pragma once

#include <string_view>

// Which exposition format a scraper's Accept header asks for. Prometheus 2.x sends
// "application/openmetrics-text;version=1.0.0,...;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1".
namespace ContentNegotiation {
// True when application/openmetrics-text is acceptable (q > 0) and weighted at least as high as
// text/plain and */*; false for no header, a malformed one, or one that prefers text.
bool prefersOpenMetrics(std::string_view accept);
}
