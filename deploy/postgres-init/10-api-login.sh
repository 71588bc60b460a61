#!/bin/sh
# Run once by the postgres image when its cluster is created (docker-entrypoint-initdb.d), as the
# superuser POSTGRES_USER, who then owns the schema and runs the migrations
# (MIGRATION_DATABASE_URL). The API logs in as `registry_api`, a member of post_registry_app,
# the role without DDL rights and without UPDATE/DELETE on the append-only tables
# (DESIGN.md rule 12). The first migration creates post_registry_app when missing; it is made
# here first so the login can join it before any migration ran.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v api_password="$REGISTRY_API_PASSWORD" <<'SQL'
CREATE ROLE post_registry_app NOLOGIN;
CREATE ROLE registry_api LOGIN PASSWORD :'api_password' IN ROLE post_registry_app;
SQL
