// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

// The console from the keyboard, driven with QTest key events on a real window (offscreen) over a
// real etcd: the menus hold every action with its shortcut (File, Edit, View, Key, Cluster, Help)
// and Help lists them; Ctrl+L and Ctrl+F work from any view; Ctrl+Tab, Ctrl+Shift+Tab and Alt+N
// switch views; Down leaves the filter for its results; Tab completes a key in the path bar and
// Enter goes to its row; a dialog takes the focus when it opens.

#include "keys/keybrowser.h"
#include "keys/keysearch.h"
#include "keys/keytreemodel.h"
#include "keys/newkeydialog.h"
#include "mainwindow.h"
#include "support/testsupport.h"

#include <QApplication>
#include <QLineEdit>
#include <QMenuBar>
#include <QTabWidget>
#include <QTreeView>
#include <QtTest>

using namespace etcd;
using namespace etcd::test;
using namespace etcd::ui;

class TestKeyboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void menusHoldEveryActionWithItsShortcut();
    void viewsSwitchFromTheKeyboard();
    void pathBarAndFilterFromAnyView();
    void dialogsTakeTheFocus();
    void init()
    {
        // Each test starts from an active window (a closed dialog may have taken activation along).
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

private:
    void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : m_window.get();
        QTest::keyClick(target, Qt::Key(key), modifiers);
    }
    QString focusName() const
    {
        return QApplication::focusWidget() ? QApplication::focusWidget()->objectName() : QStringLiteral("(none)");
    }

    std::unique_ptr<LocalCluster> m_cluster;
    std::unique_ptr<EtcdClient> m_client;
    std::unique_ptr<MainWindow> m_window;
    KeyBrowser *m_browser = nullptr;
};

void TestKeyboard::initTestCase()
{
    START_CLUSTER(cluster, 1);
    m_cluster = std::move(cluster);
    for (const char *k : {"/kb/app/x", "/kb/app/y", "/kb/apple", "/kb/cfg/z"})
        QVERIFY(etcdctlFor(*m_cluster).run({QStringLiteral("put"), QLatin1String(k), QStringLiteral("v")}).ok());
    m_client = std::make_unique<EtcdClient>(optionsFor(*m_cluster));
    m_window = std::make_unique<MainWindow>();
    m_browser = new KeyBrowser(m_client.get(), {"/kb/", '/'});
    m_window->addView(QStringLiteral("keys"), QStringLiteral("Keys"), m_browser, true);
    m_window->addView(QStringLiteral("other"), QStringLiteral("Other"), new QWidget);
    QSignalSpy loaded(m_browser, &KeyBrowser::loaded);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_browser->start();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, 10000);
}

void TestKeyboard::menusHoldEveryActionWithItsShortcut()
{
    QStringList menus;
    for (QAction *a : m_window->menuBar()->actions())
        menus << QString(a->text()).remove(QLatin1Char('&'));
    QCOMPARE(menus, (QStringList{QStringLiteral("File"), QStringLiteral("Edit"), QStringLiteral("View"), QStringLiteral("Key"),
                                 QStringLiteral("Cluster"), QStringLiteral("Help")}));
    const QString list = m_window->shortcutList();
    for (const QString &expected :
         {QStringLiteral("Ctrl+L\tEdit\tGo to key…"), QStringLiteral("Ctrl+F\tEdit\tFilter keys…"),
          QStringLiteral("Ctrl+Tab\tView\tNext view"), QStringLiteral("Ctrl+Shift+Tab\tView\tPrevious view"),
          QStringLiteral("Alt+1\tView\tKeys"), QStringLiteral("Alt+3\tView\tOther"), QStringLiteral("Ctrl+N\tKey\tNew key…"),
          QStringLiteral("Ctrl+S\tKey\tSave value"), QStringLiteral("F2\tKey\tCopy/Rename…"), QStringLiteral("Del\tKey\tDelete…"),
          QStringLiteral("Ctrl+H\tKey\tHistory…"), QStringLiteral("F5\tKey\tRefresh"),
          QStringLiteral("Ctrl+Shift+O\tFile\tConnect to cluster…"), QStringLiteral("F1\tHelp\tKeyboard shortcuts")})
        QVERIFY2(list.contains(expected), qPrintable(expected + QStringLiteral(" not in:\n") + list));
    // Help ▸ Keyboard shortcuts shows the same list.
    m_window->findChild<QAction *>(QStringLiteral("shortcutsAction"))->trigger();
    auto *dialog = m_window->findChild<QDialog *>(QStringLiteral("shortcutsDialog"));
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    dialog->close();
}

