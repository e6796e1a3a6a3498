#include "remote/agentbinary.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

#include <elf.h>

namespace {

// The agent is ~1.1 MB (stripped at build time), ~17 MB if built unstripped; anything
// far larger is not our agent.
constexpr qint64 MaximumSize = 64 * 1024 * 1024;

// e_machine to the name `uname -m` prints on that CPU (Linux's UTS_MACHINE per arch).
QString unameMachine(quint16 machine, bool littleEndian)
{
    switch (machine) {
    case EM_X86_64: return QStringLiteral("x86_64");
    case EM_AARCH64: return QStringLiteral("aarch64");
    case EM_386: return QStringLiteral("i686");
    case EM_ARM: return QStringLiteral("armv7l");
    case EM_RISCV: return QStringLiteral("riscv64");
    case EM_PPC64: return littleEndian ? QStringLiteral("ppc64le") : QStringLiteral("ppc64");
    case EM_S390: return QStringLiteral("s390x");
    default: return {};
    }
}

}

QStringList AgentBinary::defaultCandidates()
{
    return {QCoreApplication::applicationDirPath() + QStringLiteral("/sockscope-agent"), QStringLiteral(SOCKSCOPE_AGENT_PATH)};
}

bool AgentBinary::locate(const QStringList &candidates, AgentBinary *agent, QString *error)
{
    for (const QString &candidate : candidates) {
        if (QFileInfo::exists(candidate))
            return load(candidate, agent, error);
    }
    *error = tr("sockscope's own agent was not found (looked for %1).").arg(candidates.join(QStringLiteral(", ")));
    return false;
}

AgentBinary AgentBinary::ours()
{
    AgentBinary agent;
    QString ignored; // an empty path says it: the refusal to copy names the missing agent
    locate(defaultCandidates(), &agent, &ignored);
    return agent;
}

bool AgentBinary::load(const QString &path, AgentBinary *agent, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read the agent %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray contents = file.read(MaximumSize + 1);
    const auto *bytes = reinterpret_cast<const unsigned char *>(contents.constData());
    if (contents.size() > MaximumSize || contents.size() < qsizetype(sizeof(Elf64_Ehdr))
        || contents.left(SELFMAG) != QByteArray(ELFMAG, SELFMAG)) {
        *error = tr("%1 is not an executable for Linux.").arg(path);
        return false;
    }
    const bool littleEndian = bytes[EI_DATA] == ELFDATA2LSB;
    // e_machine sits at offset 18 in both ELF classes.
    const quint16 machine = littleEndian ? quint16(bytes[18] | bytes[19] << 8) : quint16(bytes[18] << 8 | bytes[19]);
    const QString architecture = unameMachine(machine, littleEndian);
    if (architecture.isEmpty()) {
        *error = tr("%1 is built for a CPU sockscope does not know (ELF machine %2).").arg(path).arg(machine);
        return false;
    }
    agent->m_path = path;
    agent->m_contents = contents;
    agent->m_architecture = architecture;
    agent->m_sha256 = QString::fromLatin1(QCryptographicHash::hash(contents, QCryptographicHash::Sha256).toHex());
    return true;
}
