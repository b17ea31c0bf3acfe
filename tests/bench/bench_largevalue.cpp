// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Large values in the value editor (issue 15): a 1.5 MiB minified JSON route table (a custom
// resource as a controller writes it), the same table in YAML and a 1.5 MiB access log, each
// selected in a real KeyBrowser (offscreen, 1200x800). For each: the time until the editor has
// painted the value and the event loop is free again, Ctrl+End, five keystrokes at the end (in a
// line shown split: after "Edit as one line"), Revert, and pretty-printing on demand followed by
// Ctrl+End and five keystrokes, with the GUI thread's stalls (a 5 ms timer, as in bench_keybrowser)
// during each step; beside `etcdctl get KEY --print-value-only` for the same value.
//
//   bench_largevalue [--mib 1.5] [--only json|yaml|log] [--endpoints host:port]

#include "benchcluster.h"
#include "benchkeys.h"
#include "client/etcdclient.h"
#include "guistalls.h"
#include "keys/keybrowser.h"
#include "keys/valueeditor.h"
#include "sandbox/demolargevalue.h"
#include "support/testsupport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QPlainTextEdit>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace etcd;
using namespace etcd::test;

namespace {

// A 5 ms timer on the GUI thread: how late it fires is how long the thread could not run it.
class StallProbe : public QObject
{
public:
    StallProbe()
    {
        m_timer.setInterval(5);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_stalls.gapsUs << std::max<qint64>(0, m_tick.nsecsElapsed() / 1000 - 5000);
            m_tick.restart();
        });
        m_tick.start();
        m_timer.start();
    }
    void begin()
    {
        m_stalls = Stalls();
        m_tick.restart();
    }
    Stalls take() { return std::exchange(m_stalls, Stalls()); }

private:
    QTimer m_timer;
    QElapsedTimer m_tick;
    Stalls m_stalls;
};

// Counts the paints of the editor's viewport: a step is on screen once it has painted.
class PaintCounter : public QObject
{
public:
    int paints = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents); // the probe wakes it every 5 ms
    }
    return true;
}

// Waits for a paint after `paintsBefore` (and `ready`), then for the event loop to come back to an
// empty queue; returns the ms since `since`, or -1 on timeout.
qint64 onScreen(
    const PaintCounter &counter, int paintsBefore, const QElapsedTimer &since,
    const std::function<bool()> &ready = [] { return true; })
{
    if (!waitUntil([&] { return ready() && counter.paints > paintsBefore; }, 20000))
        return -1;
    bool idle = false;
    QTimer::singleShot(0, [&idle] { idle = true; });
    waitUntil([&] { return idle; }, 20000);
    return since.elapsed();
}

void settle(int ms)
{
    QElapsedTimer t;
    t.start();
    waitUntil([&] { return t.elapsed() >= ms; }, ms + 1000);
}

struct Row
{
    QByteArray what;
    qint64 bytes = 0;
    qint64 firstScreenMs = -1;
    Stalls loadStalls;
    qint64 endMs = -1;
    bool split = false;
    qint64 oneLineMs = -1; // "Edit as one line", when it was shown split
    qint64 keystrokeMaxMs = -1;
    Stalls keyStalls;
    qint64 revertMs = -1;
    qint64 prettyMs = -1;
    Stalls prettyStalls;
    qint64 prettyEndMs = -1;
    qint64 prettyKeystrokeMaxMs = -1;
    int lines = 0;
    int prettyLines = 0;
    double etcdctlMs = -1;
};

