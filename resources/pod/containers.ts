// The containers of the gateway pod. One definition each, shared by every mode that
// renders the pod (the Deployment now, IstioOperator overlays later).
import type { IContainer } from "kubernetes-models/v1/Container";
import { and, capabilities, each, eachEntry, gt, ifElse, ne, or, resource, spreadItems, toYaml, tpl, when, withValue, type Expr, type Templated } from "../../compiler/index.ts";
import {
  ENVOY_BOOTSTRAP_DIR, ENVOY_BOOTSTRAP_FILE, FLUENT_BIT_BUFFER_DIR, FLUENT_BIT_CONF, FLUENT_BIT_CONFIG_DIR, FLUENT_BIT_UID, FORWARD_CA_DIR, HOST_PATH_MOUNT, LOG_OUTPUT_DIR, NGINX_CLIENT_CA_DIR, NGINX_CONF, NGINX_TLS_DIR, OWN_OUTPUT_DIR, NGINX_CONFIG_DIR, NGINX_UID,
} from "../paths.ts";
import { ACCESSLOG_METRICS_PORT_NAME } from "../fluent-bit/config.ts";
import { envoySource, forwardsWithOwnCa, nginxSource } from "../modes.ts";
import { v } from "../values.ts";
import { imageReference } from "./images.ts";
import { restrictedSecurityContext } from "./security.ts";
import { certificateReloadScript } from "./nginx-tls-reload.ts";
import { clientCertificatesOn, NGINX_CLIENT_CA_VOLUME, nginxTlsVolumeName, VOLUMES } from "./volumes.ts";

export const NGINX_CONTAINER = "nginx";
export const FLUENT_BIT_CONTAINER = "fluent-bit";

/** Exits non-zero, saying why, when the pod's socket queue is below kernelQueue.maxDgramQlen. */
export const queueCheck = tpl`queue=$(cat /proc/sys/net/unix/max_dgram_qlen); [ "$queue" -ge ${v.kernelQueue.maxDgramQlen} ] || { echo "net.unix.max_dgram_qlen is $queue, not ${v.kernelQueue.maxDgramQlen}: the queue was not raised (see kernelQueue.method in the chart README: Istio's gateway injection replaces the pod's sysctls) and access-log lines would be lost under load"; exit 1; }`;

