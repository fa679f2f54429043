// A suite's snapshot file, tests/__snapshot__/<suite file>.snap, in helm-unittest's layout:
// a YAML map from test name (`it`) to a map from the 1-based position of each
// matchSnapshot value in that test to the value marshalled as YAML.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { SnapshotComparer, SnapshotComparison, SnapshotPatterns } from "./assertions/types.ts";
import { compileGoRegexp } from "./go-regexp.ts";
import { marshalGoYaml } from "./go-yaml/emit.ts";
import { yamlText } from "./assertions/format.ts";
import { parseGoYaml } from "./go-yaml/parse.ts";
import { isYamlMap, type YamlValue } from "./go-yaml/value.ts";

export class SnapshotFileError extends Error {}

export interface ObsoleteSnapshot {
  readonly test: string;
  readonly index: number;
}

export interface SnapshotCounts {
  readonly total: number;
  readonly failed: number;
  readonly created: number;
  readonly obsolete: readonly ObsoleteSnapshot[];
}

export function snapshotPath(suiteFile: string): string {
  return join(dirname(suiteFile), "__snapshot__", `${basename(suiteFile)}.snap`);
}

type Entries = Map<string, Map<number, string>>;

export class SnapshotFile {
  private readonly cached: Entries;
  private readonly current: Entries = new Map();
  private total = 0;
  private failed = 0;
  private created = 0;

  constructor(
    readonly path: string,
    private readonly updating: boolean,
  ) {
    this.cached = existsSync(path) ? readEntries(path) : new Map();
  }

  /** Comparisons numbered from 1 in the order the test makes them, as the plugin numbers them. */
  comparer(test: string): SnapshotComparer {
    let counter = 0;
    return { compare: (content, patterns) => this.compare(test, ++counter, content, patterns) };
  }

  /** A test that was skipped or could not run keeps its snapshots as they are. */
  keep(test: string): void {
    const cached = this.cached.get(test);
    if (!cached) return;
    const current = this.current.get(test) ?? new Map<number, string>();
    for (const [index, snapshot] of cached) if (!current.has(index)) current.set(index, snapshot);
    this.current.set(test, current);
  }

  counts(): SnapshotCounts {
    return { total: this.total, failed: this.updating ? 0 : this.failed, created: this.created, obsolete: this.obsolete() };
  }

  /**
   * Writes the file when a snapshot was created or became obsolete, or on update, without
   * the obsolete entries, as helm-unittest 1.1.0 does (pkg/unittest/snapshot/cache.go:
   * StoreToFileIfNeeded). Snapshots of tests that were skipped or could not run are kept.
   */
  store(): boolean {
    if (!this.updating && this.created === 0 && this.obsolete().length === 0) return false;
    const entries: Entries = new Map(this.current);
    if (entries.size === 0) {
      if (!existsSync(this.path)) return false;
      rmSync(this.path);
      return true;
    }
    const text = marshalGoYaml(Object.fromEntries(entries));
    if (existsSync(this.path) && readFileSync(this.path, "utf8") === text) return false;
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(this.path, text);
    return true;
  }

  private compare(test: string, index: number, content: YamlValue, patterns: SnapshotPatterns = {}): SnapshotComparison {
    const current = yamlText(content);
    const cached = this.cached.get(test)?.get(index);
    // With matchRegex / notMatchRegex the plugin checks the patterns instead of the stored
    // value (pkg/unittest/snapshot/cache.go:84-104, plugin 1.1.0).
    const regexMode = Boolean(patterns.matchRegex || patterns.notMatchRegex);
    this.total++;
    let passed = true;
    if (cached === undefined) this.created++;
    else if (!regexMode && cached !== current) {
      passed = false;
      this.failed++;
    }
    if (!this.current.has(test)) this.current.set(test, new Map());
    this.current.get(test)!.set(index, this.updating || cached === undefined ? current : cached);
    passed ||= this.updating;
    let message: string | undefined;
    if (passed && patterns.matchRegex !== undefined && !compileGoRegexp(patterns.matchRegex).test(current)) {
      passed = false;
      message = ` pattern '${patterns.matchRegex}' not found in snapshot`;
    }
    if (passed && patterns.notMatchRegex !== undefined && compileGoRegexp(patterns.notMatchRegex).test(current)) {
      passed = false;
      message = ` pattern '${patterns.notMatchRegex}' should not be in snapshot`;
    }
    return { passed, index, cached: cached ?? "", current, message };
  }

  private obsolete(): ObsoleteSnapshot[] {
    const obsolete: ObsoleteSnapshot[] = [];
    for (const [test, indices] of this.cached) {
      for (const index of indices.keys()) if (!this.current.get(test)?.has(index)) obsolete.push({ test, index });
    }
    return obsolete;
  }
}

function readEntries(path: string): Entries {
  let parsed: YamlValue;
  try {
    parsed = parseGoYaml(readFileSync(path, "utf8"));
  } catch (error) {
    throw new SnapshotFileError(`${path}: invalid snapshot file: ${(error as Error).message}`);
  }
  const entries: Entries = new Map();
  if (parsed === null) return entries;
  if (!isYamlMap(parsed)) throw new SnapshotFileError(`${path}: invalid snapshot file: expected a map of test names`);
  for (const [test, byIndex] of Object.entries(parsed)) {
    if (!isYamlMap(byIndex)) throw new SnapshotFileError(`${path}: invalid snapshot file: ${JSON.stringify(test)} must map numbers to snapshots`);
    const indices = new Map<number, string>();
    for (const [index, snapshot] of Object.entries(byIndex)) {
      if (!/^\d+$/.test(index) || typeof snapshot !== "string") {
        throw new SnapshotFileError(`${path}: invalid snapshot file: ${JSON.stringify(test)} entry ${index} must be a number mapped to text`);
      }
      indices.set(Number(index), snapshot);
    }
    entries.set(test, indices);
  }
  return entries;
}
