#include "askpasscommand.h"

#include "views/remote/askpassdialog.h"
#include "languages.h"

#include <QApplication>
#include <QSettings>
#include <QTextStream>

#include <cstdio>
#include <sys/prctl.h>

int runAskpassCommand(int argc, char *argv[])
{
    // The secret passes through this process's memory: no core dump may keep it, and no other
    // process of the user's may read it through ptrace or /proc/PID/mem (non-dumpable).
    prctl(PR_SET_DUMPABLE, 0);
    // Qt's platform plugin aborts without a display; ssh must see a plain failure instead.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        QTextStream(stderr) << QCoreApplication::translate("AskpassCommand", "sockscope: no display to show the ssh prompt on.")
                            << QLatin1Char('\n');
        return 1;
    }
    const AskpassPrompt prompt(QString::fromLocal8Bit(argv[1]), qEnvironmentVariable("SSH_ASKPASS_PROMPT"));
    // The prompt never reaches QApplication's argv: a server's keyboard-interactive text such as
    // "-style=…" or "-reverse" would otherwise be taken as a Qt option.
    int qtArgc = 1;
    Q_UNUSED(argc);
    QApplication app(qtArgc, argv);
    Languages::apply(QSettings().value(QStringLiteral("language")).toString());
    AskpassDialog dialog(prompt);
    if (dialog.exec() != QDialog::Accepted)
        return 1;
    // ssh reads the answer up to the first newline; a secret is never echoed anywhere else.
    const QByteArray answer = dialog.answer() + '\n';
    return std::fwrite(answer.constData(), 1, size_t(answer.size()), stdout) == size_t(answer.size()) && std::fflush(stdout) == 0
        ? 0
        : 1;
}
