// The values document the tests hand Helm reaches the templates whole, whatever its length.
// Helm 4 reads -f files through apimachinery's YAMLReader over a 4096-byte bufio.Reader
// (helm v4.1.4 pkg/chart/v2/loader/load.go, LoadValues; apimachinery pkg/util/yaml/decoder.go,
// LineReader.Read and YAMLReader.Read): a last line without a newline that fills the buffer
// exactly comes back together with io.EOF, and YAMLReader drops it. A one-line JSON document
// of 4096 bytes was read as no values at all: the differential property met one in CI.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileChart, symbolicValues } from "../../compiler/index.ts";
import { helmBinaries } from "../../helm/run.ts";
import { renderOrThrow, writeChart } from "../../compiler/testing/render.ts";
import { configMapChart } from "../support/config-map-chart.ts";

const values = z.object({ pad: z.string().default("default") }).strict();
const v = symbolicValues(values);
const dir = writeChart(compileChart(configMapChart("values-file", values, () => ({ pad: v.pad }))));

/** `{"pad":"xx…"}` of exactly `bytes` bytes as JSON, the form the tests write. */
const padded = (bytes: number) => ({ pad: "x".repeat(bytes - JSON.stringify({ pad: "" }).length) });

describe.each(helmBinaries())("$label", (helm) => {
  it.each([4095, 4096, 4097, 8192])("applies a values document of %i bytes", async (bytes) => {
    const given = padded(bytes);
    expect(JSON.stringify(given)).toHaveLength(bytes);
    const rendered = await renderOrThrow(helm, dir, given);
    expect((rendered["configmap.yaml"]![0] as { data: { pad: string } }).data.pad).toBe(given.pad);
  });
});
