// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/kv.h"
#include "client/threadsink.h"
#include "client/unarycall.h"

#include <QElapsedTimer>

#include <deque>
#include <memory>
#include <mutex>
#include <vector>

namespace etcd::detail {

// One paged range walk with several requests in flight, so a remote link's round trip, not etcd,
// is no longer the cost of every page. The first page is read the linearizable way and fixes the
// walk's revision; its answer time tells how far away etcd is and so how many requests to keep in
// flight (PagedRangeOptions::maxInFlight at most). The rest of the range is then cut into segments,
// each walked page by page at that revision; whenever fewer requests are in flight than wanted,
// the widest unrequested part of a segment is split at its midpoint (keys read as numbers) into a
// new segment. Pages reach the consumer in key order: a segment's pages wait until the segments
// before it are done. While those waiting pages exceed maxBufferedBytes, segments other than the
// head stop where they are (parked) and no new segment is split off, until delivery catches up.
class PagedWalk : public std::enable_shared_from_this<PagedWalk>
{
public:
    PagedWalk(std::shared_ptr<Connection> conn, CallSpec spec, PagedRangeOptions options, ThreadSink sink,
              Kv::PageHandler handler);

    QFuture<EtcdResult<PagedRangeSummary>> future() { return m_promise.future(); }
    void start();

private:
    struct Segment
    {
        int id = 0;
        QByteArray start;     // where it began: its place in key order
        QByteArray from;      // the next request's first key
        QByteArray end;       // its range end (lowered when a split takes its upper part)
        QByteArray probeEnd;  // the range end of the request in flight
        QByteArray anchorLow; // a key interval and how many keys it held: the density estimate
        QByteArray anchorHigh;
        qint64 anchorCount = 0;
        qint64 limit = 0;
        bool inFlight = false;
        bool done = false;
        int emptyRun = 0;               // empty probes in a row
        bool lastPageFull = false;      // its last answer filled the limit: keys are dense here, worth splitting
        bool linearizableRetry = false; // the next request repeats a page a lagging member refused
        std::deque<RangePage> waiting;  // pages held back until the segments before it are done
    };
    struct Request
    {
        int segment;
        std::shared_ptr<etcdserverpb::RangeRequest> request;
    };

    Segment *segment(int id);
    Request prepare(Segment &s); // under the lock
    void send(const std::vector<Request> &requests);
    void received(int segmentId, EtcdResult<etcdserverpb::RangeResponse> result);
    std::vector<Request> fill(); // under the lock: requests to keep the wanted number in flight
    void deliver();              // under the lock: hand over the head segments' pages in order
    bool splitWidest(std::vector<Request> *out);
    bool overBudget() const; // pages waiting for delivery exceed maxBufferedBytes
    void resume(std::vector<Request> *out); // under the lock: segments parked while over budget
    void finish(EtcdResult<PagedRangeSummary> result); // under the lock, once

    std::shared_ptr<Connection> m_conn;
    CallSpec m_spec;
    PagedRangeOptions m_options;
    ThreadSink m_sink;
    Kv::PageHandler m_handler;
    QPromise<EtcdResult<PagedRangeSummary>> m_promise;

    std::mutex m_mutex;
    std::vector<Segment> m_segments; // in key order
    PagedRangeSummary m_summary;
    QByteArray m_base; // common prefix of the walk's range: widths are compared below it
    qint64 m_total = 0;
    qint64 m_revision = 0;
    int m_wanted = 1; // requests to keep in flight
    int m_inFlight = 0;
    int m_nextId = 0;
    qint64 m_buffered = 0; // bytes of the pages waiting in segments for the ones before them
    bool m_finished = false;
    QElapsedTimer m_firstSent;
};

} // namespace etcd::detail
