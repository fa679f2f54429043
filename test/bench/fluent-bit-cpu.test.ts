// Keeps bench/fluent-bit-cpu.ts from rotting and holds its premise: the chart's fluent-bit
// and the seed chain, fed the same real nginx datagrams, write every line and the same lines.
// Like the other fluent-bit tests, it passes without running (saying so) when no fluent-bit
// binary is here: no registry this project installs from ships one.
import { describe, expect, it } from "vitest";
import { compareFluentBitCpu } from "../../bench/fluent-bit-cpu.ts";
import { findFluentBit } from "../datapath/rig/fluent-bit.ts";

describe("bench:fluent-bit-cpu", () => {
  it("feeds both chains the same datagrams and gets the same lines from each, every one", async () => {
    const binary = findFluentBit();
    if (!binary) {
      console.log("fluent-bit CPU comparison test did not run: no fluent-bit binary (set FLUENT_BIT_BIN or put fluent-bit on PATH); no registry here ships it");
      return;
    }
    const result = await compareFluentBitCpu(binary, 2);
    expect(result.datagrams).toBe(4_000);
    expect([result.chart.lines, result.seed.lines]).toEqual([result.datagrams, result.datagrams]);
    expect(result.sameLines).toBe(true);
    for (const figures of [result.chart, result.seed]) expect(Number.isFinite(figures.cpuMicrosecondsPerLine) && figures.cpuMicrosecondsPerLine > 0).toBe(true);
  });
});
