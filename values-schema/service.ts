// The Service in front of the gateway pods.
import { z } from "zod";
import { labelValue, port, stringMap } from "./common.ts";

const servicePort = z
  .object({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).max(15).describe("Port name (IANA service name syntax)."),
    port: port.describe("Port the Service exposes."),
    targetPort: port.describe("Container port that receives it: nginx.listenPort for traffic, gateway.statusPort for load balancer health checks. With accessLog.source envoy a port aimed at nginx.listenPort goes to Envoy's nginx.upstream.port."),
    protocol: z.enum(["TCP", "UDP", "SCTP"]).optional().describe("Protocol of the port (TCP when unset)."),
    nodePort: z.number().int().min(1).max(65535).optional().describe("Fixed node port (NodePort and LoadBalancer Services)."),
    appProtocol: z
      .string()
      .regex(/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/)
      .max(63)
      .optional()
      .describe("Application protocol of the port (e.g. http, https, kubernetes.io/h2c), for load balancers that read it."),
  })
  .strict();

export const service = z
  .object({
    type: z.enum(["LoadBalancer", "NodePort", "ClusterIP", "None"]).default("LoadBalancer").describe('Service type; "None" renders no Service.'),
    annotations: stringMap.default({}).describe("Annotations of the Service (load balancer settings)."),
    labels: stringMap.default({}).describe("Extra labels of the Service."),
    externalTrafficPolicy: z.enum(["Cluster", "Local"]).optional().describe("Local keeps client source IPs and skips the extra hop (LoadBalancer, NodePort, or ClusterIP with externalIPs)."),
    loadBalancerIP: z.string().regex(/^[0-9a-fA-F.:]*$/).optional().describe("Requested load balancer address, where the provider supports it."),
    loadBalancerClass: z.string().min(1).optional().describe("Load balancer implementation (LoadBalancer only)."),
    healthCheckNodePort: z
      .number()
      .int()
      .min(1)
      .max(65535)
      .optional()
      .describe("Fixed node port of the load balancer's health check (LoadBalancer with externalTrafficPolicy Local only); unset for one Kubernetes assigns."),
    allocateLoadBalancerNodePorts: z.boolean().optional().describe("Whether a LoadBalancer Service gets node ports (false for load balancers that reach pods directly); unset for Kubernetes' default (true)."),
    clusterIP: z.string().regex(/^([0-9]{1,3}(\.[0-9]{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:]*)?$/).default("").describe("A fixed cluster IP; empty for one Kubernetes assigns."),
    externalIPs: z.array(z.string().regex(/^([0-9]{1,3}(\.[0-9]{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:]*)$/)).default([]).describe("Addresses outside the cluster that nodes route to this Service."),
    internalTrafficPolicy: z.enum(["Cluster", "Local"]).optional().describe("Local keeps traffic from inside the cluster on the node it came from; unset for Cluster."),
    ipFamilyPolicy: z.enum(["SingleStack", "PreferDualStack", "RequireDualStack"]).optional().describe("IPv4, IPv6 or both; unset for the cluster's default (SingleStack)."),
    ipFamilies: z.array(z.enum(["IPv4", "IPv6"])).max(2).default([]).describe("IP families of the Service, in order of preference; empty for the cluster's default."),
    selectorLabels: z
      .record(z.string(), labelValue)
      .default({})
      .describe("Labels added to the Service's selector (the official istio/gateway chart's service.selectorLabels). The pods must carry them too (gateway.podLabels or commonLabels), or the Service selects none; the chart's own selector labels keep their values."),
    loadBalancerSourceRanges: z.array(z.string().regex(/^[0-9a-fA-F.:]+\/[0-9]{1,3}$/)).default([]).describe("CIDRs allowed to reach a LoadBalancer Service."),
    ports: z
      .array(servicePort)
      .min(1)
      .default([
        { name: "status-port", port: 15021, targetPort: 15021 },
        { name: "http2", port: 80, targetPort: 8081 },
      ])
      .describe("Ports of the Service."),
  })
  .strict()
  .prefault({})
  .describe("The Service in front of the gateway pods.");
