import { defaultTo, defineTemplate, each, ne, spreadYaml, toYaml, when, withValue } from "../compiler/index.ts";
import { helpers, v } from "./values.ts";

export const service = defineTemplate(
  "service.yaml",
  () => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: helpers.fullname,
      labels: { ...helpers.labels.spread(), ...spreadYaml(v.gateway.selectorLabels) },
      ...withValue(v.service.annotations, (annotations) => ({ annotations: toYaml(annotations) })),
    },
    spec: {
      type: v.service.type,
      ...withValue(v.service.externalTrafficPolicy, (policy) => ({ externalTrafficPolicy: policy })),
      ...withValue(v.service.loadBalancerSourceRanges, (ranges) => ({ loadBalancerSourceRanges: toYaml(ranges) })),
      selector: { ...helpers.selectorLabels.spread(), ...spreadYaml(v.gateway.selectorLabels) },
      ports: each(v.service.ports, (port) => ({
        name: port.name,
        port: port.port,
        targetPort: port.targetPort,
        protocol: defaultTo(port.protocol, "TCP"),
      })),
    },
  }),
  { when: ne(v.service.type, "None") },
);
