// The pod template's annotations as Helm renders them: a user's gateway.podAnnotations never
// repeats a key the chart writes (YAML forbids duplicate keys: helm lint passes, yet the API
// server's parser and every strict one reject the Deployment), and the config checksums roll
// the pods exactly when their own ConfigMap changes.
import { createHash } from "node:crypto";
import { writeValuesFile } from "../../compiler/testing/render.ts";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { helmBinaries, runHelm, type HelmBinary } from "../../helm/run.ts";
import chartDefinition from "../../resources/index.ts";
import { compileToDirectory } from "../support/differential.ts";

const { dir } = compileToDirectory(chartDefinition);
const helm = helmBinaries()[0]!;

interface Workload { readonly file: string; readonly annotations: (document: any) => Record<string, string> | undefined }
const deployment: Workload = { file: "deployment.yaml", annotations: (d) => d.spec.template.metadata.annotations };
// IstioOperator: spec.components.ingressGateways[].k8s.podAnnotations (resources/istio-operator).
const istioOperator: Workload = { file: "istio-operator.yaml", annotations: (d) => d.spec.components.ingressGateways[0].k8s.podAnnotations };

/** Each configuration that changes which annotations the chart writes. */
const MODES = [
  { name: "nginx source, injection", values: {}, workload: deployment },
  { name: "envoy source, injection", values: { accessLog: { source: "envoy" } }, workload: deployment },
  { name: "nginx source, istioOperator", values: { gateway: { mode: "istioOperator" }, istioOperator: { istioVersion: "1.28" } }, workload: istioOperator },
  { name: "envoy source, istioOperator", values: { accessLog: { source: "envoy" }, gateway: { mode: "istioOperator" }, istioOperator: { istioVersion: "1.28" } }, workload: istioOperator },
];

type Documents = Record<string, unknown[]>;

/**
 * helm template, each file's documents parsed with uniqueKeys (the yaml default, set here on
 * purpose): a key written twice is a parse error, as in the API server's YAML decoder.
 */
async function render(helmBinary: HelmBinary, values: unknown): Promise<{ ok: true; documents: Documents; sources: Record<string, string> } | { ok: false; error: string }> {
  const { valuesFile } = writeValuesFile(values);
  const result = await runHelm(helmBinary, ["template", "gw", dir, "--namespace", "istio-ingress", "-f", valuesFile]);
  if (result.status !== 0) return { ok: false, error: result.stderr };
  const documents: Documents = {};
  const sources: Record<string, string> = {};
  for (const chunk of result.stdout.split(/^---\s*$/m)) {
    const source = /^# Source: [^/]+\/templates\/(\S+)$/m.exec(chunk);
    if (!source) continue;
    for (const document of parseAllDocuments(chunk, { uniqueKeys: true })) {
      if (document.errors.length > 0) throw new Error(`${source[1]}: ${document.errors.map((error) => error.message).join("; ")}`);
      (documents[source[1]!] ??= []).push(document.toJS());
    }
    sources[source[1]!] = chunk;
  }
  return { ok: true, documents, sources };
}

async function annotationsOf(values: unknown, workload: Workload, helmBinary = helm): Promise<Record<string, string>> {
  const outcome = await render(helmBinary, values);
  if (!outcome.ok) throw new Error(outcome.error);
  return workload.annotations(outcome.documents[workload.file]![0]) ?? {};
}

const withPodAnnotations = (values: Record<string, any>, podAnnotations: Record<string, string>) => ({ ...values, gateway: { ...values["gateway"], podAnnotations } });

