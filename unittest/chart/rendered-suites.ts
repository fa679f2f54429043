// `--chart-tests-path`: suites that are themselves a Helm chart's templates, rendered
// before the run (helm-unittest 1.1.0 pkg/unittest/test_runner.go:151-163,
// test_suite.go:113-181 RenderTestSuiteFiles): the tests chart under <chart>/<path>, with
// its own values.yaml, released as TEST-SUITE-RELEASE in NAMESPACE. The plugin also fails a
// template that renders nothing; the helm CLI leaves such a template out of its output, and
// telling it from a file .helmignore drops would take Helm's ignore rules: not checked here.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runHelm, type HelmBinary } from "../../helm/index.ts";

export interface RenderedSuiteFile {
  /** Where the template is: `<tests chart>/templates/<file>`; its snapshots go beside it. */
  readonly file: string;
  readonly text: string;
}

export type RenderedSuites = { readonly files: readonly RenderedSuiteFile[] } | { readonly error: string };

/** Helm refuses an upper-case release name; the plugin's engine does not check it. */
const TEST_SUITE_RELEASE = "TEST-SUITE-RELEASE";
const STAND_IN = "test-suite-release-4d1c";

export async function renderSuiteChart(helm: HelmBinary, testsDir: string): Promise<RenderedSuites | undefined> {
  if (!existsSync(join(testsDir, "Chart.yaml"))) return undefined;
  const result = await runHelm(helm, ["template", STAND_IN, testsDir, "--namespace", "NAMESPACE"]);
  if (result.status !== 0) return { error: result.stderr.trim().replaceAll(STAND_IN, TEST_SUITE_RELEASE) };
  // `# Source: <chart name>/templates/<file>` opens each document Helm prints (pkg/action/action.go).
  const texts = new Map<string, string[]>();
  for (const section of result.stdout.replaceAll(STAND_IN, TEST_SUITE_RELEASE).split(/^---\n(?=# Source: )/m)) {
    const source = /^# Source: [^/\n]+\/(\S+)\n/.exec(section);
    if (!source) continue;
    const documents = texts.get(source[1]!) ?? [];
    documents.push(section.slice(source[0].length));
    texts.set(source[1]!, documents);
  }
  return { files: [...texts].map(([file, documents]) => ({ file: join(testsDir, file), text: documents.join("---\n") })) };
}
