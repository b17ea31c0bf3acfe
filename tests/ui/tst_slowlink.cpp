// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// What waits on etcd over a slow link (a TCP proxy adding 200 ms each way, so 400 ms a round trip):
// loading a value, saving it and reading its history each say so within 300 ms, and the GUI thread
// never stalls meanwhile (a 10 ms timer keeps ticking).

#include "bench/delayproxy.h"
#include "client/etcdclient.h"
#include "keys/keyhistorydialog.h"
#include "keys/valueeditor.h"
#include "support/testsupport.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QSignalSpy>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;

namespace {

constexpr int kOneWayMs = 200;

// The longest gap between ticks of a 10 ms timer on the GUI thread, from construction on.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_clock.start();
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] { m_worst = std::max(m_worst, m_clock.restart()); });
        m_timer.start(10);
    }
    qint64 worstMs() const { return m_worst; }

private:
    QElapsedTimer m_clock;
    QTimer m_timer;
    qint64 m_worst = 0;
};

} // namespace

class TestSlowLink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadSaveAndHistoryShowProgressAtOnce();

private:
    std::unique_ptr<LocalCluster> m_cluster;
};

void TestSlowLink::initTestCase()
{
    QString error;
    m_cluster = startCluster(&error, 1);
    QVERIFY2(m_cluster, qPrintable(error));
    EtcdClient direct(optionsFor(*m_cluster));
    QVERIFY_OK(resultOf(direct.kv().put("/slow/config.json", R"({"timeoutMs": 100})")));
    QVERIFY_OK(resultOf(direct.kv().put("/slow/config.json", R"({"timeoutMs": 200})")));
}

void TestSlowLink::loadSaveAndHistoryShowProgressAtOnce()
{
    const QString endpoint = m_cluster->clientEndpoint(0);
    DelayProxy proxy(0, QHostAddress::LocalHost, quint16(endpoint.section(QLatin1Char(':'), -1).toUInt()), kOneWayMs);
    QVERIFY(proxy.isListening());
    ConnectionOptions o = optionsFor(*m_cluster);
    o.endpoints = {QStringLiteral("127.0.0.1:%1").arg(proxy.port())};
    o.callTimeoutMs = 10000;
    EtcdClient client(o);
    QVERIFY_OK(resultOf(client.kv().get("/warm-up"))); // the connection itself is not the subject

    ui::ValueEditor editor(&client);
    editor.resize(800, 500);
    editor.QWidget::show();
    StallMeter stalls;
    QSignalSpy loaded(&editor, &ui::ValueEditor::valueLoaded);
    QElapsedTimer t;
    t.start();
    editor.open("/slow/config.json");
    QTRY_VERIFY_WITH_TIMEOUT(editor.isLoading() && editor.statusText().contains(QStringLiteral("Loading")), 300);
    QVERIFY(loaded.wait(5000));
    QVERIFY2(t.elapsed() >= 2 * kOneWayMs, "the link did not delay the load");
    QVERIFY(editor.text().contains(QStringLiteral("200")));

    QSignalSpy saved(&editor, &ui::ValueEditor::saved);
    editor.setText(QStringLiteral(R"({"timeoutMs": 300})"));
    t.restart();
    editor.save();
    // At once: first the schema check (the catalogue is read over the slow link), then the save.
    QTRY_VERIFY_WITH_TIMEOUT(editor.statusText().contains(QStringLiteral("Checking against the schemas")) ||
                                 (editor.isSaving() && editor.statusText().contains(QStringLiteral("Saving"))),
                             300);
    QVERIFY(saved.wait(5000));
    QVERIFY(t.elapsed() >= 2 * kOneWayMs);

    ui::KeyHistoryDialog history(&client, "/slow/config.json");
    history.show();
    QSignalSpy historyLoaded(&history, &ui::KeyHistoryDialog::loaded);
    auto *hint = history.findChild<QLabel *>(QStringLiteral("historyHint"));
    QVERIFY(hint);
    QTRY_VERIFY_WITH_TIMEOUT(
        !history.isLoaded() && hint->isVisible() && hint->text().contains(QStringLiteral("Loading")), 300);
    QTRY_VERIFY_WITH_TIMEOUT(history.isLoaded(), 10000);
    QVERIFY(history.versionCount() >= 3);
    QVERIFY2(stalls.worstMs() < 150,
             qPrintable(QStringLiteral("the GUI thread stalled for %1 ms").arg(stalls.worstMs())));
}

QTEST_MAIN(TestSlowLink)
#include "tst_slowlink.moc"
