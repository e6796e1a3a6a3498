#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// What ssh asks its askpass program (sockscope itself, see SshCommand), and the answer to print.
// ssh passes the prompt as argv[1] and, for some prompts, a hint in SSH_ASKPASS_PROMPT:
// "confirm" (answer by exit status) or "none" (a notice, e.g. "touch your security key").
// An unknown host key comes without a hint and wants the word "yes" on stdout.
class AskpassPrompt
{
    Q_DECLARE_TR_FUNCTIONS(AskpassPrompt)

public:
    enum class Kind {
        HostKey, // "Are you sure you want to continue connecting (yes/no/[fingerprint])?"
        Confirm, // yes/no by exit status
        Notice, // show, then exit 0
        Secret, // password, passphrase, PIN: hidden input
    };

    // sockscope was started by ssh as its askpass: our variable is in the environment and the
    // prompt is the only argument. Both, so that neither a stray variable nor an odd argv alone
    // turns the window into a password dialog.
    static bool isInvocation(const QStringList &arguments, const QProcessEnvironment &environment);

    AskpassPrompt(const QString &text, const QString &hint);

    Kind kind() const { return m_kind; }
    // The prompt as lines of plain text: it comes from ssh and, through it, from the remote
    // (a keyboard-interactive prompt is the server's text), so controls and bidi marks go.
    QString text() const { return m_text; }
    QString title() const;
    // What to print on stdout when the user accepted (a trailing newline is added by the caller).
    QByteArray answer(const QString &secret) const;

private:
    Kind m_kind;
    QString m_text;
};
