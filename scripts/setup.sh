#!/usr/bin/env bash
# Set up everything make-brief needs on a Debian machine, idempotently:
#   scripts/setup.sh          what building briefs needs (WeasyPrint's libraries, fonts)
#   scripts/setup.sh --test   that plus what the tests need (poppler, qpdf, LibreOffice)
#   scripts/setup.sh --bench  that plus the peers benchmarks/ times make-brief against (pandoc)
# Then a virtual environment in .venv with make-brief installed (editable) and, with
# --test, its test dependencies. Running it again only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Pango and HarfBuzz for WeasyPrint (without libharfbuzz-subset0 it renders 2.4x slower);
# Carlito is the body font (metric-compatible with Calibri, which the DOCX names);
# DejaVu (Cyrillic, Greek, Hebrew ...), Droid Sans Fallback (Chinese, Japanese) and Nanum
# (Korean) cover the scripts Carlito lacks, so names in those scripts print.
runtime_packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-crosextra-carlito
  fonts-dejavu-core fonts-droid-fallback fonts-nanum)
# pdftotext/pdftoppm and qpdf read the PDFs back; LibreOffice opens the DOCX as Word would;
# Chromium opens the published index page.
test_packages=(poppler-utils qpdf libreoffice-writer-nogui chromium)
# The pipeline a user would otherwise script, which benchmarks/batch.py times.
bench_packages=(pandoc)

packages=("${runtime_packages[@]}")
extras="."
if [[ "${1:-}" == "--test" || "${1:-}" == "--bench" ]]; then
  packages+=("${test_packages[@]}")
  extras=".[test]"
fi
if [[ "${1:-}" == "--bench" ]]; then
  packages+=("${bench_packages[@]}")
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
  { echo "setup: make-brief needs Python 3.11 or newer ($python is $("$python" --version))" >&2; exit 2; }
[[ -x .venv/bin/python ]] || "$python" -m venv .venv

# Reinstall only when the project's dependencies changed.
stamp=".venv/.make-brief-$extras-$(sha256sum pyproject.toml | cut -c1-16)"
stamp=${stamp//[^A-Za-z0-9._\/-]/_}
if [[ ! -f "$stamp" ]]; then
  echo "setup: installing make-brief$([[ $extras == "." ]] || echo ' and its test tools') into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e "$extras"
  touch "$stamp"
fi
