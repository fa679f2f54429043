// A real fluent-bit as the receiver, with the rendered fluent-bit.conf and parsers.conf:
// the ConfigMap's directory, the output mount and storage.path redirected into the rig's
// temp dir, run as the pod's fluent-bit user in its own network namespace (so its HTTP
// port cannot clash) with max_dgram_qlen set. Lines received = lines in the output files.
// Written without a fluent-bit binary on the machine that wrote it: untested.
import type { ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { spawnAsFluentBit } from "../test/datapath/rig/receiver.ts";
import type { Rig } from "../test/datapath/rig/rig.ts";
import { exited, waitFor } from "../test/datapath/rig/wait.ts";

export class FluentBitReceiver {
  private stderr = "";

  private constructor(private readonly child: ChildProcess, private readonly outputDir: string) {
    child.stdout!.resume();
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (this.stderr = (this.stderr + chunk).slice(-4000)));
  }

  static async start(rig: Rig, binary: string, qlen: number | undefined): Promise<FluentBitReceiver> {
    const service = rig.pod.fluentBitConfigMap["fluent-bit.conf"]!;
    const configDir = dirname(/^\s*Parsers_File\s+(\S+)/im.exec(service)![1]!);
    const storage = /^\s*storage\.path\s+(\S+)/im.exec(service)?.[1];
    const etc = join(rig.root, "fluent-bit/etc");
    const buffer = join(rig.root, "fluent-bit/buffer");
    const output = rig.pod.output.hostPath;
    for (const dir of [etc, buffer, output]) {
      mkdirSync(dir, { recursive: true });
      chownSync(dir, rig.pod.fluentBit.uid, rig.pod.fluentBit.gid);
    }
    const redirect = (text: string) => {
      let result = text.split(configDir).join(etc).split(rig.pod.output.mountPath).join(output);
      if (storage) result = result.split(storage).join(buffer);
      return result;
    };
    for (const [file, content] of Object.entries(rig.pod.fluentBitConfigMap)) writeFileSync(join(etc, file), redirect(content));
    const child = spawnAsFluentBit(rig.pod, qlen, [binary, "-c", join(etc, "fluent-bit.conf")], "ignore");
    const receiver = new FluentBitReceiver(child, output);
    await waitFor(() => existsSync(rig.pipeline.socketPath) || child.exitCode !== null, 15_000, "fluent-bit to create the socket");
    if (child.exitCode !== null) throw new Error(`fluent-bit exited ${child.exitCode}: ${receiver.stderr.trim()}`);
    return receiver;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Lines written to the output files so far. */
  lines(): number {
    const count = (dir: string): number =>
      readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return sum + count(path);
        const text = readFileSync(path, "utf8");
        return sum + text.split("\n").filter(Boolean).length;
      }, 0);
    return count(this.outputDir);
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

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    // Everything was counted: no need to wait out Grace.
    this.child.kill("SIGKILL");
    await exited(this.child, 10_000);
  }
}
