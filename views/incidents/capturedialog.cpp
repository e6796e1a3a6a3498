#include "views/incidents/capturedialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

CaptureDialog::CaptureDialog(const QStringList &views, const QStringList &titles, const QStringList &chartViews,
                             const QString &defaultPath, QWidget *parent)
    : QDialog(parent)
    , m_view(new QComboBox(this))
    , m_format(new QComboBox(this))
    , m_scale(new QComboBox(this))
    , m_path(new QLineEdit(defaultPath, this))
    , m_clipboard(new QCheckBox(tr("Also copy the picture to the clipboard"), this))
    , m_chartViews(chartViews)
{
    setWindowTitle(tr("Capture"));
    for (qsizetype i = 0; i < views.size(); ++i)
        m_view->addItem(titles.value(i), views[i]);
    m_scale->addItem(tr("1× (as on screen)"), 1.0);
    m_scale->addItem(tr("2× (HiDPI, print)"), 2.0);
    m_scale->setCurrentIndex(devicePixelRatioF() > 1.0 ? 1 : 0);
    m_clipboard->setChecked(true);
    auto browse = new QPushButton(tr("Browse…"), this);
    auto pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    auto form = new QFormLayout;
    form->addRow(tr("Capture:"), m_view);
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Scale:"), m_scale);
    form->addRow(tr("File:"), pathRow);
    form->addRow(QString(), m_clipboard);
    auto buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_view, &QComboBox::currentIndexChanged, this, &CaptureDialog::updateFormats);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        // Keep the file name's suffix in step with the format.
        const QFileInfo info(m_path->text());
        m_path->setText(info.path() + QLatin1Char('/') + info.completeBaseName() + QLatin1Char('.')
                        + m_format->currentData().toString());
        m_scale->setEnabled(m_format->currentData().toString() == QLatin1String("png"));
    });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Save capture"), m_path->text(), tr("Pictures (*.png *.svg)"));
        if (!file.isEmpty())
            m_path->setText(file);
    });
    updateFormats();
}

void CaptureDialog::updateFormats()
{
    const QString current = m_format->currentData().toString();
    m_format->blockSignals(true);
    m_format->clear();
    m_format->addItem(tr("PNG picture"), QStringLiteral("png"));
    // Charts are vectors: SVG keeps them sharp at any size.
    if (m_chartViews.contains(view()))
        m_format->addItem(tr("SVG drawing"), QStringLiteral("svg"));
    m_format->setCurrentIndex(qMax(0, m_format->findData(current)));
    m_format->blockSignals(false);
    emit m_format->currentIndexChanged(m_format->currentIndex());
}

QString CaptureDialog::view() const
{
    return m_view->currentData().toString();
}

QString CaptureDialog::path() const
{
    return m_path->text();
}

qreal CaptureDialog::scale() const
{
    return m_scale->currentData().toReal();
}

bool CaptureDialog::copyToClipboard() const
{
    return m_clipboard->isChecked();
}
