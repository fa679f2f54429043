// unittest/cli.ts <chart dir>... [flags of `helm unittest`] [--helm <path>] [--delegate]
// Runs charts' helm-unittest suites once per Helm binary (Helm 3 and Helm 4 by default).
import { existsSync, writeFileSync } from "node:fs";
import { defaultHelm, helmBinaries, helmVersion, type HelmBinary } from "../helm/index.ts";
import { DEFAULT_SUITE_GLOBS, formatChartRun, formatClosingLine, hasUnittestPlugin, pluginArguments, runChartTests, runUnittestPlugin, type ChartRunResult } from "./index.ts";
import { formatJUnit } from "./junit.ts";
import { formatNUnit } from "./nunit.ts";
import { formatSonar, formatXUnit } from "./reports.ts";

/** The report types of -t, as the plugin spells them case-insensitively (formatter selection in pkg/unittest). */
const REPORTS = new Map<string, (runs: readonly ChartRunResult[]) => string>([
  ["xunit", (runs) => formatXUnit(runs)],
  ["junit", (runs) => formatJUnit(runs)],
  ["sonar", (runs) => formatSonar(runs)],
  ["nunit", (runs) => formatNUnit(runs)],
]);
import { countTests } from "./run-chart.ts";

const USAGE = `usage: unittest/cli.ts <chart dir>... [flags]
  -u, --update-snapshot         rewrite changed snapshots
  -f, --file <glob>             suite files, relative to each chart (default ${DEFAULT_SUITE_GLOBS.join(", ")})
  -v, --values <file>           values file read by every test after its suite's own
  -q, --failfast                stop at the first failed test
  -t, --output-type <type>      XUnit (default), JUnit, NUnit or Sonar
  -o, --output-file <file>      write the report there
      --skip-schema-validation  render without values.schema.json checks
      --strict                  accepted; suites are always read strictly here
  -s, --with-subchart[=false]   also run the suites of enabled subcharts (default true, as the plugin)
      --chart-tests-path <dir>  a chart inside each chart whose templates render more suites
      --color, -d               accepted for the plugin's command lines; no effect here
      --helm <path>             one Helm binary instead of the shipped Helm 3 and Helm 4
      --delegate                run the real plugin (needs it installed in Helm)`;

interface CliOptions {
  readonly chartDirs: readonly string[];
  readonly update: boolean;
  readonly suiteGlobs: string[];
  readonly valuesFiles: string[];
  readonly failFast: boolean;
  readonly skipSchemaValidation: boolean;
  readonly withSubcharts: boolean;
  readonly chartTestsPath?: string;
  readonly outputFile?: string;
  readonly outputType: string;
  readonly helmPath?: string;
  readonly delegate: boolean;
}

class UsageError extends Error {}

/** Flags of `helm unittest` that take no value; `--flag=false` turns them off. */
const SWITCHES = new Map<string, string>([
  ["-u", "update"], ["--update-snapshot", "update"], ["-q", "failfast"], ["--failfast", "failfast"],
  ["--skip-schema-validation", "skipSchema"], ["--strict", "strict"], ["--color", "color"],
  ["-d", "debug"], ["--debugPlugin", "debug"], ["-s", "subchart"], ["--with-subchart", "subchart"], ["--delegate", "delegate"],
]);

function parseArguments(argv: readonly string[]): CliOptions {
  const chartDirs: string[] = [];
  // The plugin's --with-subchart defaults to true (cmd/helm-unittest/helm_unittest.go:160).
  const switches = new Set<string>(["subchart"]);
  let helmPath: string | undefined;
  let outputFile: string | undefined;
  let outputType = "XUnit";
  let chartTestsPath: string | undefined;
  const suiteGlobs: string[] = [];
  const valuesFiles: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    const switchName = SWITCHES.get(flag);
    if (switchName !== undefined) {
      if (inline === "false") switches.delete(switchName);
      else switches.add(switchName);
    } else if (flag === "-f" || flag === "--file") suiteGlobs.push(value());
    else if (flag === "-v" || flag === "--values") valuesFiles.push(value());
    else if (flag === "-t" || flag === "--output-type") outputType = value();
    else if (flag === "-o" || flag === "--output-file") outputFile = value();
    else if (flag === "--helm") helmPath = value();
    else if (flag === "--chart-tests-path") chartTestsPath = value();
    else if (flag === "-h" || flag === "--help") throw new UsageError("");
    else if (flag.startsWith("-")) throw new UsageError(`unknown option ${flag}`);
    else chartDirs.push(arg);
  }
  if (chartDirs.length === 0) throw new UsageError("the chart directory is missing");
  if (outputFile !== undefined && !REPORTS.has(outputType.toLowerCase()) && !switches.has("delegate")) {
    throw new UsageError(`--output-type ${outputType}: the report types are XUnit (the default), JUnit, NUnit and Sonar`);
  }
  return {
    chartDirs,
    update: switches.has("update"),
    suiteGlobs: suiteGlobs.length ? suiteGlobs : [...DEFAULT_SUITE_GLOBS],
    valuesFiles,
    failFast: switches.has("failfast"),
    skipSchemaValidation: switches.has("skipSchema"),
    withSubcharts: switches.has("subchart"),
    chartTestsPath,
    outputFile,
    outputType,
    helmPath,
    delegate: switches.has("delegate"),
  };
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
  const missing = options.chartDirs.find((dir) => !existsSync(dir));
  if (missing !== undefined) {
    process.stderr.write(`chart directory ${missing} does not exist\n`);
    return 2;
  }
  if (options.delegate) {
    const helm = options.helmPath ? chosenHelm(options.helmPath) : defaultHelm();
    if (!hasUnittestPlugin(helm)) {
      process.stderr.write(`--delegate: ${helm.label} has no unittest plugin (\`helm plugin list\` does not show it); install it with \`helm plugin install https://github.com/helm-unittest/helm-unittest\` or run without --delegate\n`);
      return 1;
    }
    return runUnittestPlugin(helm, pluginArguments(argv));
  }
  const helms = options.helmPath ? [chosenHelm(options.helmPath)] : helmBinaries();
  const runs: ChartRunResult[] = [];
  for (const helm of helms) {
    for (const chartDir of options.chartDirs) {
      const run = await runChartTests({
        chartDir,
        helm,
        suiteGlobs: options.suiteGlobs,
        updateSnapshots: options.update,
        valuesFiles: options.valuesFiles,
        failFast: options.failFast,
        skipSchemaValidation: options.skipSchemaValidation,
        withSubcharts: options.withSubcharts,
        chartTestsPath: options.chartTestsPath,
      });
      process.stdout.write(formatChartRun(run));
      runs.push(run);
      if (options.failFast && countTests([run]).failed > 0) break;
    }
  }
  if (options.outputFile !== undefined) writeFileSync(options.outputFile, REPORTS.get(options.outputType.toLowerCase())!(runs));
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
