// One `helm template` run of a prepared chart, and the cache that lets identical test
// setups share it within a run.
import { availableParallelism } from "node:os";
import { posix } from "node:path";
import { parseAllDocuments } from "yaml";
import { helmVersion, runHelm, type HelmBinary } from "../helm/index.ts";
import { PLUGIN_RELEASE_NAME, WRAPPER_DIR, WRAPPER_KIND, type PreparedChart } from "./chart/prepare.ts";
import { marshalGoYaml } from "./go-yaml/emit.ts";
import type { YamlMap } from "./go-yaml/value.ts";
import { normaliseHelmError } from "./render-error.ts";

/**
 * helm-unittest's default release name (PLUGIN_RELEASE_NAME), which Helm's CLI rejects: Helm renders under a
 * stand-in of the same length while the templates see RELEASE-NAME itself (chart/prepare.ts).
 * The stand-in is still put back where Helm itself prints the release (a `tpl` string of the
 * values, `.Release` printed whole), which no template text names.
 */
const STAND_IN_RELEASE_NAME = "rn-5f3e9a1c0";
export const DEFAULT_NAMESPACE = "NAMESPACE";

export interface RenderRequest {
  readonly chart: PreparedChart;
  readonly releaseName?: string;
  readonly namespace?: string;
  readonly upgrade: boolean;
  readonly kubeVersion?: string;
  readonly apiVersions: readonly string[];
  readonly values: YamlMap;
  /** A kubeconfig of the fake API server that answers `lookup` (the test's kubernetesProvider). */
  readonly kubeconfig?: string;
}

export type RenderOutcome =
  | { readonly ok: true; readonly templates: ReadonlyMap<string, string> }
  | { readonly ok: false; readonly error: string };

export class RenderCache {
  private readonly renders = new Map<string, Promise<RenderOutcome>>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly limit = Math.max(2, availableParallelism());

  constructor(
    private readonly helm: HelmBinary,
    private readonly options: { readonly skipSchemaValidation: boolean } = { skipSchemaValidation: false },
  ) {}

  /** How many times Helm actually ran. */
  get helmRuns(): number {
    return this.renders.size;
  }

  render(request: RenderRequest): Promise<RenderOutcome> {
    if (request.kubeconfig !== undefined && this.major() >= 4) return Promise.resolve({ ok: false, error: HELM_4_LOOKUP });
    const args = helmArguments(request);
    if (this.options.skipSchemaValidation) args.push("--skip-schema-validation");
    const values = marshalGoYaml(request.values);
    const key = JSON.stringify([args, values]);
    let outcome = this.renders.get(key);
    if (!outcome) {
      outcome = this.limited(() => runHelm(this.helm, args, values)).then(async (result) => {
        if (result.status === 0) return parseOutcome(result, request);
        if (failsOnlyAsTextTemplate(result.stderr)) {
          // --debug: Helm prints the rendered files although one is not YAML (and still fails).
          const debug = await this.limited(() => runHelm(this.helm, [...args, "--debug"], values));
          return debug.stdout.includes(WRAPPER_KIND) ? parseOutcome({ ...debug, status: 0 }, request) : parseOutcome(result, request);
        }
        // The error as the chart itself gives it, wrappers aside: the template and line blamed.
        const plainArgs = args.map((arg) => (arg === request.chart.dir ? request.chart.plainDir() : arg));
        const plain = await this.limited(() => runHelm(this.helm, plainArgs, values));
        return parseOutcome(plain.status !== 0 ? plain : result, request);
      });
      this.renders.set(key, outcome);
    }
    return outcome;
  }

  private majorVersion: number | undefined;

  private major(): number {
    this.majorVersion ??= Number(/v(\d+)\./.exec(helmVersion(this.helm.path))?.[1] ?? 3);
    return this.majorVersion;
  }

