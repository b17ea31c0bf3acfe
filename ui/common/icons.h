// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QIcon>
#include <QString>

namespace etcd::ui {

// The icon resources/icons/<name>.svg (compiled into etcdui), e.g. icon("refresh"). A null QIcon
// for a name that is not there.
//
// Action icons are drawn in one colour and painted, at the moment they are drawn, in the palette's
// text colour (greyed when disabled, highlighted-text when selected): they follow a light or dark
// palette, and a switch between the two, without being reloaded. The application icon and the
// warning sign keep their own colours.
QIcon icon(const QString &name);

// True for the icons that keep their own colours (see above).
bool iconKeepsColours(const QString &name);

} // namespace etcd::ui
