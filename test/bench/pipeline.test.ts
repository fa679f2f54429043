// Keeps bench/pipeline.ts from rotting: one small paced step for one second must give a
// well-formed row. No timing or loss figure is asserted; only that the figures add up.
import { describe, expect, it } from "vitest";
import { formatTable, measureLoggingCost, runPipelineBench } from "../../bench/pipeline.ts";

describe("bench:pipeline", () => {
  it("produces a well-formed table row at one small rate", async () => {
    const { rows, skipped } = await runPipelineBench({ seconds: 1, columns: [{ receiver: "fast", qlen: 10, sleepMicroseconds: 0, rates: [500] }] });
    expect(skipped).toEqual([]);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ receiver: "fast", qlen: 10, target: 500 });
    expect(row.requests).toBeGreaterThan(0);
    expect(row.received + row.lost).toBe(row.requests);
    for (const figure of [row.achieved, row.lossPercent, row.receiverCpuMicroseconds, row.warnings]) expect(Number.isFinite(figure) && figure >= 0).toBe(true);
    const lines = formatTable(rows).split("\n");
    expect(lines).toHaveLength(3);
    const cells = lines[2]!.split("|").slice(1, -1).map((cell) => cell.trim());
    expect(cells).toHaveLength(11);
    expect(cells.slice(0, 3)).toEqual(["fast", "10", "500"]);
    expect(cells.slice(3).every((cell) => /^[0-9]+(\.[0-9]+)?$/.test(cell))).toBe(true);
  });

  it("compares nginx with its access log on and off: the off runs send nothing, the on runs account for every request", async () => {
    const cost = await measureLoggingCost(1, 1);
    expect(cost.reader).toBe("counting receiver");
    expect(cost.runs.map((run) => run.logging)).toEqual([true, false]);
    const [on, off] = cost.runs;
    for (const run of cost.runs) expect(run.requests).toBeGreaterThan(0);
    // access_log off really is off: nothing reached the socket.
    expect(off!.received).toBe(0);
    // With it on, every request reached the reader or made nginx warn.
    expect(on!.received + on!.warnings).toBe(on!.requests);
    expect(cost.ratio).toBeCloseTo(on!.achieved / off!.achieved, 10);
  });
});
