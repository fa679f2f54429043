// What each of the chart's containers may do once the kubelet and containerd have applied
// its securityContext (test/support/container-runtime.ts restates their rules), what it asks
// the scheduler and quota for, and which image the kubelet pulls for it. The expected
// privileges are the ones each container's job needs, written here, not read from the chart.
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RENDER, renderOrThrow } from "../../compiler/testing/render.ts";
import { helmBinaries } from "../../helm/run.ts";
import chartDefinition from "../../resources/index.ts";
import { ALL_CAPABILITIES, capabilitiesOf, effectiveSecurityContext, noNewPrivileges, runAsNonRootRefusal } from "../support/container-runtime.ts";
import { compileToDirectory } from "../support/differential.ts";
import { containersOf, podSpecOf } from "../support/rendered-pod.ts";
import { quantity } from "../support/quantity.ts";

type Json = Record<string, unknown>;

const { dir } = compileToDirectory(chartDefinition);
const helm = helmBinaries()[0]!;

/** The chart's own containers; istio-proxy's securityContext and resources are Istio's template's. */
const LONG_RUNNING = ["nginx", "fluent-bit"];
const PREPARE_LOG_DIR = "prepare-log-dir";
const RAISE_QUEUE = "raise-dgram-queue";

const CASES: { name: string; values: Json; initContainers: string[] }[] = [
  // Injection mode raises the queue with the init container (kernelQueue.method auto).
  { name: "defaults", values: {}, initContainers: [RAISE_QUEUE, PREPARE_LOG_DIR, "fluent-bit"] },
  { name: "fluent-bit as a regular container", values: { fluentBit: { nativeSidecar: "never" } }, initContainers: [RAISE_QUEUE, PREPARE_LOG_DIR] },
  // A pod-wide runAsNonRoot must not stop the root init containers (the kubelet checks each container's effective context).
  { name: "runAsNonRoot for the pod", values: { gateway: { podSecurityContext: { runAsNonRoot: true } } }, initContainers: [RAISE_QUEUE, PREPARE_LOG_DIR, "fluent-bit"] },
  { name: "OpenShift", values: { platform: "openshift", accessLog: { output: { prepareHostPath: false } }, kernelQueue: { podSysctlSurvivesInjection: true } }, initContainers: ["fluent-bit"] },
  { name: "Envoy mode, the queue by pod sysctl", values: { accessLog: { source: "envoy" }, kernelQueue: { method: "podSysctl", podSysctlSurvivesInjection: true } }, initContainers: [PREPARE_LOG_DIR, "fluent-bit"] },
];

