#!/usr/bin/env bash
# The conformance suite's client command: it appends the MCP server URL and passes the scenario's
# client credentials as JSON in MCP_CONFORMANCE_CONTEXT; the backend worker takes them from
# BACKEND_CLIENT_ID / BACKEND_SECRET (auth/client-credentials-basic) or, for a context with
# private_key_pem (auth/client-credentials-jwt), signs assertions with that key (--private-key), and
# discovers everything else from the URL.
set -euo pipefail
context=${MCP_CONFORMANCE_CONTEXT:?the conformance suite sets MCP_CONFORMANCE_CONTEXT}
field() { node -e 'process.stdout.write(JSON.parse(process.argv[1])[process.argv[2]] ?? "")' "$context" "$1"; }
BACKEND_CLIENT_ID=$(field client_id)
export BACKEND_CLIENT_ID
pem=$(field private_key_pem)
if [[ -n "$pem" ]]; then
  key_file=$(mktemp)
  trap 'rm -f "$key_file"' EXIT
  chmod 600 "$key_file"
  printf '%s\n' "$pem" > "$key_file"
  java -jar "${WORKER_JAR:?set WORKER_JAR to backend-worker.jar}" --private-key "$key_file" --key-id conformance "$@"
else
  BACKEND_SECRET=$(field client_secret)
  export BACKEND_SECRET
  exec java -jar "${WORKER_JAR:?set WORKER_JAR to backend-worker.jar}" "$@"
fi
