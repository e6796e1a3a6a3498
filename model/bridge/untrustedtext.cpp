#include "bridge/untrustedtext.h"

#include "core/collect/utf8text.h"

namespace UntrustedText {

QString plain(const QString &text, int maximumLength)
{
    QString out;
    const bool cut = text.size() > maximumLength;
    out.reserve(qMin<qsizetype>(text.size(), maximumLength) + 1);
    for (qsizetype i = 0; i < text.size() && out.size() < maximumLength; ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            if (out.size() + 2 > maximumLength)
                break; // never half a pair
            const char32_t code = QChar::surrogateToUcs4(c, text.at(i + 1));
            const QChar::Category category = QChar::category(code);
            // Tag characters (U+E0000..) and other astral format characters hide text.
            if (category == QChar::Other_Format || QChar::isNonCharacter(code)) {
                out += QChar::ReplacementCharacter;
            } else {
                out += c;
                out += text.at(i + 1);
            }
            ++i;
            continue;
        }
        const QChar::Category category = c.category();
        // U+200C/U+200D (zero-width non-joiner, joiner) shape Indic and Persian words and emoji
        // sequences; they cannot reorder or hide text, so they stay.
        const bool joiner = c.unicode() == 0x200c || c.unicode() == 0x200d;
        if (c.isSurrogate() || c.isNonCharacter() || category == QChar::Other_Control || category == QChar::Separator_Line
            || category == QChar::Separator_Paragraph || (category == QChar::Other_Format && !joiner))
            out += QChar::ReplacementCharacter;
        else
            out += c;
    }
    if (cut)
        out += QChar(0x2026);
    return out;
}

QString toolTip(const QString &text)
{
    if (text.isEmpty())
        return text; // an empty tooltip hides the tooltip
    // white-space:pre keeps the lines as a plain tooltip lays them out (no wrapping, spaces kept).
    QString escaped = text.toHtmlEscaped();
    escaped.replace(QLatin1Char('\n'), QLatin1String("<br>"));
    return QLatin1String("<qt><p style=\"white-space:pre\">") + escaped + QLatin1String("</p></qt>");
}

QByteArray wellFormedUtf8(const QByteArray &bytes)
{
    const std::string_view view(bytes.constData(), std::size_t(bytes.size()));
    if (Utf8Text::isWellFormed(view))
        return bytes;
    const std::string repaired = Utf8Text::repaired(view);
    return QByteArray(repaired.data(), qsizetype(repaired.size()));
}

}
