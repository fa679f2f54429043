// The CLI as a process: exit status and the closing "N passed, N failed" line.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/run.ts";
import { countTests } from "../../unittest/index.ts";
import { copyFixture, fixture, runFixture } from "./support.ts";

const CLI = fileURLToPath(new URL("../../unittest/cli.ts", import.meta.url));

function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status: status ?? 1, stdout, stderr }));
  });
}

const lastLine = (text: string) => text.trimEnd().split("\n").at(-1);

describe("unittest/cli.ts", () => {
  it("runs the suites with Helm 3 and Helm 4, exits 0 and closes with the test counts", async () => {
    const [cli, ...runs] = await Promise.all([runCli([fixture("basic")]), ...helmBinaries().map((helm) => runFixture(helm, "basic"))]);
    const { passed, failed } = countTests(runs);
    expect(failed).toBe(0);
    expect(passed).toBeGreaterThan(40);
    expect(cli.stderr).toBe("");
    expect(cli.status).toBe(0);
    expect(lastLine(cli.stdout)).toBe(`${passed} passed, 0 failed`);
    for (const helm of helmBinaries()) expect(cli.stdout).toContain(`### Chart [ basic ] ${fixture("basic")}   (${helm.label})`);
  });

  it("exits 1 when a test fails, with one Helm chosen by --helm", async () => {
    const helm = helmBinaries()[0]!;
    const cli = await runCli([fixture("basic"), "-f", "failing/*_test.yaml", "--helm", helm.path]);
    expect(cli.status).toBe(1);
    expect(lastLine(cli.stdout)).toBe("0 passed, 59 failed");
    expect(cli.stdout.match(/### Chart/g)).toHaveLength(1);
    expect(cli.stdout).toContain(" FAIL  failing value assertions\tfailing/values_test.yaml");
  });

  // The flags of helm-unittest 1.1.0's command (cmd/helm-unittest/helm_unittest.go:133-191)
  // that CI jobs pass, several charts in one call, and a JUnit file like its formatter's.
  it("takes the plugin's CI flags and several charts, and writes a JUnit report", async () => {
    const helm = helmBinaries()[0]!;
    const out = join(mkdtempSync(join(tmpdir(), "unittest-junit-")), "report.xml");
    const values = join(mkdtempSync(join(tmpdir(), "unittest-values-")), "override.yaml");
    writeFileSync(values, "replicaCount: 4\n");
    const args = ["--strict", "--color", "-q", "--skip-schema-validation", "-t", "JUnit", "-o", out, "-v", values, "-f", "tests/rbac_test.yaml", "--helm", helm.path];
    const cli = await runCli([fixture("basic"), fixture("basic"), ...args]);
    expect(cli.stderr).toBe("");
    expect(cli.status).toBe(0);
    expect(cli.stdout.match(/### Chart/g)).toHaveLength(2);
    const report = readFileSync(out, "utf8");
    expect(report).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites>\n\t<testsuite id="0" tests="4" failures="0" errors="0" package="" time="0.000" name="rbac"/);
    expect(report.match(/<testsuite /g)).toHaveLength(2);
  });

  it("writes XUnit, the plugin's default report type, when -o comes without -t; Sonar with -t Sonar, NUnit with -t NUnit", async () => {
    const helm = helmBinaries()[0]!;
    const dir = mkdtempSync(join(tmpdir(), "unittest-reports-"));
    for (const [type, root] of [[[], "<assemblies>"], [["-t", "sonar"], '<testExecutions version="1">'], [["-t", "NUnit"], '<test-results name="helm-unittest" total="4" errors="0" failures="0"']] as const) {
      const out = join(dir, `${root.length}.xml`);
      const cli = await runCli([fixture("basic"), "-f", "tests/rbac_test.yaml", ...type, "-o", out, "--helm", helm.path]);
      expect(cli.status).toBe(0);
      expect(readFileSync(out, "utf8").split("\n")[1]).toMatch(new RegExp(`^${root}`));
    }
    const refused = await runCli([fixture("basic"), "-t", "TAP", "-o", join(dir, "n.xml"), "--helm", helm.path]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("--output-type TAP: the report types are XUnit (the default), JUnit, NUnit and Sonar");
  });

  it("runs the subcharts' suites by default, as the plugin does, and not with --with-subchart=false", async () => {
    const helm = helmBinaries()[0]!.path;
    // Copies: the web subchart's suite writes a snapshot.
    const [first, second] = [copyFixture("subchart-suites"), copyFixture("subchart-suites")];
    const [withSubcharts, without] = await Promise.all([
      runCli([first.dir, "--helm", helm]),
      runCli([second.dir, "--helm", helm, "--with-subchart=false"]),
    ]).finally(() => [first, second].forEach((copy) => copy.remove()));
    expect(withSubcharts.stdout).toContain("charts/web/charts/worker/tests/job_test.yaml");
    expect(lastLine(withSubcharts.stdout)).toBe("8 passed, 0 failed");
    expect(without.stdout).not.toContain("charts/web/tests/");
    expect(lastLine(without.stdout)).toBe("2 passed, 0 failed");
  });

  it("with -q, stops at the first failed test", async () => {
    const cli = await runCli([fixture("basic"), "-f", "failing/*_test.yaml", "-q", "--helm", helmBinaries()[0]!.path]);
    expect(cli.status).toBe(1);
    expect(lastLine(cli.stdout)).toBe("0 passed, 1 failed");
  });

  it("with --delegate, fails clearly when Helm has no unittest plugin", async () => {
    const plugins = mkdtempSync(join(tmpdir(), "helm-plugins-"));
    const cli = await runCli([fixture("basic"), "--delegate", "--helm", helmBinaries()[0]!.path], { HELM_PLUGINS: plugins });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain("has no unittest plugin (`helm plugin list` does not show it)");
  });

  // A stand-in plugin named unittest (Helm 3's plugin.yaml: name, command) that records the
  // arguments Helm hands it: what `helm unittest` would get.
  it("with --delegate, hands the plugin the whole command line but its own flags, -t NUnit included", async () => {
    const plugins = mkdtempSync(join(tmpdir(), "helm-plugins-"));
    const plugin = join(plugins, "unittest");
    const recorded = join(plugins, "arguments.txt");
    mkdirSync(plugin);
    writeFileSync(join(plugin, "plugin.yaml"), 'name: "unittest"\nversion: "1.1.0"\nusage: "stand-in"\ndescription: "records its arguments"\ncommand: "$HELM_PLUGIN_DIR/record.sh"\n');
    writeFileSync(join(plugin, "record.sh"), `#!/bin/sh\nprintf '%s\\n' "$@" > ${recorded}\nexit 3\n`, { mode: 0o755 });
    const helm = helmBinaries().find((binary) => binary.label.includes("3."))!;
    const args = [fixture("basic"), "-q", "-t", "NUnit", "-o", "report.xml", "-v", "override.yaml", "--strict", "-f", "tests/*_test.yaml"];
    const cli = await runCli([...args, "--delegate", "--helm", helm.path], { HELM_PLUGINS: plugins });
    expect(cli.status).toBe(3);
    expect(readFileSync(recorded, "utf8").trimEnd().split("\n")).toEqual(args);
  });

  it.each([
    [["--bogus", "x"], "unknown option --bogus"],
    [[], "the chart directory is missing"],
    [["/does/not/exist"], "chart directory /does/not/exist does not exist"],
  ])("rejects %j with a usage message", async (args, message) => {
    const cli = await runCli(args);
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain(message);
  });
});
