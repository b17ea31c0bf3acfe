// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#include "client/convert.h"

namespace etcd::detail {

ResponseHeader fromPb(const etcdserverpb::ResponseHeader &h)
{
    return ResponseHeader{h.cluster_id(), h.member_id(), h.revision(), h.raft_term()};
}

KeyValue fromPb(const mvccpb::KeyValue &kv)
{
    KeyValue out;
    out.key = bytes(kv.key());
    out.value = bytes(kv.value());
    out.createRevision = kv.create_revision();
    out.modRevision = kv.mod_revision();
    out.version = kv.version();
    out.lease = kv.lease();
    return out;
}

RangeResult fromPb(const etcdserverpb::RangeResponse &r)
{
    RangeResult out;
    out.header = fromPb(r.header());
    out.kvs.reserve(r.kvs_size());
    for (const auto &kv : r.kvs())
        out.kvs.push_back(fromPb(kv));
    out.more = r.more();
    out.count = r.count();
    return out;
}

PutResult fromPb(const etcdserverpb::PutResponse &r)
{
    PutResult out;
    out.header = fromPb(r.header());
    if (r.has_prev_kv())
        out.prevKv = fromPb(r.prev_kv());
    return out;
}

DeleteResult fromPb(const etcdserverpb::DeleteRangeResponse &r)
{
    DeleteResult out;
    out.header = fromPb(r.header());
    out.deleted = r.deleted();
    for (const auto &kv : r.prev_kvs())
        out.prevKvs.push_back(fromPb(kv));
    return out;
}

TxnResult fromPb(const etcdserverpb::TxnResponse &r)
{
    TxnResult out;
    out.header = fromPb(r.header());
    out.succeeded = r.succeeded();
    for (const auto &op : r.responses()) {
        TxnOpResult res;
        switch (op.response_case()) {
        case etcdserverpb::ResponseOp::kResponseRange:
            res.kind = TxnOp::Range;
            res.range = fromPb(op.response_range());
            break;
        case etcdserverpb::ResponseOp::kResponsePut:
            res.kind = TxnOp::Put;
            res.put = fromPb(op.response_put());
            break;
        case etcdserverpb::ResponseOp::kResponseDeleteRange:
            res.kind = TxnOp::Delete;
            res.del = fromPb(op.response_delete_range());
            break;
        default: break; // nested transactions are never sent by us
        }
        out.responses.push_back(std::move(res));
    }
    return out;
}

void toPb(const RangeOptions &o, etcdserverpb::RangeRequest *out)
{
    out->set_key(stdBytes(o.key));
    out->set_range_end(stdBytes(o.rangeEnd));
    out->set_limit(o.limit);
    out->set_revision(o.revision);
    out->set_sort_order(static_cast<etcdserverpb::RangeRequest_SortOrder>(o.sortOrder));
    out->set_sort_target(static_cast<etcdserverpb::RangeRequest_SortTarget>(o.sortTarget));
    out->set_serializable(o.serializable);
    out->set_keys_only(o.keysOnly);
    out->set_count_only(o.countOnly);
    out->set_min_mod_revision(o.minModRevision);
    out->set_max_mod_revision(o.maxModRevision);
    out->set_min_create_revision(o.minCreateRevision);
    out->set_max_create_revision(o.maxCreateRevision);
}

void toPb(const QByteArray &key, const QByteArray &value, const PutOptions &o, etcdserverpb::PutRequest *out)
{
    out->set_key(stdBytes(key));
    out->set_value(stdBytes(value));
    out->set_lease(o.lease);
    out->set_prev_kv(o.prevKv);
    out->set_ignore_value(o.ignoreValue);
    out->set_ignore_lease(o.ignoreLease);
}

void toPb(const DeleteOptions &o, etcdserverpb::DeleteRangeRequest *out)
{
    out->set_key(stdBytes(o.key));
    out->set_range_end(stdBytes(o.rangeEnd));
    out->set_prev_kv(o.prevKv);
}

namespace {

void opToPb(const TxnOp &op, etcdserverpb::RequestOp *out)
{
    switch (op.kind) {
    case TxnOp::Range: toPb(op.range, out->mutable_request_range()); break;
    case TxnOp::Put: toPb(op.key, op.value, op.put, out->mutable_request_put()); break;
    case TxnOp::Delete: toPb(op.del, out->mutable_request_delete_range()); break;
    }
}

} // namespace

void toPb(const TxnSpec &spec, etcdserverpb::TxnRequest *out)
{
    for (const Compare &c : spec.compares) {
        auto *cmp = out->add_compare();
        cmp->set_key(stdBytes(c.key));
        cmp->set_range_end(stdBytes(c.rangeEnd));
        cmp->set_result(static_cast<etcdserverpb::Compare_CompareResult>(c.result));
        cmp->set_target(static_cast<etcdserverpb::Compare_CompareTarget>(c.target));
        switch (c.target) {
        case Compare::Version: cmp->set_version(c.number); break;
        case Compare::Create: cmp->set_create_revision(c.number); break;
        case Compare::Mod: cmp->set_mod_revision(c.number); break;
        case Compare::Value: cmp->set_value(stdBytes(c.operand)); break;
        case Compare::Lease: cmp->set_lease(c.number); break;
        }
    }
    for (const TxnOp &op : spec.success)
        opToPb(op, out->add_success());
    for (const TxnOp &op : spec.failure)
        opToPb(op, out->add_failure());
}

} // namespace etcd::detail
