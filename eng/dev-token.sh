#!/usr/bin/env bash
# Prints a development access token from the running topology's identity service (eng/run.sh):
#   eng/dev-token.sh CLIENT [SCOPE…]      e.g. eng/dev-token.sh mags-nrw parties.read parties.write
# CLIENT is a development client of services/Identity/Identity.API/Clients/development-clients.json; its secret is the
# AppHost's generated parameter <client>-client-secret, kept in the AppHost's user secrets. Without scopes the token
# carries all the client's scopes. Use it as gRPC metadata:  authorization: Bearer <token>
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
client=${1:?usage: eng/dev-token.sh CLIENT [SCOPE…]}; shift
identity=${IDENTITY_URL:-http://localhost:5090}
secret=$(dotnet user-secrets list --project "$root/AppHost/Zielsteuerung.AppHost" 2>/dev/null \
  | sed -n "s/^Parameters:$client-client-secret = //p")
[[ -n "$secret" ]] || { echo "no secret for client '$client': start the topology once (eng/run.sh), and check the id in development-clients.json" >&2; exit 1; }
response=$(curl -sS "$identity/connect/token" -d grant_type=client_credentials -d "client_id=$client" \
  --data-urlencode "client_secret=$secret" ${1:+--data-urlencode "scope=$*"})
token=$(sed -n 's/.*"access_token": *"\([^"]*\)".*/\1/p' <<<"$response")
[[ -n "$token" ]] || { echo "the identity service refused: $response" >&2; exit 1; }
echo "$token"
