// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/kvtypes.h"

#include <QVector>

namespace etcd {

// One comparison of a transaction's guard. Build with the named constructors, e.g.
//   Compare::modRevision(key, Compare::Equal, loadedRevision)
struct Compare
{
    enum Result { Equal = 0, Greater = 1, Less = 2, NotEqual = 3 };
    enum Target { Version = 0, Create = 1, Mod = 2, Value = 3, Lease = 4 };

    QByteArray key;
    QByteArray rangeEnd; // optional: compare every key in [key, rangeEnd)
    Target target = Version;
    Result result = Equal;
    qint64 number = 0;  // for Version/Create/Mod/Lease
    QByteArray operand; // for Value

    static Compare version(const QByteArray &key, Result r, qint64 version);
    static Compare createRevision(const QByteArray &key, Result r, qint64 revision);
    static Compare modRevision(const QByteArray &key, Result r, qint64 revision);
    static Compare value(const QByteArray &key, Result r, const QByteArray &value);
    static Compare lease(const QByteArray &key, Result r, qint64 leaseId);
};

// One operation of a transaction branch.
struct TxnOp
{
    enum Kind { Range, Put, Delete };
    Kind kind = Range;
    RangeOptions range; // Range
    QByteArray key;     // Put
    QByteArray value;   // Put
    PutOptions put;     // Put
    DeleteOptions del;  // Delete

    static TxnOp get(const RangeOptions &range);
    static TxnOp putKey(const QByteArray &key, const QByteArray &value, const PutOptions &options = {});
    static TxnOp deleteRange(const DeleteOptions &options);
};

struct TxnSpec
{
    QVector<Compare> compares;
    QVector<TxnOp> success;
    QVector<TxnOp> failure;

    // A transaction that only reads may run on a read-only connection.
    bool writes() const;
};

struct TxnOpResult
{
    TxnOp::Kind kind = TxnOp::Range;
    RangeResult range;
    PutResult put;
    DeleteResult del;
};

struct TxnResult
{
    ResponseHeader header;
    bool succeeded = false;
    QVector<TxnOpResult> responses;
};

} // namespace etcd
