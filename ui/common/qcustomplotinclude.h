// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

// qcustomplot.h uses Qt's keyword macros (signals, slots, emit, foreach); this project builds with
// QT_NO_KEYWORDS, so they are mapped to the Q_ forms for the length of the include.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef foreach
#undef emit
#undef slots
#undef signals
