#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

// The Chinese translation as shipped: complete, every placeholder and markup tag of the source
// kept, and the terms an ops engineer in China uses.
class TestTranslations : public QObject
{
    Q_OBJECT

    struct Message
    {
        QString context;
        QString source;
        QStringList translations; // one, or one per numerus form
        bool unfinished = false;
    };

    static std::vector<Message> messages()
    {
        std::vector<Message> all;
        QFile file(QStringLiteral(TRANSLATIONS_DIR "/sockscope_zh_CN.ts"));
        if (!file.open(QIODevice::ReadOnly))
            return all;
        QXmlStreamReader xml(&file);
        QString context;
        Message current;
        bool numerus = false;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("message")) {
                current = Message {context, QString(), {}, false};
                numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (xml.name() == QLatin1String("source")) {
                current.source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                const QString type = xml.attributes().value(QLatin1String("type")).toString();
                if (type == QLatin1String("vanished") || type == QLatin1String("obsolete"))
                    continue;
                current.unfinished = type == QLatin1String("unfinished");
                if (numerus) {
                    while (xml.readNextStartElement())
                        current.translations << xml.readElementText();
                } else {
                    current.translations << xml.readElementText();
                }
                all.push_back(current);
            }
        }
        if (xml.hasError())
            all.clear(); // a broken file fails the size check below
        return all;
    }

    static QStringList sorted(const QRegularExpression &pattern, const QString &text)
    {
        QStringList found;
        for (auto match = pattern.globalMatch(text); match.hasNext();)
            found << match.next().captured(0);
        found.sort();
        return found;
    }

private slots:
    void placeholdersAndTagsMatch()
    {
        const std::vector<Message> all = messages();
        QVERIFY2(all.size() > 500, qPrintable(QString::number(all.size())));
        static const QRegularExpression placeholder(QStringLiteral("%L?\\d+"));
        static const QRegularExpression tag(QStringLiteral("</?[a-z][a-z0-9]*[^>]*>"));
        for (const Message &m : all) {
            const QString where = m.context + QStringLiteral(": ") + m.source;
            QVERIFY2(!m.unfinished, qPrintable(QStringLiteral("unfinished: ") + where));
            for (const QString &translation : m.translations) {
                QVERIFY2(!translation.isEmpty(), qPrintable(where));
                QCOMPARE(sorted(placeholder, translation), sorted(placeholder, m.source));
                QCOMPARE(sorted(tag, translation), sorted(tag, m.source));
            }
        }
    }

    // Issue 9: "初学者" for trainees, "个半连接" (reads as "... and a half"), "目的地址" where the
    // limit is per remote address and port, and 2MSL taught as 2 minutes; 环回, not 回环 (issue 9 review).
    void termsAnOpsEngineerUses()
    {
        for (const Message &m : messages()) {
            for (const QString &translation : m.translations) {
                for (const char *wrong : {"初学者", "个半连接", "目的地址", "回环", "洪泛", "2 × MSL 的 2 分钟"})
                    QVERIFY2(!translation.contains(QString::fromUtf8(wrong)), qPrintable(translation));
            }
        }
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
