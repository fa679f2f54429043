// npm run bench:pipeline — the rendered nginx under paced load, its access log going to a
// receiver on the unix datagram socket: lines lost per rate, for the kernel's default
// max_dgram_qlen (10) against the chart's setting, both set in the receiver's network
// namespace; then nginx's unpaced req/s with its access log on against access_log off. Figures, not assertions: the machine is shared, so each row also carries
// ratios (loss %, achieved/target) that compare within this run.
//
//   BENCH_SECONDS  seconds per load step (default 4)
//   BENCH_RATES    comma-separated req/s, 0 = unpaced (default 2000,5000,10000,20000,0)
//   BENCH_ROUNDS   alternating rounds of the logging-on/off comparison (default 3)
//   FLUENT_BIT_BIN a fluent-bit binary (else `fluent-bit` on PATH): the chart's reader at
//                  every rate, and the reader of the logging-on/off comparison
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CountingReceiver } from "../test/datapath/rig/counter.ts";
import { FluentBitReceiver } from "../test/datapath/rig/fluent-bit-receiver.ts";
import { requireInstalled } from "../test/datapath/rig/programs.ts";
import { Rig } from "../test/datapath/rig/rig.ts";

const PACE_SCRIPT = fileURLToPath(new URL("./pace.lua", import.meta.url));
const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

export interface Row {
  readonly receiver: string;
  readonly qlen: number;
  /** req/s; 0 = unpaced. */
  readonly target: number;
  readonly achieved: number;
  readonly requests: number;
  readonly received: number;
  readonly lost: number;
  readonly lossPercent: number;
  readonly warnings: number;
  /** Receiver CPU (user + system) per line received, µs. */
  readonly receiverCpuMicroseconds: number;
}

export interface Column {
  readonly receiver: string;
  readonly qlen: number;
  readonly sleepMicroseconds: number;
  readonly rates: readonly number[];
  /** A fluent-bit binary to run as the receiver instead of the counter. */
  readonly fluentBit?: string;
}

export interface BenchOptions {
  readonly seconds: number;
  readonly columns: readonly Column[];
  readonly log?: (line: string) => void;
}

export interface BenchResult {
  readonly rows: Row[];
  /** Columns skipped and why (sysctl not settable, receiver failed). */
  readonly skipped: string[];
}

export async function runPipelineBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  requireInstalled("wrk");
  const rig = await Rig.create({});
  rig.envoy.record = false;
  const rows: Row[] = [];
  const skipped: string[] = [];
  try {
    await rig.envoy.start();
    for (const column of options.columns) {
      let receiver: CountingReceiver | FluentBitReceiver;
      try {
        receiver = column.fluentBit
          ? await FluentBitReceiver.start(rig, column.fluentBit, column.qlen)
          : await CountingReceiver.start(rig.pod, rig.pipeline, column.qlen, column.sleepMicroseconds);
      } catch (error) {
        skipped.push(`${column.receiver} receiver, max_dgram_qlen ${column.qlen}: skipped (${(error as Error).message})`);
        continue;
      }
      try {
        await rig.startNginx();
        const nginx = rig.nginx!;
        for (const target of column.rates) {
          log(`${column.receiver} receiver, qlen ${column.qlen}, ${target === 0 ? "unpaced" : `${target} req/s`}…`);
          const [served0, received0, warnings0, cpu0] = [rig.envoy.served, await receiver.settle(), warnings(nginx.stderr), cpuTicks(receiver.pid)];
          const achieved = await wrk(rig.listenPort, target, options.seconds);
          const received = (await receiver.settle()) - received0;
          const requests = rig.envoy.served - served0;
          const cpu = cpuTicks(receiver.pid) - cpu0;
          const lost = requests - received;
          rows.push({
            receiver: column.receiver,
            qlen: column.qlen,
            target,
            achieved,
            requests,
            received,
            lost,
            lossPercent: requests === 0 ? 0 : (100 * lost) / requests,
            warnings: warnings(nginx.stderr) - warnings0,
            receiverCpuMicroseconds: received === 0 ? 0 : (cpu * 1e6) / CLOCK_TICKS / received,
          });
        }
        await nginx.quit();
      } finally {
        await receiver.stop();
      }
    }
    await rig.envoy.stop();
  } finally {
    rig.dispose();
  }
  return { rows, skipped };
}

