#!/bin/sh
# Deploys the database by hand, the way people do.
set -e

docker volume create pgdata

docker run -d --name db \
  -e POSTGRES_PASSWORD_FILE=/run/secrets/pw \
  -v "$(pwd)/secrets/pw:/run/secrets/pw" \
  -v pgdata:/var/lib/postgresql/data \
  postgres:16

docker run -d --name backup --privileged \
  -v /:/host:Z \
  --tmpfs /scratch:exec \
  alpine:3.20 sleep infinity

# Clean up everything, data included.
docker volume prune -f
