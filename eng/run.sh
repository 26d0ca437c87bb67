#!/usr/bin/env bash
# Runs the whole topology — PostgreSQL, RabbitMQ, Redis and the services — from the AppHost.
# Installs the servers on Debian/Ubuntu first. Arguments go to the AppHost (e.g. --fresh).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/eng/install-prerequisites.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build "$root/AppHost/Zielsteuerung.AppHost" -c Release -nologo -clp:ErrorsOnly
exec dotnet run --project "$root/AppHost/Zielsteuerung.AppHost" -c Release --no-build -- "$@"
