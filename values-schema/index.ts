// The chart's values: the one source of values.yaml, values.schema.json and the README's
// values table. Every object the chart owns is strict, so a typo in a per-cluster values
// file fails `helm install` instead of being ignored.
import { z } from "zod";

const port = z.number().int().min(1).max(65535);
/** Kubernetes label values: at most 63 characters of [A-Za-z0-9_.-], alphanumeric at both ends. */
const labelValue = z.string().max(63).regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/);
const stringMap = z.record(z.string(), z.string());

const servicePort = z
  .object({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).max(15).describe("Port name (IANA service name syntax)."),
    port: port.describe("Port the Service exposes."),
    targetPort: port.describe("Container port of nginx that receives this port's traffic."),
    protocol: z.enum(["TCP", "UDP", "SCTP"]).optional().describe("Protocol of the port (TCP when unset)."),
  })
  .strict();

export const values = z
  .object({
    nameOverride: z.string().max(63).default("").describe("Overrides the chart name in resource names."),
    fullnameOverride: z.string().max(63).default("").describe("Overrides the full name of every resource."),
    gateway: z
      .object({
        selectorLabels: z
          .record(z.string(), labelValue)
          .default({ istio: "ingressgateway" })
          .describe("Labels that Istio Gateway resources select this gateway by (Gateway.spec.selector)."),
      })
      .strict()
      .prefault({})
      .describe("The Istio ingress gateway."),
    service: z
      .object({
        type: z.enum(["LoadBalancer", "NodePort", "ClusterIP", "None"]).default("LoadBalancer").describe('Service type; "None" renders no Service.'),
        annotations: stringMap.default({}).describe("Annotations of the Service (load balancer settings)."),
        externalTrafficPolicy: z.enum(["Cluster", "Local"]).optional().describe("Set Local to keep client source IPs (LoadBalancer/NodePort only)."),
        loadBalancerSourceRanges: z.array(z.string()).default([]).describe("CIDRs allowed to reach a LoadBalancer Service."),
        ports: z
          .array(servicePort)
          .default([
            { name: "http2", port: 80, targetPort: 8080, protocol: "TCP" },
            { name: "https", port: 443, targetPort: 8443, protocol: "TCP" },
          ])
          .describe("Ports of the Service; each targets an nginx listen port."),
      })
      .strict()
      .prefault({})
      .describe("The Service in front of the gateway pods."),
    nginx: z
      .object({
        workerProcesses: z.number().int().min(1).max(64).default(2).describe("nginx worker processes; each adds a syslog send buffer (see FACTS on socket loss)."),
        workerConnections: z.number().int().min(64).max(1048576).default(4096).describe("Connections per nginx worker."),
        clientMaxBodySize: z.string().regex(/^[0-9]+[kKmMgG]?$/).default("10m").describe("Largest request body nginx accepts (nginx size syntax)."),
        httpSnippet: z.string().default("").describe("Extra nginx configuration inside the http block."),
      })
      .strict()
      .prefault({})
      .describe("The nginx sidecar that receives outside traffic and writes the access log."),
    podAnnotations: stringMap.default({}).describe("Annotations added to the gateway pods."),
  })
  .strict();

export type Values = z.output<typeof values>;
