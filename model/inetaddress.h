#pragma once

#include <QString>
#include <QtGlobal>

#include <array>

// Address bytes as sock_diag hands them over, turned into text only when something is shown.
namespace InetAddress {
QString toString(quint8 family, const std::array<quint8, 16> &bytes);
// "127.0.0.1:80", "[::1]:80"
QString endpoint(quint8 family, const std::array<quint8, 16> &bytes, quint16 port);
QString familyName(quint8 family);
// Parses an IPv4 or IPv6 address; returns false when the text is neither.
bool parse(const QString &text, quint8 *family, std::array<quint8, 16> *bytes);
}