export const nginxContainer = (): Templated<IContainer> =>
  resource<IContainer>({
    name: NGINX_CONTAINER,
    image: imageReference(v.nginx.image),
    imagePullPolicy: v.nginx.image.pullPolicy,
    // nginx itself, not the image's entrypoint scripts (they rewrite /etc/nginx, read-only here);
    // with TLS, through the certificate watcher, which execs nginx (nginx-tls-reload.ts).
    command: ifElse(
      v.nginx.tls.enabled,
      [
        "sh",
        "-c",
        certificateReloadScript,
        // Stryker disable next-line StringLiteral: sh's $0, which only names the shell in its own error messages.
        "nginx",
      ],
      ["nginx"],
    ),
    args: ["-c", NGINX_CONF, "-g", "daemon off;"],
    ports: [
      { name: "http-nginx", containerPort: v.nginx.listenPort, protocol: "TCP" },
      ...when(v.nginx.tls.enabled, [{ name: "https-nginx", containerPort: v.nginx.tls.port, protocol: "TCP" as const }]),
      ...when(v.nginx.tls.offloadedPort, [{ name: "http-offloaded", containerPort: v.nginx.tls.offloadedPort, protocol: "TCP" as const }]),
      { name: "nginx-health", containerPort: v.nginx.healthPort, protocol: "TCP" },
    ],
    env: [{ name: "TZ", value: v.accessLog.timeZone }, ...spreadItems(v.nginx.extraEnv)],
    // The queue is set once, before fluent-bit binds; if something dropped the sysctl (Istio's
    // injection template replaces the pod's), lines would be lost without a sign. The check fails the start instead: the pod never becomes ready,
    // the rollout stops and the event names the cause.
    ...when(ne(v.kernelQueue.method, "none"), {
      startupProbe: { exec: { command: ["sh", "-c", queueCheck] }, periodSeconds: 2, failureThreshold: 3, timeoutSeconds: 2 },
    }),
    readinessProbe: { httpGet: { path: "/healthz", port: "nginx-health" }, periodSeconds: 5, failureThreshold: 2 },
    livenessProbe: { httpGet: { path: "/healthz", port: "nginx-health" }, periodSeconds: 10, failureThreshold: 6 },
    lifecycle: {
      // Keep serving while load balancers notice the pod is terminating; then the image's
      // stop signal (SIGQUIT) makes nginx finish its requests before it exits.
      preStop: { exec: { command: ["sleep", tpl`${v.nginx.preStopSleepSeconds}`] } },
    },
    resources: toYaml(v.nginx.resources),
    securityContext: restrictedSecurityContext(NGINX_UID, NGINX_UID),
    volumeMounts: [
      // Stryker disable next-line BooleanLiteral: the kubelet mounts configMap and Secret volumes read-only whatever readOnly says (pkg/kubelet/kubelet_pods.go, makeMounts: mustMountRO).
      { name: VOLUMES.nginxConfig, mountPath: NGINX_CONFIG_DIR, readOnly: true },
      { name: VOLUMES.nginxTmp, mountPath: v.nginx.tmpDirectory },
      { name: VOLUMES.socket, mountPath: v.accessLog.socketDirectory },
      ...when(
        v.nginx.tls.enabled,
        // Stryker disable next-line BooleanLiteral: read-only whatever readOnly says, as above.
        each(v.nginx.tls.certificates, (_certificate, index) => ({ name: nginxTlsVolumeName(index), mountPath: tpl`${NGINX_TLS_DIR}/${index}`, readOnly: true }), { as: "certificate" }),
      ),
      // Stryker disable next-line BooleanLiteral: read-only whatever readOnly says, as above.
      ...when(clientCertificatesOn, [{ name: NGINX_CLIENT_CA_VOLUME, mountPath: NGINX_CLIENT_CA_DIR, readOnly: true }]),
      ...spreadItems(v.nginx.extraVolumeMounts),
    ],
  });

