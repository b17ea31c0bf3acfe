// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

// Conversions between the generated protobuf messages and the Qt value types the rest of the
// program uses. Only core/client includes this: nothing above core sees protobuf.

#include "client/kvtypes.h"
#include "client/txn.h"

#include "etcdserverpb/rpc.pb.h"
#include "mvccpb/kv.pb.h"

namespace etcd::detail {

inline QByteArray bytes(const std::string &s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}
inline std::string stdBytes(const QByteArray &b)
{
    return std::string(b.constData(), static_cast<size_t>(b.size()));
}

ResponseHeader fromPb(const etcdserverpb::ResponseHeader &h);
KeyValue fromPb(const mvccpb::KeyValue &kv);
RangeResult fromPb(const etcdserverpb::RangeResponse &r);
PutResult fromPb(const etcdserverpb::PutResponse &r);
DeleteResult fromPb(const etcdserverpb::DeleteRangeResponse &r);
TxnResult fromPb(const etcdserverpb::TxnResponse &r);

void toPb(const RangeOptions &o, etcdserverpb::RangeRequest *out);
void toPb(const QByteArray &key, const QByteArray &value, const PutOptions &o, etcdserverpb::PutRequest *out);
void toPb(const DeleteOptions &o, etcdserverpb::DeleteRangeRequest *out);
void toPb(const TxnSpec &spec, etcdserverpb::TxnRequest *out);

} // namespace etcd::detail
