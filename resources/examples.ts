// Example values files, shipped in chart/examples/. Typed by the values schema, and parsed
// by it at compile time, so an example can never drift from the chart.
import { stringify } from "yaml";
import type { z } from "zod";
import { defineCheck } from "../compiler/index.ts";
import { values } from "../values-schema/index.ts";
import { DEFAULT_FIELDS } from "../values-schema/access-log.ts";
import { CHART_NAME } from "./values.ts";

type ValuesInput = z.input<typeof values>;

interface Example {
  readonly name: string;
  readonly description: string;
  readonly values: ValuesInput;
  /** How to use it, when not a plain `helm install -f`. */
  readonly usage?: string;
  /** Also a chart-testing values file (ct installs the release and runs `helm test`). */
  readonly chartTesting?: boolean;
}

export const EXAMPLES: readonly Example[] = [
  {
    name: "minimal",
    description: "One replica for a test cluster: no disruption budget (it would block drains with one pod), no PodMonitor.",
    values: {
      gateway: { replicaCount: 1 },
      service: { type: "ClusterIP" },
      metrics: { podMonitor: { enabled: false } },
    },
  },
  {
    name: "production-multi-zone",
    description: "Production: autoscaled across zones, client IPs kept, sized for about 20k requests/s per pod.",
    values: {
      gateway: {
        autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 12, targetCPUUtilizationPercentage: 60 },
        podDisruptionBudget: { maxUnavailable: 1 },
        // Spread this chart's pods: in injection mode their `istio` label is the release's
        // (`istio: <release>`), so `istio: ingressgateway` would select none and spread nothing.
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: "topology.kubernetes.io/zone",
            whenUnsatisfiable: "DoNotSchedule",
            labelSelector: { matchLabels: { "app.kubernetes.io/name": CHART_NAME } },
          },
          {
            maxSkew: 1,
            topologyKey: "kubernetes.io/hostname",
            whenUnsatisfiable: "ScheduleAnyway",
            labelSelector: { matchLabels: { "app.kubernetes.io/name": CHART_NAME } },
          },
        ],
        priorityClassName: "system-cluster-critical",
        proxyResources: { requests: { cpu: "1", memory: "512Mi" }, limits: { memory: "1Gi" } },
      },
      service: {
        externalTrafficPolicy: "Local",
        annotations: { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb" },
      },
      nginx: {
        workerProcesses: 4,
        realIp: { trustedCidrs: ["10.0.0.0/8"] },
        resources: { requests: { cpu: "500m", memory: "128Mi" }, limits: { memory: "512Mi" } },
      },
      fluentBit: {
        // About 12-20 µs of CPU per line: 20k lines/s needs roughly 0.3-0.4 CPU, with headroom.
        resources: { requests: { cpu: "500m", memory: "128Mi" }, limits: { memory: "512Mi" } },
      },
      accessLog: { cookies: ["session_id"], requestHeaders: ["x-request-id"] },
      networkPolicy: { enabled: true },
    },
  },
  {
    name: "forward-to-fluentd",
    description: "Files on the node and every line forwarded to fluentd over TLS (its certificate verified against the cluster's own CA) with a shared key from a Secret.",
    values: {
      accessLog: {
        forward: {
          enabled: true,
          host: "fluentd.logging.svc.cluster.local",
          port: 24224,
          tls: { enabled: true, verify: true, caSecret: { name: "fluentd-ca", key: "ca.crt" } },
          sharedKeySecret: { name: "fluentd-shared-key", key: "shared-key" },
        },
      },
    },
  },
  {
    name: "no-sysctl-cluster",
    description: "Clusters whose kubelets do not allow net.unix.max_dgram_qlen: a privileged init container raises it instead.",
    values: {
      kernelQueue: { method: "initContainer", maxDgramQlen: 4096 },
    },
  },
  {
    name: "openshift",
    description:
      "OpenShift: no fixed users, groups or fsGroup (the namespace's ranges assign them), an SCC that is restricted-v2 plus hostPath, the node directory prepared by the nodes (group 0 writable, container_file_t), and the socket queue raised by a pod sysctl that istiod's values.gateways.securityContext carries and the kubelets allow.",
    // ct installs on a plain cluster, which has no SecurityContextConstraints kind.
    chartTesting: false,
    values: {
      platform: "openshift",
      accessLog: { output: { prepareHostPath: false } },
      kernelQueue: { podSysctlSurvivesInjection: true },
    },
  },
  {
    name: "envoy-access-log",
    description: "No nginx hop: the gateway's own Envoy streams each request to fluent-bit (accessLog.source envoy), same per-day files and fields.",
    values: {
      accessLog: { source: "envoy", cookies: ["session_id"], envoy: { bufferSizeBytes: 131072, flushInterval: "1s" } },
      gateway: { numTrustedProxies: 1 },
    },
  },
  {
    name: "https-at-nginx",
    description:
      "HTTPS ended at nginx: two cert-manager certificates chosen by SNI (the first is the default), plain HTTP redirected, the TLS version, cipher and server name in every log line. The Secrets must exist in the release's namespace; renewals are picked up by a graceful nginx reload.",
    // ct would install without the TLS Secrets, so nginx could not start.
    chartTesting: false,
    values: {
      nginx: {
        tls: {
          enabled: true,
          redirectHttp: true,
          certificates: [
            { secretName: "example-com-tls", hosts: ["example.com", "www.example.com"] },
            { secretName: "api-example-org-tls", hosts: ["*.api.example.org"] },
          ],
        },
      },
      accessLog: {
        fields: [
          ...DEFAULT_FIELDS,
          { name: "tls_protocol", nginx: "$ssl_protocol" },
          { name: "tls_cipher", nginx: "$ssl_cipher" },
          { name: "sni", nginx: "$ssl_server_name" },
        ],
      },
    },
  },
  {
    name: "istio-operator",
    description: "Clusters that install gateways with istioctl: an IstioOperator for Istio 1.28 whose overlays add the same sidecars (gateway.mode istioOperator).",
    usage: [
      "helm upgrade --install gw ./chart -n istio-ingress -f chart/examples/istio-operator.yaml --set istioOperator.render=false",
      "helm template gw ./chart -n istio-ingress -f chart/examples/istio-operator.yaml --show-only templates/istio-operator.yaml > gw-iop.yaml",
      "istioctl install -f gw-iop.yaml -y",
    ].join("\n# "),
    // ct would apply the IstioOperator itself, which needs istioctl, not kubectl.
    chartTesting: false,
    values: {
      gateway: { mode: "istioOperator", replicaCount: 3 },
      istioOperator: { istioVersion: "1.28" },
      service: { annotations: { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb" } },
    },
  },
];

/** Every example satisfies the values schema, checked by the compiler rather than at install. */
export const examplesSatisfyTheSchema = defineCheck(() =>
  EXAMPLES.flatMap((example) => {
    const parsed = values.safeParse(example.values);
    return parsed.success ? [] : [`example ${example.name} does not satisfy the values schema: ${parsed.error.message}`];
  }),
);

/** chart/examples/<name>.yaml and chart/ci/<name>-values.yaml. */
export function exampleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const example of EXAMPLES) {
    const usage = example.usage ?? `helm install gw ./chart -f chart/examples/${example.name}.yaml`;
    files[`examples/${example.name}.yaml`] = `# ${example.description}\n# ${usage}\n${stringify(example.values, { lineWidth: 0 })}`;
    // chart-testing (ct install/lint) renders the chart once per ci/*-values.yaml.
    if (example.chartTesting !== false) files[`ci/${example.name}-values.yaml`] = `# ${example.description}\n${stringify(example.values, { lineWidth: 0 })}`;
  }
  return files;
}
