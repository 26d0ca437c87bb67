#!/usr/bin/env bash
# Runs the whole topology — PostgreSQL, RabbitMQ, Redis and the services — from the Aspire AppHost, with the dashboard.
# Installs the servers on Debian/Ubuntu first.
#   eng/run.sh            data stays in <repo>/.state between runs
#   eng/run.sh --fresh    empty data directories first
# Other arguments go to the AppHost (configuration as --Key=value).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/eng/install-prerequisites.sh"

args=()
for arg in "$@"; do
  case "$arg" in
    --fresh) args+=("--Servers:Fresh=true") ;;
    *) args+=("$arg") ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Building the AppHost builds the services it references; Aspire then runs them with `dotnet run --no-build`.
dotnet build "$root/AppHost/Zielsteuerung.AppHost" -c Release -nologo -clp:ErrorsOnly
cat <<'HINT'
Development tokens (once everything is up): eng/dev-token.sh mags-nrw parties.read
  curl -s http://localhost:5090/connect/token -d grant_type=client_credentials -d client_id=mags-nrw \
       -d client_secret=<dotnet user-secrets list --project AppHost/Zielsteuerung.AppHost | grep mags-nrw-client-secret>
  then send gRPC metadata 'authorization: Bearer <token>' to the party registry on localhost:5081 (README: Access).
HINT
exec dotnet run --project "$root/AppHost/Zielsteuerung.AppHost" -c Release --no-build -- "${args[@]}"
