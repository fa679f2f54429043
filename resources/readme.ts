// The chart's README prose; the compiler appends the values table generated from the
// values schema. Lives here, not in the project README, so users of the packaged chart get it.
export const CHART_README = `## What the chart deploys

\`\`\`
                 Service :80 ──► nginx :8081 ──► Envoy (istio-proxy) :8080 ──► mesh
                                   │ one JSON line per request, syslog over a
                                   ▼ unix datagram socket (emptyDir, 0660, fsGroup)
                              fluent-bit ──► <hostPath>/<YYYY-MM-DD>/access.log (LTSV)
                                        └──► fluentd (forward, optional)
\`\`\`

One Deployment whose pods carry Istio's gateway (injected: \`sidecar.istio.io/inject: "true"\`,
\`inject.istio.io/templates: gateway\`, container \`istio-proxy\` with \`image: auto\`), nginx in
front of it, and fluent-bit beside them; plus the Service, ServiceAccount and a Role for
gateway Secrets, an optional HorizontalPodAutoscaler, a PodDisruptionBudget (only with two
or more replicas, so it never blocks a drain), a PodMonitor when the Prometheus Operator is
installed, NOTES and a \`helm test\` Pod.

\`\`\`sh
# from a chart repository (npm run package builds one: dist/repo/ for any static host)
helm repo add accesslog https://charts.example.com/accesslog && helm repo update
helm install gw accesslog/ingressgateway-accesslog -n istio-ingress --create-namespace -f values-<cluster>.yaml
helm upgrade gw accesslog/ingressgateway-accesslog -n istio-ingress -f values-<cluster>.yaml
helm uninstall gw -n istio-ingress
# or from a clone: helm install gw ./chart ...
\`\`\`

Keep one values file per cluster and layer them: \`-f base.yaml -f cluster-a.yaml\`
(later files win key by key; lists are replaced whole). \`helm test gw -n istio-ingress\`
checks that nginx answers through the Service.

Example values files are in [\`chart/examples/\`](chart/examples/) (minimal, production across
zones with autoscaling, forwarding to fluentd, clusters without the sysctl). Every key is in
[\`chart/values.yaml\`](chart/values.yaml) with its description; \`values.schema.json\` rejects a
misspelt or mistyped key at \`helm install\`.

**Istio Gateway resources** select the pods with \`gateway.selectorLabels\` (default
\`istio: ingressgateway\`) and must use port number **8080** (\`nginx.upstream.port\`) for
their HTTP servers: that is the port nginx proxies to, and it is deliberately not a Service
port (Istio derives Envoy's listener from the Service's target port otherwise, which would
collide with nginx). nginx sets \`X-Forwarded-For\`, \`X-Real-IP\` and \`X-Forwarded-Proto\` and
keeps the client's \`Host\`; the pod tells Envoy to trust one proxy hop
(\`gateway.numTrustedProxies\`).

### Losing no lines: order, queue, capacity

- **Start and stop order.** fluent-bit runs as a native sidecar (init container with
  \`restartPolicy: Always\` and a startup probe) on Kubernetes 1.29+: the kubelet starts it and
  waits for its health endpoint before nginx starts, and stops it only after nginx has
  exited. nginx sleeps \`nginx.preStopSleepSeconds\` after the pod is marked terminating, then
  finishes its requests (SIGQUIT); Envoy drains for \`gateway.drainSeconds\` and exits once
  nginx's connections are gone. On clusters before 1.29 fluent-bit is a regular container;
  the kubelet does not order those, and the image has no shell for a preStop sleep, so lines
  written while a pod starts or stops can be lost there (1.30+ with \`nativeSidecar: never\`
  gets a preStop \`sleep\` action instead).
- **The socket's queue.** Linux queues only 10 datagrams per unix socket by default; nginx
  drops a line (and logs \`send() to syslog failed\` at warn, which the chart shows) when the
  queue is full. \`kernelQueue.method\` raises \`net.unix.max_dgram_qlen\` (default 4096):
  \`podSysctl\` needs no privileges but is an *unsafe* sysctl the kubelet must allow
  (\`--allowed-unsafe-sysctls=net.unix.max_dgram_qlen\`; otherwise pods fail with
  \`SysctlForbidden\`); \`initContainer\` works everywhere but runs a privileged busybox;
  \`none\` keeps 10 and loses lines under load. Past a few hundred queued lines the limit is
  nginx's send buffer (\`net.core.wmem_default\`, node-wide), not the queue. Check the
  injected pod: Istio's gateway injection template writes the pod's \`securityContext\` (by
  default a \`net.ipv4.ip_unprivileged_port_start\` sysctl), which may replace the chart's
  sysctl list (\`kubectl get pod -o jsonpath='{.spec.securityContext.sysctls}'\`). If
  \`net.unix.max_dgram_qlen\` is gone, include it in istiod's \`values.gateways.securityContext\`
  or use \`kernelQueue.method: initContainer\`.
- **Measured on this pipeline** (real nginx, the rendered config, a receiver on the socket,
  about 20k requests/s; \`test/datapath/lifecycle.test.ts\` prints the figures): stopping
  nginx gracefully before the receiver, as the chart orders it, lost 0 of ~20,000 lines with
  the queue at 4096 and about 8% with the kernel's 10; stopping the receiver first lost about
  40%; a receiver restart loses one line per nginx worker.
- **Benchmark** (\`npm run bench:pipeline\`: wrk paced by a Lua script through the rendered
  nginx into a counting receiver, 4 s per step, 2 shared cores): with the kernel's queue of 10,
  2.2% of lines were lost at 5k requests/s, 8.9% at 10k and 36% at 20k; with the chart's 4096,
  none at 2k, 5k, 10k, 20k or unpaced (42k/s). nginx's \`send() to syslog failed\` warnings
  matched the lost lines exactly in every step.
- **fluent-bit's CPU.** Parsing costs about 12–20 µs of CPU per line, so 100m of CPU
  carries roughly 5–8k lines/s. Size \`fluentBit.resources.requests.cpu\` from the expected
  requests per second per pod with headroom, and do not set a CPU limit below it: a
  throttled reader lets the socket queue overflow. (Figures from measurements of
  fluent-bit 4.2/5.1 on this pipeline; \`npm run bench:pipeline\` prints fluent-bit's own CPU
  per line when a fluent-bit binary is on PATH or in \`FLUENT_BIT_BIN\`.)
- **Line size.** Client-controlled fields (\`truncate: true\`, cookies, headers) are capped at
  \`accessLog.maxFieldLength\` characters in nginx; fluent-bit's input buffer
  (\`fluentBit.inputBufferSize\`, 256K) is larger than any datagram the kernel passes, so no
  line is truncated silently.

### Where the logs land

On every node running a gateway pod, \`accessLog.output.hostPath\` (default
\`/var/log/ingressgateway-accesslog\`) gets \`YYYY-MM-DD/access.log\` (or
\`access-YYYY-MM-DD.log\` with \`layout: filePerDay\`), named by the day of each request's own
time in \`accessLog.timeZone\` (default Asia/Tokyo), never by the time fluent-bit handles it.
Lines are LTSV (\`time:…<TAB>vhost:…<TAB>…<TAB>date:…\`) or, with \`format: json\`, the JSON
line nginx wrote. The fields come from \`accessLog.fields\` (plus \`cookies\` and
\`requestHeaders\`), one list that renders both nginx's \`log_format\` and fluent-bit's template.

### Security

nginx (uid 101) and fluent-bit (uid 65532) run as non-root with read-only root filesystems,
no capabilities and the RuntimeDefault seccomp profile. Two init containers run as root,
each only when its value asks for it: \`prepare-log-dir\` (only \`CAP_CHOWN\`, gives the node
directory to fluent-bit's user; \`accessLog.output.prepareHostPath\`, on by default because
the kubelet creates a missing hostPath owned by root) and \`raise-dgram-queue\`
(privileged, only with \`kernelQueue.method: initContainer\`).

LTSV has no escaping. Client-controlled fields (\`truncate: true\`, cookies, request
headers) are cut at their first tab and capped at \`accessLog.maxFieldLength\` bytes on a
UTF-8 character boundary, so a crafted header cannot add LTSV labels; give a field you add
from client input \`truncate: true\` for the same protection. A client that sends invalid
UTF-8 (a raw 0xFF byte in a header) gets it into the JSON line unchanged.

### Upgrading

- Configuration changes roll the pods (checksums of both ConfigMaps are pod annotations);
  the rollout adds one pod before removing one (\`maxSurge: 1, maxUnavailable: 0\`), so log
  capacity does not dip.
- The Deployment's selector is the chart's name and instance labels, never
  \`gateway.selectorLabels\`: changing those labels re-targets Istio Gateways without
  orphaning pods.
- fluent-bit must be 5.1 or later: per-day paths use record accessors in the file output.
`;
