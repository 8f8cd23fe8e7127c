#!/bin/bash
# Creates one database per Kinerja service. The postgres image runs this once, on the first
# start with an empty data volume (/docker-entrypoint-initdb.d); it is safe to run again by
# hand (existing databases are left alone):
#   docker compose exec postgres bash /docker-entrypoint-initdb.d/10-init-databases.sh
# Each service owns its database; no service reads another's (docs/DEPLOYMENT.md).
set -euo pipefail

# service names as in kinerja_shared.runtime.definition.SERVICE_ORDER
databases="${KINERJA_DATABASES:-identity skp penilaian keberatan angka_kredit integration reporting}"
owner="${POSTGRES_USER:?POSTGRES_USER is not set}"

psql_admin() {
    psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --username "$owner" --dbname postgres "$@"
}

for db in $databases; do
    if [[ ! "$db" =~ ^[a-z_][a-z0-9_]*$ ]]; then
        echo "init-databases: invalid database name: $db" >&2
        exit 1
    fi
    exists="$(psql_admin --tuples-only --no-align \
        --command "SELECT 1 FROM pg_database WHERE datname = '$db'")"
    if [[ "$exists" == "1" ]]; then
        echo "init-databases: $db exists"
        continue
    fi
    psql_admin --command "CREATE DATABASE \"$db\" OWNER \"$owner\" ENCODING 'UTF8' TEMPLATE template0"
    # only its owner (and superusers) may connect, not every role of the cluster
    psql_admin --command "REVOKE ALL ON DATABASE \"$db\" FROM PUBLIC"
    echo "init-databases: created $db"
done
