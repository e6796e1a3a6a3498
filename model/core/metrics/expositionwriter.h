#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

// Writes Prometheus's text exposition format (version 0.0.4) or OpenMetrics 1.0.0, the two a
// Prometheus server asks for. The differences are small and all here: a counter's TYPE line names
// the family without "_total" in OpenMetrics, an info family has its own type there, HELP escapes
// '"' too, and the body ends with "# EOF".
class ExpositionWriter
{
public:
    enum class Format { Prometheus, OpenMetrics };
    enum class Type {
        Gauge,
        Counter, // family name without "_total"; samples get it
        Info, // family name without "_info"; one sample of value 1 whose labels are the information
    };
    struct Label
    {
        const char *name;
        std::string_view value;
    };

    explicit ExpositionWriter(Format format);

    // Starts a family: HELP and TYPE. `name` is the family name (see Type).
    void family(std::string_view name, Type type, std::string_view help);
    void sample(std::initializer_list<Label> labels, std::int64_t value);
    void sample(std::initializer_list<Label> labels, double value);
    void sample(std::int64_t value) { sample({}, value); }
    // The body, finished (OpenMetrics' "# EOF").
    std::string finish();

    std::size_t samples() const { return m_samples; }
    static const char *contentType(Format format);

private:
    void sampleStart(std::initializer_list<Label> labels);
    void escapeInto(std::string_view text, bool quotes);

    Format m_format;
    std::string m_out;
    std::string m_sampleName;
    std::size_t m_samples = 0;
};
