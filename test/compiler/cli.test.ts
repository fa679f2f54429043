// The CLI: build writes the chart and prints its compile time; check names drifted files;
// a broken definition fails with file:line.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(".");
const work = mkdtempSync(join(tmpdir(), "cli-"));
for (const entry of ["compiler", "golang", "helm", "unittest", "resources", "values-schema", "chart", "tsconfig.json", "package.json"]) cpSync(join(root, entry), join(work, entry), { recursive: true });
symlinkSync(join(root, "node_modules"), join(work, "node_modules"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(join(root, "node_modules/.bin/tsx"), ["compiler/cli.ts", ...args], { cwd: work, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe("helm-ts CLI", () => {
  it("check passes on the committed chart", () => {
    const { status, output } = cli("check");
    expect(output).toMatch(/chart\/ matches the sources \(\d+ files\)/);
    expect(status).toBe(0);
  });

  it("check names a file edited by hand, a missing file and a stale file", () => {
    writeFileSync(join(work, "chart/templates/service.yaml"), "edited\n");
    rmSync(join(work, "chart/values.schema.json"));
    writeFileSync(join(work, "chart/templates/old.yaml"), "kind: X\n");
    const { status, output } = cli("check");
    expect(status).toBe(1);
    expect(output).toContain("chart/templates/service.yaml: differs from what the sources compile to");
    expect(output).toContain("chart/values.schema.json: missing");
    expect(output).toContain("chart/templates/old.yaml: not produced by the sources (stale)");
  });

  it("build --dump-ir prints every template's IR as stable JSON, helpers once by name, and writes no chart", () => {
    const before = readFileSync(join(work, "chart/templates/service.yaml"), "utf8");
    const first = cli("build", "--skip-typecheck", "--dump-ir");
    expect(first.status).toBe(0);
    const dump = JSON.parse(first.output) as { templates: Record<string, { fileName: string; source: { file: string; line: number } }>; helpers: Record<string, { name: string }> };
    expect(Object.keys(dump.templates)).toContain("service.yaml");
    expect(dump.templates["service.yaml"]!.source).toEqual({ file: "resources/service.ts", line: expect.any(Number) });
    expect(dump.helpers["ingressgateway-accesslog.labels"]!.name).toBe("ingressgateway-accesslog.labels");
    // An include names its helper instead of repeating the body.
    expect(first.output).toMatch(/"helper": ?"ingressgateway-accesslog\.labels"/);
    expect(cli("build", "--skip-typecheck", "--dump-ir").output).toBe(first.output);
    expect(readFileSync(join(work, "chart/templates/service.yaml"), "utf8")).toBe(before);
  });

  it("compiles the same chart from another working directory", () => {
    const elsewhere = spawnSync(join(root, "node_modules/.bin/tsx"), [join(work, "compiler/cli.ts"), "check", "--skip-typecheck", "--chart", join(work, "resources/index.ts"), "--out", join(root, "chart")], {
      cwd: tmpdir(),
      encoding: "utf8",
    });
    expect(elsewhere.stdout + elsewhere.stderr).toMatch(/chart\/ matches the sources \(\d+ files\)/);
    expect(elsewhere.status).toBe(0);
  });

  it("build rewrites the chart, removes stale files and prints the compile time", () => {
    const { status, output } = cli("build");
    expect(status).toBe(0);
    expect(output).toMatch(/wrote \d+ files to chart\/ \(\d+ templates\); type and truthiness checks \d+ ms, compile \d+ ms, total \d+ ms/);
    expect(readFileSync(join(work, "chart/templates/service.yaml"), "utf8")).toBe(readFileSync(join(root, "chart/templates/service.yaml"), "utf8"));
    expect(cli("check").status).toBe(0);
  });

  it("build fails with file:line on JavaScript truthiness in a definition, writing nothing", () => {
    const file = join(work, "resources/service.ts");
    const original = readFileSync(file, "utf8");
    writeFileSync(file, `${original}\nexport const broken = v.service.annotations ? 1 : 2;\n`);
    const { status, output } = cli("build");
    writeFileSync(file, original);
    expect(status).toBe(1);
    expect(output).toMatch(/resources\/service\.ts:\d+: `v\.service\.annotations` is a symbolic Helm value used as a JavaScript condition/);
    expect(output).toContain("the chart was not written");
  });

  it("build reports a combinator misused at a module's top level as file:line, not a crash at import", () => {
    const file = join(work, "resources/service.ts");
    const original = readFileSync(file, "utf8");
    const lines = original.split("\n").length;
    writeFileSync(file, `${original}\nimport { toYaml as brokenToYaml } from "../compiler/index.ts";\nexport const broken = brokenToYaml(1 as never);\n`);
    const { status, output } = cli("build", "--skip-typecheck");
    writeFileSync(file, original);
    expect(output).toContain(`resources/service.ts:${lines + 2}: toYaml(...) needs a symbolic value, got number 1`);
    expect(output).not.toContain("    at ");
    expect(status).toBe(1);
  });

  it("build --watch rebuilds on each edit: the edit in the chart, a truthiness error with file:line and the chart left alone, then recovery", async () => {
    const file = join(work, "resources/service.ts");
    const original = readFileSync(file, "utf8");
    const service = join(work, "chart/templates/service.yaml");
    const child = spawn(join(root, "node_modules/.bin/tsx"), ["compiler/cli.ts", "build", "--watch"], { cwd: work, stdio: ["ignore", "pipe", "pipe"] });
    const outcomes: string[] = [];
    const waiting: (() => void)[] = [];
    const record = (line: string) => {
      if (/ rebuilt chart\/ | the chart was not written/.test(line)) (outcomes.push(line), waiting.shift()?.());
      else if (outcomes.length > 0 || /: /.test(line)) outcomes.push(line);
    };
    createInterface({ input: child.stdout! }).on("line", record);
    createInterface({ input: child.stderr! }).on("line", record);
    const next = () => new Promise<void>((done) => waiting.push(done));
    try {
      await next();
      expect(outcomes.at(-1)).toMatch(/ rebuilt chart\/ \(\d+ files; .*\); checks \d+ ms, compile \d+ ms/);

      let rebuilt = next();
      // The default protocol of the user's ports, which the template writes as a quoted string.
      const edited = original.replace('defaultTo(port.protocol, "TCP")', 'defaultTo(port.protocol, "UDP")');
      expect(edited).not.toBe(original);
      writeFileSync(file, edited);
      await rebuilt;
      expect(outcomes.at(-1)).toContain("changed: templates/service.yaml");
      expect(readFileSync(service, "utf8")).toContain('"UDP"');

      rebuilt = next();
      writeFileSync(file, `${original}\nexport const broken = v.service.annotations ? 1 : 2;\n`);
      await rebuilt;
      expect(outcomes.join("\n")).toMatch(/resources\/service\.ts:\d+: `v\.service\.annotations` is a symbolic Helm value used as a JavaScript condition/);
      expect(outcomes.at(-1)).toContain("the chart was not written");
      expect(readFileSync(service, "utf8")).toContain('"UDP"');

      rebuilt = next();
      writeFileSync(file, original);
      await rebuilt;
      expect(outcomes.at(-1)).toContain("changed: templates/service.yaml");
      expect(readFileSync(service, "utf8")).toBe(readFileSync(join(root, "chart/templates/service.yaml"), "utf8"));
    } finally {
      child.kill("SIGTERM");
      writeFileSync(file, original);
    }
  }, 120_000);
});
