#include "core/collect/kerneldefaults.h"
#include "languages.h"
#include "sources/localsource.h"
#include "sampling/localsysctlchanger.h"
#include "views/window/mainwindow.h"
#include "netnstestmain.h"
#include "sampling/samplingworker.h"
#include "sampling/windowstate.h"
#include "socketpopulation.h"
#include "views/sysctl/sysctlchangebox.h"
#include "views/sysctl/sysctlconfirmdialog.h"
#include "sysctl/sysctlcatalog.h"
#include "itemmodels/sysctllistmodel.h"
#include "views/sysctl/sysctlpanel.h"
#include "core/collect/sysctlreader.h"
#include "views/sysctl/sysctlvalueeditor.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTest>
#include <QWheelEvent>

#include <sys/socket.h>
#include <thread>
#include <sys/utsname.h>

// The sysctl pane in the window, offscreen, changing the test namespace's own sysctls.
class TestSysctlPanel : public QObject
{
    Q_OBJECT

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

private slots:
    void initTestCase()
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
    void cleanup()
    {
        if (!panel()->pending().isEmpty())
            QTest::mouseClick(panel()->changeBox()->revertButton(), Qt::LeftButton);
    }

    void cleanupTestCase()
    {
        m_tester.reset();
        m_window.reset();
        m_sampler.reset();
    }

    void showsTheNamespacesValues()
    {
        SysctlListModel *model = m_window->docks()->sysctlModel();
        QCOMPARE(model->rowCount(), int(SysctlCatalog::entries().size()));
        QCOMPARE(model->columnCount(), int(SysctlListModel::COLUMN_COUNT));
        const int row = model->rowOf(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        QCOMPARE(model->index(row, SysctlListModel::Value).data().toString(), QStringLiteral("45"));
        QCOMPARE(model->index(row, SysctlListModel::Default).data().toString(), QStringLiteral("60"));
        QCOMPARE(model->index(row, SysctlListModel::Differs).data().toString(), QStringLiteral("≠"));
        const int reuse = model->rowOf(QStringLiteral("net.ipv4.tcp_tw_reuse"));
        QCOMPARE(model->index(reuse, SysctlListModel::Differs).data().toString(), QString());
        QCOMPARE(modelValue("net.ipv4.tcp_max_orphans"), QStringLiteral("host's only")); // global: not in a child namespace
        QCOMPARE(modelValue("net.ipv4.tcp_tw_recycle"), QStringLiteral("removed"));
        QCOMPARE(modelValue("net.ipv4.ip_local_port_range"), QStringLiteral("32768 60999"));
        // Defaults that scale with memory come from this kernel's hash size.
        QCOMPARE(
            model->index(model->rowOf(QStringLiteral("net.ipv4.tcp_max_tw_buckets")), SysctlListModel::Default).data().toString(),
            value("net.ipv4.tcp_max_tw_buckets"));
    }

    void appliesAnEditInThisNamespace()
    {
        QVERIFY(applier()->writesInProcess()); // root here: no prompt needed
        panel()->selectSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        panel()->editor()->findChild<QSpinBox *>()->setValue(30);
        const QString preview = panel()->previewText();
        QVERIFY2(preview.contains(QString::fromUtf8("net.ipv4.tcp_fin_timeout: 45 → 30")), qPrintable(preview));
        QVERIFY2(preview.contains(QLatin1String("at runtime only")), qPrintable(preview));
        QVERIFY2(preview.contains(QString::fromStdString(m_window->docks()->sysctlModel()->snapshot()->namespaceId)),
                 qPrintable(preview));
        QCOMPARE(modelValue("net.ipv4.tcp_fin_timeout"), QStringLiteral("45 → 30"));
        QVERIFY(applyFinTimeout(30));
        QVERIFY2(panel()->resultText().contains(QString::fromUtf8("net.ipv4.tcp_fin_timeout: 45 → 30")),
                 qPrintable(panel()->resultText()));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("30"));
        QCOMPARE(modelValue("net.ipv4.tcp_fin_timeout"), QStringLiteral("30"));
        QVERIFY(panel()->pending().isEmpty());
        // The change marks the timeline by itself, as a marker the user set would.
        const std::vector<RecordingMarker> &markers = m_window->state()->markers();
        QVERIFY(!markers.empty());
        QCOMPARE(markers.back().label, QString::fromUtf8("net.ipv4.tcp_fin_timeout 45 → 30"));
        QVERIFY(qAbs(markers.back().timeMs - QDateTime::currentMSecsSinceEpoch()) < 10000);
    }

