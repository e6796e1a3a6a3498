#include "views/remote/askpassdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

AskpassDialog::AskpassDialog(const AskpassPrompt &prompt, QWidget *parent)
    : QDialog(parent)
    , m_prompt(prompt)
{
    setWindowTitle(tr("sockscope — %1").arg(prompt.title()));
    auto *layout = new QVBoxLayout(this);
    auto *text = new QLabel(prompt.text(), this);
    text->setTextFormat(Qt::PlainText);
    text->setWordWrap(true);
    // Selectable: the fingerprint can be copied and compared with the one the admin published.
    text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(text);
    // Wide enough for a fingerprint line ("ED25519 key fingerprint is SHA256:" + 43 characters).
    setMinimumWidth(fontMetrics().averageCharWidth() * 96);

    auto *buttons = new QDialogButtonBox(this);
    switch (prompt.kind()) {
    case AskpassPrompt::Kind::HostKey:
    case AskpassPrompt::Kind::Confirm:
        buttons->setStandardButtons(QDialogButtonBox::Yes | QDialogButtonBox::No);
        // Trusting a key is the step that cannot be taken back: Enter means No, wherever the
        // focus is (a focused push button would otherwise become the default).
        buttons->button(QDialogButtonBox::Yes)->setAutoDefault(false);
        buttons->button(QDialogButtonBox::No)->setDefault(true);
        buttons->button(QDialogButtonBox::No)->setFocus();
        break;
    case AskpassPrompt::Kind::Notice: buttons->setStandardButtons(QDialogButtonBox::Ok); break;
    case AskpassPrompt::Kind::Secret:
        m_secret = new QLineEdit(this);
        m_secret->setEchoMode(QLineEdit::Password);
        m_secret->setAccessibleName(tr("Password"));
        layout->addWidget(m_secret);
        buttons->setStandardButtons(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
        break;
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QByteArray AskpassDialog::answer() const
{
    return m_prompt.answer(m_secret ? m_secret->text() : QString());
}
