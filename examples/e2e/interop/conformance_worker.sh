#!/usr/bin/env bash
# The conformance suite's client command: it appends the MCP server URL and passes the scenario's
# client credentials as JSON in MCP_CONFORMANCE_CONTEXT; the backend worker takes them from
# BACKEND_CLIENT_ID / BACKEND_SECRET and discovers everything else from the URL.
set -euo pipefail
context=${MCP_CONFORMANCE_CONTEXT:?the conformance suite sets MCP_CONFORMANCE_CONTEXT}
BACKEND_CLIENT_ID=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).client_id)' "$context")
BACKEND_SECRET=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).client_secret)' "$context")
export BACKEND_CLIENT_ID BACKEND_SECRET
exec java -jar "${WORKER_JAR:?set WORKER_JAR to backend-worker.jar}" "$@"
