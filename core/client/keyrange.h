#pragma once

#include <QByteArray>

namespace etcd {

// etcd addresses key ranges as [key, range_end): these helpers build the range_end values
// etcd (and etcdctl) use, so our ranges mean exactly what theirs do.
namespace keyrange {

// The smallest key greater than every key starting with `prefix`. For an empty prefix, or one made
// only of 0xff bytes, etcd's convention is "\0", which means "to the end of the keyspace".
QByteArray prefixEnd(const QByteArray &prefix);

// range_end for "every key >= key" (etcdctl --from-key).
inline QByteArray fromKeyEnd() { return QByteArray(1, '\0'); }

// The key right after `key` in byte order: used to continue a paged range.
inline QByteArray successor(const QByteArray &key) { return key + QByteArray(1, '\0'); }

} // namespace keyrange
} // namespace etcd