QByteArray ms(qint64 v)
{
    return v < 0 ? QByteArray("-") : QByteArray::number(v) + " ms";
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("mib"), QStringLiteral("value size"), QStringLiteral("MiB"), QStringLiteral("1.5")},
         {QStringLiteral("only"), QStringLiteral("one value: json, yaml or log"), QStringLiteral("kind")},
         {QStringLiteral("endpoints"), QStringLiteral("cluster"), QStringLiteral("list")}});
    parser.process(app);
    const auto bytes = qsizetype(parser.value(QStringLiteral("mib")).toDouble() * 1024 * 1024);

    // etcd refuses requests over 1.5 MiB by default; clusters holding values this big raise it.
    std::unique_ptr<LocalCluster> cluster;
    ConnectionOptions options;
    const QString endpoints = parser.value(QStringLiteral("endpoints"));
    if (endpoints.isEmpty()) {
        LocalClusterOptions lo;
        lo.extraArgs = {QStringLiteral("--max-request-bytes=16777216")};
        cluster = std::make_unique<LocalCluster>(lo);
        QString error;
        if (!cluster->startAndWait(&error)) {
            std::fprintf(stderr, "bench_largevalue: %s\n", qPrintable(error));
            return 1;
        }
        options.endpoints = cluster->clientEndpoints();
    } else {
        options.endpoints = endpoints.split(QLatin1Char(','));
    }
    options.callTimeoutMs = 60000;

    QVector<std::pair<QByteArray, QByteArray>> values = {
        {"/bench/large/routes.json", demo::routeTableJson(bytes)},
        {"/bench/large/routes.yaml", demo::routeTableYaml(bytes)},
        {"/bench/large/access.log", demo::accessLog(bytes)},
    };
    if (const QString only = parser.value(QStringLiteral("only")); !only.isEmpty())
        values.removeIf([&](const auto &kv) { return !kv.first.endsWith("." + only.toUtf8()); });
    EtcdClient client(options);
    for (const auto &[key, value] : values) {
        if (!resultOf(client.kv().put(key, value), 60000).ok()) {
            std::fprintf(stderr, "bench_largevalue: could not write %s\n", key.constData());
            return 1;
        }
    }

    ui::KeyBrowser browser(&client, {"/bench/", '/'});
    browser.resize(1200, 800);
    browser.show();
    bool treeLoaded = false;
    QObject::connect(&browser, &ui::KeyBrowser::loaded, &browser, [&] { treeLoaded = true; });
    browser.start();
    waitUntil([&] { return treeLoaded; }, 60000);
    ui::ValueEditor *editor = browser.editor();
    auto *edit = editor->findChild<QPlainTextEdit *>(QStringLiteral("valueEdit"));
    PaintCounter counter;
    edit->viewport()->installEventFilter(&counter);
    bool loaded = false;
    QObject::connect(editor, &ui::ValueEditor::valueLoaded, &browser, [&] { loaded = true; });
    StallProbe probe;

    QVector<Row> rows;
    for (const auto &[key, value] : values) {
        Row row;
        row.what = key.mid(key.lastIndexOf('.') + 1);
        row.bytes = value.size();
        row.lines = int(value.count('\n')) + (value.endsWith('\n') ? 0 : 1);
        QElapsedTimer t;

        // Select it: until the value is painted and the loop is free, then 1 s more for what follows.
        loaded = false;
        probe.begin();
        t.start();
        int before = counter.paints;
        browser.goToKey(key);
        row.firstScreenMs = onScreen(counter, before, t, [&] { return loaded; });
        settle(1000);
        row.loadStalls = probe.take();

        // Ctrl+End, then five keystrokes at the end (a space keeps JSON and YAML valid). A line shown
        // split is read-only: the keystrokes go to "Edit as one line", as a person's would.
        probe.begin();
        before = counter.paints;
        t.start();
        QTest::keyClick(edit, Qt::Key_End, Qt::ControlModifier);
        row.endMs = onScreen(counter, before, t);
        settle(300);
        row.split = editor->isShownSplit();
        if (row.split) {
            before = counter.paints;
            t.start();
            editor->editAsOneLine();
            row.oneLineMs = onScreen(counter, before, t);
            QTest::keyClick(edit, Qt::Key_End, Qt::ControlModifier);
            settle(300);
        }
        const auto typeFive = [&](qint64 *maxMs, Stalls *stalls) {
            probe.begin();
            for (int k = 0; k < 5; ++k) {
                const int paints = counter.paints;
                QElapsedTimer keystroke;
                keystroke.start();
                QTest::keyClick(edit, Qt::Key_Space);
                *maxMs = std::max(*maxMs, onScreen(counter, paints, keystroke));
            }
            settle(500);
            *stalls = probe.take();
        };
        const auto revert = [&] {
            const int paints = counter.paints;
            QElapsedTimer since;
            since.start();
            editor->revert();
            const qint64 elapsed =
                onScreen(counter, paints, since, [&] { return !editor->isLoading() && !editor->isDirty(); });
            settle(500);
            return elapsed;
        };
        typeFive(&row.keystrokeMaxMs, &row.keyStalls);
        row.revertMs = revert();

        if (row.what != "log") {
            probe.begin();
            bool pretty = false;
            const auto done =
                QObject::connect(editor, &ui::ValueEditor::prettyPrintFinished, &browser, [&pretty] { pretty = true; });
            before = counter.paints;
            t.start();
            editor->prettyPrint();
            row.prettyMs = onScreen(counter, before, t, [&] { return pretty; });
            row.prettyLines = edit->document()->blockCount();
            QObject::disconnect(done);
            settle(500);
            row.prettyStalls = probe.take();
            before = counter.paints;
            t.start();
            QTest::keyClick(edit, Qt::Key_End, Qt::ControlModifier);
            row.prettyEndMs = onScreen(counter, before, t);
            settle(300);
            Stalls ignored;
            typeFive(&row.prettyKeystrokeMaxMs, &ignored);
            revert();
        }
        row.etcdctlMs =
            runEtcdctl(options.endpoints.join(QLatin1Char(',')),
                       {QStringLiteral("get"), QString::fromUtf8(key), QStringLiteral("--print-value-only")});
        rows << row;
    }

    std::printf("\n| value | first screen | GUI stalls p99 / max while loading | Ctrl+End | Edit as one line | "
                "keystroke (max of 5) | stalls while typing | Revert | pretty-print | stalls while pretty-printing | "
                "Ctrl+End after | keystroke after | etcdctl get --print-value-only |\n"
                "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (const Row &r : rows)
        std::printf("| %s, %.2f MiB | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.0f ms |\n",
                    r.what.constData(), double(r.bytes) / 1024 / 1024, ms(r.firstScreenMs).constData(),
                    r.loadStalls.text().constData(), ms(r.endMs).constData(), ms(r.oneLineMs).constData(),
                    ms(r.keystrokeMaxMs).constData(), r.keyStalls.text().constData(), ms(r.revertMs).constData(),
                    ms(r.prettyMs).constData(), r.prettyMs < 0 ? "-" : r.prettyStalls.text().constData(),
                    ms(r.prettyEndMs).constData(), ms(r.prettyKeystrokeMaxMs).constData(), r.etcdctlMs);
    for (const Row &r : rows)
        std::printf("%s: line count %d%s\n", r.what.constData(), r.lines,
                    r.prettyLines ? qPrintable(QStringLiteral(", pretty-printed %1").arg(r.prettyLines)) : "");
    return 0;
}