const fluentBitBody = {
  name: FLUENT_BIT_CONTAINER,
  image: imageReference(v.fluentBit.image),
  imagePullPolicy: v.fluentBit.image.pullPolicy,
  args: ["-c", FLUENT_BIT_CONF],
  ports: [
    { name: "fluent-bit-http", containerPort: v.fluentBit.httpPort, protocol: "TCP" as const },
    ...when(nginxSource, [{ name: ACCESSLOG_METRICS_PORT_NAME, containerPort: v.fluentBit.metricsPort, protocol: "TCP" as const }]),
  ],
  env: [
    { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
    // The Lua filter of Envoy mode prints times and days in this zone, as nginx does.
    { name: "TZ", value: v.accessLog.timeZone },
    ...withValue(v.accessLog.forward.sharedKeySecret.name, (secretName) => [
      { name: "FORWARD_SHARED_KEY", valueFrom: { secretKeyRef: { name: secretName, key: v.accessLog.forward.sharedKeySecret.key } } },
    ]),
    ...spreadItems(v.fluentBit.extraEnv),
  ],
  livenessProbe: { httpGet: { path: "/api/v1/health", port: "fluent-bit-http" }, periodSeconds: 10, failureThreshold: 6 },
  resources: toYaml(v.fluentBit.resources),
  securityContext: restrictedSecurityContext(FLUENT_BIT_UID, FLUENT_BIT_UID),
  volumeMounts: [
    // Stryker disable next-line BooleanLiteral: the kubelet mounts configMap and Secret volumes read-only whatever readOnly says (pkg/kubelet/kubelet_pods.go, makeMounts: mustMountRO).
    { name: VOLUMES.fluentBitConfig, mountPath: FLUENT_BIT_CONFIG_DIR, readOnly: true },
    { name: VOLUMES.fluentBitBuffer, mountPath: FLUENT_BIT_BUFFER_DIR },
    { name: VOLUMES.output, mountPath: HOST_PATH_MOUNT },
    ...when(nginxSource, [{ name: VOLUMES.socket, mountPath: v.accessLog.socketDirectory }]),
    // Stryker disable next-line BooleanLiteral: read-only whatever readOnly says, as above.
    ...when(forwardsWithOwnCa, [{ name: VOLUMES.forwardCa, mountPath: FORWARD_CA_DIR, readOnly: true }]),
    ...spreadItems(v.fluentBit.extraVolumeMounts),
  ],
};

/**
 * fluent-bit as a native sidecar: an init container that keeps running. The kubelet
 * starts it, waits for its startup probe (socket bound, HTTP up), then starts nginx; at
 * shutdown it stops only after nginx has exited, so no line is sent to a closed socket.
 */
export const fluentBitNativeSidecar = (): Templated<IContainer> =>
  resource<IContainer>({
    ...fluentBitBody,
    restartPolicy: "Always",
    startupProbe: { httpGet: { path: "/api/v1/health", port: "fluent-bit-http" }, periodSeconds: 1, failureThreshold: 60 },
  });

/**
 * fluent-bit as a regular container (clusters before Kubernetes 1.29). The kubelet does
 * not order regular containers, so on Kubernetes 1.30+ a preStop sleep keeps fluent-bit
 * reading while nginx drains; the image has no shell for an exec sleep on older clusters.
 */
export const fluentBitContainer = (): Templated<IContainer> =>
  resource<IContainer>({
    ...fluentBitBody,
    readinessProbe: { httpGet: { path: "/api/v1/health", port: "fluent-bit-http" }, periodSeconds: 5 },
    ...when(capabilities.kubeVersionAtLeast(1, 30), { lifecycle: { preStop: { sleep: { seconds: v.gateway.drainSeconds } } } }),
  });

/** Raises net.unix.max_dgram_qlen in the pod's network namespace before fluent-bit binds. */
export const sysctlInitContainer = (): Templated<IContainer> =>
  resource<IContainer>({
    name: "raise-dgram-queue",
    image: tpl`${v.kernelQueue.initContainerImage.repository}:${v.kernelQueue.initContainerImage.tag}`,
    command: ["sysctl", "-w", tpl`net.unix.max_dgram_qlen=${v.kernelQueue.maxDgramQlen}`],
    // The documented exception (kernelQueue.method: initContainer): sysctl needs privileges.
    securityContext: { privileged: true, runAsUser: 0, runAsNonRoot: false },
    resources: { requests: { cpu: "10m", memory: "8Mi" }, limits: { memory: "32Mi" } },
  });

/**
 * Makes the chart's own directory below the hostPath and gives it to fluent-bit's non-root
 * user: the kubelet creates a missing hostPath owned by root, where a non-root process
 * cannot write. It never touches the hostPath itself, which may be a directory of the
 * node's, and refuses a symbolic link in place of its directory, which chown would follow.
 * Root, but only with CAP_CHOWN, and only when accessLog.output.prepareHostPath is on.
 */
const prepareLogDirScript = [
  "set -e",
  `dir=${LOG_OUTPUT_DIR}`,
  `if [ -L "$dir" ]; then echo "$dir (<accessLog.output.hostPath>/${OWN_OUTPUT_DIR} on the node) is a symbolic link: remove it; the chart prepares only a directory of its own" >&2; exit 1; fi`,
  // Mode before owner: with CAP_CHOWN alone root may chmod only what it owns (no CAP_FOWNER),
  // so chmod after chown failed with EPERM. A directory that exists is already fluent-bit's.
  '[ -d "$dir" ] || mkdir -m 0775 "$dir"',
  'chown "$OWNER" "$dir"',
].join("; ");

export const prepareLogDirContainer = (): Templated<IContainer> =>
  resource<IContainer>({
    name: "prepare-log-dir",
    image: tpl`${v.kernelQueue.initContainerImage.repository}:${v.kernelQueue.initContainerImage.tag}`,
    command: ["sh", "-c", prepareLogDirScript],
    env: [{ name: "OWNER", value: tpl`${FLUENT_BIT_UID}:${v.accessLog.socketGroupId}` }],
    securityContext: {
      runAsUser: 0,
      runAsNonRoot: false,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"], add: ["CHOWN"] },
    },
    resources: { requests: { cpu: "10m", memory: "8Mi" }, limits: { memory: "32Mi" } },
    volumeMounts: [{ name: VOLUMES.output, mountPath: HOST_PATH_MOUNT }],
  });

/** pilot-agent's MINIMUM_DRAIN_DURATION when unset (pilot/cmd/pilot-agent/options/options.go). */
export const ISTIO_MINIMUM_DRAIN_SECONDS = 5;

/** Settings of the gateway's own Envoy container, in either install mode. */
export const istioProxyEnv = () => [
  // Exit as soon as the clients (nginx, or the load balancer's) have closed their connections during drain.
  { name: "EXIT_ON_ZERO_ACTIVE_CONNECTIONS", value: "true" },
  // pilot-agent counts connections only after this (default 5 s; pkg/envoy/agent.go, terminate):
  // nginx accepts requests for its whole preStop sleep, at times with none open to Envoy.
  // Never below Istio's default, which covers requests nginx has read but not yet passed on.
  ...when(and(nginxSource, gt(v.nginx.preStopSleepSeconds, ISTIO_MINIMUM_DRAIN_SECONDS)), [
    { name: "MINIMUM_DRAIN_DURATION", value: tpl`${v.nginx.preStopSleepSeconds}s` },
  ]),
  // Envoy's fluentd logger only sends to a cluster of the bootstrap (envoyproxy/envoy#36511).
  ...when(envoySource, [{ name: "ISTIO_BOOTSTRAP_OVERRIDE", value: `${ENVOY_BOOTSTRAP_DIR}/${ENVOY_BOOTSTRAP_FILE}` }]),
  ...eachEntry(v.gateway.proxyEnv, (name, value) => [{ name, value }], { as: ["name", "value"] }),
  ...spreadItems(v.gateway.proxyEnvFrom),
];

/** Mounts added to istio-proxy (accessLog.source envoy). */
// Stryker disable next-line BooleanLiteral: the kubelet mounts configMap and Secret volumes read-only whatever readOnly says (pkg/kubelet/kubelet_pods.go, makeMounts: mustMountRO).
export const istioProxyVolumeMounts = () => [{ name: VOLUMES.envoyBootstrap, mountPath: ENVOY_BOOTSTRAP_DIR, readOnly: true }];

/** Envoy, injected by Istio's gateway template: `image: auto` is replaced at admission. */
export const istioProxyContainer = (): Templated<IContainer> =>
  resource<IContainer>({
    name: "istio-proxy",
    image: "auto",
    ports: [{ name: "http-envoy-prom", containerPort: 15090, protocol: "TCP" }],
    // withValue renders only a non-empty policy, which the enum's other members are.
    ...withValue(v.gateway.proxyImagePullPolicy, (policy) => ({ imagePullPolicy: policy as Expr<"IfNotPresent" | "Always" | "Never"> })),
    env: istioProxyEnv(),
    ...when(or(envoySource, v.gateway.proxyVolumeMounts), {
      volumeMounts: [...when(envoySource, istioProxyVolumeMounts()), ...spreadItems(v.gateway.proxyVolumeMounts)],
    }),
    ...withValue(v.gateway.proxyResources, (r) => ({ resources: toYaml(r) })),
    // Merged by the injector over the template's runAsUser/runAsGroup (reapplyOverwrittenContainers).
    ...withValue(v.gateway.proxySecurityContext, (context) => ({ securityContext: toYaml(context) })),
    // Both replace what Istio's template writes (the pod's istio-proxy is patched back on top).
    ...withValue(v.gateway.proxyReadinessProbe, (probe) => ({ readinessProbe: toYaml(probe) })),
    ...withValue(v.gateway.proxyLifecycle, (lifecycle) => ({ lifecycle: toYaml(lifecycle) })),
  });

