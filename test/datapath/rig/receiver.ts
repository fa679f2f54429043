// The fluent-bit stand-in: receiver.rb as fluent-bit's user, in a network namespace of its
// own whose net.unix.max_dgram_qlen is the pod's sysctl (the queue is per namespace and
// read when the socket is created).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Pipeline } from "./fluent-bit-conf.ts";
import type { RenderedPod } from "./render.ts";
import { exited, waitFor } from "./wait.ts";

/** A receiver script, run with `ruby -e`, with the socket binding both receivers share in front. */
export function receiverScript(file: string): string {
  return readFileSync(new URL("./bind_socket.rb", import.meta.url), "utf8") + readFileSync(new URL(file, import.meta.url), "utf8");
}

const SCRIPT = receiverScript("./receiver.rb");

export interface Datagram {
  readonly bytes: Buffer;
  readonly truncated: boolean;
}

/**
 * `argv` as fluent-bit's user in a network namespace of its own, its max_dgram_qlen set to
 * `qlen` first (undefined: the kernel's default for a new namespace, 10). The pid is the
 * program's own (unshare, sh and setpriv exec it).
 */
export function spawnAsFluentBit(pod: RenderedPod, qlen: number | undefined, argv: readonly string[], stdin: "ignore" | "pipe", env: Readonly<Record<string, string>> = {}): ChildProcess {
  const setQueue = qlen === undefined ? "" : `echo ${qlen} > /proc/sys/net/unix/max_dgram_qlen && `;
  const user = [`--reuid=${pod.fluentBit.uid}`, `--regid=${pod.fluentBit.gid}`, `--groups=${pod.fsGroup}`];
  return spawn("unshare", ["--net", "sh", "-c", `${setQueue}exec "$@"`, "sh", "setpriv", ...user, ...argv], { stdio: [stdin, "pipe", "pipe"], env: { ...process.env, ...env } });
}

export class Receiver {
  readonly datagrams: Datagram[] = [];
  private ready = false;
  private stderr = "";

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line === "ready") this.ready = true;
      const [kind, data, truncated] = line.split(" ");
      if (kind === "D") this.datagrams.push({ bytes: Buffer.from(data!, "base64"), truncated: truncated === "1" });
    });
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (this.stderr += chunk));
  }

  static async start(pod: RenderedPod, pipeline: Pick<Pipeline, "socketPath" | "unixPerm" | "chunkSize">): Promise<Receiver> {
    const argv = ["ruby", "-e", SCRIPT, pipeline.socketPath, pipeline.unixPerm.toString(8), String(pipeline.chunkSize)];
    const child = spawnAsFluentBit(pod, pod.maxDgramQlen, argv, "ignore");
    const receiver = new Receiver(child);
    await waitFor(() => receiver.ready || child.exitCode !== null, 10_000, "the receiver to bind the socket");
    if (!receiver.ready) throw new Error(`the receiver did not start: ${receiver.stderr}`);
    return receiver;
  }

  /** SIGSTOP: a reader that stops reading (starved of CPU, stalled) while its socket stays bound. */
  pause(): void {
    this.child.kill("SIGSTOP");
  }

  resume(): void {
    this.child.kill("SIGCONT");
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM, as the kubelet stops fluent-bit: the socket is unlinked, queued datagrams are dropped. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill("SIGTERM");
    await exited(this.child, 10_000);
    if (this.stderr.trim() !== "") throw new Error(`the receiver wrote to stderr: ${this.stderr}`);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
  }

  /** Waits until no datagram has arrived for quietMs: what nginx sent has been read. */
  async settle(quietMs = 300): Promise<void> {
    let count = -1;
    let since = Date.now();
    await waitFor(() => {
      if (this.datagrams.length !== count) [count, since] = [this.datagrams.length, Date.now()];
      return Date.now() - since >= quietMs;
    }, 30_000, "the datagrams to stop arriving");
  }
}
