#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The etcd console developers
# SPDX-License-Identifier: Apache-2.0
# The Debian package, as CI builds it: CPack makes the .deb from this build tree (into a temporary
# directory, so the build tree stays as it was), then this checks what a user would install:
#  - the files: both binaries, the desktop entry, the SVG icon, the AppStream metainfo;
#  - the control fields: name, section, Depends found by dpkg-shlibdeps (Qt 6, gRPC, Protobuf...),
#    Recommends etcd-server and etcd-client;
#  - the desktop entry and metainfo pass desktop-file-validate and appstreamcli validate;
#  - the packaged (stripped) binary starts and reports its version.
# Usage: check_package.sh BUILD_DIR
set -euo pipefail

build=${1:?usage: check_package.sh BUILD_DIR}
fail() {
  echo "check_package: FAIL: $*" >&2
  exit 1
}
for tool in cpack dpkg-deb dpkg-shlibdeps desktop-file-validate appstreamcli; do
  command -v "$tool" >/dev/null ||
    fail "$tool is missing: run packaging/install-deps.sh (packages cmake, dpkg-dev, desktop-file-utils, appstream)"
done
[ -f "$build/CPackConfig.cmake" ] || fail "no CPackConfig.cmake in $build: configure the build first"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

started=$(date +%s)
if ! cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log" >&2
  fail "cpack could not make the package"
fi
echo "check_package: cpack took $(($(date +%s) - started)) s"

shopt -s nullglob
debs=("$work"/out/etcd-console_*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one etcd-console_*.deb, found: ${debs[*]:-none}"
deb=${debs[0]}
echo "check_package: $(basename "$deb"), $(stat -c %s "$deb") bytes"

# What is installed where.
contents=$(dpkg-deb -c "$deb")
for path in \
  ./usr/bin/etcd-console \
  ./usr/bin/etcd-demo-worker \
  ./usr/share/applications/etcd-console.desktop \
  ./usr/share/icons/hicolor/scalable/apps/etcd-console.svg \
  ./usr/share/metainfo/io.github.etcd_console.metainfo.xml \
  ./usr/share/doc/etcd-console/copyright; do
  grep -qE " ${path//./\\.}\$" <<<"$contents" || fail "$path is not in the package; it has:
$contents"
done

# Control fields.
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = etcd-console ] || fail "package name is '$(field Package)'"
[ "$(field Section)" = admin ] || fail "section is '$(field Section)'"
maintainer=$(field Maintainer)
[[ "$maintainer" =~ ^[^\<\>]+\ \<[^@\ ]+@[^\>\ ]+\>$ ]] || fail "Maintainer is not 'Name <mail>': '$maintainer'"
[[ "$maintainer" != *".invalid>" ]] || fail "Maintainer is a placeholder: '$maintainer'"
echo "check_package: Maintainer: $maintainer"
depends=$(field Depends)
echo "check_package: Depends: $depends"
# dpkg-shlibdeps names each library the binaries link; a few that must be there whatever changes.
for lib in libc6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6svg6 'libgrpc\+\+1\.[0-9]+' 'libprotobuf[0-9]+' \
  'libqcustomplot[0-9.]+-qt6' 'libyaml-cpp[0-9.]+'; do
  grep -qE "(^|, )$lib( \(|,|$)" <<<"$depends" || fail "Depends lacks $lib"
done
recommends=$(field Recommends)
for pkg in etcd-server etcd-client; do
  grep -qE "(^|, )$pkg(,|$| )" <<<"$recommends" || fail "Recommends lacks $pkg (it is '$recommends')"
done

# The files as installed pass their validators.
dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/etcd-console.desktop" ||
  fail "desktop-file-validate rejects the desktop entry"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/io.github.etcd_console.metainfo.xml" ||
  fail "appstreamcli rejects the metainfo"
grep -q "<project_license>Apache-2.0</project_license>" "$work/root/usr/share/metainfo/io.github.etcd_console.metainfo.xml" ||
  fail "the metainfo has no project_license Apache-2.0"
cmp -s "$work/root/usr/share/doc/etcd-console/copyright" "$(dirname "$0")/../../LICENSE" || fail "the copyright file is not the LICENSE"
grep -q '^Icon=etcd-console$' "$work/root/usr/share/applications/etcd-console.desktop" ||
  fail "the desktop entry does not name the icon etcd-console"
grep -q '<launchable type="desktop-id">etcd-console.desktop</launchable>' \
  "$work/root/usr/share/metainfo/io.github.etcd_console.metainfo.xml" ||
  fail "the metainfo does not launch etcd-console.desktop"
grep -q '<svg' "$work/root/usr/share/icons/hicolor/scalable/apps/etcd-console.svg" || fail "the icon is not an SVG"

# The packaged binary runs (it is stripped: symbols are not what makes it work).
version=$(QT_QPA_PLATFORM=offscreen "$work/root/usr/bin/etcd-console" --version 2>/dev/null) ||
  fail "the packaged etcd-console does not start"
[[ "$version" == "etcd-console "* ]] || fail "unexpected --version output: $version"
echo "check_package: packaged binary says '$version'"
echo "check_package: OK"
