# Shared by the figure scripts (source it from the repository root): where results go, the --out/--from options, and
# the machine set up with the CLI built, written once so each script keeps only what it measures.

# figures_out NAME [DIR]: prints DIR, made and absolute, or a fresh /tmp/NAME.XXXXXX when DIR is empty.
figures_out() {
  local dir=${2:-}
  [ -n "$dir" ] || dir=$(mktemp -d "/tmp/$1.XXXXXX")
  mkdir -p "$dir"
  (cd "$dir" && pwd)
}

# figures_out_or_from NAME ARGS…: the options of a script that measures or re-prints: --out DIR (where a new run goes)
# or --from DIR (only print the tables of an earlier run). Sets $out and $from; anything else is one line and exit 2.
figures_out_or_from() {
  local name=$1
  shift
  out=""
  from=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --out) out="$2"; shift 2 ;;
      --from) from="$2"; shift 2 ;;
      *) echo "$name: unknown option $1 (use --out DIR or --from DIR)" >&2; exit 2 ;;
    esac
  done
}

# figures_build: the packages and peers installed (scripts/setup.sh), and the bench CLI built in Release.
figures_build() {
  bash scripts/setup.sh
  dotnet build scenarios -c Release --nologo -v quiet
}
