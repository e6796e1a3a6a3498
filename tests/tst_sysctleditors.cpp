#include "core/collect/kerneldefaults.h"
#include "languages.h"
#include "sources/localsource.h"
#include "sampling/localsysctlchanger.h"
#include "views/window/mainwindow.h"
#include "netnstestmain.h"
#include "sampling/samplingworker.h"
#include "sampling/windowstate.h"
#include "socketpopulation.h"
#include "sysctlpanelfixture.h"
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

// The sysctl pane's value editors in the window, offscreen: typed port ranges and lists, choices,
// the wheel, confirmation of a dangerous value, reset to the kernel's default; each applied to the
// test namespace's own sysctls.
class TestSysctlEditors : public QObject, public SysctlPanelFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpWindow(); }
    void cleanup() { revertPending(); }
    void cleanupTestCase() { tearDownWindow(); }

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
};

SOCKSCOPE_NETNS_TEST_MAIN(TestSysctlEditors, QApplication)
#include "tst_sysctleditors.moc"
