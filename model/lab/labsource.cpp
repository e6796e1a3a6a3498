#include "lab/labsource.h"

#include "remote/agentbinary.h"
#include "sysctl/sysctlreportcodec.h"

#include <QFileInfo>
#include <QProcess>

LabSource::LabSource(QObject *parent)
    : LabSource(defaultAgentProgram(), defaultHelperProgram(), parent)
{
}

LabSource::LabSource(const QString &agentProgram, const QString &helperProgram, QObject *parent)
    : StreamSource(
        [agentProgram, helperProgram] {
            auto process = new QProcess;
            process->setProgram(agentProgram);
            process->setArguments({QStringLiteral("--lab"), QStringLiteral("--stream"), QStringLiteral("--sysctl-helper"),
                                   QFileInfo(helperProgram).absoluteFilePath()});
            return process;
        },
        tr("the training lab"), parent)
    , m_sysctlChanger(new LabSysctlChanger(this, helperProgram))
{
    setKind(Kind::Lab);
    setSysctlChanger(m_sysctlChanger);
    useThisKernelsFacts(); // the lab runs on this kernel
    // A lab that ended is started again empty: it gets its load and sysctls back.
    connect(this, &Source::stateChanged, this, [this](State state) {
        if (state != State::Connecting)
            return;
        if (!m_sysctls.isEmpty())
            send("lab sysctl " + m_sysctls.join(QLatin1Char(' ')).toUtf8());
        if (!m_load.isEmpty())
            send("lab load " + m_load.join(QLatin1Char(' ')).toUtf8());
    });
}

namespace {
QString testAgent, testHelper;
}

void LabSource::setDefaultPrograms(const QString &agent, const QString &helper)
{
    testAgent = agent;
    testHelper = helper;
}

QString LabSource::defaultAgentProgram()
{
    if (!testAgent.isEmpty())
        return testAgent;
    const QStringList candidates = AgentBinary::defaultCandidates();
    for (const QString &candidate : candidates)
        if (QFileInfo(candidate).isExecutable())
            return candidate;
    return candidates.last();
}

QString LabSource::defaultHelperProgram()
{
    if (!testHelper.isEmpty())
        return testHelper;
    // The lab runs it without any privilege of the host (root of the lab's user namespace only),
    // so the one beside this program may be used, unlike the window's pkexec route.
    const QString beside = QCoreApplication::applicationDirPath() + QStringLiteral("/sockscope-sysctl-helper");
    return QFileInfo(beside).isExecutable() ? beside : QStringLiteral(SOCKSCOPE_HELPER_PATH);
}

Source::Place LabSource::place() const
{
    Place place = StreamSource::place();
    // The mark that says "not a real host" wherever the place is shown: title, status bar, stamps.
    place.host = tr("LAB · %1").arg(place.host);
    place.namespaceName = tr("training lab");
    return place;
}

void LabSource::applySysctls(const QStringList &pairs)
{
    if (pairs.isEmpty())
        return;
    for (const QString &pair : pairs) {
        const QString name = pair.section(QLatin1Char('='), 0, 0) + QLatin1Char('=');
        m_sysctls.erase(
            std::remove_if(m_sysctls.begin(), m_sysctls.end(), [&name](const QString &kept) { return kept.startsWith(name); }),
            m_sysctls.end());
        m_sysctls << pair;
    }
    send("lab sysctl " + pairs.join(QLatin1Char(' ')).toUtf8());
}

void LabSource::setLoad(const QStringList &words)
{
    for (const QString &word : words) {
        const QString key = word.section(QLatin1Char('='), 0, 0) + QLatin1Char('=');
        m_load.erase(std::remove_if(m_load.begin(), m_load.end(), [&key](const QString &kept) { return kept.startsWith(key); }),
                     m_load.end());
        m_load << word;
    }
    send("lab load " + words.join(QLatin1Char(' ')).toUtf8());
}

void LabSource::lab(const FrameDecoder::Frame &frame)
{
    const QByteArray payload = QByteArray::fromStdString(frame.payload);
    LabFigures figures;
    if (!LabFigures::parse(payload, &figures))
        return; // not kept; only its figures are lost
    keepFrame(frame.type, payload);
    m_figures = figures;
    if (figures.hasSysctlReport) {
        emit sysctlsApplied(SysctlReportCodec::decode(figures.sysctlReport));
        requestTable(); // the next table carries the values read back in the lab
    }
    emit figuresReady(m_figures);
}
