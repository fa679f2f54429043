// The example values files (chart/examples/) promise something in their first line: each is
// rendered through Helm and checked for what its description says, by Kubernetes' and the
// sidecars' own meaning of the rendered objects (a topology spread selects pods by label
// subset, a Secret volume's items name the file a key lands in). render.test.ts checks the
// same examples are valid objects and configs nginx accepts; this checks they are the right ones.
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_RENDER, renderOrThrow, type Rendered } from "../../compiler/testing/render.ts";
import { helmBinaries } from "../../helm/run.ts";
import chartDefinition from "../../resources/index.ts";
import { EXAMPLES, exampleFiles } from "../../resources/examples.ts";
import { sections } from "../datapath/rig/fluent-bit-conf.ts";
import { compileToDirectory } from "../support/differential.ts";
import { labelSelectorMatches } from "../support/label-selector.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const { dir } = compileToDirectory(chartDefinition);
const helm = helmBinaries()[0]!;
/** Both optional APIs present, so that what an example leaves out is its own doing. */
const CLUSTER = { ...DEFAULT_RENDER, apiVersions: ["monitoring.coreos.com/v1", "security.openshift.io/v1"] };

const one = (rendered: Rendered, template: string): Json => {
  const documents = rendered[template];
  if (documents?.length !== 1) throw new Error(`expected one document from ${template}, got ${documents?.length ?? 0}`);
  return documents[0] as Json;
};
const podSpec = (rendered: Rendered): IPodSpec => one(rendered, "deployment.yaml").spec.template.spec as IPodSpec;
const container = (spec: IPodSpec, name: string): IContainer => {
  const found = [...spec.containers, ...(spec.initContainers ?? [])].find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no container ${name}`);
  return found;
};
const nginxConf = (rendered: Rendered): string => one(rendered, "nginx-configmap.yaml").data["nginx.conf"] as string;
const fluentBitConf = (rendered: Rendered) => sections(one(rendered, "fluent-bit-configmap.yaml").data["fluent-bit.conf"] as string);
/** Where a key of a Secret lands in a container: the mount path, then the volume item's path (or the key's name). */
function secretKeyFile(spec: IPodSpec, containerName: string, secretName: string, key: string): string | undefined {
  const volume = spec.volumes?.find((candidate) => candidate.secret?.secretName === secretName);
  const mount = container(spec, containerName).volumeMounts?.find((candidate) => candidate.name === volume?.name);
  if (!volume || !mount) return undefined;
  const items = volume.secret!.items;
  const file = items ? items.find((item) => item.key === key)?.path : key;
  return file === undefined ? undefined : `${mount.mountPath}/${file}`;
}

/** What each example's description promises, in its order. A new example needs its own entry. */
const PROMISES: Record<string, (rendered: Rendered) => void> = {
  minimal: (rendered) => {
    expect(one(rendered, "deployment.yaml").spec.replicas).toBe(1);
    expect(one(rendered, "service.yaml").spec.type).toBe("ClusterIP");
    // "no disruption budget (it would block drains with one pod), no PodMonitor"
    expect(rendered["pdb.yaml"]).toBeUndefined();
    expect(rendered["podmonitor.yaml"]).toBeUndefined();
  },
  "production-multi-zone": (rendered) => {
    const deployment = one(rendered, "deployment.yaml");
    const hpa = one(rendered, "hpa.yaml").spec;
    expect([hpa.minReplicas, hpa.maxReplicas, hpa.metrics[0].resource]).toEqual([3, 12, { name: "cpu", target: { type: "Utilization", averageUtilization: 60 } }]);
    // The HPA owns the replica count: a Deployment that sets one fights it at every upgrade.
    expect(deployment.spec.replicas).toBeUndefined();
    expect(one(rendered, "pdb.yaml").spec.maxUnavailable).toBe(1);
    // Across zones: each constraint counts this gateway's own pods, which only a selector the pods match does.
    const constraints = deployment.spec.template.spec.topologySpreadConstraints as Json[];
    expect(constraints.map((constraint) => constraint.topologyKey)).toEqual(["topology.kubernetes.io/zone", "kubernetes.io/hostname"]);
    for (const constraint of constraints) expect(labelSelectorMatches(constraint.labelSelector, deployment.spec.template.metadata.labels), constraint.topologyKey).toBe(true);
    // ...and only them: an empty selector would count every pod of the namespace (topology spread).
    for (const constraint of constraints) expect(labelSelectorMatches(constraint.labelSelector, { app: "another-workload" }), constraint.topologyKey).toBe(false);
    // Client IPs kept: the load balancer does not SNAT to another node, and nginx takes the
    // address from X-Forwarded-For only from the trusted network.
    expect(one(rendered, "service.yaml").spec.externalTrafficPolicy).toBe("Local");
    expect(nginxConf(rendered)).toContain("set_real_ip_from 10.0.0.0/8;");
    expect(rendered["networkpolicy.yaml"]).toHaveLength(1);
    const spec = podSpec(rendered);
    expect(spec.priorityClassName).toBe("system-cluster-critical");
    expect(container(spec, "nginx").resources?.requests).toEqual({ cpu: "500m", memory: "128Mi" });
    expect(container(spec, "fluent-bit").resources?.requests).toEqual({ cpu: "500m", memory: "128Mi" });
    // "sized for about 20k requests/s per pod": Envoy and both sidecars with requests and memory limits.
    // (Helm merges the example's maps into the defaults: the default CPU limit stays.)
    expect(container(spec, "istio-proxy").resources).toMatchObject({ requests: { cpu: "1", memory: "512Mi" }, limits: { memory: "1Gi" } });
    for (const name of ["nginx", "fluent-bit"]) expect(container(spec, name).resources?.limits, name).toMatchObject({ memory: "512Mi" });
    // An AWS Network Load Balancer, which passes the client's address through with externalTrafficPolicy Local.
    expect(one(rendered, "service.yaml").metadata.annotations).toMatchObject({ "service.beta.kubernetes.io/aws-load-balancer-type": "nlb" });
    expect(nginxConf(rendered)).toMatch(/\$cookie_session_id/);
    expect(nginxConf(rendered)).toMatch(/\$http_x_request_id/);
  },
  "forward-to-fluentd": (rendered) => {
    const spec = podSpec(rendered);
    const forward = fluentBitConf(rendered).find((section) => section.kind === "OUTPUT" && section.entries.get("name") === "forward");
    expect(forward, "a forward output").toBeDefined();
    const setting = (key: string) => forward!.entries.get(key.toLowerCase());
    expect([setting("Host"), setting("Port"), setting("tls"), setting("tls.verify")]).toEqual(["fluentd.logging.svc.cluster.local", "24224", "On", "On"]);
    // Verified against the cluster's CA: the file fluent-bit reads is the Secret's key.
    expect(setting("tls.ca_file")).toBe(secretKeyFile(spec, "fluent-bit", "fluentd-ca", "ca.crt"));
    // The shared key from a Secret: fluent-bit expands ${FORWARD_SHARED_KEY} from its environment.
    expect(setting("Shared_Key")).toBe("${FORWARD_SHARED_KEY}");
    const env = container(spec, "fluent-bit").env?.find((variable) => variable.name === "FORWARD_SHARED_KEY");
    expect(env?.valueFrom?.secretKeyRef).toEqual({ name: "fluentd-shared-key", key: "shared-key" });
  },
  "no-sysctl-cluster": (rendered) => {
    const spec = podSpec(rendered);
    expect(spec.securityContext?.sysctls ?? []).toEqual([]);
    const raise = (spec.initContainers ?? []).find((candidate) => candidate.command?.includes("net.unix.max_dgram_qlen=4096"));
    expect(raise?.securityContext?.privileged).toBe(true);
    // Before fluent-bit binds the socket: the queue length is read at bind time.
    const names = (spec.initContainers ?? []).map((candidate) => candidate.name);
    expect(names.indexOf(raise!.name)).toBeLessThan(names.indexOf("fluent-bit") === -1 ? Infinity : names.indexOf("fluent-bit"));
  },
  openshift: (rendered) => {
    const spec = podSpec(rendered);
    // No fixed users, groups or fsGroup anywhere in the pod: the namespace's ranges assign them.
    const contexts = [spec.securityContext, ...[...spec.containers, ...(spec.initContainers ?? [])].map((candidate) => candidate.securityContext)];
    for (const context of contexts) for (const key of ["runAsUser", "runAsGroup", "fsGroup"]) expect(context ?? {}).not.toHaveProperty(key);
    expect(one(rendered, "openshift-scc.yaml").kind).toBe("SecurityContextConstraints");
    // The nodes prepare the directory: no root init container chowns it.
    expect((spec.initContainers ?? []).map((candidate) => candidate.name)).not.toContain("prepare-log-dir");
    expect(spec.securityContext?.sysctls).toEqual([{ name: "net.unix.max_dgram_qlen", value: "4096" }]);
  },
  "envoy-access-log": (rendered) => {
    const spec = podSpec(rendered);
    expect(spec.containers.map((candidate) => candidate.name)).not.toContain("nginx");
    expect(rendered["nginx-configmap.yaml"]).toBeUndefined();
    expect(one(rendered, "envoy-access-log.yaml").kind).toBe("EnvoyFilter");
    // Envoy's fluentd logger buffers up to 128 KiB and flushes every second (its own settings in the example).
    const logger = JSON.stringify(one(rendered, "envoy-access-log.yaml").spec);
    expect(logger).toContain('"buffer_size_bytes":131072');
    expect(logger).toContain('"buffer_flush_interval":"1s"');
  },
  "https-at-nginx": (rendered) => {
    const conf = nginxConf(rendered);
    const spec = podSpec(rendered);
    // Two certificates, each from its Secret, chosen by server_name; the first is the default server.
    for (const secretName of ["example-com-tls", "api-example-org-tls"]) {
      expect(conf).toContain(`ssl_certificate ${secretKeyFile(spec, "nginx", secretName, "tls.crt")};`);
      expect(conf).toContain(`ssl_certificate_key ${secretKeyFile(spec, "nginx", secretName, "tls.key")};`);
    }
    expect(conf).toMatch(/server_name example\.com www\.example\.com;/);
    expect(conf).toMatch(/server_name \*\.api\.example\.org;/);
    expect(conf).toMatch(/return 30[18] https:\/\/\$host/);
    for (const variable of ["$ssl_protocol", "$ssl_cipher", "$ssl_server_name"]) expect(conf).toContain(variable);
  },
  "istio-operator": (rendered) => {
    const operator = one(rendered, "istio-operator.yaml");
    expect(operator.kind).toBe("IstioOperator");
    expect(rendered["deployment.yaml"]).toBeUndefined();
    const overlays = JSON.stringify(operator.spec.components.ingressGateways[0].k8s.overlays);
    for (const name of ["nginx", "fluent-bit"]) expect(overlays).toContain(`"name":"${name}"`);
    expect(operator.spec.components.ingressGateways[0].k8s.serviceAnnotations).toEqual({ "service.beta.kubernetes.io/aws-load-balancer-type": "nlb" });
  },
};

describe("the example values files", () => {
  it("each promise something the test below checks, and nothing else is an example", () => {
    expect(EXAMPLES.map((example) => example.name)).toEqual(Object.keys(PROMISES));
  });

  it("each begin with their description and how to install them", () => {
    const files = exampleFiles();
    for (const example of EXAMPLES) {
      const [first, second] = files[`examples/${example.name}.yaml`]!.split("\n");
      expect(example.description.length, example.name).toBeGreaterThan(20);
      expect(first).toBe(`# ${example.description}`);
      expect(second, example.name).toContain(`-f chart/examples/${example.name}.yaml`);
    }
  });

  // chart-testing (ct install) installs each chart/ci/*-values.yaml on a plain cluster and runs `helm test`.
  it("are chart-testing values files, except those a plain cluster cannot install", () => {
    const files = exampleFiles();
    const ciFiles = Object.keys(files).filter((file) => file.startsWith("ci/")).sort();
    // Not openshift (no SecurityContextConstraints kind), https-at-nginx (no TLS Secrets, so nginx
    // cannot start), istio-operator (ct would apply the IstioOperator, which needs istioctl).
    const installable = EXAMPLES.map((example) => example.name).filter((name) => !["openshift", "https-at-nginx", "istio-operator"].includes(name));
    expect(ciFiles).toEqual(installable.map((name) => `ci/${name}-values.yaml`).sort());
    for (const name of installable) expect(parse(files[`ci/${name}-values.yaml`]!), name).toEqual(EXAMPLES.find((example) => example.name === name)!.values);
  });

  it("give istio-operator's three steps: the ConfigMaps with Helm, the IstioOperator rendered, then istioctl", () => {
    const commands = exampleFiles()["examples/istio-operator.yaml"]!.split("\n").slice(1).filter((line) => /^# (helm|istioctl) /.test(line)).map((line) => line.slice(2));
    expect(commands).toHaveLength(3);
    expect(commands[0]).toMatch(/^helm upgrade --install gw \.\/chart .*-f chart\/examples\/istio-operator\.yaml .*--set istioOperator\.render=false$/);
    const [, template, output] = /^helm template gw \.\/chart .*--show-only (\S+) > (\S+)$/.exec(commands[1]!) ?? [];
    expect(existsSync(join(dir, template ?? "missing"))).toBe(true);
    expect(commands[2]).toBe(`istioctl install -f ${output} -y`);
  });

  it.each(EXAMPLES.map((example) => ({ name: example.name, values: example.values })))("$name does what its description says", async ({ name, values }) => {
    PROMISES[name]!(await renderOrThrow(helm, dir, values, CLUSTER));
  });
});
