// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>
#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QToolButton;

namespace etcd::ui {

// The colour tag of a connection profile: none, three presets (green, amber, red "production")
// and any custom colour through QColorDialog. Each choice is a swatch button.
class ColourTagPicker : public QWidget
{
    Q_OBJECT
public:
    static QString green() { return QStringLiteral("#2e7d32"); }
    static QString amber() { return QStringLiteral("#ef8f00"); }
    static QString red() { return QStringLiteral("#c62828"); }
    // A square swatch of `colour`; a crossed-out one for "" (no colour).
    static QIcon swatch(const QString &colour);

    explicit ColourTagPicker(QWidget *parent = nullptr);

    QString colour() const;                // "" or "#rrggbb"
    void setColour(const QString &colour); // does not emit picked()

Q_SIGNALS:
    void picked(const QString &colour); // the user chose a colour

private:
    void onClicked(QAbstractButton *button);
    void updateCustomSwatch();

    QButtonGroup *m_group = nullptr;
    QToolButton *m_custom = nullptr;
    QString m_customColour;
};

} // namespace etcd::ui
