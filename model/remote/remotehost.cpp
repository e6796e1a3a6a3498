#include "remote/remotehost.h"

#include <arpa/inet.h>

namespace {

// HOST_NAME_MAX is 64, a DNS name is at most 253 characters; ssh_config aliases are short too.
constexpr int MaximumLength = 255;

bool isNameCharacter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
        || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.') || c == QLatin1Char('_')
        || c == QLatin1Char('-');
}

bool isName(const QString &text)
{
    for (const QChar c : text) {
        if (!isNameCharacter(c))
            return false;
    }
    return true;
}

bool isIpv6Literal(const QString &text)
{
    unsigned char address[16];
    return !text.isEmpty() && isName(QString(text).remove(QLatin1Char(':')).remove(QLatin1Char('.')))
        && inet_pton(AF_INET6, text.toLatin1().constData(), address) == 1;
}

}

bool RemoteHost::parse(const QString &text, RemoteHost *host, QString *error)
{
    const auto fail = [error](const QString &message) {
        *error = message;
        return false;
    };
    if (text.isEmpty())
        return fail(tr("No host given."));
    if (text.size() > MaximumLength)
        return fail(tr("The host is longer than %1 characters.").arg(MaximumLength));
    for (const QChar c : text) {
        if (c.isSpace())
            return fail(tr("The host contains a space or a line break."));
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return fail(tr("The host contains a control character."));
    }
    if (text.startsWith(QLatin1Char('-')))
        return fail(tr("The host starts with '-', which ssh would read as an option."));

    RemoteHost result;
    QString rest = text;
    const qsizetype at = text.indexOf(QLatin1Char('@'));
    if (at >= 0) {
        if (text.indexOf(QLatin1Char('@'), at + 1) >= 0)
            return fail(tr("The host contains more than one '@'."));
        result.m_user = text.left(at);
        rest = text.mid(at + 1);
        if (result.m_user.isEmpty())
            return fail(tr("The user name before '@' is empty."));
        if (result.m_user.startsWith(QLatin1Char('-')) || !isName(result.m_user))
            return fail(tr("The user name may contain only letters, digits, '.', '_' and '-', and may not start with '-'."));
    }

    QString portText;
    bool hasPort = false;
    if (rest.startsWith(QLatin1Char('['))) {
        const qsizetype close = rest.indexOf(QLatin1Char(']'));
        if (close < 0)
            return fail(tr("The IPv6 address has no closing ']'."));
        result.m_host = rest.mid(1, close - 1);
        if (!isIpv6Literal(result.m_host))
            return fail(tr("'%1' is not an IPv6 address.").arg(result.m_host));
        const QString after = rest.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(QLatin1Char(':')))
                return fail(tr("Only ':port' may follow the IPv6 address."));
            hasPort = true;
            portText = after.mid(1);
        }
    } else {
        const qsizetype colon = rest.indexOf(QLatin1Char(':'));
        if (colon >= 0 && rest.indexOf(QLatin1Char(':'), colon + 1) >= 0)
            return fail(tr("An IPv6 address needs brackets: [address]:port."));
        result.m_host = colon >= 0 ? rest.left(colon) : rest;
        if (colon >= 0) {
            hasPort = true;
            portText = rest.mid(colon + 1);
        }
        if (result.m_host.isEmpty())
            return fail(tr("The host name is empty."));
        if (result.m_host.startsWith(QLatin1Char('-')))
            return fail(tr("The host starts with '-', which ssh would read as an option."));
        if (!isName(result.m_host))
            return fail(tr("The host name may contain only letters, digits, '.', '_' and '-'."));
    }
    if (hasPort) {
        if (portText.isEmpty())
            return fail(tr("The port after ':' is empty."));
        bool digitsOnly = portText.size() <= 5;
        for (const QChar c : portText)
            digitsOnly = digitsOnly && c >= QLatin1Char('0') && c <= QLatin1Char('9');
        const int port = digitsOnly ? portText.toInt() : 0;
        if (port < 1 || port > 65535)
            return fail(tr("The port must be a number from 1 to 65535."));
        result.m_port = port;
    }
    *host = result;
    return true;
}

QString RemoteHost::displayName() const
{
    QString text = m_user.isEmpty() ? QString() : m_user + QLatin1Char('@');
    const bool bracket = m_host.contains(QLatin1Char(':'));
    text += bracket ? QLatin1Char('[') + m_host + QLatin1Char(']') : m_host;
    if (m_port != 0)
        text += QLatin1Char(':') + QString::number(m_port);
    return text;
}
