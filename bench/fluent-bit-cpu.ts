// npm run bench:fluent-bit-cpu — fluent-bit's CPU per line: the chart's rendered config
// against the original chain (../shared/reference/seed-fluent-bit: syslog regex parser with
// a time parse → parser filter → Lua date path → rewrite_tag → the same LTSV template), fed
// the same datagrams, one after the other in this process tree. Figures, not assertions; the
// ratio compares two runs on the same machine minutes apart.
//
// The datagrams are real: the rendered nginx logs a burst of requests to the Ruby receiver,
// and those bytes are replayed BENCH_REPEAT times (default 100) into each fluent-bit as
// nginx's user, blocking while the socket's queue is full, so nothing is dropped and the
// line count is exact.
//
//   FLUENT_BIT_BIN  a fluent-bit binary (else fluent-bit on PATH)
//   BENCH_REPEAT    replays of the captured burst (default 100)
//   SEED_DIR        the seed chain's directory (default ../shared/reference/seed-fluent-bit)
import { spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { findFluentBit } from "../test/datapath/rig/fluent-bit.ts";
import { FluentBitReceiver, replayAsNginx, writtenLinesUnder } from "../test/datapath/rig/fluent-bit-receiver.ts";
import { startLoad } from "../test/datapath/rig/load.ts";
import type { Datagram } from "../test/datapath/rig/receiver.ts";
import { spawnAsFluentBit } from "../test/datapath/rig/receiver.ts";
import { Rig } from "../test/datapath/rig/rig.ts";
import { exited, waitFor } from "../test/datapath/rig/wait.ts";
import { cpuTicks } from "./pipeline.ts";

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
const DEFAULT_SEED_DIR = fileURLToPath(new URL("../../shared/reference/seed-fluent-bit", import.meta.url));

export interface ChainFigures {
  readonly chain: string;
  readonly lines: number;
  readonly cpuMicrosecondsPerLine: number;
}

export interface CpuComparison {
  readonly datagrams: number;
  readonly chart: ChainFigures;
  readonly seed: ChainFigures;
  /** Whether both chains wrote the same lines (the seed files them by its own date path). */
  readonly sameLines: boolean;
}

/** Real nginx datagrams: a short burst of keep-alive requests through the rendered nginx. */
async function captureDatagrams(rig: Rig, count: number): Promise<Datagram[]> {
  await rig.startInChartOrder();
  const load = startLoad(rig.listenPort, 8, "bench");
  await waitFor(() => rig.datagrams().length >= count, 30_000, `${count} datagrams from nginx`);
  await load.stop();
  await rig.stopInChartOrder();
  return rig.datagrams().slice(0, count);
}

/** The seed chain with the chart's socket and LTSV template, as its README says to run it. */
function startSeed(rig: Rig, binary: string, seedDir: string): { child: ChildProcess; outputDir: string } {
  const dir = join(rig.root, "seed");
  mkdirSync(join(dir, "out"), { recursive: true });
  const template = /^\s*Template\s+(.*)$/m.exec(rig.pod.fluentBitConfigMap["fluent-bit.conf"]!)![1]!;
  const fill = (text: string) => text.replaceAll("@DIR@", dir).replaceAll("@SOCKET@", rig.pipeline.socketPath).replaceAll("@TEMPLATE@", template);
  for (const file of ["fluent-bit.conf", "parsers.conf", "create-log-file-path.lua"]) writeFileSync(join(dir, file), fill(readFileSync(join(seedDir, file), "utf8")));
  for (const path of [dir, join(dir, "out")]) chownSync(path, rig.pod.fluentBit.uid, rig.pod.fluentBit.gid);
  const child = spawnAsFluentBit(rig.pod, rig.pod.maxDgramQlen, [binary, "-c", join(dir, "fluent-bit.conf")], "ignore");
  child.stdout!.resume();
  child.stderr!.resume();
  return { child, outputDir: join(dir, "out") };
}

/** Replays, waits for every line, and reads the process's CPU. */
async function measure(chain: string, rig: Rig, pid: number, outputDir: string, datagrams: readonly Datagram[], repeat: number): Promise<ChainFigures & { written: string[] }> {
  const expected = datagrams.length * repeat;
  const before = cpuTicks(pid);
  replayAsNginx(rig, datagrams, repeat);
  await waitFor(() => writtenLinesUnder(outputDir).map(({ line }) => line).length >= expected, 300_000, `${chain}: ${expected} lines`);
  // Flushes are 1 s apart: let a late one land before reading the CPU.
  await sleep(1_500);
  const ticks = cpuTicks(pid) - before;
  const written = writtenLinesUnder(outputDir).map(({ line }) => line);
  return { chain, lines: written.length, cpuMicrosecondsPerLine: (ticks * 1e6) / CLOCK_TICKS / written.length, written };
}

export async function compareFluentBitCpu(binary: string, repeat: number, seedDir = DEFAULT_SEED_DIR): Promise<CpuComparison> {
  const rig = await Rig.create({});
  try {
    rig.envoy.record = false;
    const datagrams = await captureDatagrams(rig, 2_000);
    const chartReceiver = await FluentBitReceiver.start(rig, binary, rig.pod.maxDgramQlen);
    let chart: ChainFigures & { written: string[] };
    try {
      chart = await measure("chart", rig, chartReceiver.pid, chartReceiver.outputDir, datagrams, repeat);
    } finally {
      await chartReceiver.stop();
    }
    const seedProcess = startSeed(rig, binary, seedDir);
    let seed: ChainFigures & { written: string[] };
    try {
      await waitFor(() => seedProcess.child.exitCode !== null || existsSync(rig.pipeline.socketPath), 15_000, "the seed chain to bind the socket");
      // The chart's fluent-bit was killed: its socket file stays until the seed binds anew.
      await sleep(1_000);
      seed = await measure("seed", rig, seedProcess.child.pid!, seedProcess.outputDir, datagrams, repeat);
    } finally {
      seedProcess.child.kill("SIGKILL");
      await exited(seedProcess.child, 10_000).catch(() => undefined);
    }
    const sorted = (lines: string[]) => [...lines].sort().join("\n");
    return {
      datagrams: datagrams.length * repeat,
      chart: { chain: chart.chain, lines: chart.lines, cpuMicrosecondsPerLine: chart.cpuMicrosecondsPerLine },
      seed: { chain: seed.chain, lines: seed.lines, cpuMicrosecondsPerLine: seed.cpuMicrosecondsPerLine },
      sameLines: sorted(chart.written) === sorted(seed.written),
    };
  } finally {
    rig.dispose();
  }
}

async function main(): Promise<void> {
  const binary = findFluentBit();
  if (!binary) {
    console.log("fluent-bit CPU comparison: did not run (no FLUENT_BIT_BIN and no fluent-bit on PATH)");
    return;
  }
  const repeat = Number(process.env.BENCH_REPEAT ?? 100);
  const result = await compareFluentBitCpu(binary, repeat, resolve(process.env.SEED_DIR ?? DEFAULT_SEED_DIR));
  console.log(`fluent-bit CPU per line, the same ${result.datagrams} nginx datagrams (${binary})`);
  console.log("| chain | lines written | µs of CPU per line |");
  console.log("|-------|---------------|--------------------|");
  for (const figures of [result.seed, result.chart]) console.log(`| ${figures.chain} | ${figures.lines} | ${figures.cpuMicrosecondsPerLine.toFixed(1)} |`);
  console.log(`chart / seed: ${(result.chart.cpuMicrosecondsPerLine / result.seed.cpuMicrosecondsPerLine).toFixed(2)}x; same lines written: ${result.sameLines ? "yes" : "NO"}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
