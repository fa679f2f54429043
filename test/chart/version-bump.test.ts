// A released chart version (tag <name>-<version>) may not change without a version bump.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const script = resolve("scripts/check-version-bump.ts");
const tsx = resolve("node_modules/.bin/tsx");

function repoWithChart(): string {
  const dir = mkdtempSync(join(tmpdir(), "version-bump-"));
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=t@t.invalid", "-c", "user.name=t", ...args], { cwd: dir });
  mkdirSync(join(dir, "chart/templates"), { recursive: true });
  mkdirSync(join(dir, "chart/tests"), { recursive: true });
  writeFileSync(join(dir, "chart/Chart.yaml"), "apiVersion: v2\nname: demo\nversion: 1.0.0\n");
  writeFileSync(join(dir, "chart/templates/a.yaml"), "kind: A\n");
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "release");
  git("tag", "demo-1.0.0");
  return dir;
}

const check = (dir: string) => spawnSync(tsx, [script], { cwd: dir, encoding: "utf8" });

describe("the version bump check", () => {
  it("fails when a released chart changes without a bump, naming the files", () => {
    const dir = repoWithChart();
    writeFileSync(join(dir, "chart/templates/a.yaml"), "kind: B\n");
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("chart/ changed since the release tag demo-1.0.0");
    expect(result.stderr).toContain("chart/templates/a.yaml");
  });

  it("passes when only the unit-test suites change, or after a bump", () => {
    const dir = repoWithChart();
    writeFileSync(join(dir, "chart/tests/a_test.yaml"), "suite: a\n");
    expect(check(dir).status).toBe(0);
    writeFileSync(join(dir, "chart/templates/a.yaml"), "kind: B\n");
    writeFileSync(join(dir, "chart/Chart.yaml"), "apiVersion: v2\nname: demo\nversion: 1.0.1\n");
    const result = check(dir);
    expect(result.stdout).toContain("version 1.0.1 is not released");
    expect(result.status).toBe(0);
  });
});