void TestKeyboard::viewsSwitchFromTheKeyboard()
{
    auto *tabs = m_window->findChild<QTabWidget *>();
    QVERIFY(tabs);
    m_window->showView(QStringLiteral("keys"));
    m_browser->treeView()->setFocus();
    press(Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(tabs->currentIndex(), 1);
    press(Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(tabs->currentIndex(), 2);
    press(Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(tabs->currentIndex(), 1);
    press(Qt::Key_3, Qt::AltModifier);
    QCOMPARE(tabs->currentIndex(), 2);
    press(Qt::Key_1, Qt::AltModifier);
    QCOMPARE(tabs->currentIndex(), 0);
}

void TestKeyboard::pathBarAndFilterFromAnyView()
{
    auto *path = m_browser->findChild<QLineEdit *>(QStringLiteral("pathBar"));
    auto *filter = m_browser->findChild<QLineEdit *>(QStringLiteral("filterBox"));
    // Ctrl+F from another view: on to Keys, into the filter; Down: into the results.
    m_window->showView(QStringLiteral("other"));
    m_window->view(QStringLiteral("other"))->setFocus();
    press(Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(m_window->view(QStringLiteral("keys"))->isVisible(), true);
    QTRY_COMPARE(focusName(), QStringLiteral("filterBox"));
    QTest::keyClicks(filter, QStringLiteral("app"));
    auto *search = m_browser->findChild<KeySearchModel *>();
    QTRY_VERIFY(!search->isSearching() && search->rowCount() == 3);
    QCOMPARE(focusName(), QStringLiteral("filterBox"));
    press(Qt::Key_Down);
    QVERIFY2(focusName() == QLatin1String("filterResults"),
             qPrintable(focusName() + QStringLiteral(" visible %1").arg(m_browser->findChild<QWidget *>(QStringLiteral("filterResults"))->isVisible())));
    filter->clear();
    QTest::keyClick(filter, Qt::Key_Escape);

    // Ctrl+L from another view: the path bar. Tab completes from the tree, Enter goes to the row.
    m_window->showView(QStringLiteral("other"));
    m_window->view(QStringLiteral("other"))->setFocus();
    press(Qt::Key_L, Qt::ControlModifier);
    QTRY_COMPARE(focusName(), QStringLiteral("pathBar"));
    QTest::keyClicks(path, QStringLiteral("/kb/c"));
    press(Qt::Key_Tab);
    QCOMPARE(path->text(), QStringLiteral("/kb/cfg/")); // one fits: all the way, a folder ends with '/'
    QCOMPARE(focusName(), QStringLiteral("pathBar")); // Tab completes, it does not leave
    path->clear();
    QTest::keyClicks(path, QStringLiteral("/kb/ap"));
    press(Qt::Key_Tab);
    QCOMPARE(path->text(), QStringLiteral("/kb/app")); // "app/" and "apple": as far as both agree
    QTest::keyClicks(path, QStringLiteral("/"));
    press(Qt::Key_Tab);
    QCOMPARE(path->text(), QStringLiteral("/kb/app/")); // several below: nothing to add
    QTest::keyClicks(path, QStringLiteral("x"));
    press(Qt::Key_Return);
    QCOMPARE(focusName(), QStringLiteral("keyTree"));
    QCOMPARE(m_browser->model()->keyAt(m_browser->treeView()->currentIndex()), QByteArray("/kb/app/x"));
}

void TestKeyboard::dialogsTakeTheFocus()
{
    m_window->showView(QStringLiteral("keys"));
    m_browser->treeView()->setFocus();
    press(Qt::Key_N, Qt::ControlModifier);
    NewKeyDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_browser->findChild<NewKeyDialog *>()) != nullptr);
    QCOMPARE(dialog->windowModality(), Qt::WindowModal);
    QTRY_COMPARE(QApplication::activeWindow(), static_cast<QWidget *>(dialog));
    QVERIFY(QApplication::focusWidget() && dialog->isAncestorOf(QApplication::focusWidget()));
    // What is typed now goes to the dialog.
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("typed"));
    QVERIFY(!m_browser->findChild<QLineEdit *>(QStringLiteral("pathBar"))->text().contains(QLatin1String("typed")));
    dialog->close();
}

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
