#include "oncecommand.h"
#include "wording/coremessagetext.h"
#include "bridge/qtstd.h"

#include "commandlineoptions.h"
#include "terminal.h"
#include "core/collect/networknamespace.h"
#include "core/snapshot/snapshotcollector.h"
#include "core/snapshot/snapshotjsonwriter.h"
#include "report/snapshottextwriter.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <chrono>
#include <thread>

int runOnceCommand(const CommandLineOptions &options)
{
    NetworkNamespace netns;
    if (!Terminal::openNamespace(options, &netns))
        return 1;
    CoreMessage error;

    std::shared_ptr<Snapshot> snapshot;
    // The collecting thread alone enters the namespace (its netlink socket and /proc/thread-self
    // views follow it); the main thread stays where it was started.
    std::thread worker([&] {
        if (!netns.enterInCallingThread(&error))
            return;
        SnapshotCollector::Options collectorOptions;
        collectorOptions.stateMask = options.stateMask ? options.stateMask : AllTcpStatesMask;
        collectorOptions.namespaceLabel = CoreMessageText::namespaceLabel(netns.label()).toStdString();
        SnapshotCollector collector(collectorOptions);
        const std::chrono::duration<double> interval(options.intervalGiven ? options.intervalSeconds : 0.0);
        snapshot = collector.collectWithRates(std::chrono::duration_cast<std::chrono::nanoseconds>(interval), &error);
    });
    worker.join();

    if (!snapshot) {
        Terminal::printError(CoreMessageText::text(error));
        return 1;
    }

    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly)) {
        Terminal::printError(QCoreApplication::translate("OnceCommand", "Cannot write to standard output."));
        return 1;
    }
    bool written = false;
    if (options.format == CommandLineOptions::Format::Json) {
        SnapshotJsonWriter::Options jsonOptions;
        jsonOptions.topPorts = options.topPorts;
        jsonOptions.includeSockets = options.includeSockets;
        jsonOptions.ephemeralPorts = options.ephemeralPorts;
        jsonOptions.wording = &CoreMessageText::utf8;
        written = SnapshotJsonWriter::write(*snapshot, jsonOptions, deviceSink(&out));
    } else {
        const QByteArray text = SnapshotTextWriter::format(*snapshot, options.topPorts, options.ephemeralPorts).toUtf8();
        written = out.write(text) == text.size();
    }
    out.flush();
    if (!written) {
        Terminal::printError(
            QCoreApplication::translate("OnceCommand", "Writing the snapshot failed: %1.").arg(out.errorString()));
        return 1;
    }
    return 0;
}
