#pragma once

#include <QCoreApplication>
#include <QString>

#include <array>

// An address or a CIDR prefix typed by a user: "10.0.0.0/8", "10.0.0.1", "[fd00::]/8",
// "fd00::/8", "::ffff:10.0.0.0/104". IPv4 prefixes also match IPv4-mapped IPv6 addresses
// (::ffff:a.b.c.d), which is how a dual-stack AF_INET6 socket shows an IPv4 peer.
class AddressPrefix
{
    Q_DECLARE_TR_FUNCTIONS(AddressPrefix)

public:
    // True when the text looks like an address at all (digits and dots, or colons, or brackets),
    // so a caller can tell "not an address" from "a broken address".
    static bool looksLikeAddress(const QString &text);
    // Returns false with a reason ("bad prefix length 33") when the text is no address or prefix.
    bool parse(const QString &text, QString *error);
    bool matches(quint8 family, const std::array<quint8, 16> &address) const;

private:
    quint8 m_family = 0;
    int m_length = 0;
    std::array<quint8, 16> m_bytes {};
};