export interface LoggingRun {
  readonly logging: boolean;
  readonly achieved: number;
  /** Requests Envoy's stand-in served during the run, and lines the reader received. */
  readonly requests: number;
  readonly received: number;
  /** nginx's `send() to syslog failed` warnings: lines it could not hand over. */
  readonly warnings: number;
}

export interface LoggingCost {
  readonly reader: string;
  readonly runs: readonly LoggingRun[];
  /** Median unpaced req/s with the access log on, over the median with `access_log off`. */
  readonly ratio: number;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * nginx's unpaced req/s with its access log going to the socket (read by fluent-bit when a
 * binary is given, else by the counting receiver) against the same nginx.conf with
 * `access_log off`, alternating on and off so drift on a shared machine hits both alike.
 */
export async function measureLoggingCost(seconds: number, rounds: number, fluentBit?: string, log: (line: string) => void = () => {}): Promise<LoggingCost> {
  requireInstalled("wrk");
  const rig = await Rig.create({});
  rig.envoy.record = false;
  const logged = rig.pod.nginxConfigMap["nginx.conf"]!;
  const unlogged = logged.replace(/^(\s*)access_log syslog:.*$/m, "$1access_log off;");
  if (unlogged === logged) throw new Error("the rendered nginx.conf has no syslog access_log line to turn off");
  const reader = fluentBit ? "fluent-bit" : "counting receiver";
  const runs: LoggingRun[] = [];
  try {
    await rig.envoy.start();
    const receiver = fluentBit ? await FluentBitReceiver.start(rig, fluentBit, rig.pod.maxDgramQlen) : await CountingReceiver.start(rig.pod, rig.pipeline, rig.pod.maxDgramQlen, 0);
    try {
      for (let round = 0; round < rounds; round++) {
        for (const logging of [true, false]) {
          log(`access log ${logging ? "on" : "off"}, round ${round + 1} of ${rounds}…`);
          rig.pod.nginxConfigMap["nginx.conf"] = logging ? logged : unlogged;
          await rig.startNginx();
          const [served0, received0] = [rig.envoy.served, await receiver.settle()];
          const achieved = await wrk(rig.listenPort, 0, seconds);
          await rig.nginx!.quit();
          const received = (await receiver.settle()) - received0;
          runs.push({ logging, achieved, requests: rig.envoy.served - served0, received, warnings: warnings(rig.nginx!.stderr) });
        }
      }
    } finally {
      await receiver.stop();
    }
    await rig.envoy.stop();
  } finally {
    rig.pod.nginxConfigMap["nginx.conf"] = logged;
    rig.dispose();
  }
  const achieved = (logging: boolean) => median(runs.filter((run) => run.logging === logging).map((run) => run.achieved));
  return { reader, runs, ratio: achieved(true) / achieved(false) };
}

function warnings(stderr: string): number {
  return stderr.split("\n").filter((line) => line.includes("send() to syslog failed")).length;
}

/** utime + stime of a process, in clock ticks. */
export function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** Runs wrk for `seconds` at `rate` req/s (0: as fast as it can); returns the achieved req/s. */
async function wrk(port: number, rate: number, seconds: number): Promise<number> {
  const threads = rate === 0 ? 2 : 1;
  // Enough connections that each one waits on its pacing, not on a response.
  const connections = rate === 0 ? 64 : Math.min(256, Math.max(8, Math.ceil(rate / 100)));
  const args = [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, "-H", "Host: bench.example.com"];
  if (rate > 0) args.push("-s", PACE_SCRIPT);
  args.push(`http://127.0.0.1:${port}/bench`);
  if (rate > 0) args.push("--", String(rate), String(threads));
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}: ${text}`))));
  });
  const perSecond = /^Requests\/sec:\s+([0-9.]+)/m.exec(output);
  if (!perSecond) throw new Error(`no Requests/sec in wrk's output: ${output}`);
  return Number(perSecond[1]);
}

