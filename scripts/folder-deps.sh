#!/usr/bin/env bash
# Which folder of a C# project uses which of its sibling folders: by using-directive or fully qualified name
# (NAMESPACE.Folder) and by a folder-qualified name (Folder.Type). Usage: scripts/folder-deps.sh [DIR [NAMESPACE]]
# (default: scenarios Bench.Scenarios). Prints "Folder -> Used Used …"; "." is the project's root (Program.cs).
set -euo pipefail
dir=${1:-scenarios}
ns=${2:-Bench.Scenarios}
cd "$(dirname "$0")/../$dir"
folders=$(find . -name '*.cs' -not -path './obj/*' -not -path './bin/*' -printf '%h\n' | sed 's#^\./##' | sort -u)
for f in $folders; do
  files=$(find "$f" -maxdepth 1 -name '*.cs')
  used=""
  for g in $folders; do
    [ "$g" = "$f" ] || [ "$g" = . ] && continue
    if grep -qE "${ns//./\\.}\\.$g\\b|(^|[^.A-Za-z])$g\\.[A-Z]" $files; then used="$used $g"; fi
  done
  echo "$f ->$used"
done
