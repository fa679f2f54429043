// A NetworkPolicy for the gateway pods (the official istio/gateway chart's
// global.networkPolicy.enabled): traffic in only to the ports something outside the pod
// reaches, everything out (istiod, upstream services, fluentd).
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { and, defaultTo, defineTemplate, each, resource, when, type ExprLike } from "../compiler/index.ts";
import { gatewayPodSelector, nginxSource } from "./modes.ts";
import { resourceMetadata } from "./metadata.ts";
import { serviceTargetPort } from "./service.ts";
import { helpers, v } from "./values.ts";

/** Istio's pilot-agent merged metrics (prometheus.io/port) and Envoy's own. */
const ISTIO_METRICS_PORTS = [15020, 15090];

const tcp = (port: ExprLike<number>) => ({ ports: [{ protocol: "TCP" as const, port }] });

export const networkPolicy = defineTemplate(
  "networkpolicy.yaml",
  () =>
    resource<INetworkPolicy>({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: resourceMetadata(helpers.fullname),
      spec: {
        podSelector: { matchLabels: gatewayPodSelector() },
        // Stryker disable next-line ArrayDeclaration: the API server defaults an empty list to these two, Egress because egress rules are given (pkg/apis/networking/v1/defaults.go, SetDefaults_NetworkPolicy); written out for the reader.
        policyTypes: ["Ingress", "Egress"],
        ingress: [
          // Load balancers' health checks.
          tcp(v.gateway.statusPort),
          // Prometheus: Istio's and Envoy's metrics, fluent-bit's and the access log's counters.
          ...ISTIO_METRICS_PORTS.map((port) => tcp(port)),
          tcp(v.fluentBit.httpPort),
          ...when(nginxSource, [tcp(v.fluentBit.metricsPort)]),
          // What the Service sends: nginx (or Envoy in Envoy mode), and nginx's HTTPS port.
          ...each(v.service.ports, (port) => ({ ports: [{ protocol: defaultTo(port.protocol, "TCP"), port: serviceTargetPort(port) }] })),
          ...when(and(nginxSource, v.nginx.tls.enabled), [tcp(v.nginx.tls.port)]),
        ],
        egress: [{}],
      },
    }),
  { when: v.networkPolicy.enabled },
);
