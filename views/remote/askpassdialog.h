#pragma once

#include "remote/askpassprompt.h"

#include <QDialog>

class QLineEdit;

// The dialog sockscope shows when ssh runs it as askpass: the prompt as plain text (it comes
// from ssh and the remote), then Yes/No for questions or a hidden field for secrets.
class AskpassDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AskpassDialog(const AskpassPrompt &prompt, QWidget *parent = nullptr);

    // What to print once accepted (see AskpassPrompt::answer).
    QByteArray answer() const;

private:
    AskpassPrompt m_prompt;
    QLineEdit *m_secret = nullptr;
};
