// What the chart's RBAC and OpenShift SCC let the gateway do, asked as the API server, istiod
// and OpenShift's SCC admission ask it (test/support/rbac-authorizer.ts and openshift-scc.ts
// cite the sources): whether istiod may hand the gateway the TLS Secrets of its namespace,
// whether the gateway's pods may be admitted under the chart's SCC, and how far that SCC
// reaches beyond restricted-v2.
import { describe, expect, it } from "vitest";
import { DEFAULT_RENDER, renderOrThrow, type Rendered } from "../../compiler/testing/render.ts";
import { helmBinaries } from "../../helm/run.ts";
import chartDefinition from "../../resources/index.ts";
import { compileToDirectory } from "../support/differential.ts";
import { RESTRICTED_V2, sccUsableBy, validateSecurityContextConstraints } from "../support/openshift-scc.ts";
import { rbacAllows, rbacObjects, rbacProblems } from "../support/rbac-authorizer.ts";
import { podSpecOf } from "../support/rendered-pod.ts";

const { dir } = compileToDirectory(chartDefinition);
const helm = helmBinaries()[0]!;
const NAMESPACE = DEFAULT_RENDER.namespace;
const OPENSHIFT = { platform: "openshift", accessLog: { output: { prepareHostPath: false } }, kernelQueue: { podSysctlSurvivesInjection: true } };

const render = (values: Record<string, unknown>) =>
  renderOrThrow(helm, dir, values, { ...DEFAULT_RENDER, apiVersions: ["security.openshift.io/v1"] });
const all = (rendered: Rendered): unknown[] => Object.values(rendered).flat();
/** The pod's ServiceAccount as a user; an unset name is "default", as the ServiceAccount admission plugin sets it (plugin/pkg/admission/serviceaccount/admission.go). */
const podServiceAccount = (rendered: Rendered) => {
  const serviceAccountName = podSpecOf(rendered).serviceAccountName || "default";
  return `system:serviceaccount:${NAMESPACE}:${serviceAccountName}`;
};
/** The groups the API server gives a ServiceAccount's token (serviceaccount.MakeGroupNames). */
const serviceAccountGroups = ["system:serviceaccounts", `system:serviceaccounts:${NAMESPACE}`, "system:authenticated"];

describe.each([
  { name: "the defaults", values: {} },
  { name: "a ServiceAccount named in the values", values: { gateway: { serviceAccount: { name: "edge-gateway" } } } },
  // The grant then goes to the namespace's default ServiceAccount, which the pods run as.
  { name: "no ServiceAccount created or named", values: { gateway: { serviceAccount: { create: false } } } },
  { name: "OpenShift", values: OPENSHIFT },
])("RBAC with $name", ({ values }) => {
  it("stores every Role and binding the chart renders", async () => {
    const objects = rbacObjects(all(await render(values)));
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.flatMap(rbacProblems)).toEqual([]);
  });

  it("lets istiod hand the gateway the TLS Secrets of its own namespace, and of no other", async () => {
    // istiod asks before it serves a Gateway's credentialName to a gateway pod: a
    // SubjectAccessReview for the pod's ServiceAccount, verb list, resource secrets, in the
    // pod's namespace (istio pilot/pkg/credentials/kube/secrets.go:190-215, Authorize, at 86c9f01).
    const rendered = await render(values);
    const request = { user: podServiceAccount(rendered), verb: "list", apiGroup: "", resource: "secrets", namespace: NAMESPACE };
    expect(rbacAllows(all(rendered), request, NAMESPACE)).toBe(true);
    expect(rbacAllows(all(rendered), { ...request, namespace: "elsewhere" }, NAMESPACE)).toBe(false);
    expect(rbacAllows(all(rendered), { ...request, user: `system:serviceaccount:${NAMESPACE}:someone-else` }, NAMESPACE)).toBe(false);
  });

  it("grants on Secrets what the official gateway chart's Role grants, and nothing else", async () => {
    // manifests/charts/gateway/templates/role.yaml at istio 86c9f01: apiGroups [""],
    // resources ["secrets"], verbs get, watch, list. Teams moving from that chart keep the grant.
    const rendered = await render(values);
    const user = podServiceAccount(rendered);
    const allowed = (verb: string, resource = "secrets") => rbacAllows(all(rendered), { user, verb, apiGroup: "", resource, namespace: NAMESPACE }, NAMESPACE);
    expect(["get", "watch", "list", "create", "update", "patch", "delete"].filter((verb) => allowed(verb))).toEqual(["get", "watch", "list"]);
    expect(allowed("get", "configmaps")).toBe(false);
  });
});

