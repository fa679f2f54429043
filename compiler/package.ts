// `npm run package`: the chart as a chart repository (versioned .tgz + index.yaml) ready
// for any static host. Refuses a chart whose compile is out of date or whose helm-unittest
// suites fail, with the reason.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { spawnSync } from "node:child_process";
import { defaultHelm, runHelm, type HelmBinary } from "../helm/index.ts";
import { countTests, formatChartRun, runChartTests } from "../unittest/index.ts";

export interface PackageOptions {
  readonly chartDir: string;
  readonly outDir: string;
  /** Base URL written into index.yaml; empty keeps chart URLs relative to the repository. */
  readonly url: string;
  readonly helm: HelmBinary;
}

export class PackageRefused extends Error {}

/** Packages the chart and indexes the repository; returns the .tgz path. */
export async function packageChart(options: PackageOptions): Promise<string> {
  const tests = await runChartTests({ chartDir: options.chartDir, helm: options.helm });
  const counts = countTests([tests]);
  if (counts.failed > 0) throw new PackageRefused(`the chart's helm-unittest suites fail (${counts.failed}); not packaging:\n${formatChartRun(tests)}`);
  mkdirSync(options.outDir, { recursive: true });
  const packaged = await runHelm(options.helm, ["package", options.chartDir, "--destination", options.outDir]);
  if (packaged.status !== 0) throw new PackageRefused(`helm package failed:\n${packaged.stderr}`);
  const archive = /saved it to: (\S+)/.exec(packaged.stdout)?.[1];
  if (!archive) throw new Error(`could not read the package path from helm's output: ${packaged.stdout}`);
  const indexArgs = ["repo", "index", options.outDir];
  if (options.url) indexArgs.push("--url", options.url);
  const indexed = await runHelm(options.helm, indexArgs);
  if (indexed.status !== 0) throw new PackageRefused(`helm repo index failed:\n${indexed.stderr}`);
  return archive;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      chart: { type: "string", default: "chart" },
      out: { type: "string", default: "dist/repo" },
      url: { type: "string", default: process.env.CHART_REPO_URL ?? "" },
    },
  });
  // The committed chart must be what the sources compile to (npm run check).
  const check = spawnSync(process.execPath, ["--import", "tsx", resolve("compiler/cli.ts"), "check"], { stdio: "inherit" });
  if (check.status !== 0) {
    console.error("refusing to package: chart/ is not what the sources compile to (run npm run build and commit)");
    return 1;
  }
  try {
    const archive = await packageChart({ chartDir: values.chart, outDir: values.out, url: values.url, helm: defaultHelm() });
    console.log(`packaged ${archive}; index ${values.out}/index.yaml${values.url ? ` for ${values.url}` : " with relative URLs"}`);
    return 0;
  } catch (error) {
    if (error instanceof PackageRefused) {
      console.error(`refusing to package: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then((code) => process.exit(code), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
