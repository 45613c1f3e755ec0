#!/usr/bin/env bash
# Copies the front-end libraries installed from the npm registry (package.json, package-lock.json)
# into static/vendor/, which is committed: the portal never loads scripts from a CDN.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
rm -rf static/vendor
mkdir -p static/vendor/jquery-ui static/vendor/leaflet static/vendor/chartjs
cp node_modules/jquery-ui/dist/jquery-ui.min.js node_modules/jquery-ui/LICENSE.txt static/vendor/jquery-ui/
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/LICENSE static/vendor/leaflet/
cp -r node_modules/leaflet/dist/images static/vendor/leaflet/
cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/LICENSE.md static/vendor/chartjs/
echo "static/vendor refreshed"
