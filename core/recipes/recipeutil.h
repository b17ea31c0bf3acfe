// SPDX-FileCopyrightText: 2026 The etcd console developers
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/etcderror.h"

#include <QFuture>
#include <QPromise>

#include <memory>

namespace etcd::recipe {

// Recipes are chains of calls; a shared promise is completed by whichever step ends the chain.
template<typename T> std::shared_ptr<QPromise<T>> newPromise()
{
    auto p = std::make_shared<QPromise<T>>();
    p->start();
    return p;
}

template<typename T, typename V> void fulfil(const std::shared_ptr<QPromise<T>> &promise, V &&value)
{
    if (promise->future().isFinished())
        return;
    promise->addResult(T(std::forward<V>(value)));
    promise->finish();
}

} // namespace etcd::recipe