describe.each(CASES)("the pod's containers, $name", ({ values, initContainers }) => {
  let pod: IPodSpec;
  let containers: IContainer[];
  const chartContainers = () => containers.filter((container) => container.name !== "istio-proxy");
  const named = (name: string) => containers.find((container) => container.name === name);

  beforeAll(async () => {
    pod = podSpecOf(await renderOrThrow(helm, dir, values, DEFAULT_RENDER));
    containers = containersOf(pod);
  });

  it("are the init containers the values ask for, in order", () => {
    expect((pod.initContainers ?? []).map((container) => container.name)).toEqual(initContainers);
  });

  it("all start: none runs as root under runAsNonRoot", () => {
    for (const container of containers) expect(runAsNonRootRefusal(effectiveSecurityContext(pod.securityContext, container.securityContext)), container.name).toBeUndefined();
  });

  it("run nginx and fluent-bit as non-root users without capabilities, privilege gain or a writable root", () => {
    const envoyMode = (values["accessLog"] as Json | undefined)?.["source"] === "envoy";
    for (const name of LONG_RUNNING.filter((candidate) => !(envoyMode && candidate === "nginx"))) {
      expect(named(name), name).toBeDefined();
      const context = effectiveSecurityContext(pod.securityContext, named(name)!.securityContext);
      expect(context.runAsNonRoot, name).toBe(true);
      expect(context.runAsUser === undefined || context.runAsUser > 0, name).toBe(true);
      expect([...capabilitiesOf(context)], name).toEqual([]);
      expect(noNewPrivileges(context), name).toBe(true);
      expect(context.readOnlyRootFilesystem, name).toBe(true);
      // The restricted Pod Security level's seccomp rule (pod-security-admission policy/check_seccompProfile_restricted.go).
      expect(context.seccompProfile?.type, name).toBe("RuntimeDefault");
    }
  });

  it("give prepare-log-dir root with CAP_CHOWN alone: it creates and chowns one directory", () => {
    const container = named(PREPARE_LOG_DIR);
    if (!initContainers.includes(PREPARE_LOG_DIR)) return expect(container).toBeUndefined();
    const context = effectiveSecurityContext(pod.securityContext, container!.securityContext);
    // Root owns the hostPath the kubelet created; chown to another user needs CAP_CHOWN
    // (chown(2)). prepare-log-dir.test.ts runs the script with this set and no other.
    expect(context.runAsUser).toBe(0);
    expect([...capabilitiesOf(context)]).toEqual(["CAP_CHOWN"]);
    expect(noNewPrivileges(context)).toBe(true);
    expect(context.readOnlyRootFilesystem).toBe(true);
  });

  it("make raise-dgram-queue privileged root, the only way to write a net sysctl from a container", () => {
    const container = named(RAISE_QUEUE);
    if (!initContainers.includes(RAISE_QUEUE)) return expect(container).toBeUndefined();
    // containerd mounts /proc/sys read-only (pkg/oci/spec.go populateDefaultUnixSpec,
    // ReadonlyPaths) unless the container is privileged (WithPrivileged clears them).
    const context = effectiveSecurityContext(pod.securityContext, container!.securityContext);
    expect([...capabilitiesOf(context)]).toEqual([ALL_CAPABILITIES]);
    expect(context.runAsUser).toBe(0);
  });

  it("ask for CPU and memory and cap memory in every container of the chart's", () => {
    // Under a ResourceQuota on requests or limits, admission refuses a pod any of whose
    // containers, init containers included, does not set them (kubernetes
    // pkg/quota/v1/evaluator/core/pods.go, Constraints: "must specify ..."). The API server
    // refuses a quantity it cannot parse, and a memory request above its limit
    // (pkg/apis/core/validation, ValidateResourceRequirements).
    for (const container of chartContainers()) {
      const { requests = {}, limits = {} } = container.resources ?? {};
      for (const [kind, value] of [["requests.cpu", requests["cpu"]], ["requests.memory", requests["memory"]], ["limits.memory", limits["memory"]]] as const) {
        expect(value, `${container.name} ${kind}`).toBeDefined();
        expect(quantity(value as string), `${container.name} ${kind}`).toBeGreaterThan(0);
      }
      expect(quantity(requests["memory"] as string), container.name).toBeLessThanOrEqual(quantity(limits["memory"] as string));
    }
  });
});

describe("the images the kubelet pulls", () => {
  it("are the repositories and tags the values name, or the digest that pins one", async () => {
    const values = {
      nginx: { image: { repository: "registry.example/nginx", tag: "1.29.1" } },
      fluentBit: { image: { repository: "registry.example/fluent-bit", tag: "5.1.1", digest: `sha256:${"a".repeat(64)}` } },
      kernelQueue: { initContainerImage: { repository: "registry.example/busybox", tag: "1.37.0" } },
    };
    const spec = podSpecOf(await renderOrThrow(helm, dir, values, DEFAULT_RENDER));
    const images = Object.fromEntries(containersOf(spec).map((container) => [container.name, container.image]));
    expect(images).toEqual({
      [RAISE_QUEUE]: "registry.example/busybox:1.37.0",
      [PREPARE_LOG_DIR]: "registry.example/busybox:1.37.0",
      "fluent-bit": `registry.example/fluent-bit@sha256:${"a".repeat(64)}`,
      nginx: "registry.example/nginx:1.29.1",
      // Replaced by Istio's injection (the official gateway chart writes the same).
      "istio-proxy": "auto",
    });
  });
});
