// The real fluent-bit as the socket's reader, on the rendered fluent-bit.conf and
// parsers.conf: the ConfigMap's directory, the output mount and storage.path redirected into
// the rig's temp dir, run as the pod's fluent-bit user in its own network namespace (so its
// HTTP port cannot clash) with max_dgram_qlen set. Restarts reuse the same buffer and output
// directories, as a restarted container keeps its pod's emptyDir and hostPath.
import { spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { OWN_OUTPUT_DIR } from "../../../resources/paths.ts";
import { sections } from "./fluent-bit-conf.ts";
import { spawnAsFluentBit, type Datagram } from "./receiver.ts";
import type { Rig } from "./rig.ts";
import { exited, waitFor } from "./wait.ts";

export interface WrittenLine {
  readonly file: string;
  readonly line: string;
}

/** Every line of every file below dir, file by file in name order (none when dir is absent). */
export function writtenLinesUnder(dir: string): WrittenLine[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return writtenLinesUnder(path);
      return readFileSync(path, "utf8").split("\n").filter(Boolean).map((line) => ({ file: path, line }));
    });
}

/**
 * Sends the datagrams `repeat` times to the socket as nginx's user would, blocking while the
 * queue is full: none is dropped, so what a reader writes can be counted exactly.
 */
export function replayAsNginx(rig: Rig, datagrams: readonly Datagram[], repeat = 1): void {
  const script = `require "socket"; s = Socket.new(:UNIX, :DGRAM); s.connect(Socket.sockaddr_un(ARGV[0])); d = STDIN.each_line.map { |l| l.chomp.unpack1("m0") }; Integer(ARGV[1]).times { d.each { |x| s.send(x, 0) } }`;
  const user = [`--reuid=${rig.pod.nginx.uid}`, `--regid=${rig.pod.nginx.gid}`, `--groups=${rig.pod.fsGroup}`];
  const input = datagrams.map((datagram) => datagram.bytes.toString("base64")).join("\n") + "\n";
  const result = spawnSync("setpriv", [...user, "ruby", "-e", script, rig.pipeline.socketPath, String(repeat)], { input, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`the replay failed: ${result.stderr}`);
}

/** What the pod gives fluent-bit besides its ConfigMap: env from Secrets and fields, mounted files. */
export interface PodInputs {
  readonly env?: Readonly<Record<string, string>>;
  /** Container path → a file of the test's, for files the pod mounts from Secrets. */
  readonly files?: Readonly<Record<string, string>>;
}

/**
 * The node directory as the README asks OpenShift administrators to prepare it (no root init
 * container can): <hostPath>/accesslog owned by root and writable by group 0, in which
 * OpenShift runs every container. Nothing here is fluent-bit's user's.
 */
function prepareNodeDirectoryForGroupZero(hostPath: string): void {
  const own = join(hostPath, OWN_OUTPUT_DIR);
  mkdirSync(own, { recursive: true });
  chownSync(hostPath, 0, 0);
  chmodSync(hostPath, 0o755);
  chownSync(own, 0, 0);
  chmodSync(own, 0o775);
}

export class FluentBitReceiver {
  private log = "";

  private constructor(
    private readonly child: ChildProcess,
    readonly outputDir: string,
    private readonly configDir: string,
    private readonly bufferDir: string,
  ) {
    for (const stream of [child.stdout!, child.stderr!]) stream.setEncoding("utf8").on("data", (chunk: string) => (this.log = (this.log + chunk).slice(-20_000)));
  }

  static async start(rig: Rig, binary: string, qlen: number | undefined, inputs: PodInputs = {}): Promise<FluentBitReceiver> {
    const service = rig.pod.fluentBitConfigMap["fluent-bit.conf"]!;
    const configDir = dirname(/^\s*Parsers_File\s+(\S+)/im.exec(service)![1]!);
    const storage = /^\s*storage\.path\s+(\S+)/im.exec(service)?.[1];
    const etc = join(rig.root, "fluent-bit/etc");
    const buffer = join(rig.root, "fluent-bit/buffer");
    const output = rig.pod.output.hostPath;
    for (const dir of [etc, buffer, ...(rig.pod.assignedByPlatform ? [] : [output])]) {
      mkdirSync(dir, { recursive: true });
      chownSync(dir, rig.pod.fluentBit.uid, rig.pod.fluentBit.gid);
    }
    if (rig.pod.assignedByPlatform) prepareNodeDirectoryForGroupZero(output);
    const redirect = (text: string) => {
      let result = text.split(configDir).join(etc).split(rig.pod.output.mountPath).join(output);
      if (storage) result = result.split(storage).join(buffer);
      for (const [inContainer, file] of Object.entries(inputs.files ?? {})) result = result.split(inContainer).join(file);
      return result;
    };
    for (const [file, content] of Object.entries(rig.pod.fluentBitConfigMap)) writeFileSync(join(etc, file), redirect(content));
    // A socket a killed process left behind is replaced by the new bind: wait for a new file
    // (the inode number may be reused, so its change time tells them apart).
    const socket = rig.pipeline.socketPath;
    // One stat: fluent-bit unlinks a stale socket before it binds, so a second could miss it.
    const inode = () => {
      const stat = statSync(socket, { bigint: true, throwIfNoEntry: false });
      return stat ? `${stat.ino}@${stat.ctimeNs}` : undefined;
    };
    const stale = inode();
    const child = spawnAsFluentBit(rig.pod, qlen, [binary, "-c", join(etc, "fluent-bit.conf")], "ignore", inputs.env);
    const receiver = new FluentBitReceiver(child, output, etc, buffer);
    await waitFor(() => child.exitCode !== null || (inode() !== undefined && inode() !== stale), 15_000, "fluent-bit to bind the socket").catch((error: Error) => { throw new Error(`${error.message}; fluent-bit printed: ${receiver.log}`); });
    if (child.exitCode !== null) throw new Error(`fluent-bit exited ${child.exitCode}: ${receiver.log.trim()}`);
    return receiver;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Bytes in fluent-bit's filesystem buffer (storage.path) now: its chunk files, summed. */
  bufferBytes(): number {
    return readdirSync(this.bufferDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .reduce((sum, entry) => sum + (statSync(join(entry.parentPath, entry.name), { throwIfNoEntry: false })?.size ?? 0), 0);
  }

  /** fluent-bit's resident memory now, in bytes (VmRSS of /proc/<pid>/status). */
  residentBytes(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, "utf8");
    return Number(/^VmRSS:\s+([0-9]+) kB$/m.exec(status)![1]) * 1024;
  }

  /** What fluent-bit printed (its last 20,000 characters), for failure messages. */
  get output(): string {
    return this.log;
  }

  /**
   * Prometheus metrics, read inside fluent-bit's network namespace (whose loopback a new
   * namespace starts with down): fluent-bit's own (/api/v2/metrics/prometheus on the rendered
   * HTTP_Port) or the access-log counter (/metrics of the prometheus_exporter output).
   */
  async metrics(endpoint: "fluent-bit" | "exporter" = "fluent-bit"): Promise<Map<string, number>> {
    const service = readFileSync(join(this.configDir, "fluent-bit.conf"), "utf8");
    const exporter = sections(service).find((section) => section.kind === "OUTPUT" && section.entries.get("name") === "prometheus_exporter");
    const [port, path] = endpoint === "fluent-bit" ? [/^\s*HTTP_Port\s+([0-9]+)/im.exec(service)![1]!, "/api/v2/metrics/prometheus"] : [exporter?.entries.get("port"), "/metrics"];
    if (!port) throw new Error("fluent-bit.conf has no prometheus_exporter output");
    const inNamespace = (argv: string[]) => spawnSync("nsenter", [`--net=/proc/${this.pid}/ns/net`, ...argv], { encoding: "utf8" });
    inNamespace(["ip", "link", "set", "lo", "up"]);
    const scrape = () => inNamespace(["curl", "-sS", "-f", "--max-time", "2", `http://127.0.0.1:${port}${path}`]);
    let result = scrape();
    await waitFor(() => (result = scrape()).status === 0, 10_000, `fluent-bit's metrics on port ${port}`).catch((error: Error) => {
      throw new Error(`${error.message}: ${result.stderr}`);
    });
    const samples = new Map<string, number>();
    for (const sample of result.stdout.split("\n")) {
      const match = /^([a-z_]+(?:\{[^}]*\})?) ([0-9.e+-]+)$/.exec(sample);
      if (match) samples.set(match[1]!, Number(match[2]));
    }
    return samples;
  }

  /** Every line in the output files so far, file by file in name order. */
  writtenLines(): WrittenLine[] {
    return writtenLinesUnder(this.outputDir);
  }

  /** Lines written to the output files so far. */
  lines(): number {
    return this.writtenLines().length;
  }

  /** Waits until the file line count has not changed for quietMs (Flush is 1 s: 2.5 s). */
  async settle(quietMs = 2_500): Promise<number> {
    let [count, since] = [this.lines(), Date.now()];
    while (Date.now() - since < quietMs) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const now = this.lines();
      if (now !== count) [count, since] = [now, Date.now()];
    }
    return count;
  }

  /** SIGTERM, the kubelet's stop, and its exit after at most Grace (plus margin). */
  async terminate(graceSeconds: number): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    this.child.kill("SIGTERM");
    return exited(this.child, (graceSeconds + 10) * 1000);
  }

  /** SIGSTOP and SIGCONT: fluent-bit stops reading (starved of CPU) while its sockets stay bound. */
  pause(): void {
    this.child.kill("SIGSTOP");
  }

  resume(): void {
    this.child.kill("SIGCONT");
  }

  /** SIGKILL: a crash or an OOM kill. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill("SIGKILL");
    await exited(this.child, 10_000);
  }
}