  /** Starts at most `limit` helm processes at once. */
  private async limited<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/**
 * Helm 3 renders `helm template --dry-run=server` client-side but for `lookup`
 * (pkg/action/install.go: ClientOnly keeps the printing kube client). Helm 4 checks the
 * cluster, builds and validates every rendered object against it and looks for conflicts
 * (v4.1.4 pkg/action/install.go:290-296, 394-421), which a fake API server of lookups cannot answer.
 */
const HELM_4_LOOKUP =
  "`kubernetesProvider` renders through Helm 3 only: Helm 4's server dry run validates every rendered object against the cluster, which the fake API server cannot answer; run this chart with --helm <Helm 3>, or the real plugin with --delegate";

/**
 * Helm's CLI parses every rendered file as YAML before it prints any (pkg/action/action.go
 * renderResources → releaseutil.SortManifests, "YAML parse error on <file>"), so a text
 * template whose output is not YAML fails `helm template`. helm-unittest renders with Helm's
 * engine and parses only .yaml, .yml and .tpl files as YAML; .txt is kept as text and any
 * other file is ignored (pkg/unittest/test_job.go, parseManifestsFromOutputOfFiles): for
 * the plugin that render succeeded.
 */
function failsOnlyAsTextTemplate(stderr: string): boolean {
  const file = /YAML parse error on (\S+?): error converting YAML to JSON/.exec(stderr)?.[1];
  return file !== undefined && ![".yaml", ".yml", ".tpl"].includes(posix.extname(file));
}

function helmArguments(request: RenderRequest): string[] {
  const args = ["template", request.releaseName ?? STAND_IN_RELEASE_NAME, request.chart.dir];
  args.push("--namespace", request.namespace ?? DEFAULT_NAMESPACE, "--values", "-");
  if (request.upgrade) args.push("--is-upgrade");
  if (request.kubeVersion) args.push("--kube-version", request.kubeVersion);
  for (const apiVersion of request.apiVersions) args.push("--api-versions", apiVersion);
  if (request.kubeconfig !== undefined) args.push("--dry-run=server", "--kubeconfig", request.kubeconfig);
  // No --show-only: Helm refuses one naming a file that rendered nothing, which is what the
  // wrapper of a subchart disabled by the test's values renders (pkg/cmd/template.go,
  // "could not find template %s in chart"); the plugin then just has no such template.
  return args;
}

function parseOutcome(result: { status: number; stdout: string; stderr: string }, request: RenderRequest): RenderOutcome {
  const restoreName = (text: string) =>
    request.releaseName === undefined
      ? text.replaceAll(STAND_IN_RELEASE_NAME, PLUGIN_RELEASE_NAME).replaceAll(STAND_IN_RELEASE_NAME.toUpperCase(), PLUGIN_RELEASE_NAME)
      : text;
  if (result.status !== 0) return { ok: false, error: restoreName(normaliseHelmError(result.stderr, request.chart.wrapped)) };
  const templates = new Map<string, string>();
  for (const document of parseAllDocuments(wrapperSections(result.stdout))) {
    const wrapper = document.toJS() as { kind?: unknown; template?: unknown; raw?: unknown } | null;
    if (wrapper?.kind !== WRAPPER_KIND || typeof wrapper.template !== "string") continue;
    // Helm blanks "<no value>" in a template's output; inside the JSON string it could not.
    templates.set(wrapper.template, restoreName(String(wrapper.raw ?? "").replaceAll("<no value>", "")));
  }
  return { ok: true, templates };
}

/**
 * The wrappers' documents of `helm template`'s output, which also holds the selected
 * templates' own output (any text Helm accepted as YAML): each file follows a
 * `# Source: <chart>/.../templates/<file>` line (pkg/action/action.go, renderResources).
 */
function wrapperSections(stdout: string): string {
  return stdout
    .split(/^(?=---\n# Source: )/m)
    .filter((section) => new RegExp(`^---\\n# Source: \\S*/templates/${WRAPPER_DIR}/`).test(section))
    .join("");
}
