// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/txn.h"

namespace etcd {

namespace {
Compare makeCompare(const QByteArray &key, Compare::Target target, Compare::Result r)
{
    Compare c;
    c.key = key;
    c.target = target;
    c.result = r;
    return c;
}
} // namespace

Compare Compare::version(const QByteArray &key, Result r, qint64 version)
{
    Compare c = makeCompare(key, Version, r);
    c.number = version;
    return c;
}

Compare Compare::createRevision(const QByteArray &key, Result r, qint64 revision)
{
    Compare c = makeCompare(key, Create, r);
    c.number = revision;
    return c;
}

Compare Compare::modRevision(const QByteArray &key, Result r, qint64 revision)
{
    Compare c = makeCompare(key, Mod, r);
    c.number = revision;
    return c;
}

Compare Compare::value(const QByteArray &key, Result r, const QByteArray &value)
{
    Compare c = makeCompare(key, Value, r);
    c.operand = value;
    return c;
}

Compare Compare::lease(const QByteArray &key, Result r, qint64 leaseId)
{
    Compare c = makeCompare(key, Lease, r);
    c.number = leaseId;
    return c;
}

TxnOp TxnOp::get(const RangeOptions &range)
{
    TxnOp op;
    op.kind = Range;
    op.range = range;
    return op;
}

TxnOp TxnOp::putKey(const QByteArray &key, const QByteArray &value, const PutOptions &options)
{
    TxnOp op;
    op.kind = Put;
    op.key = key;
    op.value = value;
    op.put = options;
    return op;
}

TxnOp TxnOp::deleteRange(const DeleteOptions &options)
{
    TxnOp op;
    op.kind = Delete;
    op.del = options;
    return op;
}

bool TxnSpec::writes() const
{
    for (const auto *branch : {&success, &failure})
        for (const TxnOp &op : *branch)
            if (op.kind != TxnOp::Range)
                return true;
    return false;
}

} // namespace etcd
