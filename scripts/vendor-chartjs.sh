#!/bin/sh
# Refresh the vendored Chart.js (the statistics page's charts) from the npm registry.
# The sites run offline, so the browser must get it from us, never from a CDN.
# Usage: sh scripts/vendor-chartjs.sh [VERSION]   (default: the version in the README beside it)
set -eu
DEST=ocop/catalog/static/catalog/vendor/chartjs
VERSION=${1:-$(sed -n 's/^Version: //p' "$DEST/README.md")}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "chart.js@$VERSION" > /dev/null && tar xzf chart.js-*.tgz)
# Without its source map line: hashed static storage (collectstatic) would demand the 1 MB map.
grep -v '^//# sourceMappingURL=' "$WORK/package/dist/chart.umd.min.js" > "$DEST/chart.umd.min.js"
cp "$WORK/package/LICENSE.md" "$DEST/LICENSE.md"
sed -i "s/^Version: .*/Version: $VERSION/" "$DEST/README.md"
echo "Chart.js $VERSION copied to $DEST"
