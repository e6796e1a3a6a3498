#pragma once

#include <QCoreApplication>
#include <QString>

#include <vector>

// "See it yourself": for each sysctl and each mix-up, the commands that show it on any Linux
// host, so a trainee can check what sockscope says without sockscope. The caption is translated;
// the command is code and is shown exactly as typed.
struct SeeItCommand
{
    const char *caption;
    const char *command;
};

class SeeItYourself
{
    Q_DECLARE_TR_FUNCTIONS(SeeItYourself)

public:
    // `key` is a sysctl name ("net.ipv4.tcp_tw_reuse") or a mix-up id (MixUp::id); empty when none.
    static const std::vector<SeeItCommand> &forKey(const QString &key);
    static QString caption(const SeeItCommand &command);
    // Every key that has commands, for tests.
    static std::vector<QString> keys();
};
