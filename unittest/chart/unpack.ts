// Packed subcharts (charts/*.tgz) as directories, so their templates can be listed, selected
// and wrapped like any other. Helm loads a chart archive and the directory it unpacks to
// alike (helm.sh/helm/v3/pkg/chart/loader: LoadArchive and LoadDir build the same chart from
// the same files), so the render does not change. Hand-written over the system tar: Node has
// no gzip-tar reader, and the archive's layout (one top directory, the chart) is Helm's own.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface UnpackedChart {
  /** The chart with every packed subchart unpacked: the original directory when it has none. */
  readonly dir: string;
  dispose(): void;
}

export function unpackSubcharts(chartDir: string): UnpackedChart {
  if (!hasArchives(chartDir)) return { dir: chartDir, dispose: () => undefined };
  const root = mkdtempSync(join(tmpdir(), "helm-unittest-unpacked-"));
  const dir = join(root, "chart");
  cpSync(chartDir, dir, { recursive: true, dereference: true, filter: (source) => !/[\\/]\.git$/.test(source) });
  unpackIn(dir);
  return { dir, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

function archivesIn(chartDir: string): string[] {
  const charts = join(chartDir, "charts");
  if (!existsSync(charts)) return [];
  return readdirSync(charts).filter((name) => name.endsWith(".tgz"));
}

function hasArchives(chartDir: string): boolean {
  if (archivesIn(chartDir).length > 0) return true;
  const charts = join(chartDir, "charts");
  if (!existsSync(charts)) return false;
  return readdirSync(charts, { withFileTypes: true }).some((entry) => entry.isDirectory() && hasArchives(join(charts, entry.name)));
}

/** Each charts/<file>.tgz → charts/<file>/ (its chart directory), then the subcharts' own archives. */
function unpackIn(chartDir: string): void {
  const charts = join(chartDir, "charts");
  if (!existsSync(charts)) return;
  for (const archive of archivesIn(chartDir)) {
    extractChart(join(charts, archive), join(charts, archive.slice(0, -".tgz".length)), `subchart ${archive}`);
    rmSync(join(charts, archive));
  }
  for (const entry of readdirSync(charts, { withFileTypes: true })) if (entry.isDirectory()) unpackIn(join(charts, entry.name));
}

/** A packaged chart given as the chart to test (`helm unittest chart-1.0.0.tgz`), unpacked with its own packed subcharts. */
export function unpackChartArchive(archive: string): UnpackedChart {
  const root = mkdtempSync(join(tmpdir(), "helm-unittest-packaged-"));
  const dir = join(root, "chart");
  try {
    extractChart(archive, dir, `chart archive ${archive}`);
    unpackIn(dir);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return { dir, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** The archive's one top directory (Helm packs a chart as <name>/...) copied to `destination`. */
function extractChart(archive: string, destination: string, what: string): void {
  const staging = mkdtempSync(join(tmpdir(), "helm-unittest-unpack-"));
  try {
    const result = spawnSync("tar", ["-xzf", archive, "-C", staging], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`cannot unpack ${what}: ${result.stderr.trim() || result.error?.message}`);
    const [top, ...others] = readdirSync(staging);
    if (top === undefined || others.length > 0) throw new Error(`${what} does not hold one chart directory`);
    cpSync(join(staging, top), destination, { recursive: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
