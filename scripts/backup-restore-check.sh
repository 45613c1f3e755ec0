#!/usr/bin/env bash
# Back up the portal's database and prove the backup restores: pg_dump (custom format), restore
# into a fresh database, compare the row count of every table, drop the copy.
#
#   scripts/backup-restore-check.sh [DATABASE_URL] [BACKUP_FILE]
#
# DATABASE_URL defaults to $DATABASE_URL; BACKUP_FILE to backups/portal-<date>.dump (kept).
set -euo pipefail

url="${1:-${DATABASE_URL:?give DATABASE_URL}}"
backup="${2:-backups/portal-$(date +%Y%m%d-%H%M%S).dump}"
mkdir -p "$(dirname "$backup")"

# The restore goes to a database named after the original, on the same server.
base="${url%/*}"
name="${url##*/}"
name="${name%%\?*}"
copy="${name}_restore_check"
copy_url="${base}/${copy}"

pg_dump --format=custom --no-owner --file="$backup" "$url"
echo "backup: $backup ($(du -h "$backup" | cut -f1))"

psql -q -v ON_ERROR_STOP=1 "${base}/postgres" -c "DROP DATABASE IF EXISTS \"${copy}\"" \
     -c "CREATE DATABASE \"${copy}\""
trap 'psql -q "${base}/postgres" -c "DROP DATABASE IF EXISTS \"${copy}\"" >/dev/null 2>&1' EXIT
pg_restore --no-owner --exit-on-error --dbname="$copy_url" "$backup"

counts() {
  psql -At -v ON_ERROR_STOP=1 "$1" <<'SQL'
SELECT format('SELECT %L || '' '' || count(*) FROM %I.%I', table_name, table_schema, table_name)
FROM information_schema.tables
WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
ORDER BY table_name
\gexec
SQL
}

original=$(counts "$url")
restored=$(counts "$copy_url")
if [ "$original" != "$restored" ]; then
  diff <(echo "$original") <(echo "$restored") || true
  echo "restore check FAILED: row counts differ" >&2
  exit 1
fi
tables=$(echo "$original" | wc -l)
rows=$(echo "$original" | awk '{s += $2} END {print s}')
echo "restore check OK: ${tables} tables, ${rows} rows, identical counts"
