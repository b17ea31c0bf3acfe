#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The etcd console developers
# SPDX-License-Identifier: Apache-2.0
# Installs everything etcd console needs to build, test and run, from Debian 12 packages only.
# Used by CI (.ci/run) and by the README. Safe to run again.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git
  # Qt 6 (widgets, SVG icons, print support for QCustomPlot) and the Qt Test runtime
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev libgl-dev
  # gRPC and Protobuf, with the code generators for our .proto files
  libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc
  # libraries the views build on
  libqcustomplot-dev libyaml-cpp-dev libdtl-dev qtkeychain-qt6-dev
  # SSH bastions (libssh); the SSH tests run a real OpenSSH server and its key tools
  libssh-dev openssh-server openssh-client
  # a real etcd: the sandbox, the tests and interop checks with etcdctl
  etcd-server etcd-client
  # the TLS tests make their CA and certificates with the openssl command line
  openssl
  # the password-vault tests run QtKeychain on a private session bus, without a keychain service
  # and with gnome-keyring's Secret Service (QtKeychain reaches it through libsecret)
  dbus-daemon gnome-keyring libsecret-1-0
  # the official JSON Schema Test Suite (draft 3 to 7): tst_jsonschema runs its cases
  json-schema-test-suite
  # fonts for offscreen screenshots
  fonts-dejavu-core
  # the .deb: dpkg-shlibdeps finds its Depends; the package test validates the desktop entry and metainfo
  dpkg-dev desktop-file-utils appstream
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${packages[@]}"

# Debian starts etcd.service on 2379 when systemd runs; the console and the tests never need it
# (they start their own members on free ports), so it is left as the system has it.
for tool in etcd etcdctl openssl ssh-keygen ssh-agent /usr/sbin/sshd protoc grpc_cpp_plugin cmake dpkg-shlibdeps desktop-file-validate appstreamcli dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "install-deps: $tool is missing after installation" >&2; exit 1; }
done
echo "install-deps: all packages present"
