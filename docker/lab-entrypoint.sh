#!/usr/bin/env bash
# The lab container's main process. With "demo" (the default) it runs `lab demo --keep` against
# the compose services, then stays up while the CDC capture and the Spark job run on, and stops
# them cleanly when the container is stopped. Any other arguments run that lab command instead:
#   docker compose run --rm lab verify
set -euo pipefail

if [ "${1:-demo}" != demo ]; then
  exec /opt/lab/lab "$@"
fi
shift || true

ready=/tmp/lab-ready
rm -f "$ready"

stop() {
  # The ETL finishes its batch and publishes a last snapshot; the capture flushes its offsets.
  /opt/lab/lab pipeline stop || true
  exit 0
}
trap stop TERM INT

# In the background, so that a SIGTERM during the demo reaches the trap at once.
# shellcheck disable=SC2086 # LAB_DEMO_ARGS holds several flags
/opt/lab/lab demo --keep ${LAB_DEMO_ARGS:-} "$@" &
wait $!
touch "$ready"
echo "the pipeline keeps running: docker compose exec lab lab status | verify | write"

# Nothing left to do but wait for the stop signal.
tail -f /dev/null &
wait $!