describe.each(helmBinaries())("$label", (helmBinary) => {
  describe.each(MODES)("$name", ({ values, workload }) => {
    it("renders a user's annotation that is one of the chart's keys once, with the chart's value", async () => {
      const chartAnnotations = await annotationsOf(values, workload, helmBinary);
      const chartKeys = Object.keys(chartAnnotations).filter((key) => key !== "user/own");
      // The keys the chart writes only in some configurations must be among those tried.
      expect(chartKeys.length).toBeGreaterThan(3);
      for (const key of chartKeys) {
        const outcome = await render(helmBinary, withPodAnnotations(values, { [key]: "from-user", "user/own": "kept" }));
        if (key === "sidecar.istio.io/rewriteAppHTTPProbers" && workload === deployment) {
          // Overriding it would deadlock the pod's start (resources/pod/injection-checks.ts): a render error naming the key.
          expect(outcome.ok ? "rendered" : outcome.error).toContain(key);
          continue;
        }
        if (!outcome.ok) throw new Error(`${key}: ${outcome.error}`);
        const annotations = workload.annotations(outcome.documents[workload.file]![0])!;
        expect(annotations[key], key).toBe(chartAnnotations[key]);
        expect(annotations["user/own"], key).toBe("kept");
      }
    });
  });

  // Keys the chart writes only in some configurations (or only in one of the two workloads):
  // in every configuration the render either parses with unique keys (render throws
  // otherwise) or fails naming the key.
  it.each(["checksum/nginx-config", "checksum/envoy-bootstrap", "checksum/fluent-bit-config", "sidecar.istio.io/rewriteAppHTTPProbers", "kubectl.kubernetes.io/default-container", "proxy.istio.io/config"])(
    "%s set by the user renders at most once in every configuration",
    async (key) => {
      for (const { values, workload } of MODES) {
        const outcome = await render(helmBinary, withPodAnnotations(values, { [key]: "from-user" }));
        if (!outcome.ok) {
          expect(outcome.error).toContain(key);
          continue;
        }
        // Parsed with unique keys; where the chart does not write the key in this mode, the
        // spread still omits it (compiler/dsl/nodes.ts omitChartKeysFromSpreads).
        expect(outcome.documents[workload.file]).toHaveLength(1);
      }
    },
  );
});

/**
 * Go's encoding/json of the value sprig's fromYaml returns, which the checksum hashes
 * (compiler/emit/go-expr.ts, "checksum": include … | fromYaml | toJson | sha256sum): map keys
 * sorted (encoding/json encode.go, mapEncoder sorts keys) and <, >, & escaped as \u003c,
 * \u003e, \u0026 (HTMLEscape is on for json.Marshal), as are U+2028 and U+2029.
 */
function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${goJson(key)}:${goJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

describe.each(helmBinaries())("$label: config checksums", (helmBinary) => {
  const CHECKSUMS = { "checksum/nginx-config": "nginx-configmap.yaml", "checksum/fluent-bit-config": "fluent-bit-configmap.yaml" } as const;

  async function checksumsAndConfigMaps(values: unknown) {
    const outcome = await render(helmBinary, values);
    if (!outcome.ok) throw new Error(outcome.error);
    const annotations = deployment.annotations(outcome.documents["deployment.yaml"]![0])!;
    return Object.entries(CHECKSUMS).map(([annotation, file]) => ({ annotation, checksum: annotations[annotation], configMap: outcome.documents[file]![0] }));
  }

  it("each checksum is sha256 of its ConfigMap's JSON, the way the template computes it", async () => {
    for (const { annotation, checksum, configMap } of await checksumsAndConfigMaps({})) {
      expect(checksum, annotation).toBe(createHash("sha256").update(goJson(configMap)).digest("hex"));
    }
  });

  it.each([
    { change: "only the nginx ConfigMap", values: { nginx: { workerConnections: 8192 } }, changed: ["checksum/nginx-config"] },
    { change: "only the fluent-bit ConfigMap", values: { fluentBit: { logLevel: "debug" } }, changed: ["checksum/fluent-bit-config"] },
    { change: "neither ConfigMap", values: { gateway: { replicaCount: 5 } }, changed: [] as string[] },
  ])("a change to $change changes exactly its checksum", async ({ values, changed }) => {
    const before = await checksumsAndConfigMaps({});
    const after = await checksumsAndConfigMaps(values);
    for (const [index, { annotation, checksum, configMap }] of after.entries()) {
      // The premise: the values change this ConfigMap, or leave it as it was.
      const configChanged = JSON.stringify(configMap) !== JSON.stringify(before[index]!.configMap);
      expect(configChanged, `${annotation}'s ConfigMap changed`).toBe(changed.includes(annotation));
      expect(checksum !== before[index]!.checksum, `${annotation} changed`).toBe(changed.includes(annotation));
    }
  });
});
