// The chart's README prose; the compiler appends the values table generated from the
// values schema. Lives here, not in the project README, so users of the packaged chart get it.
import { HTTPS_SECTION } from "./readme-https.ts";
import { ENVOY_EQUIVALENTS, type EnvoyEquivalent } from "./access-log/envoy-fields.ts";
import { OFFICIAL_GATEWAY_VALUES } from "./official-gateway-values.ts";
import { OWN_OUTPUT_DIR } from "./paths.ts";

/** The nginx variables Envoy mode knows, from the one table the chart renders them from. */
const ENVOY_FIELD_TABLE = [
  "| nginx variable | Envoy operator | conversion | still differs |",
  "|---|---|---|---|",
  ...Object.entries(ENVOY_EQUIVALENTS).map(([nginx, equivalent]: [string, EnvoyEquivalent]) =>
    `| \`${nginx}\` | \`${equivalent.envoy}\` | ${equivalent.convert} | ${equivalent.caveat ?? ""} |`),
  "| \`$http_<name>\` (\`accessLog.requestHeaders\`) | \`%REQ(<name>)%\` | text | |",
  "| \`$cookie_<name>\` (\`accessLog.cookies\`) | \`%REQ(COOKIE)%\`, picked by the Lua filter | cookie | |",
].join("\n");

