#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The etcd console developers
# SPDX-License-Identifier: Apache-2.0
# Every source, build and script file of the project names its licence (SPDX), and LICENSE is the
# Apache License 2.0 text. Usage: check_spdx.sh SOURCE_DIR
set -euo pipefail
src=${1:?usage: check_spdx.sh SOURCE_DIR}
grep -q 'Apache License' "$src/LICENSE" && grep -q 'Version 2.0, January 2004' "$src/LICENSE" ||
  { echo "check_spdx: LICENSE is not the Apache License 2.0" >&2; exit 1; }
missing=0
while IFS= read -r -d '' f; do
  if ! head -n 4 "$f" | grep -q 'SPDX-License-Identifier: Apache-2.0'; then
    echo "check_spdx: no SPDX licence line at the top of ${f#"$src"/}" >&2
    missing=$((missing + 1))
  fi
done < <(find "$src" \( -path "$src/build*" -o -path "$src/.git" \) -prune -o -type f \
  \( -name '*.cpp' -o -name '*.h' -o -name '*.proto' -o -name 'CMakeLists.txt' -o -name '*.sh' \) -print0)
[ "$missing" -eq 0 ] || { echo "check_spdx: $missing file(s) without a licence line" >&2; exit 1; }
echo "check_spdx: every file names Apache-2.0"
