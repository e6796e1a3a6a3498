#include "wording/coremessagetext.h"

namespace {
// Arguments come from the kernel, files and the agent's stream: a missing one is shown empty.
QString arg(const CoreMessage &message, std::size_t index)
{
    return index < message.args.size() ? QString::fromStdString(message.args[index]) : QString();
}
}

QString CoreMessageText::text(const CoreMessage &m)
{
    const auto a = [&m](std::size_t index) { return arg(m, index); };
    switch (m.code) {
    case CoreMessageCode::None: return QString();
    case CoreMessageCode::SystemError:
    case CoreMessageCode::WordedText: return a(0);
    case CoreMessageCode::SockDiagMissing: return tr("This kernel has no socket diagnostics (NETLINK_SOCK_DIAG): %1.").arg(a(0));
    case CoreMessageCode::SockDiagOpenFailed: return tr("Cannot open a sock_diag netlink socket: %1.").arg(a(0));
    case CoreMessageCode::SockDiagBindFailed: return tr("Cannot bind the sock_diag netlink socket: %1.").arg(a(0));
    case CoreMessageCode::SockDiagSendFailed: return tr("Cannot send the sock_diag request: %1.").arg(a(0));
    case CoreMessageCode::SockDiagReplyTooLarge: return tr("A sock_diag reply did not fit the %1-byte receive buffer.").arg(a(0));
    case CoreMessageCode::SockDiagTimeout: return tr("The kernel stopped answering the socket dump for %1 s.").arg(a(0));
    case CoreMessageCode::SockDiagReadFailed: return tr("Reading the sock_diag reply failed: %1.").arg(a(0));
    case CoreMessageCode::SockDiagRefused: return tr("The kernel refused the %1 socket dump: %2.").arg(a(0), a(1));
    case CoreMessageCode::SockDiagNoTcpDiag:
        return tr("This kernel cannot list TCP sockets: the inet_diag/tcp_diag support is "
                  "missing (try `modprobe tcp_diag`).");
    case CoreMessageCode::SockDiagNoIpv6:
        return tr("IPv6 TCP sockets cannot be listed on this kernel (IPv6 disabled or "
                  "inet6 diagnostics missing); only IPv4 is shown.");
    case CoreMessageCode::SockDiagInterruptedTwice:
        return tr("The socket table changed during two dumps in a row (NLM_F_DUMP_INTR); "
                  "counts may be off by the connections that came and went.");
    case CoreMessageCode::SockDiagRepliesLostTwice:
        return tr("Netlink replies were lost twice in a row (ENOBUFS); this snapshot "
                  "misses some sockets.");
    case CoreMessageCode::SockDiagBadErrorNumber: return tr("Malformed netlink error message (error %1).").arg(a(0));
    case CoreMessageCode::SockDiagTruncatedError: return tr("The kernel sent a truncated netlink error message.");
    case CoreMessageCode::SockDiagTruncatedPayload:
        return tr("Truncated sock_diag message: %1 bytes of payload, %2 expected.").arg(a(0), a(1));
    case CoreMessageCode::SockDiagMalformedAttribute: return tr("Malformed attribute in a sock_diag message.");
    case CoreMessageCode::SockDiagTrailingBytes:
        return tr("Truncated netlink message: %n byte(s) left that do not form a whole message.", nullptr, a(0).toInt());
    case CoreMessageCode::ProcUnreadable: return tr("Cannot read %1: %2.").arg(a(0), a(1));
    case CoreMessageCode::SockstatNoTcpLine: return tr("/proc/net/sockstat has no readable TCP line.");
    case CoreMessageCode::CountersColumnMismatch:
        return tr("/proc/net/%1 is malformed: %2").arg(a(0), tr("%1: %2 column names but %3 values.").arg(a(1), a(2), a(3)));
    case CoreMessageCode::CountersNotANumber:
        return tr("/proc/net/%1 is malformed: %2").arg(a(0), tr("%1 %2: \"%3\" is not a number.").arg(a(1), a(2), a(3)));
    case CoreMessageCode::SlabinfoUnknownFormat: return tr("Unknown /proc/slabinfo format (expected version 2.x).");
    case CoreMessageCode::SlabinfoMalformedRow: return tr("Malformed /proc/slabinfo row for %1.").arg(a(0));
    case CoreMessageCode::SlabinfoMalformedNumber: return tr("Malformed number in the /proc/slabinfo row for %1.").arg(a(0));
    case CoreMessageCode::SlabinfoRootOnly: return tr("/proc/slabinfo is readable by root only");
    case CoreMessageCode::SlabinfoUnreadable: return tr("cannot read /proc/slabinfo: %1").arg(a(0));
    case CoreMessageCode::SlabEstimated: {
        // The reason travels as its own key and arguments.
        CoreMessage reason {coreMessageCodeFromKey(m.args.empty() ? std::string() : m.args.front()), {}};
        if (m.args.size() > 1)
            reason.args.assign(m.args.begin() + 1, m.args.end());
        return tr("Slab memory is estimated: %1.").arg(text(reason));
    }
    case CoreMessageCode::SlabBasisBtf:
        return tr("socket counts of this namespace × object sizes from this kernel's BTF "
                  "(struct size plus SLUB's free pointer, in 64-byte cache lines)");
    case CoreMessageCode::SlabBasisTypical:
        return tr("socket counts of this namespace × typical x86-64 object sizes (this kernel exposes no BTF)");
    case CoreMessageCode::NetnsEmptyName: return tr("Empty network namespace name.");
    case CoreMessageCode::NetnsBadName: return tr("\"%1\" is not a network namespace name.").arg(a(0));
    case CoreMessageCode::NetnsOpenFailed: return tr("Cannot open network namespace %1: %2.").arg(a(0), a(1));
    case CoreMessageCode::NetnsNotNetwork: return tr("%1 is not a network namespace.").arg(a(0));
    case CoreMessageCode::NetnsEnterDenied:
        return tr("Not allowed to enter network namespace %1 (needs CAP_SYS_ADMIN over it).").arg(a(0));
    case CoreMessageCode::NetnsEnterFailed: return tr("Cannot enter network namespace %1: %2.").arg(a(0), a(1));
    case CoreMessageCode::DefaultsNoAnswer: return tr("the detecting process did not answer in time");
    case CoreMessageCode::DefaultsFailed: return tr("the detecting process failed");
    case CoreMessageCode::RecordingOpenFailed: return tr("Cannot create %1: %2").arg(a(0), a(1));
    case CoreMessageCode::RecordingNotRegular: return tr("Cannot create %1: not a regular file.").arg(a(0));
    case CoreMessageCode::RecordingNotOwned:
        return tr("Cannot create %1: the file belongs to another user, who could read the recording.").arg(a(0));
    case CoreMessageCode::RecordingWriteFailed: return tr("Writing %1 failed: %2").arg(a(0), a(1));
    case CoreMessageCode::AgentUnknownCommand:
        return tr("The agent does not know the command \"%1\" (it knows interval, table-period, table, pause and resume).")
            .arg(a(0));
    case CoreMessageCode::AgentBadNumber:
        return tr("The agent's command %1 needs a whole number of milliseconds from %3 to %4, not \"%2\".")
            .arg(a(0), a(1), a(2), a(3));
    case CoreMessageCode::AgentLineTooLong:
        return tr("A command to the agent was longer than %1 bytes; it was ignored.").arg(a(0));
    case CoreMessageCode::LabNamespaceFailed:
        return tr("The training lab could not make its namespaces (%1: %2). It needs unprivileged user namespaces "
                  "(user.max_user_namespaces above 0).")
            .arg(a(0), a(1));
    case CoreMessageCode::LabBadSetting: return tr("The lab does not know the load setting \"%1\".").arg(a(0));
    case CoreMessageCode::LabSysctlFailed: return tr("The lab could not change its sysctls: %1").arg(a(0));
    case CoreMessageCode::FrameCutShort: return tr("The frame at byte %1 is cut short (begun but not finished).").arg(a(0));
    case CoreMessageCode::FrameTooLarge:
        return tr("The frame at byte %1 declares %2 bytes (at most %3 are read).").arg(a(0), a(1), a(2));
    case CoreMessageCode::FrameChecksum: return tr("The frame at byte %1 is damaged (its checksum does not match).").arg(a(0));
    case CoreMessageCode::FrameUndecodable: return tr("The frame at byte %1 cannot be decoded.").arg(a(0));
    case CoreMessageCode::TableDescriptionTooLarge:
        //: A socket table's description is its JSON: totals, busiest ports and owners, kernel facts.
        return tr("The socket table at byte %1 has a description of %2 KiB (a real one takes a few KiB; at most %3 KiB "
                  "are read); it was refused unread.")
            .arg(a(0), a(1), a(2));
    case CoreMessageCode::TableTooManyRows:
        return tr("The socket table at byte %1 holds %2 rows (at most %3 are read); it was refused unread.")
            .arg(a(0), a(1), a(2));
    case CoreMessageCode::MarkersDropped: return tr("There are more than %1 markers; only the first %1 are shown.").arg(a(0));
    case CoreMessageCode::COUNT: break;
    }
    // A code this build does not know (a newer agent's): its key and arguments, untranslated.
    return QString::fromStdString(coreMessagePlain(m));
}

QStringList CoreMessageText::texts(const std::vector<CoreMessage> &messages)
{
    QStringList out;
    out.reserve(qsizetype(messages.size()));
    for (const CoreMessage &message : messages)
        out << text(message);
    return out;
}

CoreMessage CoreMessageText::worded(const QString &text)
{
    if (text.isEmpty())
        return CoreMessage();
    const QStringList parts = text.split(QStringLiteral(": "));
    const CoreMessageCode code = coreMessageCodeFromKey(parts.first().toStdString());
    if (code != CoreMessageCode::None && code != CoreMessageCode::WordedText) {
        CoreMessage message {code, {}};
        for (qsizetype i = 1; i < parts.size(); ++i)
            message.args.push_back(parts[i].toStdString());
        return message;
    }
    return {CoreMessageCode::WordedText, {text.toStdString()}};
}

QString CoreMessageText::namespaceLabel(const std::string &label)
{
    return label.empty() ? tr("current") : QString::fromStdString(label);
}

std::string CoreMessageText::utf8(const CoreMessage &message)
{
    return text(message).toStdString();
}
