#include <QFile>
#include <QTest>
#include <QXmlStreamReader>

// The polkit policy installed for the helper: well-formed, two actions, each naming the path the
// helper is installed at; each selected by its own mandatory first argument of the helper (so the
// order pkexec enumerates actions in cannot matter), "persist" asked every time.
class TestPolkitPolicy : public QObject
{
    Q_OBJECT

private slots:
    void actions()
    {
        QFile file(QStringLiteral(SOCKSCOPE_POLICY_FILE));
        QVERIFY2(file.open(QIODevice::ReadOnly), SOCKSCOPE_POLICY_FILE);
        QXmlStreamReader xml(&file);
        struct Action
        {
            QString id, path, argv1, active, any;
        };
        QList<Action> actions;
        QString element;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement()) {
                element = xml.name().toString();
                if (element == "action")
                    actions.append({xml.attributes().value("id").toString(), {}, {}, {}, {}});
                if (element == "annotate") {
                    const QString key = xml.attributes().value("key").toString();
                    const QString value = xml.readElementText();
                    if (key == "org.freedesktop.policykit.exec.path")
                        actions.last().path = value;
                    if (key == "org.freedesktop.policykit.exec.argv1")
                        actions.last().argv1 = value;
                }
                if (element == "allow_active")
                    actions.last().active = xml.readElementText();
                if (element == "allow_any")
                    actions.last().any = xml.readElementText();
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(actions.size(), 2);
        QCOMPARE(actions[0].id, QStringLiteral("org.sockscope.sysctl.apply"));
        QCOMPARE(actions[0].path, QStringLiteral(SOCKSCOPE_HELPER_INSTALL_PATH));
        QCOMPARE(actions[0].argv1, QStringLiteral("apply"));
        QCOMPARE(actions[0].active, QStringLiteral("auth_admin_keep"));
        QCOMPARE(actions[1].id, QStringLiteral("org.sockscope.sysctl.persist"));
        QCOMPARE(actions[1].path, QStringLiteral(SOCKSCOPE_HELPER_INSTALL_PATH));
        QCOMPARE(actions[1].argv1, QStringLiteral("persist"));
        QCOMPARE(actions[1].active, QStringLiteral("auth_admin"));
        QCOMPARE(actions[1].any, QStringLiteral("auth_admin"));
    }
};

QTEST_GUILESS_MAIN(TestPolkitPolicy)
#include "tst_polkitpolicy.moc"
