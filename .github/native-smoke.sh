#!/usr/bin/env bash
# Starts one service's native executable against `deploy/local/awx infra` (PostgreSQL, Kafka, the
# local OpenID provider) and calls it where JSON crosses a boundary Quarkus cannot see at build
# time (Response entities, the plain Vert.x verify route). A missing reflection registration shows
# up here as a 500 or an empty body, not in a cluster.
#
#   .github/native-smoke.sh auth-service|apikey-service|audit-service
set -euo pipefail
service="$1"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runner="$(ls "$service"/target/*-runner)"
work="$(mktemp -d)"
rand() { openssl rand -hex 32; }
checkpoint_jwk() {  # FILE: a new private P-256 JWK from openssl, what AWX_AUDIT_CHECKPOINT_KEY takes
  local text priv pub
  openssl ecparam -name prime256v1 -genkey -noout -out "$1"
  text="$(openssl ec -in "$1" -text -noout 2>/dev/null | tr -d ' :\n')"
  priv="${text#*priv}" pub="${text#*pub}"
  priv="${priv%%pub*}" pub="${pub%%ASN1*}"
  priv="$(printf '%064s' "${priv: -64}" | tr ' ' 0)" pub="${pub#04}"
  b64url() { printf %s "$1" | xxd -r -p | base64 -w0 | tr '+/' '-_' | tr -d '='; }
  printf '{"kty":"EC","crv":"P-256","x":"%s","y":"%s","d":"%s"}' \
    "$(b64url "${pub:0:64}")" "$(b64url "${pub:64:64}")" "$(b64url "$priv")"
}

case "$service" in
  auth-service)
    port=8081
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/signing-key.pem"
    openssl pkey -in "$work/signing-key.pem" -pubout >>"$work/signing-key.pem"
    export AWX_AUTH_SIGNING_KEY_FILE="$work/signing-key.pem" AWX_AUTH_REFRESH_SECRET="$(rand)"
    export AWX_OIDC_STATE_SECRET="$(rand)" AWX_OIDC_ISSUER=http://127.0.0.1:8090/google
    export AWX_OIDC_CLIENT_ID=awx-local AWX_OIDC_CLIENT_SECRET=awx-local-secret ;;
  apikey-service)
    port=8082
    credential="$(rand)"
    export AWX_APIKEY_HASH_SECRET="$(rand)" AWX_APIKEY_SERVICE_CREDENTIALS="$credential" ;;
  audit-service)
    port=8083
    # The local PostgreSQL trusts every role: the migration creates the runtime role, postgres owns.
    # It does not start without a checkpoint key outside dev and test (ADR 17).
    export AWX_AUDIT_CURSOR_SECRET="$(rand)" AWX_AUDIT_DB_OWNER_USER=postgres \
      AWX_AUDIT_CHECKPOINT_KEY="$(checkpoint_jwk "$work/checkpoint.pem")" ;;
  *) echo "unknown service $service" >&2; exit 2 ;;
esac

"$runner" >"$work/log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
ready=""
for _ in $(seq 120); do
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/q/health/ready" || true)" == 200 ]]; then ready=1; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if [[ -z "$ready" ]]; then
  echo "$service did not become ready"; tail -n 80 "$work/log"; exit 1
fi
echo "$service native executable ready on $base"

expect() {  # status body-fragment curl-args...
  local status="$1" fragment="$2" got body
  shift 2
  body="$(curl -s -w '\n%{http_code}' "$@")"
  got="${body##*$'\n'}"
  body="${body%$'\n'*}"
  if [[ "$got" != "$status" || "$body" != *"$fragment"* ]]; then
    echo "FAIL $* -> $got $body (expected $status with $fragment)"; tail -n 40 "$work/log"; exit 1
  fi
  echo "ok   $got ${*: -1}"
}

case "$service" in
  auth-service)
    expect 200 '"keys"' "$base/.well-known/jwks.json"
    expect 400 'invalid_grant' -X POST -H 'Content-Type: application/json' \
      -d '{"exchange_code": "awx_ec_not_a_code"}' "$base/api/v1/auth/exchange" ;;
  apikey-service)
    expect 401 '"status":401' -X POST -H 'Content-Type: application/json' -d '{}' "$base/internal/v1/api-keys/verify"
    expect 200 '"code":"MALFORMED"' -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $credential" \
      -d '{"key": "awx_sandbox_not_a_key", "client_ip": "203.0.113.7"}' "$base/internal/v1/api-keys/verify" ;;
  audit-service)
    expect 401 '"status":401' "$base/api/v1/audit-logs"
    expect 200 '"kty":"EC"' "$base/api/v1/audit-logs/jwks" ;;
esac
