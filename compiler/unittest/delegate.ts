// --delegate: hand the run to the real helm-unittest plugin when Helm has it installed.
import { spawnSync } from "node:child_process";
import type { HelmBinary } from "../helm/run.ts";

export function hasUnittestPlugin(helm: HelmBinary): boolean {
  const list = spawnSync(helm.path, ["plugin", "list"], { encoding: "utf8" });
  return list.status === 0 && list.stdout.split("\n").some((line) => /^unittest\s/.test(line));
}

/** Runs `helm unittest` with the same chart and options; returns its exit status. */
export function runUnittestPlugin(helm: HelmBinary, chartDir: string, suiteGlobs: readonly string[], update: boolean): number {
  const args = ["unittest", ...(update ? ["-u"] : []), ...suiteGlobs.flatMap((glob) => ["-f", glob]), chartDir];
  const result = spawnSync(helm.path, args, { stdio: "inherit" });
  return result.status ?? 1;
}
