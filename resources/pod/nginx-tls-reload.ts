// Certificates the kubelet updates in place must reach nginx without dropping connections.
//
// Why a reload and not a rollout through a checksum annotation: the chart cannot see a
// Secret's content at render (`lookup` is empty under `helm template` and GitOps tools), and
// cert-manager renews Secrets without any Helm run, so a checksum would never change and the
// pods would serve the old certificate until it expired. The kubelet does update a mounted
// Secret (without subPath) in place, atomically through its ..data symlink
// (https://kubernetes.io/docs/concepts/configuration/secret/#mounted-secrets-are-updated-automatically);
// nginx has no file watcher but reloads on SIGHUP: new workers take the new certificates, old
// ones finish their connections (https://nginx.org/en/docs/control.html#reconfiguration).
import { tpl } from "../../compiler/index.ts";
import { NGINX_TLS_DIR } from "../paths.ts";
import { v } from "../values.ts";

/**
 * `sh -c <script> nginx <nginx args>`: a background loop compares the files of every mounted
 * Secret (certificates, keys, the client CA; the glob skips the kubelet's ..data entries) with the
 * ones nginx started with every nginx.tls.reloadCheckSeconds and runs `nginx -s reload` on a
 * change; then the shell execs nginx, so nginx keeps the container's pid and its stop signal.
 * The loop ends with nginx (kill -0 on the pid it became). A reload that fails (a broken new
 * certificate) leaves the old workers serving and says why in nginx's error log.
 */
export const certificateReloadScript = tpl`certificates() { cat ${NGINX_TLS_DIR}/*/* | cksum; }
loaded=$(certificates)
nginx_pid=$$
(
  while sleep ${v.nginx.tls.reloadCheckSeconds} && kill -0 "$nginx_pid" 2>/dev/null; do
    current=$(certificates)
    if [ "$current" != "$loaded" ]; then
      echo "certificates in ${NGINX_TLS_DIR} changed: reloading nginx" >&2
      nginx "$@" -s reload && loaded=$current
    fi
  done
) &
exec nginx "$@"`;