it("grants nothing with gateway.rbac.enabled false", async () => {
  const rendered = await render({ gateway: { rbac: { enabled: false } } });
  expect(rbacAllows(all(rendered), { user: podServiceAccount(rendered), verb: "list", apiGroup: "", resource: "secrets", namespace: NAMESPACE }, NAMESPACE)).toBe(false);
});

describe("OpenShift's SCC", () => {
  const scc = (rendered: Rendered) => rendered["openshift-scc.yaml"]![0] as Record<string, unknown> & { metadata: { name: string } };

  it("is stored, and the gateway's ServiceAccount may use it through the chart's grant alone", async () => {
    const rendered = await render(OPENSHIFT);
    expect(validateSecurityContextConstraints(scc(rendered))).toEqual([]);
    const mayUse = (name: string) => (request: { verb: string; apiGroup: string; resource: string; name: string }) =>
      rbacAllows(all(rendered), { ...request, user: name, groups: serviceAccountGroups, namespace: NAMESPACE }, NAMESPACE);
    const gateway = podServiceAccount(rendered);
    expect(sccUsableBy(scc(rendered), { name: gateway, groups: serviceAccountGroups }, mayUse(gateway))).toBe(true);
    // Any other account of the namespace, or of the cluster, is left to restricted-v2.
    const other = `system:serviceaccount:${NAMESPACE}:default`;
    expect(sccUsableBy(scc(rendered), { name: other, groups: serviceAccountGroups }, mayUse(other))).toBe(false);
  });

  it("names an existing SCC the chart does not create, and grants its use", async () => {
    const rendered = await render({ ...OPENSHIFT, openshift: { securityContextConstraints: { create: false, name: "hostpath-v2" } } });
    expect(rendered["openshift-scc.yaml"]).toBeUndefined();
    const gateway = podServiceAccount(rendered);
    const request = { user: gateway, verb: "use", apiGroup: "security.openshift.io", resource: "securitycontextconstraints", namespace: NAMESPACE };
    expect(rbacAllows(all(rendered), { ...request, name: "hostpath-v2" }, NAMESPACE)).toBe(true);
    expect(rbacAllows(all(rendered), { ...request, name: "privileged" }, NAMESPACE)).toBe(false);
  });

  it.each([
    { name: "with the kernel queue set by a pod sysctl", values: OPENSHIFT, sysctls: ["net.unix.max_dgram_qlen"] },
    { name: "with the kernel queue left alone", values: { ...OPENSHIFT, kernelQueue: { method: "none" } }, sysctls: undefined },
  ])("is restricted-v2 with the node directory added, $name", async ({ values, sysctls }) => {
    const { apiVersion, kind, metadata, volumes, allowHostDirVolumePlugin, allowedUnsafeSysctls, defaultAddCapabilities, ...rest } = scc(await render(values));
    expect([apiVersion, kind, metadata.name]).toEqual(["security.openshift.io/v1", "SecurityContextConstraints", `${NAMESPACE}-gw-ingressgateway-accesslog`]);
    const { volumes: restrictedVolumes, allowHostDirVolumePlugin: _, defaultAddCapabilities: restrictedDefaults, ...restricted } = RESTRICTED_V2;
    // Every other field as restricted-v2 has it: no user or group beyond the chart's grant, no
    // capability beyond NET_BIND_SERVICE, ALL dropped, no privilege, the runtime's seccomp
    // profile (the first listed is the one a pod without its own gets), the namespace's ranges.
    expect(rest).toEqual(restricted);
    expect(defaultAddCapabilities ?? []).toEqual(restrictedDefaults ?? []);
    // The one addition: hostPath, for the per-day files. csi and image, which restricted-v2
    // gained after OpenShift 4.11 (cluster-kube-apiserver-operator 7c69f56d5 and 79795a664),
    // are left out: the gateway's pod mounts neither.
    expect(allowHostDirVolumePlugin).toBe(true);
    expect(new Set(volumes as string[])).toEqual(new Set([...restrictedVolumes.filter((volume) => volume !== "csi" && volume !== "image"), "hostPath"]));
    expect(allowedUnsafeSysctls).toEqual(sysctls);
  });
});
