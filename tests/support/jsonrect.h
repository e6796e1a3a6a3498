#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QRect>

// A rectangle a test's child process measured, passed to the test as JSON.
namespace JsonRect {
inline QJsonObject of(const QRect &r)
{
    return {{"x", r.x()}, {"y", r.y()}, {"w", r.width()}, {"h", r.height()}};
}

inline QRect from(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    return QRect(o["x"].toInt(), o["y"].toInt(), o["w"].toInt(), o["h"].toInt());
}
}
