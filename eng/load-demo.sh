#!/usr/bin/env bash
# Loads the demo data into the running topology (eng/run.sh): the four seed agreements (Borken 2018, BMAS–NRW 2016,
# Unna 2012, Neuss 2013) and generated KPI data of the 53 NRW jobcenters 2011–2018 (docs/demo.md). Loaded already:
# nothing is written again. The development clients' secrets are the AppHost's parameters <client>-client-secret, kept
# in its user secrets; they go to the loader as <CLIENT>_CLIENT_SECRET. Other arguments go to the loader:
#   eng/load-demo.sh [--agreements http://localhost:5101] [--kpi http://localhost:5111] [--monitoring http://localhost:5121]
#                    [--identity http://localhost:5090]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
found=0
while IFS= read -r line; do
  client=${line#Parameters:}; client=${client%%-client-secret = *}
  export "$(tr 'a-z-' 'A-Z_' <<<"$client")_CLIENT_SECRET=${line#* = }"
  found=$((found + 1))
done < <(dotnet user-secrets list --project "$root/AppHost/Zielsteuerung.AppHost" 2>/dev/null | grep '^Parameters:[a-z0-9-]*-client-secret = ' || true)
[[ $found -gt 0 ]] || { echo "no development client secrets in the AppHost's user secrets: start the topology once (eng/run.sh)" >&2; exit 1; }
exec dotnet run --project "$root/services/Demo/Zielsteuerung.Demo" -c Release -- "$@"
