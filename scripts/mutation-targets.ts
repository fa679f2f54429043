// The parts of the code `npm run test:mutation` mutates, each with the tests that state its
// behaviour. Together the resources-* targets are resources/ (npm run test:mutation -- scores
// adds them up); test/scripts/mutation-targets.test.ts checks they cover every file once.
import { minimatch } from "minimatch";

export interface Target {
  readonly mutate: readonly string[];
  readonly tests: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

const EMIT_TESTS = ["emit", "emit-refusals", "emit-render", "hoist", "json-object", "layout-pipeline", "printed-numbers", "text-helpers", "wrap-actions", "wrap-actions-render", "chart-files"].map((name) => `test/compiler/${name}.test.ts`);
const EVALUATE_TESTS = ["json-object", "printed-numbers", "chart-files", "text-helpers", "calls-differential", "go-json", "evaluator-rendering-rules", "go-functions-at-edges"].map((name) => `test/compiler/${name}.test.ts`);
/**
 * The chart's behaviour tests that run in seconds. Every resources/ mutant changes the chart
 * at module load, so Stryker runs each one against all of these: the slow ones (the injected
 * pod's startup probe, pod annotations and the schema's refusals through Helm, the data
 * path beyond the request catalogue) stay out. On a loaded 2-core machine these took 72 s a
 * run; with the schema's refusals 160 s, and through Helm 265 s. A killed mutant usually
 * stops at its first failing test.
 */
const RESOURCES_TESTS = [
  "test/chart/render.test.ts",
  "test/chart/envoy-mode.test.ts",
  "test/chart/istio-operator.test.ts",
  "test/chart/bad-values.test.ts",
  "test/chart/prepare-log-dir.test.ts",
  "test/chart/pod-volumes.test.ts",
  "test/chart/container-privileges.test.ts",
  "test/chart/pod-shutdown.test.ts",
  "test/chart/container-ports.test.ts",
  // Selectors, the autoscaler's target and metrics, and the Service's settings per type, as the API server reads them.
  "test/chart/workload-objects.test.ts",
  // The RBAC and SCC grants, through the RBAC authorizer and OpenShift's SCC matching.
  "test/chart/access-grants.test.ts",
  // Chart.yaml as Artifact Hub and helm lint read it, and the definition's own checks.
  "test/chart/chart-metadata.test.ts",
  // The helpers' names (unique across the chart: Helm keeps the last definition) and their comments.
  "test/chart/named-helpers.test.ts",
  "test/datapath/probes.test.ts",
  // nginx started through the certificate watcher (about 8 s): the only run of the TLS command.
  "test/datapath/tls.test.ts",
  "test/chart/official-values.test.ts",
  "test/istio/injection-model.test.ts",
  "test/compiler/values.test.ts",
  "test/datapath/configs.test.ts",
  "test/datapath/queue-check.test.ts",
  "test/chart/fluent-bit-conf.test.ts",
  // Real nginx and the Envoy stand-in over the catalogue's requests (about 16 s): the only
  // tests that see what log_format and the truncation maps write, and what the Envoy
  // operators' conversions give.
  "test/datapath/requests.test.ts",
  "test/datapath/envoy-equivalence.test.ts",
  // The assertions of the chart's helm-unittest suites without their snapshots, through real
  // Helm on the mutant's chart (about 12 s): most of what the chart promises is stated there.
  "test/chart/unittest-assertions.test.ts",
];
/** Renders of valid values by the evaluator, not Helm (compiler/testing/render.ts). */
const RESOURCES_ENV = { HELM_RENDER_BY: "typescript" };
/** The pod through Istio's injection and its annotations through Helm's text: resources/pod's own tests. */
const POD_TESTS = ["test/chart/injected-pod.test.ts", "test/chart/pod-annotations.test.ts"];
/** resources/*.ts that write the chart's documents (NOTES.txt, README, examples), not its objects. */
const DOCUMENT_FILES = ["resources/notes.ts", "resources/readme.ts", "resources/readme-https.ts", "resources/examples.ts", "resources/official-gateway-values.ts"];
/** The DOCUMENT_FILES that write chart/README.md. */
const README_FILES = ["resources/readme.ts", "resources/readme-https.ts", "resources/official-gateway-values.ts"];
/** resources/*.ts that write the gateway's workload and the objects it is built from. */
const WORKLOAD_FILES = ["resources/deployment.ts", "resources/modes.ts", "resources/configmaps.ts", "resources/service.ts", "resources/autoscaling.ts"];
/** resources/*.ts that write the objects beside the workload. */
const CLUSTER_FILES = ["resources/rbac.ts", "resources/network-policy.ts", "resources/monitoring.ts", "resources/openshift-scc.ts", "resources/test-pod.ts"];
/**
 * The tests that render the chart's objects and check them (the helm-unittest suites'
 * assertions among them). Not injected-pod.test.ts (18 s of each mutant's run): it reads the
 * gateway's pod through Istio's injection, and none of CLUSTER_FILES writes the pod.
 */
const CLUSTER_OBJECT_TESTS = [
  // Not prepare-log-dir.test.ts: it runs the init container's script, which none of these files writes.
  ...RESOURCES_TESTS.filter((test) => test.startsWith("test/chart/") && test !== "test/chart/prepare-log-dir.test.ts"),
  "test/chart/examples.test.ts",
  "test/chart/notes.test.ts",
  // The PodMonitor's targets and the alerts, through promtool.
  "test/chart/monitoring-objects.test.ts",
  // The helm test pod's command, run with sh and curl.
  "test/chart/helm-test-pod.test.ts",
];
/** A part of resources/, with the tests above and the slower ones only its own mutants need. */
const resources = (mutate: string[], ownTests: string[] = []): Target => ({ mutate, tests: [...RESOURCES_TESTS, ...ownTests], env: RESOURCES_ENV });

export const TARGETS: Readonly<Record<string, Target>> = {
  emit: { mutate: ["compiler/emit/**/*.ts"], tests: [...EMIT_TESTS, "test/chart/template-lines.test.ts"] },
  evaluate: { mutate: ["compiler/evaluate/**/*.ts"], tests: ["test/differential.test.ts", ...EVALUATE_TESTS, "test/unittest/go-yaml.test.ts"] },
  // schema-refusals: what Helm 3 and 4 say for each kind of bad value, through the schema this folder writes.
  values: { mutate: ["compiler/values/**/*.ts"], tests: ["test/compiler/values-files.test.ts", "test/compiler/values.test.ts", "test/compiler/chart-files.test.ts", "test/chart/official-values.test.ts", "test/chart/schema-refusals.test.ts"] },
  "resources-access-log": resources(["resources/envoy/**/*.ts", "resources/access-log/**/*.ts", "resources/nginx/log-format.ts"]),
  // Real nginx behind a trusted proxy, serving HTTPS, and keeping connections to Envoy alive (about 25 s).
  "resources-nginx": resources(["resources/nginx/**/*.ts", "!resources/nginx/log-format.ts"], ["test/datapath/real-ip.test.ts", "test/datapath/tls.test.ts", "test/datapath/upstream.test.ts"]),
  // The Lua filter under luajit, as the chart ships it (about 2 s).
  "resources-fluent-bit": resources(["resources/fluent-bit/**/*.ts"], ["test/datapath/envoy-lua.test.ts"]),
  // The pod through Istio's injection (the template and webhook, test/support/istio-injection.ts)
  // and the pod annotations through Helm's text (about 27 s). In three parts: a surviving mutant
  // runs all of these (about 4 minutes on a loaded 2-core machine), and the 437 mutants of
  // resources/pod together took more than a session.
  "resources-pod-checks": resources(["resources/pod/*-checks.ts"], POD_TESTS),
  "resources-pod-template": resources(["resources/pod/template.ts", "resources/pod/volumes.ts"], POD_TESTS),
  "resources-pod-containers": resources(["resources/pod/**/*.ts", "!resources/pod/*-checks.ts", "!resources/pod/template.ts", "!resources/pod/volumes.ts"], POD_TESTS),
  "resources-istio-operator": resources(["resources/istio-operator/**/*.ts"]),
  // The Kubernetes objects beside the pod, with NOTES.txt through Helm 4 against the objects it
  // speaks of (about 30 s). About 600 mutants: in two parts, each of which ends within a stretch
  // of a session on 2 cores (an interrupted run keeps no results). The workload and what it is
  // built from (modes, ConfigMaps, Service, autoscaling); the rest, by elimination.
  "resources-objects-workload": resources(WORKLOAD_FILES, ["test/chart/notes.test.ts"]),
  // The objects that are not the pod's (RBAC, NetworkPolicy, monitoring, OpenShift's SCC, the
  // helm test pod), with the tests that render objects: the datapath tests run nginx and
  // fluent-bit on the pod's own configs, which these files do not write. Every mutant here is
  // static (built when the chart compiles) and reruns all its tests; with the datapath tests
  // the two object targets' 335 mutants took about an hour per 100.
  "resources-objects-cluster": { mutate: CLUSTER_FILES, tests: CLUSTER_OBJECT_TESTS, env: RESOURCES_ENV },
  // What every object is built from (values, metadata, paths, the chart definition), by elimination.
  "resources-objects-chart": resources(["resources/*.ts", ...[...DOCUMENT_FILES, ...WORKLOAD_FILES, ...CLUSTER_FILES].map((file) => `!${file}`)], ["test/chart/notes.test.ts"]),
  // What the chart tells its users: NOTES.txt, the README's prose and tables, the example values
  // files. Apart from the objects because they hold half of resources/*.ts's mutants (1,086 in all)
  // and most of them are text. Its tests are those that read these documents (every other chart
  // test renders none of them): a survivor costs one run of these, not of the whole chart's.
  // In two parts: together 492 mutants and 38 s a run, about 2.5 hours on 2 cores, longer than
  // a session (an interrupted run keeps no results).
  // The README (readme*.ts) and the official values table it shows: read by the tests that
  // check its promises and parse its tables as Artifact Hub does (nothing else reads chart/README.md).
  "resources-docs-readme": {
    mutate: README_FILES,
    tests: ["test/chart/readme.test.ts", "test/chart/envoy-mode.test.ts", "test/chart/official-values.test.ts"],
    env: RESOURCES_ENV,
  },
  // NOTES.txt, through Helm 4 against the objects it speaks of, and the chart's helm-unittest
  // suites (notes_test.yaml). Apart from the examples: a surviving mutant reruns every test of its
  // target, and with the examples' (Istio's injection of each) NOTES.txt's 274 mutants and the
  // examples' together ran at 3 a minute, past a session.
  "resources-docs-notes": {
    mutate: ["resources/notes.ts"],
    tests: ["test/chart/notes.test.ts", "test/chart/unittest-assertions.test.ts"],
    env: RESOURCES_ENV,
  },
  // The example values files: rendered, each checked against its description, installed through
  // Istio's injection, and run through the chart's helm-unittest suites (examples_test.yaml).
  "resources-docs-examples": {
    mutate: ["resources/examples.ts"],
    tests: ["test/chart/examples.test.ts", "test/chart/render.test.ts", "test/chart/injected-pod.test.ts", "test/chart/unittest-assertions.test.ts"],
    env: RESOURCES_ENV,
  },
};

/**
 * Whether a target mutates the file, as Stryker reads `--mutate`: the patterns in order, each
 * plain one adding the files it matches and each `!` one removing them
 * (@stryker-mutator/core dist/src/fs/project-reader.js, resolveFileDescriptions, with minimatch).
 */
export function mutates(target: Target, file: string): boolean {
  return target.mutate.reduce((mutated, pattern) => (pattern.startsWith("!") ? mutated && !minimatch(file, pattern.slice(1), { dot: true }) : mutated || minimatch(file, pattern, { dot: true })), false);
}
