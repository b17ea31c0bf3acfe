#pragma once

#include <unistd.h>

namespace etcd {

// Owns a file descriptor (a socket, a pipe end) and closes it when it goes out of scope.
class UniqueFd
{
public:
    explicit UniqueFd(int fd) : m_fd(fd) {}
    ~UniqueFd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    UniqueFd(const UniqueFd &) = delete;
    UniqueFd &operator=(const UniqueFd &) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

} // namespace etcd
