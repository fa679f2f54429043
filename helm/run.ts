// Running Helm: the binaries extracted from npm at install, or HELM_BIN when set.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { HELM_SOURCES, helmInstallPath } from "./binaries.ts";

export interface HelmBinary {
  readonly label: string;
  readonly path: string;
}

const INSTALL_HINT = "run `npm install` (its postinstall step extracts Helm 3 and Helm 4 from npm packages), or set HELM_BIN to a helm binary";

/**
 * The Helm binaries to test against: HELM_BIN alone when set, otherwise Helm 3 and Helm 4
 * from npm. Missing binaries are an error with the install hint, never a skipped test.
 */
export function helmBinaries(): HelmBinary[] {
  const override = process.env.HELM_BIN;
  if (override) {
    if (!existsSync(override)) throw new Error(`HELM_BIN=${override} does not exist; ${INSTALL_HINT}`);
    return [{ label: `HELM_BIN (${helmVersion(override)})`, path: override }];
  }
  return HELM_SOURCES.map((source) => {
    const path = helmInstallPath(source.major);
    if (!existsSync(path)) throw new Error(`Helm ${source.expectedVersion} is not at ${path}; ${INSTALL_HINT}`);
    return { label: `helm ${source.expectedVersion}`, path };
  });
}

/** The one Helm for commands (package, lint): HELM_BIN, then `helm` on PATH, then Helm 3 from npm. */
export function defaultHelm(): HelmBinary {
  const override = process.env.HELM_BIN;
  if (override) return helmBinaries()[0]!;
  const onPath = spawnSync("helm", ["version", "--short"], { encoding: "utf8" });
  if (onPath.status === 0) return { label: `helm on PATH (${onPath.stdout.trim()})`, path: "helm" };
  return helmBinaries()[0]!;
}

export function helmVersion(path: string): string {
  const result = spawnSync(path, ["version", "--short"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : "unknown version";
}

export interface HelmResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

let isolatedHome: string | undefined;

/** Helm's config, cache and data dirs for this process: never the user's, never shared. */
function helmEnvironment(): NodeJS.ProcessEnv {
  isolatedHome ??= mkdtempSync(join(tmpdir(), "helm-home-"));
  return {
    ...process.env,
    HELM_CONFIG_HOME: join(isolatedHome, "config"),
    HELM_CACHE_HOME: join(isolatedHome, "cache"),
    HELM_DATA_HOME: join(isolatedHome, "data"),
    // client-go's discovery cache when Helm talks to a cluster (k8s.io/cli-runtime
    // genericclioptions, getDefaultCacheDir): else under the user's ~/.kube.
    KUBECACHEDIR: join(isolatedHome, "kube-cache"),
  };
}

/** Runs helm with state of its own, so tests neither touch nor race on the user's config. */
export function runHelm(helm: HelmBinary, args: readonly string[], input?: string): Promise<HelmResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(helm.path, args, { stdio: ["pipe", "pipe", "pipe"], env: helmEnvironment() });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error) => reject(new Error(`cannot run ${helm.path}: ${error.message}; ${INSTALL_HINT}`)));
    child.on("close", (status) => resolve({ status: status ?? 1, stdout, stderr }));
    // helm may exit without reading its input (a bad flag): the write then meets a closed
    // pipe, and its exit status and stderr, not the EPIPE, say what went wrong.
    child.stdin.on("error", () => undefined);
    child.stdin.end(input ?? "");
  });
}
