#pragma once

#include "client/apibase.h"
#include "client/authtypes.h"

#include <QFuture>

namespace etcd {

// Authentication status and the user/role listing. (Administration arrives with the security view.)
class Auth : public detail::ApiBase
{
public:
    using ApiBase::ApiBase;

    // etcd 3.5+ answers AuthStatus; etcd 3.4 does not have it, so there we find out by asking
    // for the user list without a token: etcd refuses that only when authentication is on.
    QFuture<EtcdResult<AuthStatus>> status(const CallOptions &call = {}) const;
    QFuture<EtcdResult<QStringList>> users(const CallOptions &call = {}) const;
    QFuture<EtcdResult<QStringList>> roles(const CallOptions &call = {}) const;
    QFuture<EtcdResult<UserInfo>> user(const QString &name, const CallOptions &call = {}) const;
    QFuture<EtcdResult<RoleInfo>> role(const QString &name, const CallOptions &call = {}) const;
};

} // namespace etcd
