#include "inetaddress.h"

#include <arpa/inet.h>
#include <sys/socket.h>

namespace InetAddress {

QString toString(quint8 family, const std::array<quint8, 16> &bytes)
{
    char text[INET6_ADDRSTRLEN] = {};
    if (!inet_ntop(family == AF_INET6 ? AF_INET6 : AF_INET, bytes.data(), text, sizeof(text)))
        return QStringLiteral("?");
    return QString::fromLatin1(text);
}

QString endpoint(quint8 family, const std::array<quint8, 16> &bytes, quint16 port)
{
    const QString address = toString(family, bytes);
    if (family == AF_INET6)
        return QLatin1Char('[') + address + QStringLiteral("]:") + QString::number(port);
    return address + QLatin1Char(':') + QString::number(port);
}

QString familyName(quint8 family)
{
    return family == AF_INET6 ? QStringLiteral("ipv6") : QStringLiteral("ipv4");
}

bool parse(const QString &text, quint8 *family, std::array<quint8, 16> *bytes)
{
    const QByteArray latin = text.trimmed().toLatin1();
    std::array<quint8, 16> parsed {};
    if (inet_pton(AF_INET, latin.constData(), parsed.data()) == 1) {
        *family = AF_INET;
        *bytes = parsed;
        return true;
    }
    if (inet_pton(AF_INET6, latin.constData(), parsed.data()) == 1) {
        *family = AF_INET6;
        *bytes = parsed;
        return true;
    }
    return false;
}

}
