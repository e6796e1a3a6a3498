#include "remote/remotescript.h"

namespace {

// The cache directory is fixed to ~/.cache (not $XDG_CACHE_HOME): docs/remote-hosts.md can say exactly
// where the copy lives, and a second connection with another environment finds it again.
// The copy is opened once, on descriptor 3, and everything after is about that open file, never
// the path again: its owner (-O) and mode (ls -lL: neither group nor others may write it, so no
// one else can change it after the check), its sha256, and what exec runs (/proc/self/fd/3, the
// inode hashed). Whoever can rename in $HOME or ~/.cache between the check and exec swaps only
// a name. ("-????" "-??" "-*" is split so that no "??-" trigraph warning fires.) -O, test and
// exec are the shell's own, so /proc/self there is the shell. Each script is one line without
// '!': the remote login shell parses the quoted word first, and csh-family shells refuse a
// newline inside quotes and expand '!' in it.
const char RunScript[] = "h=$1; shift; "
                         "if command -v sockscope-agent >/dev/null 2>&1; then exec sockscope-agent \"$@\"; fi; "
                         "a=\"$HOME/.cache/sockscope/agent-$h\"; "
                         "if [ -e \"$a\" ]; then "
                         "f=/proc/self/fd/3; "
                         "if [ -f \"$a\" ] && [ -r \"$a\" ] && exec 3<\"$a\"; then "
                         "case $(ls -lL $f 2>/dev/null) in -????"
                         "-??"
                         "-*) ;; *) a=; ;; esac; "
                         "if [ -n \"$a\" ] && [ -O $f ] && printf '%s  %s\\n' \"$h\" $f | sha256sum -c --status - 2>/dev/null; "
                         "then exec $f \"$@\"; fi; fi; "
                         "echo \"SOCKSCOPE-AGENT-CORRUPT sha256=$h\" >&2; exit 87; fi; "
                         "m=no; "
                         "for f in /lib/*/libmnl.so.0 /usr/lib/*/libmnl.so.0 /lib64/libmnl.so.0 /usr/lib64/libmnl.so.0 "
                         "/lib/libmnl.so.0 /usr/lib/libmnl.so.0; do if [ -e \"$f\" ]; then m=yes; fi; done; "
                         "g=$(getconf GNU_LIBC_VERSION 2>/dev/null | sed -n 's/^glibc //p'); "
                         "echo \"SOCKSCOPE-NO-AGENT arch=$(uname -m) glibc=${g:-none} libmnl=$m\" >&2; exit 86";

// The temp file is removed on any failure (trap), so a half-written copy never carries the
// final name; rename within one directory is atomic. chmod 700 also tightens a directory that
// existed before (mkdir -p leaves its mode), and fails on one that is not ours.
const char PushScript[] = "h=$1; umask 077; d=\"$HOME/.cache/sockscope\"; "
                          "mkdir -p \"$d\" && chmod 700 \"$d\" || exit 88; "
                          "t=$(mktemp \"$d/.agent.XXXXXXXX\") || exit 88; "
                          "trap 'rm -f \"$t\"' EXIT; "
                          "cat >\"$t\" || exit 88; "
                          "if printf '%s  %s\\n' \"$h\" \"$t\" | sha256sum -c --status -; then :; "
                          "else echo SOCKSCOPE-PUSH-MISMATCH >&2; exit 88; fi; "
                          "chmod 700 \"$t\" && mv -f \"$t\" \"$d/agent-$h\" || exit 88; "
                          "trap - EXIT; echo SOCKSCOPE-PUSHED >&2";

QString shCommand(const char *script, const QStringList &parameters)
{
    // $0 names the script in the remote's ps output and error messages.
    QString command =
        QStringLiteral("sh -c ") + RemoteScript::quoted(QString::fromLatin1(script)) + QStringLiteral(" sockscope-remote");
    for (const QString &parameter : parameters)
        command += QLatin1Char(' ') + RemoteScript::quoted(parameter);
    return command;
}

}

QString RemoteScript::quoted(const QString &text)
{
    QString inner = text;
    inner.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + inner + QLatin1Char('\'');
}

QString RemoteScript::runAgent(const QString &sha256, const QStringList &agentArguments)
{
    return shCommand(RunScript, QStringList {sha256} + agentArguments);
}

QString RemoteScript::pushAgent(const QString &sha256)
{
    return shCommand(PushScript, {sha256});
}
