# Sourced by scripts/build and scripts/serve, before they change folder: takes
# `--org DIR` (or `--org=DIR`), wherever it stands among the arguments, out of them and
# exports the overlay folder, made absolute, as HANDBOOK_ORG, which mkdocs.yml reads.
# The other arguments stay in ARGS, in their order, for mkdocs.
unset org
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --org=*) org="${1#--org=}"; shift ;;
    --org)
      if [ $# -lt 2 ]; then
        echo "$(basename "$0"): --org needs the overlay folder, for example --org examples/example-health" >&2
        exit 2
      fi
      org="$2"; shift 2 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
if [ -n "${org+set}" ]; then
  if [ -z "$org" ]; then
    echo "$(basename "$0"): --org needs the overlay folder, for example --org examples/example-health" >&2
    exit 2
  fi
  case "$org" in /*) ;; *) org="$PWD/$org" ;; esac
  export HANDBOOK_ORG="$org"
fi