const OFFICIAL_VALUES_TABLE = [
  "| official istio/gateway value | this chart's value | note |",
  "|---|---|---|",
  ...OFFICIAL_GATEWAY_VALUES.map(({ official, ours, note }) => `| \`${official}\` | ${ours === null ? "—" : `\`${ours}\``} | ${note ?? ""} |`),
].join("\n");

export const CHART_README = `## What the chart deploys

\`\`\`
                 Service :80 ──► nginx :8081 ──► Envoy (istio-proxy) :8080 ──► mesh
                                   │ one JSON line per request, syslog over a
                                   ▼ unix datagram socket (emptyDir, 0660, fsGroup)
                              fluent-bit ──► <hostPath>/${OWN_OUTPUT_DIR}/<YYYY-MM-DD>/access.log (LTSV)
                                        └──► fluentd (forward, optional)
\`\`\`

In the default mode (\`gateway.mode: injection\`), one Deployment whose pods carry Istio's gateway (injected: \`sidecar.istio.io/inject: "true"\`,
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

### Two installation modes: injection or IstioOperator

| | \`gateway.mode: injection\` (default) | \`gateway.mode: istioOperator\` |
|---|---|---|
| who renders the gateway Deployment | this chart; Istio injects Envoy at admission (like the istio/gateway chart) | \`istioctl install\`, from the IstioOperator this chart renders |
| what \`helm install\` creates | Deployment, Service, ServiceAccount, Role, HPA, PDB, ConfigMaps, PodMonitor | ConfigMaps and PodMonitor only (with \`istioOperator.render=false\`) |
| how the sidecars get in | ordinary containers of the pod template | \`k8s.overlays\` patches appending the same containers and volumes |
| use it when | you install gateways with Helm (Istio's recommended way) | the cluster's gateways are installed with istioctl and IstioOperator files |

Both modes put the same nginx and fluent-bit containers, init containers, volumes, pod
security settings and annotations in the pod: one definition in \`resources/pod/\` serves
both, and a test post-processes a description of istioctl's Deployment the way istioctl does
and compares the pod with injection mode's.

**IstioOperator mode.** Istio's in-cluster operator was removed in Istio 1.24: nothing in the
cluster acts on an \`IstioOperator\` resource any more. Install the chart's ConfigMaps (which
the gateway pods mount) with Helm first, then render the IstioOperator with \`helm template\`
and give it to \`istioctl install\`, with the same values files:

\`\`\`sh
# 1. the ConfigMaps (and PodMonitor), without the IstioOperator
helm upgrade --install gw ./chart -n istio-ingress --create-namespace -f values-<cluster>.yaml \\
  --set gateway.mode=istioOperator --set istioOperator.render=false
# 2. the gateway, with the istioctl of the version in istioOperator.istioVersion
helm template gw ./chart -n istio-ingress -f values-<cluster>.yaml --set gateway.mode=istioOperator \\
  --show-only templates/istio-operator.yaml > gw-iop.yaml
istioctl install -f gw-iop.yaml -y          # review first with: istioctl manifest generate -f gw-iop.yaml
\`\`\`

Run both steps again after every values or chart change: the pod template carries the
ConfigMaps' checksums, so \`istioctl install\` rolls the pods when a config changed.

- The IstioOperator has \`profile: empty\` and its own name (the release's full name): it
  installs only this gateway, and when istioctl installs it, it prunes only objects labelled
  with that name (\`install.operator.istio.io/owning-resource\`), so it does not touch the
  mesh's main installation.
- **The reverse is not true of an unnamed IstioOperator.** After an install istioctl deletes
  the objects it did not render among those labelled \`operator.istio.io/managed: Reconcile\`,
  the same \`operator.istio.io/version\` (istioctl's own), the same \`istio.io/rev\` and
  owning-resource namespace (\`values.global.istioNamespace\`, \`istio-system\` by default),
  and, only when the IstioOperator has a \`metadata.name\`, that name. So installing a main
  IstioOperator *without* \`metadata.name\` (with the same istioctl and revision) deletes this
  gateway's Deployment, Service, HPA, PDB and the rest; install this chart's IstioOperator again
  to restore them. What prevents it: a \`metadata.name\` on the main IstioOperator (any name
  but this one's). A different \`gateway.revision\` also does, but it also chooses the control
  plane the gateway connects to; \`profile: empty\` here does not. (Istio 1.24–1.28,
  \`operator/pkg/install/install.go\`; see \`docs/istio-operator-notes.md\`.)
- Service ports, replicas or autoscaling (\`hpaSpec\` and Istio's \`autoscaleEnabled\`),
  the disruption budget, the proxy's resources, pod annotations, the pod securityContext
  (fsGroup and the queue sysctl), scheduling and the Service's annotations go to the
  component's own \`k8s\` fields. Containers, init containers, volumes, pod labels, image pull
  secrets, topology spread and the Service's labels go in overlays.
- **Overlay indices are computed, never hand-counted.** Istio's overlay paths can select an
  existing element by name (\`containers[name:istio-proxy]\`) but not add one that way, and an
  index below the list's length silently *replaces* that element (an Istio upgrade that adds a
  volume would turn a hand-counted \`volumes[8]\` into an overwrite). The chart describes the
  Deployment istioctl generates for each supported Istio version (\`values-schema/istio-gateways.ts\`:
  1 container, no init containers, 11 volumes for 1.24 to 1.28) and appends after it; an
  \`istioOperator.istioVersion\` it does not describe is refused at \`helm template\`. Init
  containers are set as a whole list, since istioctl renders none.
- istioctl writes the pod's labels from the component's \`label\`: \`app: <full name>\` plus
  \`gateway.selectorLabels\`; the PodMonitor selects \`app\`. Its gateway chart merges them
  over its own defaults, so the Deployment, the pods, the Service selector and the PDB also
  carry **\`istio: ingressgateway\`** unless \`gateway.selectorLabels\` sets an \`istio\` key
  itself: then every Gateway resource selecting \`istio: ingressgateway\` (the usual selector
  of a mesh's default ingress gateway) binds to this gateway too. Give
  \`gateway.selectorLabels\` an \`istio\` value of its own (for example
  \`istio: accesslog-gateway\`) to keep them apart.
- The disruption budget goes in \`k8s.podDisruptionBudget\` as \`maxUnavailable\` with
  \`minAvailable: null\`: Istio's PDB template hard-codes \`minAvailable: 1\`, the API server
  refuses both, and istioctl 1.24.0/1.24.1 do not remove it themselves (1.24.2 does); the null
  removes it in every version. The replica count is also given to istioctl's gateway chart,
  whose PDB (from 1.28) depends on it. \`service.type: None\` is refused
  (istioctl always renders a Service), and \`gateway.serviceAccount\`/\`gateway.rbac\` do not
  apply (istioctl creates \`<name>-service-account\` and its Role).
- No injection runs on istioctl's gateway pods, so the queue sysctl cannot be replaced by an
  injection template (see Security below); istioctl also opens the Service's target ports as
  istio-proxy container ports, which only documents them (nginx is what listens there).

**Istio Gateway resources** select the pods with \`istio: <release name without "istio-">\`
(the official istio/gateway chart's convention; \`gateway.selectorLabels\` can set \`istio\`
and add labels; NOTES prints the selector) and must use port number **8080** (\`nginx.upstream.port\`) for
their HTTP servers: that is the port nginx proxies to, and it is deliberately not a Service
port (Istio derives Envoy's listener from the Service's target port otherwise, which would
collide with nginx). nginx sets \`X-Forwarded-For\`, \`X-Real-IP\` and \`X-Forwarded-Proto\` and
keeps the client's \`Host\`. On the plain port \`X-Forwarded-Proto\` is nginx's own scheme
unless the connection comes from a proxy in \`nginx.realIp.trustedCidrs\` that says http or
https: a client cannot make Envoy believe plain HTTP was HTTPS; the pod tells Envoy to trust nginx plus
\`gateway.numTrustedProxies\` load balancers in front of the pod.

### Envoy mode: the same files without the nginx hop

\`accessLog.source: envoy\` removes nginx: the Service sends traffic straight to Envoy
(a port aimed at \`nginx.listenPort\` is sent to Envoy's listener, \`nginx.upstream.port\`),
and the gateway's own Envoy streams one record per request to fluent-bit, which writes the
same per-day files with the same fields. Works in both installation modes.

\`\`\`
   Service :80 ──► Envoy (istio-proxy) :8080 ──► mesh
                    │ envoy.access_loggers.fluentd: forward protocol (msgpack over TCP)
                    ▼ to 127.0.0.1:24224, cluster from istio-proxy's bootstrap
               fluent-bit (forward input ──► Lua filter) ──► <hostPath>/${OWN_OUTPUT_DIR}/<YYYY-MM-DD>/access.log
\`\`\`

- **Why an EnvoyFilter, not the Telemetry API.** Telemetry can only name extension providers
  the mesh admin declares in meshConfig, and Istio has none for fluentd: its access-log
  providers are a file (fluent-bit would have to tail it, which is what stalled under load),
  OpenTelemetry and Envoy's gRPC/HTTP log services (a collector Service, not a sidecar on
  127.0.0.1). The chart therefore renders an \`EnvoyFilter\` that MERGEs Envoy's
  \`envoy.access_loggers.fluentd\` logger into the gateway's HTTP connection managers
  (\`context: GATEWAY\`), selected by this gateway's pod labels only, never mesh-wide. MERGE
  appends: access logs Istio configures (Telemetry, \`accessLogFile\`) stay.
- **Why a bootstrap cluster.** Envoy's fluentd logger only accepts a cluster defined in
  Envoy's bootstrap (envoyproxy/envoy#36511), so the cluster of 127.0.0.1 cannot come from the
  EnvoyFilter. The chart mounts a ConfigMap into istio-proxy and points
  \`ISTIO_BOOTSTRAP_OVERRIDE\` at it (a STATIC cluster; DNS clusters crash this logger,
  envoyproxy/envoy#38918). Check it with
  \`istioctl proxy-config cluster <pod> --fqdn accesslog_fluent_bit\`.
- **The same fields.** One list, \`accessLog.fields\`, drives nginx's \`log_format\`, Envoy's
  record and fluent-bit's Lua filter, which turns Envoy's typed values into nginx's text
  (local time with offset, seconds with milliseconds, host without port, \`HTTP/2.0\`, empty
  for unset) and rebuilds nginx's JSON line and cap. A field names its value as an nginx
  variable; for the ones below the chart knows Envoy's operator; any other needs its own
  \`envoy:\` operator, or the render fails naming the field. A test runs the same requests
  through real nginx and, as Envoy's records, through the rendered Lua filter under LuaJIT,
  and compares the lines field by field.

${ENVOY_FIELD_TABLE}

- **Minimum versions: Envoy 1.30, Istio 1.22.** The fluentd logger, its \`retry_options\` and
  \`%COMMON_DURATION%\` (\`upstream_time\`) all arrived in Envoy 1.30.0 (envoyproxy/envoy
  \`changelogs/1.30.0.yaml\`); the other operators above and \`%RESPONSE_CODE_DETAILS%\`
  (the record's \`_details\`) are older. istio-proxy compiles the logger in from Istio 1.22
  (istio/proxy \`bazel/extension_config/extensions_build_config.bzl\`, absent on release-1.21),
  so every Istio this chart describes (1.24–1.28) has all of them.

- **What Envoy cannot log that nginx could.** A single cookie: Envoy has no per-cookie
  operator, so when \`accessLog.cookies\` is set the record carries the Cookie header and the
  Lua filter picks the cookies with nginx's own parsing (the header never reaches the files).
  nginx's own \`$request_id\`, a list of upstream times after retries, the 499 of a client
  that left (Envoy logs 0), and arbitrary nginx variables or error pages: nginx-only values
  (\`nginx.errorPages\`, snippets, \`realIp\`, \`proxyProtocol\`, extra env or mounts) fail the
  render in this mode, naming the key. Times are the request's start in Envoy mode (nginx
  logs its end), so a request that spans midnight is filed under the day it began.
- **Delivery is bounded and observable.** Each Envoy worker buffers up to
  \`accessLog.envoy.bufferSizeBytes\` and sends at least every \`accessLog.envoy.flushInterval\`;
  when fluent-bit is unreachable it reconnects with backoff between
  \`reconnectBaseInterval\` and \`reconnectMaxInterval\`, forever, and lines beyond the buffer
  are dropped and counted: \`envoy_access_logs_fluentd_accesslog_entries_lost\` (the chart adds
  the \`access_logs.fluentd\` prefix to Istio's stats inclusions). The protocol has no
  acknowledgements, so a batch in flight when fluent-bit dies is lost too. In nginx mode the
  same outage is absorbed by the socket's kernel queue (\`kernelQueue.maxDgramQlen\`
  datagrams) and counted as nginx's "send() to syslog failed" warnings. In both modes
  fluent-bit starts before and stops after the log's writer (native sidecar), and its
  filesystem buffer holds lines while an output is slow.

### Losing no lines: order, queue, capacity

- **Start and stop order.** fluent-bit runs as a native sidecar (init container with
  \`restartPolicy: Always\` and a startup probe) on Kubernetes 1.29+: the kubelet starts it and
  waits for its health endpoint before nginx starts, and stops it only after nginx has
  exited. nginx sleeps \`nginx.preStopSleepSeconds\` after the pod is marked terminating, then
  finishes its requests (SIGQUIT); Envoy stays up at least as long as that sleep (Istio's
  \`MINIMUM_DRAIN_DURATION\`) and exits once nginx's connections are gone
  (\`EXIT_ON_ZERO_ACTIVE_CONNECTIONS\`). Envoy accepts new connections only for its drain
  time (\`drainDuration\`, 45 s in Istio's mesh defaults): a sleep above 40 s lengthens it to
  the sleep plus 5 s, so the requests nginx takes last still reach Envoy. On clusters before 1.29 fluent-bit is a regular container;
  the kubelet does not order those, and the image has no shell for a preStop sleep, so lines
  written while a pod starts or stops can be lost there (1.30+ with \`nativeSidecar: never\`
  gets a preStop \`sleep\` action instead).
- **The socket's queue.** Linux queues only 10 datagrams per unix socket by default; nginx
  drops a line (and logs \`send() to syslog failed\` at warn, which the chart shows) when the
  queue is full. \`kernelQueue.method\` raises \`net.unix.max_dgram_qlen\` (default 4096)
  before fluent-bit creates the socket; past a few hundred queued lines the limit is nginx's
  send buffer (\`net.core.wmem_default\`, node-wide), not the queue. The trade-off:
  - \`initContainer\` runs a privileged busybox (\`raise-dgram-queue\`, \`sysctl -w\` in the
    pod's network namespace, then exits): works on any kubelet and survives Istio's injection,
    but the namespace must admit privileged pods (Pod Security \`privileged\`, not
    \`baseline\`/\`restricted\`).
  - \`podSysctl\` needs no privileges, but \`net.unix.max_dgram_qlen\` is an *unsafe* sysctl:
    every node's kubelet must allow it (\`--allowed-unsafe-sysctls=net.unix.max_dgram_qlen\`,
    else pods fail with \`SysctlForbidden\`), and in injection mode it does not survive Istio:
    the gateway injection template **replaces** the pod's \`securityContext.sysctls\` with
    istiod's \`values.gateways.securityContext\`, or with only
    \`net.ipv4.ip_unprivileged_port_start=0\` when that is unset (a strategic merge patch,
    and \`sysctls\` has no merge key). Putting the sysctl into istiod's
    \`values.gateways.securityContext\` works, but that value applies to **every** gateway pod
    the istiod injects, mesh-wide; the chart renders podSysctl in injection mode only with
    \`kernelQueue.podSysctlSurvivesInjection: true\` as that acknowledgement.
  - \`auto\` (the default) picks \`initContainer\` in injection mode and \`podSysctl\` in
    IstioOperator mode, whose pods istioctl renders without injection.
  - \`none\` keeps 10 and loses lines under load.

  The chart checks instead of trusting: nginx's startup probe reads the queue in the pod's
  network namespace and fails while it is below \`kernelQueue.maxDgramQlen\`. Such a pod never
  becomes ready, the rollout stops with the old pods serving, and the probe's event says
  \`net.unix.max_dgram_qlen is 10, not 4096: the queue was not raised\`.
- **Probes and Istio.** Istio's injection rewrites the HTTP, TCP and gRPC probes of every
  container, init containers included, to pilot-agent in istio-proxy
  (\`rewriteAppHTTPProbe\`, on by default). fluent-bit's startup probe as a native sidecar
  would then wait for istio-proxy, which the kubelet starts only after that probe passes: the
  pod would never start. The pod carries \`sidecar.istio.io/rewriteAppHTTPProbers: "false"\`
  (a gateway captures no inbound traffic, so the kubelet reaches every probe port directly);
  \`gateway.podAnnotations\` may not set it.
- **istio-proxy** gets the official gateway chart's resources (\`gateway.proxyResources\`:
  requests 100m/128Mi, limits 2000m/1024Mi) and hardened securityContext
  (\`gateway.proxySecurityContext\`: no privilege escalation, no capabilities, read-only root,
  non-root), which the injection template does not give it; with
  \`gateway.autoscaling.enabled\` every container must request CPU, or the render fails
  naming the value (the HPA cannot compute utilisation otherwise).
- **Measured on this pipeline** (real nginx, the rendered config, a receiver on the socket,
  about 20k requests/s; \`test/datapath/lifecycle.test.ts\` prints the figures): stopping
  nginx gracefully before the receiver, as the chart orders it, lost 0 of ~20,000 lines with
  the queue at 4096 and about 8% with the kernel's 10; stopping the receiver first lost about
  40%; a receiver restart loses one line per nginx worker.
- **When fluent-bit itself restarts or crashes** while nginx keeps serving (fluent-bit 5.1.1
  on the defaults, real nginx at 10–15k requests/s on 2 shared cores;
  \`test/datapath/fluent-bit-nginx.test.ts\` prints the figures; ranges over 4–5 runs):

  | event | lines lost | lines written twice |
  |---|---|---|
  | the pod stops (nginx gracefully first, then fluent-bit) | 0 | 0 |
  | fluent-bit restarted with SIGTERM, started again at once | 390–1,010 | 0 |
  | fluent-bit killed (crash, OOM kill), started again at once | 930–1,450 | 0 |
  | the same SIGTERM restart with \`accessLog.forward.enabled\` | 480–800 | 4,500–26,000 |

  Why: after SIGTERM fluent-bit keeps reading the socket for up to
  \`fluentBit.graceSeconds\` (its syslog input cannot pause), then closes it; what is queued
  then, and every line nginx sends until the new process binds, is lost (nginx warns
  \`send() to syslog failed\` for the latter). A crash also loses what was read but not yet
  flushed, at most about \`fluentBit.flushSeconds\` (0.2 s) of lines. With forwarding off the
  input buffers in memory, so nothing is ever written twice; forwarding needs filesystem
  chunks (a receiver outage must not stall the day files), and those written but not yet
  marked done, or still waiting for the receiver, are written again to the day files by the
  next process: **deduplicate by \`request_id\`** when forwarding is on. The kubelet's restart
  back-off adds every line sent while no fluent-bit runs. At most one lost line per nginx
  worker would need a socket that outlives fluent-bit's process, which its syslog input
  cannot take over.
- **What is not nginx's line is dropped and counted.** fluent-bit's parser accepts only the
  JSON line this nginx writes (every configured key in order, the day last); anything else
  on the socket is dropped at the input with a warning and counted in
  \`fluentbit_logger_logs_total{message_type="warn"}\` (on fluent-bit's metrics endpoint),
  never filed with \`{field}\` placeholders.
- **Lost lines are counted where you alert.** nginx warns \`send() to syslog failed\` for
  every line it could not hand to the socket; its error log also goes to a second socket of
  fluent-bit's, whose queue the access log cannot fill, and fluent-bit counts those warnings
  in **\`accesslog_nginx_lines_not_handed_over_total\`** (port \`fluentBit.metricsPort\`,
  2021, \`/metrics\`; the PodMonitor scrapes it). Measured with the real programs
  (\`test/datapath/loss-counter.test.ts\`, and \`fluent-bit-nginx.test.ts\` with a fluent-bit
  binary): the counter equals the lines lost and names the same requests. Limits: while no
  fluent-bit runs (a restart), nginx can send neither, so those lines are not counted
  (\`AccessLogReaderRestarted\` fires instead); if fluent-bit stops reading altogether,
  each nginx worker's socket send buffer holds about 160 warnings and the rest go uncounted
  (measured: 167 of 429). With the Prometheus Operator installed the chart renders a
  PrometheusRule (\`metrics.prometheusRule\`) with:
  - \`AccessLogLinesNotHandedOver\`: the counter rose in the last 5 minutes (in Envoy mode
    \`AccessLogEntriesLost\` instead, on Envoy's own
    \`envoy_access_logs_fluentd_accesslog_entries_lost\`);
  - \`AccessLogReaderRestarted\`: fluent-bit's uptime reset in the last 10 minutes;
  - \`AccessLogFileOutputFailing\`: the file output reported errors or failed retries;
  - \`AccessLogForwardDropping\` (forwarding on): records dropped by the forward output.

  The rules select the PodMonitor's job (\`<namespace>/<fullname>\`), so they need the
  PodMonitor (\`metrics.podMonitor.enabled\`).
- **Benchmark** (\`npm run bench:pipeline\`: wrk paced by a Lua script through the rendered
  nginx, 4 s per step, 2 shared cores that nginx, the reader, wrk and the upstream stand-in
  share):
  - into a counting receiver: with the kernel's queue of 10, 2.0% of lines were lost at 5k
    requests/s, 11% at 10k and 41% at 20k; with the chart's 4096, none at 2k, 5k, 10k, 20k
    or unpaced (17k/s). nginx's \`send() to syslog failed\` warnings matched the lost lines
    exactly in every step;
  - into the chart's fluent-bit (5.1.1): none lost at 2k, 5k and 10k requests/s, nor at 20k
    asked, where nginx saturated at 11.5k, nor unpaced (12k/s);
  - what logging costs nginx: unpaced, with the access log on and read by fluent-bit, nginx
    served 0.64–0.70× the requests per second it served with \`access_log off\` (median of
    three alternating rounds, two runs: 11.6–15.1k against 16.0–21.3k); the difference is
    mostly fluent-bit's CPU taken from the same two cores. In one of six unpaced logging
    rounds 827 lines (1.4%) were lost, each with nginx's warning.
- **fluent-bit's CPU.** fluent-bit 5.1.1 on the defaults spends about 35 µs of CPU per line
  (34.6 and 35.6 in two runs of \`npm run bench:fluent-bit-cpu\` on 2 shared cores; the
  original fluent-bit chain took 43.8–46.2 µs on the same datagrams, so 0.75–0.81× of it), so
  **100m of CPU carries about 2,800 lines/s** and the default request of 250m about 7,000.
  About a third of it is the file output opening and closing the day's file for every record
  (it does so whenever Path or File name a record field). Size
  \`fluentBit.resources.requests.cpu\` from the expected requests per second per pod with
  headroom, and do not set a CPU limit below it: a throttled reader lets the socket queue
  overflow.
- **Line size.** Client-controlled fields (\`truncate: true\`, cookies, headers) are capped at
  \`accessLog.maxFieldLength\` characters in nginx; fluent-bit's input buffer
  (\`fluentBit.inputBufferSize\`, 256K) is larger than any datagram the kernel passes, so no
  line is truncated silently.

${HTTPS_SECTION}### Where the logs land

On every node running a gateway pod, the directory \`${OWN_OUTPUT_DIR}\` below
\`accessLog.output.hostPath\` (default \`/var/log/ingressgateway-accesslog\`, so
\`/var/log/ingressgateway-accesslog/${OWN_OUTPUT_DIR}/\`) gets \`YYYY-MM-DD/access.log\` (or
\`access-YYYY-MM-DD.log\` with \`layout: filePerDay\`), named by the day of each request's own
time in \`accessLog.timeZone\` (default Asia/Tokyo), never by the time fluent-bit handles it.
Lines are LTSV (\`time:…<TAB>vhost:…<TAB>…<TAB>date:…\`) or, with \`format: json\`, the JSON
line nginx wrote. The fields come from \`accessLog.fields\` (plus \`cookies\` and
\`requestHeaders\`), one list that renders both nginx's \`log_format\` and fluent-bit's template.

### Forwarding to fluentd

With \`accessLog.forward.enabled\` fluent-bit also sends every record to fluentd with the
Forward protocol, in addition to the day files (which never wait for it). fluentd needs a
\`forward\` source; with a shared key and TLS (the \`forward-to-fluentd\` example):

\`\`\`
<source>
  @type forward
  port 24224
  <transport tls>
    cert_path /etc/fluentd/tls/tls.crt          # its SANs must name accessLog.forward.host
    private_key_path /etc/fluentd/tls/tls.key
  </transport>
  <security>
    self_hostname fluentd                        # not a gateway pod's name
    shared_key "#{ENV['FORWARD_SHARED_KEY']}"
  </security>
</source>
\`\`\`

and the gateway's namespace two Secrets, named in the values:

\`\`\`
kubectl -n istio-ingress create secret generic fluentd-shared-key --from-literal=shared-key=...
kubectl -n istio-ingress create secret generic fluentd-ca --from-file=ca.crt=cluster-ca.crt
\`\`\`

\`\`\`yaml
accessLog:
  forward:
    enabled: true
    host: fluentd.logging.svc.cluster.local
    tag: ingressgateway.access
    sharedKeySecret: { name: fluentd-shared-key, key: shared-key }
    tls: { enabled: true, verify: true, caSecret: { name: fluentd-ca, key: ca.crt } }
\`\`\`

- **What fluentd receives.** Forward mode, \`[tag, [[time, record], ...], {chunk, size}]\`, the
  time as EventTime (nanoseconds), the tag \`accessLog.forward.tag\`, and per request one record
  with every field of the day file's line, \`date\`, and \`message\` (nginx's JSON line). The
  chart sets \`Retain_Metadata_In_Forward_Mode Off\`: fluent-bit 5.1 otherwise sends its own
  \`[[time, metadata], record]\` entries, which are not the protocol's and which a receiver
  written from the specification refused. The handshake sends the pod's name as its
  hostname; fluentd refuses a client that uses its own \`self_hostname\`.
- **TLS.** \`tls.verify\` checks the certificate chain and that the certificate names
  \`accessLog.forward.host\` (\`tls.verify_hostname\`). A Service name (\`fluentd\`,
  \`*.svc\`, \`*.cluster.local\`) or a private address cannot carry a publicly signed
  certificate, so verifying one without \`tls.caSecret\` fails the render, naming the key;
  give the CA that signed fluentd's certificate, or set \`verify: false\` knowingly.
- **Tested** (\`test/datapath/forward-output.test.ts\`, \`forward-fluent-bit.test.ts\`): against
  a receiver written from the Forward Protocol Specification v1 (every mode, the shared-key
  handshake, acks) and, with a fluent-bit binary, from the chart's real fluent-bit fed by real
  nginx to that receiver and to a second fluent-bit's \`forward\` input: N requests give N
  records equal field for field to the day file's lines, with the tag; a wrong shared key is
  refused and retried (nothing accepted); TLS succeeds with the right CA and fails with
  another.
- **During fluentd outages.** Each chunk is done only when fluentd acknowledges it
  (\`Require_ack_response\`): a chunk fluentd took but did not acknowledge is sent again, so
  delivery is at least once: **deduplicate by \`request_id\`**. Unsent chunks wait in the
  pod's filesystem buffer (an emptyDir) up to \`fluentBit.storageLimit\` and are retried
  without limit, with fluent-bit's randomised exponential back-off, capped by the chart at
  30 s (\`scheduler.cap\`; fluent-bit's default is 2,000 s), so the backlog starts at most
  about 30 s after fluentd is back. Past
  the limit the forward output drops its oldest chunks (counted in
  \`fluentbit_output_dropped_records_total{name="forward"}\`, alert
  \`AccessLogForwardDropping\`); the day files have their own limit and lose nothing to it. A
  restarted fluent-bit replays the chunks it had not finished, to fluentd and to the day files
  (see the restart figures above).
- **Measured outages** (fluent-bit 5.1.1, real nginx, a second fluent-bit's \`forward\` input
  as fluentd, 2 shared cores; \`forward-fluent-bit.test.ts\` prints them): 1,000 requests/s
  from four keep-alive clients, the receiver stopped (SIGTERM) for 30 s and started again:

  | outage | day files | at the receiver |
  |---|---|---|
  | 30 s, \`storageLimit\` 512M (default) | 0 of 40,818 lost | all 40,818, none twice |
  | 30 s, \`storageLimit\` 1M | 0 of 41,150 lost | 11,146; the 30,004 missing are exactly the records counted as dropped: the oldest of the outage, the newest 1M still arrived |

  Duplicates come only from a chunk fluentd took but whose ack did not come back, and from
  a fluent-bit restart (above); none occurred in these outages. At the rig's saturation
  (eight unpaced clients, 3.9–4.7k requests/s, nginx, fluent-bit and the clients on the same
  2 cores) the day files lost 108 and 337 lines with the receiver up throughout, and 321 and
  10,500 across a 30 s outage (the last while another job loaded the machine, with losses
  before the outage began too): the outage is not the cause, CPU is. Every such line was
  warned by nginx (\`send() to syslog failed\`) and so counted in
  \`accesslog_nginx_lines_not_handed_over_total\`: give fluent-bit the CPU for the peak.
- **Sizing the buffer.** \`fluentBit.storageLimit\` must hold the longest outage to ride out:
  requests/s per pod × seconds × bytes per record. A record holds nginx's JSON line and its
  decoded fields: in the 1M outage above about 920 records of the outage survived, so
  about 1 KB per record with the default fields, and the default 512M holds about 8
  minutes at 1,000 requests/s. The emptyDir's \`sizeLimit\` is the same value, so the node
  evicts nothing for it.
  Measured in the same outages: the buffer on disk peaked at 20–22 MB in the 30 s outage
  with the default limit and at 0.9 MB with 1M (the limit holds), fluent-bit's resident
  memory at 37–40 MB and 18–19 MB.

### Security

nginx (uid 101) and fluent-bit (uid 65532) run as non-root with read-only root filesystems,
no capabilities and the RuntimeDefault seccomp profile. Two init containers run as root,
each only when its value asks for it: \`prepare-log-dir\` (only \`CAP_CHOWN\`, creates
\`<hostPath>/${OWN_OUTPUT_DIR}\` and gives that directory, never the hostPath itself, to
fluent-bit's user; \`accessLog.output.prepareHostPath\`, on by default because the kubelet
creates a missing hostPath owned by root) and \`raise-dgram-queue\`
(privileged, with \`kernelQueue.method\` \`initContainer\`, which \`auto\` picks in injection
mode; see the socket's queue above).
The render refuses a hostPath that is a system directory of the node (\`/etc\`, \`/usr\`,
\`/run\`, \`/var/lib/kubelet\`, \`/var/log/pods\` and the like, with everything below them,
and \`/var\`, \`/var/log\`, \`/var/lib\`, \`/opt\`, \`/home\`, \`/tmp\` themselves): the pod
mounts the hostPath writable.

#### OpenShift (\`platform: openshift\`)

OpenShift's restricted SCCs assign each pod's users, fsGroup and SELinux level from its
namespace's ranges and refuse fixed ones, root and privileged containers, and hostPath
volumes. With \`platform: openshift\`:

- nginx and fluent-bit get no \`runAsUser\`/\`runAsGroup\` and the pod no \`fsGroup\`: OpenShift
  assigns them. The socket's emptyDir takes the assigned fsGroup, which nginx and fluent-bit
  both have, so the 0660 socket works whichever users they get; istio-proxy gets its user
  from Istio's injector (the top of the namespace's range).
- The chart creates a SecurityContextConstraints, OpenShift's \`restricted-v2\` with hostPath
  volumes added (and \`net.unix.max_dgram_qlen\` when a pod sysctl raises the queue), named
  \`<namespace>-<full name>\`, and lets the gateway's ServiceAccount \`use\` it through a
  ClusterRole and a RoleBinding in the release's namespace. Creating an SCC takes a cluster
  administrator: \`openshift.securityContextConstraints.create: false\` with a \`name\` grants an
  existing one instead, and with no name grants nothing (an administrator binds one).
- Root init containers are refused: set \`accessLog.output.prepareHostPath: false\` and create
  \`<hostPath>/${OWN_OUTPUT_DIR}\` on every node, owned by root, writable by group 0 (OpenShift
  runs every container in group 0) and of SELinux type \`container_file_t\`, for example with a
  MachineConfig. fluent-bit's day files are then written by the assigned user in group 0.
- \`kernelQueue.method: auto\` means a pod sysctl (the privileged init container is refused):
  the kubelets must allow \`net.unix.max_dgram_qlen\` (a KubeletConfig's
  \`allowedUnsafeSysctls\`), and in injection mode istiod's \`values.gateways.securityContext\`
  must carry it, acknowledged with \`kernelQueue.podSysctlSurvivesInjection: true\`.
- IstioOperator mode is refused: istioctl renders the ServiceAccount the grant would name.

The data-path tests run nginx and fluent-bit as different arbitrary users (1000680000 and
1000680007, group 0, fsGroup 1000680000) on this rendering: every line crosses the socket by
the group alone, and real fluent-bit writes the day files into a root-owned, group-0-writable
node directory.

LTSV has no escaping. Client-controlled fields (\`truncate: true\`, cookies, request
headers) are cut at their first tab and capped at \`accessLog.maxFieldLength\` bytes on a
UTF-8 character boundary, so a crafted header cannot add LTSV labels; give a field you add
from client input \`truncate: true\` for the same protection. A client that sends invalid
UTF-8 (a raw 0xFF byte in a header) gets it into the JSON line unchanged.

### Coming from the official istio/gateway chart

Each value the official chart reads (Istio 1.28 to 1.30 and master) and the value that does
its job here. A value that cannot work with nginx in front fails the render with a message
saying why.

${OFFICIAL_VALUES_TABLE}

### Upgrading

- Configuration changes roll the pods (checksums of both ConfigMaps are pod annotations);
  the rollout adds one pod before removing one (\`maxSurge: 1, maxUnavailable: 0\`), so log
  capacity does not dip.
- The Deployment's selector is the chart's name and instance labels, never
  \`gateway.selectorLabels\`: changing those labels re-targets Istio Gateways without
  orphaning pods.
- fluent-bit must be 5.1 or later: per-day paths use record accessors in the file output.
- **Switching \`accessLog.source\` replaces every pod, and is not seamless.** The pod template
  changes (the nginx container and its volumes come or go, istio-proxy gains or loses the
  bootstrap override), so the Deployment rolls (istioctl in IstioOperator mode), which is also
  the only way the change can take effect: Envoy reads \`ISTIO_BOOTSTRAP_OVERRIDE\` and so the
  logger's cluster only when istio-proxy starts. The Service's target port and the
  EnvoyFilter change at once, for the old pods too. nginx → envoy: the old pods are reached on
  Envoy directly, unlogged, and reject the EnvoyFilter's listener update (their bootstrap has
  no \`accesslog_fluent_bit\` cluster) until they are replaced. envoy → nginx: the old pods have
  no nginx, so connections sent to nginx's port on them are refused until they are replaced.
  Switch in a quiet window, or install a second release with the other source and move the
  traffic across.
- From 0.4.0, **the files move one directory down**, to \`<hostPath>/${OWN_OUTPUT_DIR}/\`
  (\`/var/log/ingressgateway-accesslog/${OWN_OUTPUT_DIR}/YYYY-MM-DD/access.log\` by default):
  \`prepare-log-dir\` no longer changes the owner and mode of the hostPath itself, which may
  be a directory of the node's, only of a directory the chart creates for itself. Point the
  node's collector at the new directory before upgrading (or at both while old pods drain);
  files written before the upgrade stay where they are. A hostPath that is a system
  directory (\`/var/log\`, \`/etc\`, …) now fails the render: choose a directory of its own.
- From 0.4.0, in injection mode:
  - the pods and the Service are labelled \`istio: <release name without "istio-">\` instead
    of \`istio: ingressgateway\`. **Gateways that select \`istio: ingressgateway\` stop
    matching this gateway on upgrade**: change their selector, or keep the old label with
    \`gateway.selectorLabels: {istio: ingressgateway}\` (which also binds the Gateways of a
    stock gateway with that label to this one);
  - \`kernelQueue.method\` defaults to \`auto\` (a privileged init container in injection
    mode); \`podSysctl\` there needs \`kernelQueue.podSysctlSurvivesInjection: true\`;
  - istio-proxy gets resources and a hardened securityContext by default.
- From 0.3.0, \`gateway.numTrustedProxies\` counts only the proxies in front of the pod (it was
  "including nginx", default 1; now default 0 and the chart adds nginx itself), and
  \`accessLog.requestHeaders\` are written in lower case (header names are case-insensitive;
  the lines are unchanged).
`;
