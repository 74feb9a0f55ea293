#!/bin/sh
# Render the pictures of docs/ from the sample list (tests/data/ocop-mau-2019-2026.xlsx) at
# 31/12/2025, as a person would print them: the letter (Word -> PDF by LibreOffice Writer) and
# the Excel lists (-> PDF by LibreOffice Calc). Writes docs/letter-page1.png,
# docs/appendix-1-page1.png, docs/appendix-2-page1.png and docs/lists-xlsx-page1.png.
# Uses a throw-away SQLite database; the registry of var/ is never touched.
# Usage: scripts/render-docs.sh [DAY]   (from the checkout; DAY defaults to 2025-12-31)
set -eu
cd "$(dirname "$0")/.."
day="${1:-2025-12-31}"
work="$(mktemp -d "${TMPDIR:-/tmp}/ocop-render-XXXXXX")"
trap 'rm -rf "$work"' EXIT
export OCOP_DATA_DIR="$work" DATABASE_URL="sqlite:///$work/ocop.sqlite3"
ocop=.venv/bin/ocop
$ocop migrate --no-input >/dev/null
$ocop import tests/data/ocop-mau-2019-2026.xlsx >/dev/null 2>&1
$ocop report letter --as-of "$day" -o "$work/cong-van.pdf" >/dev/null
$ocop report lists --as-of "$day" -o "$work/danh-sach.pdf" >/dev/null
$ocop report lists --as-of "$day" -o "$work/danh-sach.xlsx" >/dev/null
mkdir "$work/calc"
soffice "-env:UserInstallation=file://$work/profile" --headless --norestore \
  --convert-to pdf --outdir "$work/calc" "$work/danh-sach.xlsx" >/dev/null 2>&1

# The first page of a PDF whose text starts with $2 (an appendix's title).
first_page_starting() {
  pages=$(pdfinfo "$1" | sed -n 's/^Pages: *//p')
  n=1
  while [ "$n" -le "$pages" ]; do
    if pdftotext -f "$n" -l "$n" -layout "$1" - | grep -m1 . | grep -q "^ *$2\$"; then
      echo "$n"; return
    fi
    n=$((n + 1))
  done
  echo "render-docs: no page of $1 starts with $2" >&2; exit 1
}

png() {  # png PDF PAGE NAME
  pdftoppm -png -r 80 -f "$2" -l "$2" -singlefile "$1" "docs/$3"
  echo "docs/$3.png (page $2 of $(basename "$1"))"
}

png "$work/cong-van.pdf" 1 letter-page1
png "$work/danh-sach.pdf" "$(first_page_starting "$work/danh-sach.pdf" "Phụ lục I")" appendix-1-page1
png "$work/danh-sach.pdf" "$(first_page_starting "$work/danh-sach.pdf" "Phụ lục II")" appendix-2-page1
png "$work/calc/danh-sach.pdf" 1 lists-xlsx-page1
