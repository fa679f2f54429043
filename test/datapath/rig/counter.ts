// A receiver that only counts datagrams (counter.rb), for load runs where keeping every
// datagram would cost more than the thing measured. Same user, namespace and queue setup
// as Receiver; optionally slow (sleeps after each datagram).
import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import type { Pipeline } from "./fluent-bit-conf.ts";
import type { RenderedPod } from "./render.ts";
import { receiverScript, spawnAsFluentBit } from "./receiver.ts";
import { exited, waitFor } from "./wait.ts";

const SCRIPT = receiverScript("./counter.rb");

export class CountingReceiver {
  /** max_dgram_qlen as the receiver's namespace reports it. */
  queueLength: number | undefined;
  private stderr = "";
  private readonly answers: ((count: number) => void)[] = [];

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const [kind, value] = line.split(" ");
      if (kind === "ready") this.queueLength = Number(value);
      if (kind === "count") this.answers.shift()?.(Number(value));
    });
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (this.stderr += chunk));
  }

  /** qlen undefined: the kernel's default for a new namespace. Rejects, with the reason, if the sysctl cannot be set. */
  static async start(pod: RenderedPod, pipeline: Pipeline, qlen: number | undefined, sleepMicroseconds = 0): Promise<CountingReceiver> {
    const argv = ["ruby", "-e", SCRIPT, pipeline.socketPath, pipeline.unixPerm.toString(8), String(pipeline.chunkSize), String(sleepMicroseconds)];
    const receiver = new CountingReceiver(spawnAsFluentBit(pod, qlen, argv, "pipe"));
    await waitFor(() => receiver.queueLength !== undefined || receiver.child.exitCode !== null, 10_000, "the counting receiver to bind the socket");
    if (receiver.queueLength === undefined) throw new Error(`the counting receiver did not start: ${receiver.stderr.trim()}`);
    if (qlen !== undefined && receiver.queueLength !== qlen) {
      receiver.kill();
      throw new Error(`net.unix.max_dgram_qlen reads ${receiver.queueLength} after setting ${qlen}`);
    }
    return receiver;
  }

  get pid(): number {
    return this.child.pid!;
  }

  count(): Promise<number> {
    return new Promise((resolve) => {
      this.answers.push(resolve);
      this.child.stdin!.write("count\n");
    });
  }

  /** Waits until the count has not changed for quietMs; returns it. */
  async settle(quietMs = 300): Promise<number> {
    let [count, since] = [await this.count(), Date.now()];
    while (Date.now() - since < quietMs) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const now = await this.count();
      if (now !== count) [count, since] = [now, Date.now()];
    }
    return count;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.stdin!.end("quit\n");
    await exited(this.child, 10_000);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
  }
}
