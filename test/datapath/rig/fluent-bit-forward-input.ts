// A second real fluent-bit as fluentd's stand-in: its forward input (the receiving end of the
// protocol fluentd speaks, with Shared_Key and TLS) writes what it takes to a file. It runs in
// the network namespace of the chart's fluent-bit (nsenter), on that namespace's loopback.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loopbackUp } from "./netns.ts";
import { exited, waitFor } from "./wait.ts";

export interface ForwardInputOptions {
  readonly port: number;
  readonly sharedKey?: string;
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
}

export interface ReceivedRecord {
  readonly tag: string;
  readonly record: Record<string, string>;
}

/**
 * out_file without Format writes `<tag>: [<time>, <record as JSON>]` per record
 * (plugins/out_file/file.c, the default format; seen with fluent-bit 5.1.1).
 */
const LINE = /^(\S+): \[[0-9.]+, (\{.*\})\]$/;

export class FluentBitForwardInput {
  private log = "";

  private constructor(
    private readonly child: ChildProcess,
    private readonly file: string,
  ) {
    for (const stream of [child.stdout!, child.stderr!]) stream.setEncoding("utf8").on("data", (chunk: string) => (this.log = (this.log + chunk).slice(-20_000)));
  }

  /** Starts it in the network namespace of `namespacePid` and waits until it listens. */
  static async start(binary: string, namespacePid: number, dir: string, options: ForwardInputOptions): Promise<FluentBitForwardInput> {
    mkdirSync(dir, { recursive: true });
    const conf = join(dir, "receiver.conf");
    writeFileSync(
      conf,
      [
        "[SERVICE]",
        "    Flush         0.2",
        "    Log_Level     info",
        "[INPUT]",
        "    Name          forward",
        "    Listen        127.0.0.1",
        `    Port          ${options.port}`,
        ...(options.sharedKey === undefined ? [] : [`    Shared_Key    ${options.sharedKey}`, "    Self_Hostname fluentd-stand-in"]),
        ...(options.tls ? ["    tls           On", `    tls.crt_file  ${options.tls.certFile}`, `    tls.key_file  ${options.tls.keyFile}`] : []),
        "[OUTPUT]",
        "    Name          file",
        "    Match         *",
        `    Path          ${dir}`,
        "    File          received.log",
        "",
      ].join("\n"),
    );
    loopbackUp(namespacePid);
    const child = spawn("nsenter", [`--net=/proc/${namespacePid}/ns/net`, binary, "-c", conf], { stdio: ["ignore", "pipe", "pipe"] });
    const input = new FluentBitForwardInput(child, join(dir, "received.log"));
    await waitFor(() => child.exitCode !== null || /\[input:forward:[^\]]+\] listening on/.test(input.log), 15_000, "the receiving fluent-bit to listen").catch((error: Error) => {
      throw new Error(`${error.message}; it printed: ${input.log}`);
    });
    if (child.exitCode !== null) throw new Error(`the receiving fluent-bit exited ${child.exitCode}: ${input.log}`);
    return input;
  }

  get output(): string {
    return this.log;
  }

  /**
   * Every record in the file so far. A line out_file is still writing (no newline yet) is left
   * for the next call: read while the receiver writes, it is not a malformed line.
   */
  received(): ReceivedRecord[] {
    if (!existsSync(this.file)) return [];
    const text = readFileSync(this.file, "utf8");
    return text
      .slice(0, text.lastIndexOf("\n") + 1)
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const match = LINE.exec(line);
        if (!match) throw new Error(`not an out_file line: ${line}`);
        return { tag: match[1]!, record: JSON.parse(match[2]!) as Record<string, string> };
      });
  }

  /** SIGTERM and its exit (it flushes what it took first). */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill("SIGTERM");
    await exited(this.child, 20_000);
  }
}
