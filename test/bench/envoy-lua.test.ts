// Keeps bench/envoy-lua.ts from rotting: a small run must give well-formed rows. No timing
// is asserted; only that the figures are finite and add up.
import { describe, expect, it } from "vitest";
import { formatTable, runEnvoyLuaBench } from "../../bench/envoy-lua.ts";

describe("bench:envoy-lua", () => {
  it("measures the rendered filter and the baseline in one luajit run", async () => {
    const rows = await runEnvoyLuaBench(2000);
    expect(rows.map((row) => row.records)).toEqual(["typical", "2 KiB values"]);
    for (const row of rows) {
      expect(row.count).toBe(2000);
      for (const figure of [row.filterMicroseconds, row.baselineMicroseconds, row.ratio]) expect(Number.isFinite(figure) && figure > 0).toBe(true);
      expect(row.ratio).toBeCloseTo(row.filterMicroseconds / row.baselineMicroseconds, 6);
    }
    expect(formatTable(rows).split("\n")).toHaveLength(4);
  });
});
