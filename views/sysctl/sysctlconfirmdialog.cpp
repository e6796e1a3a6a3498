#include "views/sysctl/sysctlconfirmdialog.h"

#include "views/charts/chartcolors.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

SysctlConfirmDialog::SysctlConfirmDialog(const QStringList &change, const QStringList &warnings, const QStringList &largeReasons,
                                         QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("sysctlConfirm"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(warnings.isEmpty() ? tr("Apply this change?") : tr("Apply a dangerous value?"));

    const auto escapedLines = [](const QStringList &lines) {
        QStringList escaped;
        for (const QString &line : lines)
            escaped << line.toHtmlEscaped();
        return escaped;
    };
    const QString fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont).family().toHtmlEscaped();
    QString html =
        QStringLiteral("<p><b>%1</b></p><p style=\"white-space:pre-wrap; font-family:'%2'\">%3</p>")
            .arg(tr("Apply will make exactly this change:").toHtmlEscaped(), fixed, escapedLines(change).join(QLatin1Char('\n')));
    if (!warnings.isEmpty()) {
        html += QStringLiteral("<p style=\"color:%1\"><b>%2</b></p><ul>")
                    .arg(ChartColors::warning().name(), tr("Warning: the kernel accepts these values, but:").toHtmlEscaped());
        for (const QString &warning : escapedLines(warnings))
            html += QStringLiteral("<li style=\"color:%1\">⚠ %2</li>").arg(ChartColors::warning().name(), warning);
        html += QStringLiteral("</ul>");
    }
    if (!largeReasons.isEmpty()) {
        html += QStringLiteral("<p><b>%1</b></p><ul>").arg(tr("Asked because this is a large change:").toHtmlEscaped());
        for (const QString &reason : escapedLines(largeReasons))
            html += QStringLiteral("<li>%1</li>").arg(reason);
        html += QStringLiteral("</ul>");
    }

    auto body = new QTextBrowser(this);
    body->setObjectName(QStringLiteral("confirmText"));
    body->setOpenLinks(false);
    body->setHtml(html);
    m_text = body->toPlainText();
    auto buttons = new QDialogButtonBox(this);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_apply = buttons->addButton(warnings.isEmpty() ? tr("Apply") : tr("Apply anyway"), QDialogButtonBox::AcceptRole);
    m_apply->setAutoDefault(false);
    m_cancel->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(body, 1);
    layout->addWidget(buttons);
    resize(640, 420);
}