export function formatTable(rows: readonly Row[]): string {
  const header = ["receiver", "qlen", "target/s", "achieved/s", "achieved/target", "requests", "received", "lost", "loss %", "nginx warnings", "receiver µs/line"];
  const cells = rows.map((row) => [
    row.receiver,
    String(row.qlen),
    row.target === 0 ? "unpaced" : String(row.target),
    row.achieved.toFixed(0),
    row.target === 0 ? "-" : (row.achieved / row.target).toFixed(2),
    String(row.requests),
    String(row.received),
    String(row.lost),
    row.lossPercent.toFixed(2),
    String(row.warnings),
    row.receiverCpuMicroseconds.toFixed(1),
  ]);
  const widths = header.map((title, index) => Math.max(title.length, ...cells.map((row) => row[index]!.length)));
  const line = (values: string[]) => `| ${values.map((value, index) => value.padStart(widths[index]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}

export function fluentBitBinary(): string | undefined {
  const configured = process.env.FLUENT_BIT_BIN;
  if (configured) return existsSync(configured) ? configured : undefined;
  const found = spawnSync("sh", ["-c", "command -v fluent-bit"], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 4);
  const rates = (process.env.BENCH_RATES ?? "2000,5000,10000,20000,0").split(",").map(Number);
  const rig = await Rig.create({});
  const chartQlen = rig.pod.maxDgramQlen;
  rig.dispose();
  const qlens = [10, ...(chartQlen === undefined || chartQlen === 10 ? [] : [chartQlen])];
  const slowRate = 5000;
  const columns: Column[] = [
    ...qlens.map((qlen) => ({ receiver: "fast", qlen, sleepMicroseconds: 0, rates })),
    ...qlens.map((qlen) => ({ receiver: "slow 100µs", qlen, sleepMicroseconds: 100, rates: [slowRate] })),
  ];
  const fluentBit = fluentBitBinary();
  // The chart's own reader at every rate, up to what nginx saturates at (unpaced).
  if (fluentBit) columns.push({ receiver: "fluent-bit", qlen: chartQlen ?? 10, sleepMicroseconds: 0, rates, fluentBit });
  if (chartQlen === undefined) console.log("the chart sets no max_dgram_qlen (kernelQueue.method none): only the kernel default is measured");
  const started = Date.now();
  const { rows, skipped } = await runPipelineBench({ seconds, columns, log: (line) => process.stderr.write(`${line}\n`) });
  console.log(`nginx → unix datagram socket → counting receiver, ${seconds} s per step, chart max_dgram_qlen ${chartQlen ?? "unset"}`);
  console.log(formatTable(rows));
  for (const line of skipped) console.log(line);
  const binaryNote = process.env.FLUENT_BIT_BIN ? `FLUENT_BIT_BIN=${process.env.FLUENT_BIT_BIN} does not exist` : "no FLUENT_BIT_BIN and no fluent-bit on PATH";
  if (!fluentBit) console.log(`fluent-bit: did not run (${binaryNote})`);
  else if (rows.some((row) => row.receiver === "fluent-bit")) console.log("fluent-bit row: receiver µs/line is fluent-bit's CPU (utime + stime from /proc) per line in its output files");
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const cost = await measureLoggingCost(seconds, rounds, fluentBit, (line) => process.stderr.write(`${line}\n`));
  console.log(`\nnginx unpaced, access log on (read by ${cost.reader}) against access_log off, ${rounds} alternating rounds of ${seconds} s`);
  console.log("| access log | req/s | requests | lines received | lines lost | nginx warnings |");
  console.log("|------------|-------|----------|----------------|------------|----------------|");
  for (const run of cost.runs) {
    const lost = run.logging ? [String(run.received), String(run.requests - run.received), String(run.warnings)] : ["-", "-", "-"];
    console.log(`| ${run.logging ? "on" : "off"} | ${run.achieved.toFixed(0)} | ${run.requests} | ${lost.join(" | ")} |`);
  }
  console.log(`logging on / off (median req/s): ${cost.ratio.toFixed(2)}x`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
