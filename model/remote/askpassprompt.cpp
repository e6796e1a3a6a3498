#include "remote/askpassprompt.h"

#include "remote/sshcommand.h"
#include "bridge/untrustedtext.h"

namespace {
constexpr int MaximumLines = 24;
}

bool AskpassPrompt::isInvocation(const QStringList &arguments, const QProcessEnvironment &environment)
{
    return arguments.size() == 2 && environment.value(QString::fromLatin1(SshCommand::AskpassVariable)) == QLatin1String("1");
}

AskpassPrompt::AskpassPrompt(const QString &text, const QString &hint)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.constLast().trimmed().isEmpty())
        lines.removeLast();
    lines = lines.mid(0, MaximumLines);
    for (QString &line : lines)
        line = UntrustedText::plain(line);
    m_text = lines.join(QLatin1Char('\n'));

    if (hint == QLatin1String("confirm"))
        m_kind = Kind::Confirm;
    else if (hint == QLatin1String("none"))
        m_kind = Kind::Notice;
    else if (text.contains(QLatin1String("(yes/no")))
        m_kind = Kind::HostKey;
    else
        m_kind = Kind::Secret;
}

QString AskpassPrompt::title() const
{
    switch (m_kind) {
    case Kind::HostKey: return tr("Unknown host key");
    case Kind::Confirm: return tr("Confirm");
    case Kind::Notice: return tr("SSH");
    case Kind::Secret: break;
    }
    return tr("SSH password");
}

QByteArray AskpassPrompt::answer(const QString &secret) const
{
    switch (m_kind) {
    case Kind::HostKey: return "yes";
    case Kind::Secret: return secret.toUtf8();
    case Kind::Confirm:
    case Kind::Notice: break;
    }
    return {};
}
