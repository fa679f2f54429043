// --delegate: hand the run to the real helm-unittest plugin when Helm has it installed.
import { spawnSync } from "node:child_process";
import type { HelmBinary } from "../helm/index.ts";

export function hasUnittestPlugin(helm: HelmBinary): boolean {
  const list = spawnSync(helm.path, ["plugin", "list"], { encoding: "utf8" });
  return list.status === 0 && list.stdout.split("\n").some((line) => /^unittest\s/.test(line));
}

/**
 * Runs `helm unittest` with the command line this runner was given, minus its own flags
 * (--delegate, --helm): every plugin flag (-v, -q, -t/-o, --strict, -s …) reaches the plugin
 * as written. Returns its exit status.
 */
export function runUnittestPlugin(helm: HelmBinary, pluginArgs: readonly string[]): number {
  const result = spawnSync(helm.path, ["unittest", ...pluginArgs], { stdio: "inherit" });
  return result.status ?? 1;
}

/** The command line without the runner's own flags. */
export function pluginArguments(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--delegate" || arg.startsWith("--delegate=") || arg.startsWith("--helm=")) continue;
    if (arg === "--helm") i++;
    else kept.push(arg);
  }
  return kept;
}