    // The explanation works out what this namespace's tcp_fin_timeout gives: above 60 s, twice
    // (value - 60) s, as tst_kernelfacts measures.
    void finTimeoutWaitWorkedOut()
    {
        const auto explanation = [this] { return panel()->findChild<QTextBrowser *>("explanation")->toPlainText(); };
        QVERIFY(applyFinTimeout(90));
        QTRY_VERIFY2(
            explanation().contains(QLatin1String("90 s here: an orphaned FIN-WAIT-2 connection waits 60 s for the "
                                                 "peer's FIN, 30 s as a full socket and then 30 s as a timewait entry.")),
            qPrintable(explanation()));
        QVERIFY(applyFinTimeout(30));
        QTRY_VERIFY2(explanation().contains(QLatin1String("30 s here: an orphaned FIN-WAIT-2 connection waits 30 s")),
                     qPrintable(explanation()));
    }

    void helperRoute()
    {
        // pkexec's part (authorization) played by a script; the helper is the real one.
        applier()->setWritesInProcess(false);
        applier()->setPkexecProgram(fakePkexec("pkexec-ok", "exec \"$@\""));
        applier()->setHelperProgram(QStringLiteral(SOCKSCOPE_HELPER));
        panel()->selectSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        panel()->editor()->findChild<QSpinBox *>()->setValue(20);
        QVERIFY2(panel()->previewText().contains(QLatin1String("sockscope-sysctl-helper apply --netns /proc/"))
                     && panel()->previewText().contains(QLatin1String(" net.ipv4.tcp_fin_timeout=20")),
                 qPrintable(panel()->previewText()));
        QVERIFY(applyFinTimeout(20));
        QVERIFY2(panel()->resultText().contains(QString::fromUtf8("30 → 20")), qPrintable(panel()->resultText()));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), QStringLiteral("20"));
    }

    void failuresAreExplained_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("pkexec missing") << ""
                                        << ""
                                        << "pkexec is not installed";
        QTest::newRow("dismissed") << "pkexec-dismissed"
                                   << "exit 126"
                                   << "Authorization was dismissed";
        QTest::newRow("not authorized") << "pkexec-denied"
                                        << "echo 'Error executing command as another user: Not authorized' >&2; exit 127"
                                        << "Not authorized";
        QTest::newRow("kernel refused") << "pkexec-readonly"
                                        << "exec unshare -m sh -c 'mount --bind -o ro /proc/sys/net/ipv4/tcp_fin_timeout "
                                           "/proc/sys/net/ipv4/tcp_fin_timeout && exec \"$0\" \"$@\"' \"$@\""
                                        << "the kernel did not take it";
    }

    void failuresAreExplained()
    {
        QFETCH(QString, script);
        QFETCH(QString, body);
        QFETCH(QString, message);
        applier()->setWritesInProcess(false);
        applier()->setHelperProgram(QStringLiteral(SOCKSCOPE_HELPER));
        applier()->setPkexecProgram(script.isEmpty() ? QStringLiteral("/nonexistent/pkexec")
                                                     : fakePkexec(qPrintable(script), body.toUtf8()));
        const QString before = value("net.ipv4.tcp_fin_timeout");
        QVERIFY(applyFinTimeout(before.toInt() + 7));
        QVERIFY2(panel()->resultText().contains(message), qPrintable(panel()->resultText()));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), before);
        QVERIFY(!panel()->pending().isEmpty()); // the edit is kept for another try
        QTest::mouseClick(panel()->changeBox()->revertButton(), Qt::LeftButton);
        QVERIFY(panel()->pending().isEmpty());
        QCOMPARE(modelValue("net.ipv4.tcp_fin_timeout"), before);
    }

    void helperReportsInTheUsersLanguage()
    {
        // The helper runs without the user's language (pkexec clears the environment): it reports
        // codes, and the window words them in Chinese.
        Languages::apply("zh_CN");
        applier()->setWritesInProcess(false);
        applier()->setHelperProgram(SOCKSCOPE_HELPER);
        applier()->setPkexecProgram(fakePkexec("pkexec-readonly-zh",
                                               "exec unshare -m sh -c 'mount --bind -o ro /proc/sys/net/ipv4/tcp_fin_timeout "
                                               "/proc/sys/net/ipv4/tcp_fin_timeout && exec \"$0\" \"$@\"' \"$@\""));
        const QString before = value("net.ipv4.tcp_fin_timeout");
        QVERIFY(applyFinTimeout(before.toInt() + 3));
        const QString result = panel()->resultText();
        QVERIFY2(result.contains(QString::fromUtf8("内核没有接受")) && result.contains(QString::fromUtf8("未被修改")),
                 qPrintable(result));
        QVERIFY2(!result.contains("was not changed"), qPrintable(result));
        QCOMPARE(value("net.ipv4.tcp_fin_timeout"), before);
        QTest::mouseClick(panel()->changeBox()->revertButton(), Qt::LeftButton);
        Languages::apply("en");
    }


    void typedPortRangeIsWhatIsApplied()
    {
        // The reported run: high is 60999, the user selects low and types 61000. On the way the
        // box shows 6, 61, 610, 6100, 61000: pending must follow exactly, or be nothing.
        panel()->selectSysctl("net.ipv4.ip_local_port_range");
        const QList<QSpinBox *> spins = panel()->editor()->findChildren<QSpinBox *>();
        QSpinBox *low = nullptr, *high = nullptr;
        for (QSpinBox *spin : spins) {
            if (spin->text() == "32768")
                low = spin;
            else if (spin->text() == "60999")
                high = spin;
        }
        QVERIFY(low && high);
        const auto shown = [&]() -> QString { return QStringList {low->text(), high->text()}.join('-'); };
        low->setFocus();
        QTest::keyClick(low, Qt::Key_A, Qt::ControlModifier);
        for (const char key : QByteArray("61000")) {
            QTest::keyClick(low, key);
            checkPendingIsShown("net.ipv4.ip_local_port_range", shown(), qPrintable("low " + low->text()));
        }
        QCOMPARE(low->text(), QStringLiteral("61000"));
        QVERIFY(!panel()->applyButton()->isEnabled());
        QVERIFY(!panel()->pending().contains("net.ipv4.ip_local_port_range"));
        QVERIFY2(panel()->previewText().contains("invalid"), qPrintable(panel()->previewText()));
        QVERIFY2(box()->notesText().contains("above the high end"), qPrintable(box()->notesText()));
        // A refresh keeps what is being typed.
        refresh();
        QCOMPARE(low->text(), QStringLiteral("61000"));

        high->setFocus();
        QTest::keyClick(high, Qt::Key_A, Qt::ControlModifier);
        for (const char key : QByteArray("65000")) {
            QTest::keyClick(high, key);
            checkPendingIsShown("net.ipv4.ip_local_port_range", shown(), qPrintable("high " + high->text()));
        }
        QVERIFY(panel()->applyButton()->isEnabled());
        QCOMPARE(panel()->pending().value("net.ipv4.ip_local_port_range"), QStringLiteral("61000-65000"));
        QVERIFY2(panel()->previewText().contains(QString::fromUtf8("32768 60999 → 61000 65000")),
                 qPrintable(panel()->previewText()));

        for (int i = 0; i < 5; ++i) {
            QTest::keyClick(high, Qt::Key_Backspace);
            checkPendingIsShown("net.ipv4.ip_local_port_range", shown(), qPrintable("high " + high->text()));
        }
        QCOMPARE(high->text(), QString());
        QVERIFY(!panel()->applyButton()->isEnabled());
        QVERIFY(panel()->pending().isEmpty());
        QVERIFY(panel()->previewText().contains("invalid"));
        QTest::mouseClick(box()->revertButton(), Qt::LeftButton);
        QCOMPARE(shown(), QStringLiteral("32768-60999"));
        QVERIFY(!panel()->applyButton()->isEnabled());
        QCOMPARE(value("net.ipv4.ip_local_port_range"), QStringLiteral("32768 60999"));
    }

    void typedPortListAndNumber()
    {
        panel()->selectSysctl("net.ipv4.ip_local_reserved_ports");
        auto list = panel()->editor()->findChild<QLineEdit *>();
        list->setFocus();
        QTest::keyClick(list, Qt::Key_A, Qt::ControlModifier);
        // After each key: what is pending (the kernel's sorted form of the same ports), or nothing.
        const QList<QPair<QString, QString>> steps = {{"8", "8"},
                                                      {"80", "80"},
                                                      {"808", "808"},
                                                      {"8080", "8080"},
                                                      {"8080,", QString()},
                                                      {"8080,9", "9,8080"},
                                                      {"8080,90", "90,8080"},
                                                      {"8080,900", "900,8080"},
                                                      {"8080,9000", "8080,9000"},
                                                      {"8080,9000-", QString()},
                                                      {"8080,9000-9", QString()},
                                                      {"8080,9000-90", QString()},
                                                      {"8080,9000-901", QString()},
                                                      {"8080,9000-9010", "8080,9000-9010"}};
        for (const auto &[text, pending] : steps) {
            QTest::keyClick(list, text.back().toLatin1());
            QCOMPARE(list->text(), text);
            QVERIFY2(panel()->applyButton()->isEnabled() == !pending.isNull(), qPrintable(text));
            QCOMPARE(panel()->pending().value("net.ipv4.ip_local_reserved_ports"), pending);
            if (!pending.isNull())
                QVERIFY2(panel()->previewText().contains(QString::fromUtf8("(empty) → ") + pending),
                         qPrintable(panel()->previewText()));
        }
        QTest::mouseClick(box()->revertButton(), Qt::LeftButton);

        panel()->selectSysctl("net.ipv4.tcp_fin_timeout");
        auto spin = panel()->editor()->findChild<QSpinBox *>();
        spin->setFocus();
        QTest::keyClick(spin, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(spin, Qt::Key_Backspace);
        QVERIFY(spin->cleanText().isEmpty());
        QVERIFY(!panel()->applyButton()->isEnabled());
        QVERIFY(panel()->pending().isEmpty());
        QTest::keyClicks(spin, "33");
        QVERIFY(panel()->applyButton()->isEnabled());
        QCOMPARE(panel()->pending().value("net.ipv4.tcp_fin_timeout"), QStringLiteral("33"));
        QTest::mouseClick(box()->revertButton(), Qt::LeftButton);
        QVERIFY(panel()->pending().isEmpty());
    }

    void changeAreaStaysPut()
    {
        panel()->selectSysctl("net.ipv4.tcp_fin_timeout");
        QCoreApplication::processEvents();
        // Measured within the Change area, with its height: the window around it may shift by a
        // pixel as its other panels refresh, which is not this area's doing.
        const QRect before = QRect(panel()->applyButton()->mapTo(box(), QPoint()), panel()->applyButton()->size());
        const int boxHeight = box()->height();
        // Many pending values and a warning make every text longer.
        panel()->editor()->findChild<QSpinBox *>()->setValue(31);
        panel()->selectSysctl("net.ipv4.tcp_syncookies");
        panel()->editor()->findChild<QComboBox *>()->setCurrentIndex(0);
        panel()->selectSysctl("net.ipv4.ip_local_reserved_ports");
        QLineEdit *list = panel()->editor()->findChild<QLineEdit *>();
        list->setText("1000-60999");
        emit list->textEdited(list->text());
        QCOMPARE(panel()->pending().size(), 3);
        QVERIFY(panel()->previewText().count('\n') >= 4);
        QVERIFY2(box()->notesText().contains("connect()") && box()->notesText().contains("SYN Flood"),
                 qPrintable(box()->notesText()));
        QCoreApplication::processEvents();
        const QRect after = QRect(panel()->applyButton()->mapTo(box(), QPoint()), panel()->applyButton()->size());
        QCOMPARE(after, before);
        QCOMPARE(box()->height(), boxHeight);
        // The whole area is in view, never in a scroll area of its own: Apply and the preview
        // are never scrolled away.
        QCOMPARE(panel()->applyButton()->visibleRegion().boundingRect(), panel()->applyButton()->rect());
        QCOMPARE(box()->visibleRegion().boundingRect(), box()->rect());
        QVERIFY(!qobject_cast<QScrollArea *>(box()->parentWidget()->parentWidget()));
        QTest::mouseClick(box()->revertButton(), Qt::LeftButton);
    }

    // A choice list says each value in a few words; what the chosen one means in full follows
    // the selection under it (never a paragraph in the popup).
    void choicesAreShortWithTheirMeaningBeside()
    {
        for (const SysctlEntry &entry : SysctlCatalog::entries()) {
            if (entry.kind != SysctlEntry::Kind::Choice)
                continue;
            panel()->selectSysctl(entry.key());
            auto choices = panel()->editor()->findChild<QComboBox *>();
            QVERIFY(choices->isVisibleTo(panel()));
            QCOMPARE(choices->count(), int(entry.choices.size()));
            for (int i = 0; i < choices->count(); ++i) {
                const SysctlChoice &choice = entry.choices[std::size_t(i)];
                const QString item = choices->itemText(i);
                QVERIFY2(item.startsWith(QString::number(choice.value) + QString::fromUtf8(" — ")) && item.size() <= 40,
                         qPrintable(item));
                choices->setCurrentIndex(i);
                const QString meaning =
                    QString::number(choice.value) + QString::fromUtf8(" — ") + SysctlCatalog::text(choice.meaning);
                QVERIFY2(box()->notesText().endsWith(meaning), qPrintable(box()->notesText()));
            }
            QTest::mouseClick(box()->revertButton(), Qt::LeftButton);
        }
        panel()->selectSysctl(QStringLiteral("net.ipv4.tcp_tw_reuse"));
        auto choices = panel()->editor()->findChild<QComboBox *>();
        QCOMPARE(choices->itemText(choices->findData("1")), QString::fromUtf8("1 — clients may reuse TIME-WAIT ports"));
    }

    // One wheel notch up over the editor of `sysctl` (its choice list or spin box), focused or
    // not: the value it leaves pending (null: none). Reverted afterwards.
    QString pendingAfterWheel(const char *sysctl, bool focused)
    {
        panel()->selectSysctl(QLatin1String(sysctl));
        QWidget *editor = panel()->editor()->currentWidget();
        if (editor->focusPolicy() != Qt::StrongFocus)
            return QStringLiteral("(focus by wheel)");
        if (focused)
            editor->setFocus();
        else
            editor->clearFocus();
        if (editor->hasFocus() != focused)
            return QStringLiteral("(focus not as asked)");
        const QPointF at = QRectF(editor->rect()).center();
        QWheelEvent event(at, editor->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                          false);
        QApplication::sendEvent(editor, &event);
        const QString pending = panel()->pending().value(QLatin1String(sysctl));
        QTest::mouseClick(box()->revertButton(), Qt::LeftButton);
        return pending;
    }

    // One wheel notch over a value the user has not focused scrolls on, never changes it.
    void wheelChangesOnlyAFocusedValue()
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QCOMPARE(value("net.ipv4.tcp_tw_reuse"), QStringLiteral("2"));
        QCOMPARE(pendingAfterWheel("net.ipv4.tcp_tw_reuse", false), QString());
        QCOMPARE(pendingAfterWheel("net.ipv4.tcp_tw_reuse", true), QStringLiteral("1")); // up the list: 2 → 1
        const int seconds = value("net.ipv4.tcp_fin_timeout").toInt();
        QCOMPARE(pendingAfterWheel("net.ipv4.tcp_fin_timeout", false), QString());
        QCOMPARE(pendingAfterWheel("net.ipv4.tcp_fin_timeout", true), QString::number(seconds + 1));
    }

    void dangerousValueIsConfirmedOnce()
    {
        applier()->setWritesInProcess(true);
        panel()->selectSysctl("net.ipv4.tcp_syncookies");
        QCOMPARE(value("net.ipv4.tcp_syncookies"), QStringLiteral("1"));
        auto choices = panel()->editor()->findChild<QComboBox *>();
        choices->setCurrentIndex(choices->findData("0"));
        QVERIFY2(box()->notesText().contains("SYN Flood"), qPrintable(box()->notesText()));
        QVERIFY(panel()->applyButton()->isEnabled()); // accepted, with the warning
        QTest::mouseClick(panel()->applyButton(), Qt::LeftButton);
        SysctlConfirmDialog *dialog = box()->confirmation();
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY2(dialog->text().contains(QString::fromUtf8("net.ipv4.tcp_syncookies: 1 → 0")), qPrintable(dialog->text()));
        QVERIFY(dialog->text().contains(QString::fromStdString(m_window->docks()->sysctlModel()->snapshot()->namespaceId)));
        QVERIFY(dialog->text().contains("runtime only"));
        QVERIFY(dialog->text().contains("turns SYN cookies off, the SYN Flood protection"));
        QVERIFY(dialog->cancelButton()->isDefault());
        QTest::mouseClick(panel()->applyButton(), Qt::LeftButton); // asked once, not twice
        QCOMPARE(box()->confirmation(), dialog);
        QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
        QTRY_VERIFY(!box()->confirmation());
        QCOMPARE(value("net.ipv4.tcp_syncookies"), QStringLiteral("1"));
        QVERIFY(!applier()->isBusy());

        QTest::mouseClick(panel()->applyButton(), Qt::LeftButton);
        dialog = box()->confirmation();
        QVERIFY(dialog);
        QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return panel()->resultText().contains(QString::fromUtf8("1 → 0")); }, 10000));
        QCOMPARE(value("net.ipv4.tcp_syncookies"), QStringLiteral("0"));

        // Back to 1: harmless and small, so no question.
        choices->setCurrentIndex(choices->findData("1"));
        QCOMPARE(box()->notesText(),
                 QString::fromUtf8("1 — Answer with syncookies once a listener's half-open queue is past its cap."));
        QTest::mouseClick(panel()->applyButton(), Qt::LeftButton);
        QVERIFY(!box()->confirmation());
        QVERIFY(QTest::qWaitFor([&] { return panel()->resultText().contains(QString::fromUtf8("0 → 1")); }, 10000));
        QCOMPARE(value("net.ipv4.tcp_syncookies"), QStringLiteral("1"));
    }

    void timeWaitBucketsBelowUse()
    {
        SocketPopulation population;
        const SocketPopulation::Endpoint server {AF_INET, "127.0.0.1", 8090};
        QVERIFY2(population.listen(server) && population.closedConnections(server, 6, SocketPopulation::CloseOrder::ClientFirst),
                 qPrintable(population.error()));
        const int samples = m_window->history().size();
        QVERIFY(QTest::qWaitFor([&] { return m_window->history().size() >= samples + 2; }, 10000));
        panel()->selectSysctl("net.ipv4.tcp_max_tw_buckets");
        panel()->editor()->findChild<QSpinBox *>()->setValue(5);
        QVERIFY2(box()->notesText().contains("the 6 entries in the timewait table now"), qPrintable(box()->notesText()));
        panel()->editor()->findChild<QSpinBox *>()->setValue(0);
        QVERIFY2(box()->notesText().contains("tcp_max_tw_buckets 0: every close that would enter TIME-WAIT"),
                 qPrintable(box()->notesText()));
        QTest::mouseClick(box()->revertButton(), Qt::LeftButton);
        QVERIFY(box()->notesText().isEmpty());
    }

    void resetToKernelDefault()
    {
        panel()->selectSysctl("net.ipv4.tcp_fin_timeout");
        QVERIFY(value("net.ipv4.tcp_fin_timeout") != "60");
        QVERIFY(box()->resetButton()->isEnabled());
        QTest::mouseClick(box()->resetButton(), Qt::LeftButton);
        QCOMPARE(panel()->pending().value("net.ipv4.tcp_fin_timeout"), QStringLiteral("60"));
        QCOMPARE(panel()->editor()->findChild<QSpinBox *>()->value(), 60);
        QVERIFY(!box()->resetButton()->isEnabled());
        QVERIFY(box()->resetButton()->toolTip().contains("Already the kernel default"));
        QTest::mouseClick(box()->revertButton(), Qt::LeftButton);
        panel()->selectSysctl("net.ipv4.ip_local_port_range");
        QVERIFY(!box()->resetButton()->isEnabled()); // 32768 60999 here
        panel()->selectSysctl("net.ipv4.tcp_tw_recycle");
        QVERIFY(!box()->resetButton()->isEnabled()); // removed: nothing to set
    }

    // The source is swapped while an Apply of the old one waits for authorization: the pane no
    // longer says "Applying…", which was about the old source's changer.
    void sourceSwapForgetsTheResult()
    {
        LocalSysctlChanger slow(m_sampler.get(), true);
        slow.setWritesInProcess(false);
        slow.setPkexecProgram(fakePkexec("pkexec-slow", "sleep 2; exit 126"));
        slow.setHelperProgram(QStringLiteral(SOCKSCOPE_HELPER));
        panel()->setChanger(&slow);
        panel()->selectSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        panel()->editor()->findChild<QSpinBox *>()->setValue(21);
        QVERIFY(panel()->applyButton()->isEnabled());
        QTest::mouseClick(panel()->applyButton(), Qt::LeftButton);
        QVERIFY(slow.isBusy());
        QCOMPARE(panel()->resultText(), QString::fromUtf8("Applying…"));
        panel()->setChanger(applier());
        QCOMPARE(panel()->resultText(), QString());
    }

    void keepAfterRebootOnlyInTheHostNamespace()
    {
        // Another network namespace stands in for the host's: this one is then a child.
        QProcess other;
        other.start("unshare", {"-n", "sleep", "30"});
        QVERIFY(other.waitForStarted());
        const QString otherPath = QStringLiteral("/proc/%1/ns/net").arg(other.processId());
        const NamespaceIdentity here = NamespaceIdentity::ofCallingThread();
        QVERIFY(QTest::qWaitFor([&] { return NamespaceIdentity::ofPath(otherPath.toStdString()) != here; }, 5000));
        pointHostNamespaceAt(otherPath);
        refresh();
        QVERIFY(!panel()->persistBox()->isEnabled());
        QVERIFY2(box()->persistNote().startsWith("Not available in a child namespace: "), qPrintable(box()->persistNote()));
        QVERIFY(panel()->persistBox()->toolTip().contains("child network namespace"));
        // The same namespace as "PID 1": allowed.
        pointHostNamespaceAt("/proc/self/ns/net");
        refresh();
        QVERIFY(panel()->persistBox()->isEnabled());
        QVERIFY(box()->persistNote().isEmpty());
        // Not readable: the kernel's fixed initial-namespace inode (6.18+) still tells that this
        // test's namespace is a child; where nothing tells, allowed, saying it was not confirmed.
        pointHostNamespaceAt("/nonexistent/ns/net");
        refresh();
        bool known = false;
        NamespaceIdentity::isHost(here, &known);
        if (known) {
            QVERIFY(!panel()->persistBox()->isEnabled());
            QVERIFY2(box()->persistNote().startsWith("Not available in a child namespace: "), qPrintable(box()->persistNote()));
        } else {
            QVERIFY(panel()->persistBox()->isEnabled());
            QVERIFY(box()->persistNote().contains("not confirmed"));
            QVERIFY(panel()->persistBox()->toolTip().contains("/nonexistent/ns/net is not readable"));
        }
        other.kill();
        other.waitForFinished();
        pointHostNamespaceAt("/proc/1/ns/net");
        refresh();
    }

    void explanationFollowsTheKernel()
    {
        panel()->selectSysctl(QStringLiteral("net.ipv4.tcp_tw_reuse"));
        const QString explanation = panel()->findChild<QTextBrowser *>("explanation")->toPlainText();
        QVERIFY(explanation.contains(QLatin1String("Only connect() consults it")));
        QVERIFY(explanation.contains(QLatin1String("taken over 1000 ms after it entered TIME-WAIT")));
        // The default shown is the one detected in a fresh namespace, and says so.
        QVERIFY2(explanation.contains(QLatin1String("2 (read from a fresh network namespace")), qPrintable(explanation));
        QVERIFY(explanation.contains(QLatin1String("0, 1, 2 (the kernel accepts the same)")));
        // The footer names what was read from this kernel, and the commands are there to copy.
        QVERIFY2(explanation.contains(QLatin1String("net.ipv4.tcp_tw_reuse_delay = 1000")), qPrintable(explanation));
        QVERIFY(explanation.contains(QLatin1String("ss -tano state time-wait")));
        // The footer says whether this kernel is of the series the facts were checked on (6.18).
        utsname names {};
        QCOMPARE(uname(&names), 0);
        const QByteArray release(names.release);
        const bool checkedSeries = release == "6.18" || release.startsWith("6.18.") || release.startsWith("6.18-");
        QVERIFY2(explanation.contains(checkedSeries ? QLatin1String("the series this kernel (") + QLatin1String(names.release)
                                                    : QLatin1String("not on this kernel (") + QLatin1String(names.release)),
                 qPrintable(explanation));
        const QString concepts = panel()->findChild<QTextBrowser *>("concepts")->toPlainText();
        QVERIFY2(concepts.contains(QLatin1String("tcp_tw_reuse_delay = 1000 ms")), qPrintable(concepts));
        QVERIFY(!concepts.contains(QString::fromUtf8("÷ 60"))); // no port budget that ignores tcp_tw_reuse
        // The "who holds TIME-WAIT" mix-up prints this namespace's budget: default range (28,232
        // ports) and tcp_tw_reuse 2 (loopback only).
        QVERIFY2(concepts.contains(QLatin1String("about 28,232 new connections per second to loopback"))
                     && concepts.contains(QLatin1String("about 471 to other addresses")),
                 qPrintable(concepts));
        QVERIFY2(explanation.contains(QLatin1String("about 28,232 new connections per second to loopback")),
                 qPrintable(explanation));
        auto choices = panel()->editor()->findChild<QComboBox *>();
        QCOMPARE(choices->count(), 3);
    }

    // connect() skips ip_local_reserved_ports, so they lower the per-tuple limit the pane states.
    void portRangeLessReservedPorts()
    {
        const auto reserve = [](const QByteArray &ports) { return writeIpv4("ip_local_reserved_ports", ports); };
        QVERIFY(reserve("40000-40009"));
        const auto explanation = [this] { return panel()->findChild<QTextBrowser *>("explanation")->toPlainText(); };
        const QString expected = QStringLiteral("28,232 ports here, 10 of them reserved (ip_local_reserved_ports): at most "
                                                "28,222 connections at a time");
        const bool shown = QTest::qWaitFor(
            [&] {
                refresh();
                panel()->selectSysctl(QStringLiteral("net.ipv4.ip_local_port_range"));
                return explanation().contains(expected);
            },
            10000);
        QVERIFY(reserve(""));
        QVERIFY2(shown, qPrintable(explanation()));
        QTRY_VERIFY_WITH_TIMEOUT(
            (refresh(), explanation().contains(QLatin1String("28,232 ports here: at most 28,232 connections at a time"))), 10000);
    }

    // With tcp_timestamps 0 the pane does not promise that nothing is taken over: a connection
    // that takes over an entry inherits its peer-timestamp record (tcp_twsk_unique).
    void timestampsOffIsNoPromise()
    {
        const auto timestamps = [](const QByteArray &value) { return writeIpv4("tcp_timestamps", value); };
        QVERIFY(timestamps("0"));
        const auto explanation = [this] { return panel()->findChild<QTextBrowser *>("explanation")->toPlainText(); };
        const bool shown = QTest::qWaitFor(
            [&] {
                refresh();
                panel()->selectSysctl(QStringLiteral("net.ipv4.tcp_tw_reuse"));
                return explanation().contains(QLatin1String("tcp_timestamps is 0 here"));
            },
            10000);
        QVERIFY(timestamps("1"));
        QVERIFY2(shown, qPrintable(explanation()));
        QVERIFY2(explanation().contains(QLatin1String("A connection that takes over an entry inherits the entry's record and "
                                                      "hands it on")),
                 qPrintable(explanation()));
        QVERIFY(!explanation().contains(QLatin1String("no TIME-WAIT entry can be taken over")));
    }

    void readersKeepTheirPlace()
    {
        // A refresh with nothing new must not scroll the explanation back to the top.
        panel()->selectSysctl("net.ipv4.ip_local_port_range");
        auto concepts = panel()->findChild<QTextBrowser *>("concepts");
        panel()->findChild<QTabWidget *>()->setCurrentWidget(concepts);
        QTRY_VERIFY(concepts->verticalScrollBar()->maximum() > 0);
        concepts->verticalScrollBar()->setValue(concepts->verticalScrollBar()->maximum() / 2);
        const int position = concepts->verticalScrollBar()->value();
        QVERIFY(position > 0);
        const int samples = m_window->history().size();
        QVERIFY(QTest::qWaitFor([&] { return m_window->history().size() >= samples + 2; }, 10000));
        QCOMPARE(concepts->verticalScrollBar()->value(), position);
    }

    void chinese()
    {
        Languages::apply(QStringLiteral("zh_CN"));
        panel()->selectSysctl(QStringLiteral("net.ipv4.tcp_fin_timeout"));
        const QString explanation = panel()->findChild<QTextBrowser *>("explanation")->toPlainText();
        QVERIFY2(explanation.contains(QStringLiteral("FIN-WAIT-2")) && explanation.contains(QStringLiteral("孤儿")),
                 qPrintable(explanation));
        QTRY_COMPARE(panel()->applyButton()->text(), QStringLiteral("应用")); // LanguageChange is a posted event
        Languages::apply(QStringLiteral("en"));
        QTRY_COMPARE(panel()->applyButton()->text(), QStringLiteral("Apply"));
    }

    // Detecting the kernel's defaults forks a child that unshares a network namespace: never on
    // the GUI thread, however much of the pane is shown. Every cell and tooltip of the list, every
    // sysctl's explanation, and another source on this kernel (its facts come from the worker's
    // one detection, kept for the process).
    void guiThreadNeverDetects()
    {
        SysctlListModel *model = m_window->docks()->sysctlModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            for (int column = 0; column < model->columnCount(); ++column) {
                for (const int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(SysctlListModel::DiffersRole)})
                    model->index(row, column).data(role);
            }
            panel()->selectSysctl(model->entry(row).key());
        }
        LocalSource another(m_sampler.get(), QStringLiteral("again"));
        QSignalSpy delivered(&another, &Source::kernelFactsChanged);
        QVERIFY(delivered.wait(10000));
        QVERIFY(another.kernelFacts().defaults.ok());
        QCOMPARE(KernelDefaults::detectionsOnThread(std::this_thread::get_id()), 0);
    }
};

SOCKSCOPE_NETNS_TEST_MAIN(TestSysctlPanel, QApplication)
#include "tst_sysctlpanel.moc"
