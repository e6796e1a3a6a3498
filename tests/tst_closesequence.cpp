#include "views/sysctl/closesequencediagram.h"
#include "darkpalette.h"
#include "languages.h"
#include "views/sysctl/portbudgetdialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QPalette>
#include <QSpinBox>
#include <QTest>

#include <arpa/inet.h>
#include <sys/socket.h>

// The drawn close sequence in both languages (no text outside its room, none on another), and
// the worked port budget as the window shows it for a made-up snapshot.
class TestCloseSequence : public QObject
{
    Q_OBJECT

    // With SOCKSCOPE_CAPTURE_DIR set, keeps what was drawn for a person to look at.
    static void keep(QWidget &widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("SOCKSCOPE_CAPTURE_DIR");
        if (!dir.isEmpty())
            widget.grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    }

    static PortPressure tuple(const char *local, const char *remote, quint16 port, quint32 inUse)
    {
        PortPressure p;
        p.family = AF_INET;
        inet_pton(AF_INET, local, p.localAddress.data());
        inet_pton(AF_INET, remote, p.remoteAddress.data());
        p.remotePort = port;
        p.inUse = inUse;
        return p;
    }

private slots:
    void cleanup() { Languages::apply(QStringLiteral("en")); }

    void textsStayInTheirRoom_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("layout");
        QTest::addColumn<int>("extraWidth");
        for (const char *language : {"en", "zh_CN"}) {
            const QString l = QString::fromLatin1(language);
            QTest::addRow("%s narrow, at its minimum", language) << l << QStringLiteral("narrow") << 0;
            QTest::addRow("%s narrow, 150 px wider", language) << l << QStringLiteral("narrow") << 150;
            QTest::addRow("%s wide, at its minimum", language) << l << QStringLiteral("wide") << 0;
            QTest::addRow("%s wide, 400 px wider", language) << l << QStringLiteral("wide") << 400;
        }
    }

    void textsStayInTheirRoom()
    {
        QFETCH(QString, language);
        QFETCH(QString, layout);
        QFETCH(int, extraWidth);
        Languages::apply(language);
        CloseSequenceDiagram diagram;
        const int start = layout == QLatin1String("wide") ? diagram.wideWidth() : diagram.minimumSizeHint().width();
        const int width = start + extraWidth;
        QVERIFY(layout == QLatin1String("wide") || width < diagram.wideWidth());
        diagram.resize(width, diagram.heightForWidth(width));
        const std::vector<CloseSequenceDiagram::Text> texts = diagram.texts(width);
        QVERIFY(texts.size() > 20);
        QStringList shown;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            const CloseSequenceDiagram::Text &t = texts[i];
            shown << t.text;
            QVERIFY2(!t.text.isEmpty(), "an empty label");
            QVERIFY2(diagram.rect().contains(t.rect), qPrintable(t.text));
            QVERIFY2(t.rect.left() >= t.column.left() && t.rect.right() <= t.column.right(), qPrintable(t.text));
            for (std::size_t j = i + 1; j < texts.size(); ++j)
                QVERIFY2(!t.rect.intersects(texts[j].rect), qPrintable(t.text + QStringLiteral(" / ") + texts[j].text));
        }
        for (const char *state : {"ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSE-WAIT", "LAST-ACK"})
            QVERIFY2(shown.contains(QLatin1String(state)), state);
        for (const char *name : {"tcp_orphan_retries", "tcp_fin_timeout", "TCP_TIMEWAIT_LEN"})
            QVERIFY2(shown.contains(QLatin1String(name)), name);
        // The note names every way the closing side ends without TIME-WAIT: a reset, the peer's
        // missing FIN, an orphan given up, a full table.
        const QString all = shown.join(QLatin1Char(' '));
        for (const char *name : {"SO_LINGER", "RST", "TCP_LINGER2", "tcp_max_orphans", "tcp_max_tw_buckets"})
            QVERIFY2(all.contains(QLatin1String(name)), name);
        // The words are the language's own, not the English source.
        const bool english = shown.contains(QStringLiteral("The other side (passive close)"));
        QCOMPARE(english, language == QLatin1String("en"));

        if (extraWidth > 0) {
            keep(diagram, QStringLiteral("closesequence-%1-light-%2").arg(layout, language));
            diagram.setPalette(darkTestPalette());
            keep(diagram, QStringLiteral("closesequence-%1-dark-%2").arg(layout, language));
        }
    }

    void fitsTheSysctlPane()
    {
        // At 1024×640 the explanation tabs get a little over half the width; the diagram must
        // fit there without a horizontal scroll bar in either language.
        for (const char *language : {"en", "zh_CN"}) {
            Languages::apply(QString::fromLatin1(language));
            CloseSequenceDiagram diagram;
            QVERIFY2(diagram.minimumSizeHint().width() <= 560, qPrintable(QString::number(diagram.minimumSizeHint().width())));
        }
    }

    void scalesWithTheFont()
    {
        CloseSequenceDiagram diagram;
        const QSize before = diagram.minimumSizeHint();
        QFont larger = diagram.font();
        larger.setPointSizeF(larger.pointSizeF() * 1.5);
        diagram.setFont(larger);
        QVERIFY(diagram.minimumSizeHint().width() > before.width());
        QVERIFY(diagram.heightForWidth(before.width() * 2) > 0);
    }

    void workedBudgetForTheChosenTuple()
    {
        auto snapshot = std::make_shared<Snapshot>();
        const auto present = [](const char *name, const char *value) {
            return SysctlReading {name, SysctlReading::State::Present, value, {}};
        };
        snapshot->sysctls = {present("net.ipv4.ip_local_port_range", "40000 40599"),
                             present("net.ipv4.ip_local_reserved_ports", ""), present("net.ipv4.tcp_tw_reuse", "2"),
                             present("net.ipv4.tcp_timestamps", "1"), present("net.ipv4.tcp_tw_reuse_delay", "1000")};
        snapshot->portPressure = {tuple("10.0.0.5", "10.0.0.9", 443, 500), tuple("10.0.0.6", "10.0.0.9", 443, 300),
                                  tuple("10.0.0.5", "10.0.0.9", 8443, 200), tuple("127.0.0.1", "127.0.0.1", 80, 100)};
        PortBudgetDialog dialog;
        dialog.showSnapshot(snapshot);
        QCOMPARE(dialog.tupleCount(), 4);
        // The busiest: not loopback, so reuse 2 does not apply: 600 ports ÷ 60 s = 10 per second,
        // × 1 source address and 1 destination port: the tuple's own client is not known (no
        // owners here), so the addresses and ports of other tuples towards 10.0.0.9 are not its.
        QString text = dialog.explanationText();
        QVERIFY2(text.contains(QStringLiteral("About 10 new connections per second towards that destination (local "
                                              "address, remote address, remote port)")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("10 × 1 × 1 ≈ 10")), qPrintable(text));
        QCOMPARE(dialog.findChildren<QSpinBox *>().at(0)->value(), 1);
        // The loopback tuple: reuse applies, 600 per second.
        dialog.findChild<QComboBox *>()->setCurrentIndex(3);
        text = dialog.explanationText();
        QVERIFY2(text.contains(QStringLiteral("About 600 new connections per second")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("reuse applies")), qPrintable(text));
        // A refresh keeps the tuple chosen, though it is no longer at that row.
        std::swap(snapshot->portPressure[0], snapshot->portPressure[3]);
        dialog.showSnapshot(snapshot);
        QVERIFY(dialog.explanationText().contains(QStringLiteral("About 600 new connections per second")));

        dialog.resize(620, 440);
        keep(dialog, QStringLiteral("portbudget-en"));
        Languages::apply(QStringLiteral("zh_CN"));
        QTRY_VERIFY(!dialog.explanationText().contains(QStringLiteral("new connections per second")));
        QVERIFY(dialog.explanationText().contains(QString::fromUtf8("每秒约可建立")));
        keep(dialog, QStringLiteral("portbudget-zh_CN"));
    }
};

QTEST_MAIN(TestCloseSequence)
#include "tst_closesequence.moc"
