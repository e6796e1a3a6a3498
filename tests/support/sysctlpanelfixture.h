#pragma once

#include "itemmodels/sysctllistmodel.h"
#include "languages.h"
#include "sampling/localsysctlchanger.h"
#include "sampling/samplingworker.h"
#include "sources/localsource.h"
#include "core/collect/sysctlreader.h"
#include "views/sysctl/sysctlchangebox.h"
#include "views/sysctl/sysctlpanel.h"
#include "views/sysctl/sysctlvalueeditor.h"
#include "views/window/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// The window offscreen with its sysctl pane, watching the test's own network namespace, for the
// tests of the pane (tst_sysctlpanel, tst_sysctleditors). Each test's initTestCase, cleanup and
// cleanupTestCase call setUpWindow, revertPending and tearDownWindow.
class SysctlPanelFixture
{
protected:
    std::unique_ptr<SamplingWorker> m_sampler;

    std::unique_ptr<LocalSource> m_source;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QTemporaryDir m_scripts;

    SysctlPanel *panel() const { return m_window->docks()->sysctlPanel(); }
    LocalSysctlChanger *applier() const { return m_source->sysctlChanger(); }
    static QString value(const char *name) { return QString::fromStdString(SysctlReader::read(name).value); }

    // A stand-in for pkexec: a shell script that ends with `body`.
    QString fakePkexec(const char *name, const QByteArray &body)
    {
        const QString path = m_scripts.filePath(QLatin1String(name));
        QFile script(path);
        script.open(QIODevice::WriteOnly);
        script.write("#!/bin/sh\n" + body + "\n");
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }

    SysctlChangeBox *box() const { return panel()->changeBox(); }

    // Writes this namespace's net.ipv4.<name> directly, as a change made outside sockscope.
    static bool writeIpv4(const char *name, const QByteArray &value)
    {
        QFile file(QStringLiteral("/proc/sys/net/ipv4/") + QLatin1String(name));
        return file.open(QIODevice::WriteOnly) && file.write(value + '\n') == value.size() + 1;
    }

    // Pending is exactly what the editor shows, or nothing (and then Apply is off).
    void checkPendingIsShown(const char *name, const QString &shown, const char *step)
    {
        const QString pending = panel()->pending().value(QLatin1String(name));
        if (panel()->applyButton()->isEnabled())
            QVERIFY2(pending == shown,
                     qPrintable(QStringLiteral("%1: pending %2, shown %3").arg(QLatin1String(step), pending, shown)));
        else
            QVERIFY2(pending.isNull(),
                     qPrintable(QStringLiteral("%1: pending %2 with Apply off").arg(QLatin1String(step), pending)));
    }

    void refresh() { panel()->showSnapshot(m_window->docks()->sysctlModel()->snapshot()); }
    // Where the source's facts say PID 1's namespace is (tests point it at another namespace).
    void pointHostNamespaceAt(const QString &path)
    {
        KernelFacts facts = m_window->docks()->sysctlModel()->kernelFacts();
        facts.host = HostNamespaceEvidence::gather(path.toStdString());
        panel()->setKernelFacts(facts);
    }

    QString modelValue(const char *name) const
    {
        SysctlListModel *model = m_window->docks()->sysctlModel();
        return model->index(model->rowOf(QLatin1String(name)), SysctlListModel::Value).data().toString();
    }

    bool applyFinTimeout(int seconds)
    {
        panel()->selectSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        auto spin = panel()->editor()->findChild<QSpinBox *>();
        spin->setValue(seconds);
        if (!panel()->applyButton()->isEnabled())
            return false;
        QTest::mouseClick(panel()->applyButton(), Qt::LeftButton);
        return QTest::qWaitFor(
            [&] { return !applier()->isBusy() && !panel()->resultText().startsWith(QStringLiteral("Applying")); }, 10000);
    }

    // The window on the sysctl pane, fed by a local source; a failed check fails initTestCase.
    void setUpWindow()
    {
        QFile finTimeout(QStringLiteral("/proc/sys/net/ipv4/tcp_fin_timeout"));
        QVERIFY(finTimeout.open(QIODevice::WriteOnly) && finTimeout.write("45\n") == 3);
        finTimeout.close();
        Languages::apply(QStringLiteral("en"));
        m_window = std::make_unique<MainWindow>(false);
        // Watches the sysctl list through every refresh, edit, apply and language switch below.
        m_tester = std::make_unique<QAbstractItemModelTester>(m_window->docks()->sysctlModel(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_sampler = std::make_unique<SamplingWorker>(NetworkNamespace(), AllTcpStatesMask);
        m_window->setIntervalMs(250);
        m_window->show();
        m_window->revealView(QStringLiteral("sysctls"));
        m_source = std::make_unique<LocalSource>(m_sampler.get(), QStringLiteral("test"));
        m_window->setSource(m_source.get());
        QVERIFY(QTest::qWaitFor([&] { return m_window->history().size() >= 2; }, 10000));
        // The source delivers this kernel's facts once its worker has detected them.
        QVERIFY(QTest::qWaitFor([&] { return m_window->docks()->sysctlModel()->kernelFacts().defaults.ok(); }, 10000));
        QVERIFY(m_window->docks()->sysctlModel()->kernelFacts().host.gathered);
    }

    // A failed step must not leave values pending for the next test to apply.
    void revertPending()
    {
        if (!panel()->pending().isEmpty())
            QTest::mouseClick(panel()->changeBox()->revertButton(), Qt::LeftButton);
    }

    void tearDownWindow()
    {
        m_tester.reset();
        m_window.reset();
        m_sampler.reset();
    }
};
