// The real fluent-bit on the rendered Envoy-mode ConfigMap: where its binary is, the
// ConfigMap's files with the container's paths and ports moved to this machine's temp dirs
// and free ports, and the process with its output kept for failure messages.
//
// No package registry reachable here ships fluent-bit, so unlike the other programs of the
// data-path tests (programs.ts) a missing binary is not an install step the test can name:
// findFluentBit() returns undefined and the one test that needs it says it did not run.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { accessSync, constants, mkdirSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { sections } from "./fluent-bit-conf.ts";
import { exited, waitFor } from "./wait.ts";

const OPT_BINARY = "/opt/fluent-bit/bin/fluent-bit";

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * FLUENT_BIT_BIN, else fluent-bit on PATH, else the official packages' /opt path. A
 * FLUENT_BIT_BIN that is not executable is a mistake, not an absent binary: it throws
 * rather than let the test quietly not run.
 */
export function findFluentBit(): string | undefined {
  const configured = process.env.FLUENT_BIT_BIN;
  if (configured) {
    if (!executable(configured)) throw new Error(`FLUENT_BIT_BIN=${configured} is not an executable file`);
    return configured;
  }
  const onPath = spawnSync("sh", ["-c", "command -v fluent-bit"], { encoding: "utf8" });
  if (onPath.status === 0 && onPath.stdout.trim()) return onPath.stdout.trim();
  return executable(OPT_BINARY) ? OPT_BINARY : undefined;
}

/** The container paths the rendered config names, each mapped to a directory of the test's. */
const CONTAINER_PATHS = {
  config: "/fluent-bit/etc/accesslog",
  buffer: "/var/fluent-bit/buffer",
  output: "/var/log/hostpath",
} as const;

export interface StagedConfig {
  /** fluent-bit.conf, for -c. */
  readonly conf: string;
  /** The node's hostPath: the file output writes into its directory accesslog. */
  readonly outputDir: string;
}

/**
 * Writes the ConfigMap's files under root with the container paths and the ports replaced.
 * Every absolute path left in fluent-bit.conf must then lie under root: fluent-bit runs as
 * the test's user (root in CI), and a path the chart adds later must not make it write
 * into this machine's /var/log.
 */
export function stageConfig(configMap: Readonly<Record<string, string>>, root: string, ports: { forward: number; http: number }): StagedConfig {
  const dirs = Object.fromEntries(Object.keys(CONTAINER_PATHS).map((name) => [name, join(root, name)])) as Record<keyof typeof CONTAINER_PATHS, string>;
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const relocate = (text: string) =>
    Object.entries(CONTAINER_PATHS).reduce((moved, [name, path]) => moved.replaceAll(path, dirs[name as keyof typeof CONTAINER_PATHS]), text);

  const files = Object.fromEntries(Object.entries(configMap).map(([file, content]) => [file, relocate(file === "fluent-bit.conf" ? withPorts(content, ports) : content)]));
  const service = files["fluent-bit.conf"];
  if (service === undefined) throw new Error(`the ConfigMap has no fluent-bit.conf (keys: ${Object.keys(configMap).join(", ")})`);
  for (const section of sections(service)) {
    for (const [key, value] of section.entries) {
      if (value.startsWith("/") && !value.startsWith(`${root}/`)) throw new Error(`[${section.kind}] ${key} ${value} is a container path the test does not relocate: add it to CONTAINER_PATHS`);
    }
  }
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dirs.config, file), text);
  const conf = join(dirs.config, "fluent-bit.conf");
  return { conf, outputDir: dirs.output };
}

/**
 * The forward input's Port and the HTTP server's port set to free ones; the HTTP server
 * bound to 127.0.0.1 rather than the pod's 0.0.0.0, since this machine is not a pod.
 */
function withPorts(text: string, ports: { forward: number; http: number }): string {
  const replaced = { forward: 0, http: 0, listen: 0 };
  const blocks = text.split(/^(?=\[)/m).map((block) => {
    if (/^\[SERVICE\]/.test(block)) {
      return block
        .replace(/^([ \t]+HTTP_Listen[ \t]+)\S+$/gim, (_, key: string) => (replaced.listen++, `${key}127.0.0.1`))
        // The chart leaves HTTP_Listen at fluent-bit's default 0.0.0.0 (flb_config.h): add it.
        .replace(/^([ \t]+)(HTTP_Port[ \t]+)\S+$/gim, (_, indent: string, key: string) => {
          replaced.http++;
          return `${indent}${key}${ports.http}` + (replaced.listen === 0 ? `\n${indent}HTTP_Listen 127.0.0.1` : "");
        });
    }
    if (/^\[INPUT\]/.test(block) && /^[ \t]+Name[ \t]+forward[ \t]*$/im.test(block)) {
      return block.replace(/^([ \t]+Port[ \t]+)\S+$/gim, (_, key: string) => (replaced.forward++, `${key}${ports.forward}`));
    }
    return block;
  });
  if (replaced.forward !== 1 || replaced.http !== 1 || replaced.listen > 1) {
    throw new Error(`fluent-bit.conf should have one forward input Port, one HTTP_Port and at most one HTTP_Listen; found ${JSON.stringify(replaced)}`);
  }
  return blocks.join("");
}

/** The bound on each wait: start, connect, send, output, exit (more than the config's Grace of 10 s). */
export const FLUENT_BIT_STEP_MS = 20_000;
const STEP_MS = FLUENT_BIT_STEP_MS;

export class FluentBit {
  /** stdout and stderr interleaved as they came: fluent-bit logs to both. */
  output = "";

  private constructor(
    readonly binary: string,
    private readonly child: ChildProcess,
  ) {
    for (const stream of [child.stdout!, child.stderr!]) stream.setEncoding("utf8").on("data", (chunk: string) => (this.output += chunk));
    child.on("error", (error) => (this.output += `\n[spawn error] ${error.message}\n`));
  }

  static start(binary: string, conf: string, env: Record<string, string>): FluentBit {
    return new FluentBit(binary, spawn(binary, ["-c", conf], { stdio: ["ignore", "pipe", "pipe"], env: { PATH: process.env.PATH, ...env } }));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Up when the health endpoint answers 200 and the forward input accepts connections. */
  async waitReady(ports: { forward: number; http: number }): Promise<void> {
    await waitFor(() => this.alive() && healthy(ports.http), STEP_MS, `fluent-bit's health endpoint http://127.0.0.1:${ports.http}/api/v1/health to answer 200`);
    await waitFor(() => this.alive() && accepts(ports.forward), STEP_MS, `fluent-bit's forward input to accept on 127.0.0.1:${ports.forward}`);
  }

  /** Throws, with the exit status, when fluent-bit has stopped: no wait should outlast it. */
  alive(): boolean {
    if (!this.running) throw new Error(`fluent-bit exited early (${this.child.exitCode ?? this.child.signalCode})`);
    return true;
  }

  /** SIGTERM, the container's stop signal, then its exit (within Grace plus margin). */
  async stop(): Promise<number | null> {
    if (!this.running) return this.child.exitCode;
    this.child.kill("SIGTERM");
    return exited(this.child, STEP_MS);
  }

  /** For afterAll: whatever state the test left it in. */
  kill(): void {
    if (this.running) this.child.kill("SIGKILL");
  }
}

async function healthy(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.setTimeout(1_000, () => (socket.destroy(), resolve(false)));
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}
