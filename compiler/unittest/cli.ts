// compiler/unittest/cli.ts <chart dir> [-u] [-f 'tests/*_test.yaml'] [--helm <path>] [--delegate]
// Runs a chart's helm-unittest suites once per Helm binary (Helm 3 and Helm 4 by default).
import { existsSync } from "node:fs";
import { defaultHelm, helmBinaries, helmVersion, type HelmBinary } from "../helm/run.ts";
import { DEFAULT_SUITE_GLOBS, formatChartRun, formatClosingLine, hasUnittestPlugin, runChartTests, runUnittestPlugin, type ChartRunResult } from "./index.ts";
import { countTests } from "./run-chart.ts";

const USAGE = "usage: compiler/unittest/cli.ts <chart dir> [-u|--update-snapshot] [-f|--file <glob>]... [--helm <path>] [--delegate]";

interface CliOptions {
  readonly chartDir: string;
  readonly update: boolean;
  readonly suiteGlobs: string[];
  readonly helmPath?: string;
  readonly delegate: boolean;
}

class UsageError extends Error {}

function parseArguments(argv: readonly string[]): CliOptions {
  let chartDir: string | undefined;
  let update = false;
  let delegate = false;
  let helmPath: string | undefined;
  const suiteGlobs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === "-u" || flag === "--update-snapshot") update = true;
    else if (flag === "-f" || flag === "--file") suiteGlobs.push(value());
    else if (flag === "--helm") helmPath = value();
    else if (flag === "--delegate") delegate = true;
    else if (flag === "-h" || flag === "--help") throw new UsageError("");
    else if (flag.startsWith("-")) throw new UsageError(`unknown option ${flag}`);
    else if (chartDir === undefined) chartDir = arg;
    else throw new UsageError(`unexpected argument ${arg}; give one chart directory`);
  }
  if (chartDir === undefined) throw new UsageError("the chart directory is missing");
  return { chartDir, update, suiteGlobs: suiteGlobs.length ? suiteGlobs : [...DEFAULT_SUITE_GLOBS], helmPath, delegate };
}

function chosenHelm(path: string): HelmBinary {
  if (path.includes("/") && !existsSync(path)) throw new UsageError(`--helm ${path} does not exist`);
  return { label: `helm ${helmVersion(path)} (${path})`, path };
}

async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message ? `${error.message}\n` : ""}${USAGE}\n`);
    return error.message ? 2 : 0;
  }
  if (!existsSync(options.chartDir)) {
    process.stderr.write(`chart directory ${options.chartDir} does not exist\n`);
    return 2;
  }
  if (options.delegate) {
    const helm = options.helmPath ? chosenHelm(options.helmPath) : defaultHelm();
    if (!hasUnittestPlugin(helm)) {
      process.stderr.write(`--delegate: ${helm.label} has no unittest plugin (\`helm plugin list\` does not show it); install it with \`helm plugin install https://github.com/helm-unittest/helm-unittest\` or run without --delegate\n`);
      return 1;
    }
    return runUnittestPlugin(helm, options.chartDir, options.suiteGlobs, options.update);
  }
  const helms = options.helmPath ? [chosenHelm(options.helmPath)] : helmBinaries();
  const runs: ChartRunResult[] = [];
  for (const helm of helms) {
    const run = await runChartTests({ chartDir: options.chartDir, helm, suiteGlobs: options.suiteGlobs, updateSnapshots: options.update });
    process.stdout.write(formatChartRun(run));
    runs.push(run);
  }
  process.stdout.write(`\n${formatClosingLine(runs)}\n`);
  return countTests(runs).failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
