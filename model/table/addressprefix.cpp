#include "table/addressprefix.h"

#include "core/snapshot/inetaddress.h"

#include <QRegularExpression>

#include <sys/socket.h>

namespace {

constexpr std::array<quint8, 12> MappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

bool isMapped(const std::array<quint8, 16> &bytes)
{
    return std::equal(MappedPrefix.begin(), MappedPrefix.end(), bytes.begin());
}

bool prefixEqual(const quint8 *a, const quint8 *b, int bits)
{
    for (int i = 0; bits > 0; ++i, bits -= 8) {
        const quint8 mask = bits >= 8 ? 0xff : quint8(0xff << (8 - bits));
        if ((a[i] & mask) != (b[i] & mask))
            return false;
    }
    return true;
}

}

bool AddressPrefix::looksLikeAddress(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral("^(\\[[0-9A-Fa-f:.]*\\]|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*|[0-9.]+)(/.*)?$"));
    return !text.isEmpty() && shape.match(text).hasMatch()
        && (text.contains(QLatin1Char('.')) || text.contains(QLatin1Char(':')) || text.contains(QLatin1Char('/')));
}

bool AddressPrefix::parse(const QString &text, QString *error)
{
    QString address = text;
    QString length;
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    if (slash >= 0) {
        address = text.left(slash);
        length = text.mid(slash + 1);
    }
    if (address.startsWith(QLatin1Char('[')) && address.endsWith(QLatin1Char(']')))
        address = address.mid(1, address.size() - 2);
    quint8 family = 0;
    std::array<quint8, 16> bytes {};
    if (!InetAddress::parse(address.toStdString(), &family, &bytes)) {
        *error = tr("\"%1\" is not an IPv4 or IPv6 address").arg(address);
        return false;
    }
    const int maximum = family == AF_INET6 ? 128 : 32;
    int bits = maximum;
    if (slash >= 0) {
        bool ok = false;
        bits = length.toInt(&ok);
        if (!ok || length.startsWith(QLatin1Char('+')) || length.startsWith(QLatin1Char('-')) || bits < 0 || bits > maximum) {
            *error = tr("bad prefix length %1 in \"%2\" (%3 allows 0 to %4)")
                         .arg(length, text, family == AF_INET6 ? QStringLiteral("IPv6") : QStringLiteral("IPv4"))
                         .arg(maximum);
            return false;
        }
    }
    // ::ffff:10.0.0.0/104 is 10.0.0.0/8: keep one form so it matches IPv4 and mapped sockets alike.
    if (family == AF_INET6 && bits >= 96 && isMapped(bytes)) {
        std::copy(bytes.begin() + 12, bytes.end(), bytes.begin());
        std::fill(bytes.begin() + 4, bytes.end(), 0);
        family = AF_INET;
        bits -= 96;
    }
    m_family = family;
    m_length = bits;
    m_bytes = bytes;
    return true;
}

bool AddressPrefix::matches(quint8 family, const std::array<quint8, 16> &address) const
{
    if (m_family == AF_INET) {
        if (family == AF_INET)
            return prefixEqual(m_bytes.data(), address.data(), m_length);
        return family == AF_INET6 && isMapped(address) && prefixEqual(m_bytes.data(), address.data() + 12, m_length);
    }
    return family == AF_INET6 && prefixEqual(m_bytes.data(), address.data(), m_length);
}
