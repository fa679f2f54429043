// The table of the official istio/gateway chart's values (resources/official-gateway-values.ts)
// names only keys this chart's values schema has, and the README shows it.
import { describe, expect, it } from "vitest";
import { renderValuesSchema } from "../../compiler/index.ts";
import { OFFICIAL_GATEWAY_VALUES } from "../../resources/official-gateway-values.ts";
import { CHART_README } from "../../resources/readme.ts";
import { values } from "../../values-schema/index.ts";

type Schema = { properties?: Record<string, Schema> };

/** Whether values.schema.json has the dotted key (a property at each step). */
function schemaHas(schema: Schema, path: string): boolean {
  let node: Schema | undefined = schema;
  for (const key of path.split(".")) node = node?.properties?.[key];
  return node !== undefined;
}

/**
 * Every value the official chart's templates read (`.Values.<key>` in
 * manifests/charts/gateway/templates/*.yaml of istio/istio 1.28.9, 1.30.3 and master at
 * 86c9f01, 2026-08-22; each also in values.yaml or values.schema.json there), at the depth the
 * table names them. Written here from those files, not from the table under test. Left out:
 * what Istio's tooling sets, not a user (ownerName by istioctl, networkpolicy.yaml's owning-resource
 * label; defaults and compatibilityVersion by the profile mechanism, zzz_profile.yaml).
 */
const OFFICIAL_CHART_READS = [
  "additionalContainers", "affinity", "annotations", "autoscaling.autoscaleBehavior", "autoscaling.enabled", "autoscaling.maxReplicas", "autoscaling.minReplicas",
  "autoscaling.targetCPUUtilizationPercentage", "autoscaling.targetMemoryUtilizationPercentage", "containerSecurityContext", "dnsConfig", "dnsPolicy", "env", "envVarFrom",
  "global.networkPolicy.enabled", "imagePullPolicy", "imagePullSecrets", "initContainers", "kind", "labels", "lifecycle", "minReadySeconds", "name", "networkGateway",
  "networkGatewayPorts", "nodeSelector", "platform", "podAnnotations", "podDisruptionBudget", "priorityClassName", "rbac.enabled", "readinessProbe", "replicaCount", "resources",
  "revision", "securityContext", "service.allocateLoadBalancerNodePorts", "service.annotations", "service.clusterIP", "service.externalIPs", "service.externalTrafficPolicy",
  "service.healthCheckNodePort", "service.internalTrafficPolicy", "service.ipFamilies", "service.ipFamilyPolicy", "service.loadBalancerClass", "service.loadBalancerIP",
  "service.loadBalancerSourceRanges", "service.ports", "service.selectorLabels", "service.type", "serviceAccount.annotations", "serviceAccount.create", "serviceAccount.name",
  "strategy", "terminationGracePeriodSeconds", "tolerations", "topologySpreadConstraints", "volumeMounts", "volumes",
];
describe("the official istio/gateway values table", () => {
  const schema = renderValuesSchema(values) as Schema;

  it.each(OFFICIAL_GATEWAY_VALUES.filter((row) => row.ours !== null))("$official → $ours is a key of values.schema.json", ({ ours }) => {
    expect(schemaHas(schema, ours!)).toBe(true);
  });

  it("lists each official value once and says why where this chart has none", () => {
    const names = OFFICIAL_GATEWAY_VALUES.map((row) => row.official);
    expect(new Set(names).size).toBe(names.length);
    for (const row of OFFICIAL_GATEWAY_VALUES.filter((candidate) => candidate.ours === null)) expect(row.note, row.official).toBeTruthy();
  });

  it("lists every value the official chart's templates read, and only those", () => {
    // A row may add how the value is meant ("platform (profile openshift)").
    const listed = OFFICIAL_GATEWAY_VALUES.map((row) => row.official.split(" ")[0]!);
    expect([...listed].sort()).toEqual([...OFFICIAL_CHART_READS].sort());
  });

  it("is the README's table, row for row", () => {
    for (const { official, ours } of OFFICIAL_GATEWAY_VALUES) expect(CHART_README).toContain(`| \`${official}\` | ${ours === null ? "—" : `\`${ours}\``} |`);
  });
});
