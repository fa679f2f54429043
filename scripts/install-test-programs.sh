#!/usr/bin/env bash
# Runs before `npm test` (npm's pretest): installs the real programs the tests run when one is
# missing, so the README's test command passes as written on a fresh machine.
#   nginx      nginx -t on the rendered nginx.conf, the data path
#   ruby       Onigmo, fluent-bit's regex engine, for the parser regexes
#   setpriv, unshare (util-linux), mount: the data-path rig's non-root users and namespaces
#   luajit     the Lua fluent-bit embeds, for Envoy mode's filter
#   wrk        the load generator of bench:pipeline, whose one-second run is a test
#   openssl, curl  certificates and HTTPS/HTTP/2 clients of the TLS and forwarding tests
#   promtool   (Debian's prometheus package) checks and unit-tests the chart's PrometheusRule
set -euo pipefail

missing=""
for program in nginx ruby setpriv unshare mount luajit wrk openssl curl promtool; do
  command -v "$program" >/dev/null || missing="$missing $program"
done
[ -z "$missing" ] && exit 0

packages="nginx-light ruby util-linux mount luajit wrk openssl curl prometheus"
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "npm test needs:$missing. Install them (Debian/Ubuntu: sudo apt-get install $packages) and run npm test again." >&2
  exit 1
fi

echo "installing$missing for the tests (apt-get install $packages)" >&2
apt-get update -qq
# policy-rc.d exiting 101 tells invoke-rc.d not to start services: installing nginx must not
# start the system nginx on port 80, nor prometheus its server on 9090. Only a policy this script created is removed again.
created_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  created_policy=1
fi
trap '[ -n "$created_policy" ] && rm -f /usr/sbin/policy-rc.d' EXIT
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null
