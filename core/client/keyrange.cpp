#include "client/keyrange.h"

namespace etcd::keyrange {

QByteArray prefixEnd(const QByteArray &prefix)
{
    QByteArray end = prefix;
    for (int i = end.size() - 1; i >= 0; --i) {
        if (static_cast<unsigned char>(end.at(i)) < 0xff) {
            end[i] = static_cast<char>(static_cast<unsigned char>(end.at(i)) + 1);
            end.truncate(i + 1);
            return end;
        }
    }
    return fromKeyEnd();
}

} // namespace etcd::keyrange
