#!/usr/bin/env bash
# Rehearses deploy/Dockerfile's runtime image without a Docker engine: the same layout (production
# dependencies only, the server bundle, the web build), run the way the image runs it: uid 1000 as
# PID 1 of its own PID namespace, the root filesystem read-only (only DATA_DIR writable), and
# SIGTERM → exit 0. Needs root (unshare), a prior `npm run build`, and NODE (default: node).
# Usage: NODE=/path/to/node bash scripts/rehearse-image.sh
set -euo pipefail
cd "$(dirname "$0")/.."
node_bin="$(command -v "${NODE:-node}")"
work="$(mktemp -d /tmp/turnout-image-XXXXXX)"
trap 'umount -R "$work/data" 2>/dev/null || true; rm -rf "$work"' EXIT
chmod 755 "$work"
app="$work/app"
mkdir -p "$app" "$work/data"

# The Dockerfile's build stage: manifests, production dependencies, the builds.
find . -name package.json -not -path '*/node_modules/*' -not -path './.git/*' -not -path './.ci/*' -exec cp --parents {} "$app/" \;
cp package-lock.json .npmrc "$app/"
(cd "$app" && npm ci --omit=dev --no-audit --no-fund --ignore-scripts >/dev/null)
rm -rf "$app/node_modules/@turnout"
cp -a apps/server/dist "$app/apps/server/"
mkdir -p "$app/apps/web" && cp -a apps/web/dist "$app/apps/web/"
# TypeScript is not in this list: it is an optional peer of cosmiconfig (mjml → htmlnano → cosmiconfig,
# for config files written in TypeScript), so npm keeps it with the production dependencies
# (`devOptional` in the lockfile). Nothing at run time loads it.
for dev in vitest tsx esbuild @biomejs/biome drizzle-kit; do
  if [ -e "$app/node_modules/$dev" ]; then echo "rehearse-image: dev dependency $dev in the runtime image" >&2; exit 1; fi
done
chown -R root:root "$app" && chmod -R go-w "$app"
chown 1000:1000 "$work/data"

port=3917
log="$work/server.log"
# PID namespace + private mount namespace: / read-only there (the host's is untouched), a tmpfs for DATA_DIR.
unshare --pid --fork --mount --mount-proc --propagation private sh -c "
  mount -t tmpfs -o size=256m,uid=1000,gid=1000 tmpfs '$work/data' &&
  mount -o remount,bind,ro / &&
  cd '$app' &&
  exec env -i PATH=/usr/bin:/bin NODE_ENV=production DATA_DIR='$work/data' HOST=127.0.0.1 PORT=$port METRICS_PORT=0 \
    PUBLIC_ORIGIN=http://127.0.0.1:$port SHUTDOWN_DRAIN_MS=500 \
    setpriv --reuid 1000 --regid 1000 --clear-groups --inh-caps=-all '$node_bin' apps/server/dist/server.js
" >"$log" 2>&1 &
outer=$!

for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$outer" 2>/dev/null; then tail -30 "$log" >&2; echo "rehearse-image: the server exited" >&2; exit 1; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/readyz"; echo
inner="$(tr -d " " < "/proc/$outer/task/$outer/children")"
[ "$(awk '/^NSpid:/ {print $NF}' "/proc/$inner/status")" = 1 ] || { echo "rehearse-image: node is not PID 1" >&2; exit 1; }
[ "$(awk '/^Uid:/ {print $2}' "/proc/$inner/status")" = 1000 ] || { echo "rehearse-image: node does not run as uid 1000" >&2; exit 1; }
awk '$5 == "/" {print $6}' "/proc/$inner/mountinfo" | grep -q '^ro' || { echo "rehearse-image: root is not read-only" >&2; exit 1; }
curl -fsS -o /dev/null "http://127.0.0.1:$port/" || { echo "rehearse-image: the web app is not served" >&2; exit 1; }
kill -TERM "$inner"
status=0; wait "$outer" || status=$?
[ "$status" = 0 ] || { cat "$log" >&2; echo "rehearse-image: exit $status after SIGTERM" >&2; exit 1; }
echo "rehearse-image: production dependencies only; uid 1000 as PID 1; read-only root; SIGTERM → exit 0 ($("$node_bin" --version))"
