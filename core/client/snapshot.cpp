// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0
// Maintenance::snapshot: a server-streaming read into a file, with progress and cancellation.

#include "client/convert.h"
#include "client/maintenance.h"

#include <QFile>

#include <grpcpp/support/client_callback.h>

#include <mutex>

namespace etcd {

using namespace detail;

namespace {

class SnapshotReader : public grpc::ClientReadReactor<etcdserverpb::SnapshotResponse>,
                       public std::enable_shared_from_this<SnapshotReader>
{
public:
    SnapshotReader(std::shared_ptr<Connection> conn, QString path)
        : m_conn(std::move(conn)), m_path(std::move(path)), m_file(m_path + QStringLiteral(".part"))
    {
        m_promise.start();
    }

    QFuture<EtcdResult<SnapshotInfo>> future() { return m_promise.future(); }

    void start(int endpoint)
    {
        m_endpoint = endpoint;
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(
                EtcdError::client(ErrorCode::FailedPrecondition,
                                  QStringLiteral("cannot write %1: %2").arg(m_file.fileName(), m_file.errorString())));
        if (!m_conn->registerContext(&m_context, weak_from_this()))
            return fail(EtcdError::shutdown());
        const std::string token = m_conn->token(endpoint);
        if (!token.empty())
            m_context.AddMetadata("token", token);
        m_self = shared_from_this(); // alive until OnDone
        m_conn->endpoint(endpoint).maintenance->async()->Snapshot(&m_context, &m_request, this);
        StartRead(&m_response);
        StartCall();
        pollCancel();
    }

    void OnReadDone(bool ok) override
    {
        if (!ok)
            return;
        if (m_promise.isCanceled()) {
            m_context.TryCancel();
            return;
        }
        if (m_received == 0)
            m_header = fromPb(m_response.header());
        const std::string &blob = m_response.blob();
        if (m_file.write(blob.data(), static_cast<qint64>(blob.size())) != static_cast<qint64>(blob.size())) {
            m_writeError = m_file.errorString();
            m_context.TryCancel();
            return;
        }
        m_received += static_cast<qint64>(blob.size());
        const qint64 total = m_received + static_cast<qint64>(m_response.remaining_bytes());
        const int totalKiB = static_cast<int>(std::min<qint64>(total / 1024, INT_MAX));
        // Setting the range also resets the value to its minimum (and posts an event to every
        // watcher): only when the total changes, or the progress seen by a poller jumps back to 0.
        if (totalKiB != m_totalKiB) {
            m_totalKiB = totalKiB;
            m_promise.setProgressRange(0, totalKiB);
        }
        m_promise.setProgressValueAndText(static_cast<int>(std::min<qint64>(m_received / 1024, totalKiB)),
                                          QStringLiteral("%1 of %2 MiB")
                                              .arg(double(m_received) / (1 << 20), 0, 'f', 1)
                                              .arg(double(total) / (1 << 20), 0, 'f', 1));
        StartRead(&m_response);
    }

    void OnDone(const grpc::Status &status) override
    {
        m_conn->unregisterContext(&m_context);
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_done = true;
        }
        m_file.close();
        const QString endpoint = m_conn->endpointAddress(m_endpoint);
        if (status.ok() && m_writeError.isEmpty() && !m_promise.isCanceled()) {
            QFile::remove(m_path);
            if (m_file.rename(m_path)) {
                m_promise.addResult(SnapshotInfo{m_path, m_received, m_header, endpoint});
                m_promise.finish();
            } else {
                fail(EtcdError::client(
                    ErrorCode::FailedPrecondition,
                    QStringLiteral("cannot rename the snapshot to %1: %2").arg(m_path, m_file.errorString())));
            }
        } else {
            m_file.remove();
            if (!m_writeError.isEmpty())
                fail(EtcdError::client(ErrorCode::DataLoss,
                                       QStringLiteral("writing the snapshot failed: %1").arg(m_writeError)));
            else if (m_promise.isCanceled())
                fail(EtcdError::client(ErrorCode::Cancelled, QStringLiteral("snapshot cancelled")));
            else
                fail(EtcdError::fromStatus(status, endpoint));
        }
        m_self.reset();
    }

    void fail(const EtcdError &error)
    {
        m_promise.addResult(error);
        m_promise.finish();
    }

private:
    // A stalled stream delivers no reads, so cancellation is also polled.
    void pollCancel()
    {
        std::weak_ptr<SnapshotReader> weak = shared_from_this();
        m_conn->schedule(200, [weak](bool fired) {
            auto self = weak.lock();
            if (!self)
                return;
            std::lock_guard<std::mutex> lock(self->m_mutex);
            if (self->m_done)
                return;
            if (!fired || self->m_promise.isCanceled()) {
                self->m_context.TryCancel();
                if (!fired)
                    return;
            }
            self->pollCancel();
        });
    }

    std::shared_ptr<Connection> m_conn;
    QString m_path;
    QFile m_file;
    grpc::ClientContext m_context;
    etcdserverpb::SnapshotRequest m_request;
    etcdserverpb::SnapshotResponse m_response;
    QPromise<EtcdResult<SnapshotInfo>> m_promise;
    ResponseHeader m_header;
    qint64 m_received = 0;
    int m_totalKiB = -1;
    QString m_writeError;
    int m_endpoint = 0;
    std::mutex m_mutex;
    bool m_done = false;
    std::shared_ptr<SnapshotReader> m_self;
};

} // namespace

QFuture<EtcdResult<SnapshotInfo>> Maintenance::snapshot(const QString &filePath, const QString &endpoint) const
{
    if (m_conn->configError())
        return readyFuture<SnapshotInfo>(m_conn->configError());
    int index = m_conn->currentEndpoint();
    if (!endpoint.isEmpty()) {
        index = m_conn->indexOfEndpoint(endpoint);
        if (index < 0)
            return readyFuture<SnapshotInfo>(EtcdError::invalidArgument(
                QStringLiteral("%1 is not one of this connection's endpoints").arg(endpoint)));
    }
    auto reader = std::make_shared<SnapshotReader>(m_conn, filePath);
    auto future = reader->future();
    if (!m_conn->usesAuth()) {
        reader->start(index);
        return future;
    }
    // A stream keeps the token it started with: sign in afresh so it cannot expire at once.
    m_conn->refreshToken(index, m_conn->token(index), [reader, index](const EtcdError &error) {
        if (error)
            reader->fail(error);
        else
            reader->start(index);
    });
    return future;
}

} // namespace etcd
