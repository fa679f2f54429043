// The pod's volumes as the kubelet sets them up: what each one needs to exist before the pod
// starts, and what bounds it once it runs. Each check names what the kubelet would do.
import type { IVolume } from "kubernetes-models/v1/Volume";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RENDER, renderOrThrow, type Rendered } from "../../compiler/testing/render.ts";
import { helmBinaries } from "../../helm/run.ts";
import chartDefinition from "../../resources/index.ts";
import { compileToDirectory } from "../support/differential.ts";
import { podSpecOf } from "../support/rendered-pod.ts";
import { quantity } from "../support/quantity.ts";

type Json = Record<string, unknown>;

const { dir } = compileToDirectory(chartDefinition);
const helm = helmBinaries()[0]!;

const TLS_CERTIFICATES = [
  { secretName: "example-com-tls", hosts: ["example.com"] },
  { secretName: "example-org-tls", hosts: ["example.org"] },
];

/** Value sets and the Secrets their pod needs: written here from the values, not read from the chart. */
const CASES: { name: string; values: Json; secrets: string[] }[] = [
  { name: "defaults", values: {}, secrets: [] },
  { name: "Envoy mode", values: { accessLog: { source: "envoy" } }, secrets: [] },
  {
    name: "forwarding over TLS to a private CA",
    values: { accessLog: { forward: { enabled: true, host: "fluentd.logging.svc", tls: { enabled: true, caSecret: { name: "fluentd-ca" } }, sharedKeySecret: { name: "fluentd-key" } } } },
    // The shared key reaches fluent-bit through its env (secretKeyRef), not a volume.
    secrets: ["fluentd-ca"],
  },
  // verify off: nginx asks for no client certificate, so no CA is read.
  { name: "nginx TLS, no client certificates", values: { nginx: { tls: { enabled: true, certificates: TLS_CERTIFICATES } } }, secrets: ["example-com-tls", "example-org-tls"] },
  {
    name: "nginx TLS asking for client certificates",
    values: { nginx: { tls: { enabled: true, certificates: TLS_CERTIFICATES, clientCertificates: { verify: "optional", caSecretName: "client-ca" } } } },
    secrets: ["example-com-tls", "example-org-tls", "client-ca"],
  },
];

function podVolumes(rendered: Rendered): IVolume[] {
  return podSpecOf(rendered).volumes ?? [];
}

describe.each(CASES)("the pod's volumes, $name", ({ values, secrets }) => {
  // One render per value set, shared by its checks.
  let documents: Rendered;
  beforeAll(async () => {
    documents = await renderOrThrow(helm, dir, values, DEFAULT_RENDER);
  });

  it("mount only ConfigMaps the chart renders", async () => {
    const configMaps = Object.values(documents)
      .flat()
      .filter((document) => (document as Json)["kind"] === "ConfigMap")
      .map((document) => (document as { metadata: { name: string } }).metadata.name);
    // A configMap volume that is not optional keeps the pod in ContainerCreating until its
    // ConfigMap exists (kubernetes pkg/volume/configmap/configmap.go, SetUpAt: getConfigMap's
    // NotFound is an error unless the source is optional).
    const mounted = podVolumes(documents).filter((volume) => volume.configMap);
    expect(mounted.length).toBeGreaterThan(0);
    for (const volume of mounted) {
      expect(volume.configMap!.optional, volume.name).toBeUndefined();
      expect(configMaps, `volume ${volume.name}`).toContain(volume.configMap!.name);
    }
  });

  it("mount exactly the Secrets the values name", async () => {
    // A Secret volume waits for its Secret as a ConfigMap does (pkg/volume/secret/secret.go,
    // SetUpAt): one the values did not ask for would keep a pod from starting where it does not exist.
    const mounted = podVolumes(documents).flatMap((volume) => (volume.secret ? [volume.secret.secretName] : []));
    expect(mounted.sort()).toEqual([...secrets].sort());
  });

  it("bound every emptyDir, the socket's in memory", async () => {
    const emptyDirs = podVolumes(documents).filter((volume) => volume.emptyDir);
    expect(emptyDirs.length).toBeGreaterThan(0);
    // Without a sizeLimit an emptyDir may fill the node's disk (or its memory); with one the
    // kubelet evicts the whole pod once usage exceeds it (pkg/kubelet/eviction/eviction_manager.go,
    // emptyDirLimitEviction).
    for (const volume of emptyDirs) expect(quantity(volume.emptyDir!.sizeLimit as string), `emptyDir ${volume.name}`).toBeGreaterThan(0);
    // The socket's directory holds one inode and no data. Memory-backed, its sizeLimit is the
    // tmpfs mount's size (pkg/volume/emptydir/empty_dir.go, setupTmpfs and its mount options):
    // a stray write there fails with ENOSPC instead of getting the gateway pod evicted.
    const socket = emptyDirs.find((volume) => volume.name === "accesslog-socket");
    if ((values["accessLog"] as Json | undefined)?.["source"] === "envoy") expect(socket).toBeUndefined();
    else {
      expect(socket?.emptyDir?.medium).toBe("Memory");
      expect(quantity(socket!.emptyDir!.sizeLimit as string)).toBeLessThanOrEqual(quantity("1Mi"));
    }
  });
});

describe("fluent-bit's buffer volume", () => {
  it("is bounded at fluentBit.storageLimit, what fluent-bit itself keeps the buffer within", async () => {
    // fluent-bit drops its oldest chunks at storage.total_limit_size (fluent-bit-conf.test.ts
    // checks the setting; the README's outage measurements: 0.9 MB on disk at a 1M limit).
    // A larger sizeLimit would let the node keep less for other pods than the value says;
    // none would leave the node's disk unbounded.
    for (const storageLimit of ["200M", "2G"]) {
      const buffer = podVolumes(await renderOrThrow(helm, dir, { fluentBit: { storageLimit } }, DEFAULT_RENDER)).find((volume) => volume.name === "fluent-bit-buffer");
      expect(buffer?.emptyDir?.sizeLimit, storageLimit).toBe(storageLimit);
    }
  });
});
