// Which subcharts' own suites run with the parent's (`--with-subchart`, on by default), as
// helm-unittest 1.1.0 finds them (pkg/unittest/test_runner.go:382-423): for each subchart
// the parent loads, the suites under `<parent>/charts/<subchart's name>`, unless the parent
// declares the dependency disabled by its `condition` or `tags`, read from the root chart's
// values.yaml and the `-v` files (test_runner.go:191-216, 222-301). Subcharts of subcharts
// follow, judged against those same root values. Their tests render the root chart, with
// their values scoped under the subchart's route (test_job.go:55-75).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { parseGoYaml, setKey } from "../go-yaml/parse.ts";
import { isYamlMap, type YamlMap, type YamlValue } from "../go-yaml/value.ts";
import { mergeUserValues } from "../values.ts";

export interface SubchartSuites {
  /** The subchart directory whose suite globs are expanded. */
  readonly dir: string;
  /** `<root>/charts/<name>[/charts/<name>...]`, the prefix of its templates in Helm's output. */
  readonly route: string;
}

interface Dependency {
  readonly key: string;
  readonly condition: string;
  readonly tags: readonly string[];
}

/** The subcharts whose suites run, depth first, in the order Helm loads them (file names sorted). */
export function subchartSuites(rootDir: string, rootName: string, valuesFiles: readonly string[]): SubchartSuites[] {
  const values = rootValues(rootDir, valuesFiles);
  const found: SubchartSuites[] = [];
  const visit = (dir: string, route: string): void => {
    const declared = declaredDependencies(dir);
    for (const name of loadedSubchartNames(dir)) {
      const dependency = declared.find((candidate) => candidate.key === name);
      // Without root values (a -v file could not be read) every subchart counts as enabled.
      if (values !== undefined && dependency !== undefined && !dependencyEnabled(dependency, values)) continue;
      // The plugin looks for the subchart at charts/<chart name>: a chart packed as a .tgz, or
      // kept in a directory named otherwise, has no suites there (test_runner.go:408-411).
      const subDir = join(dir, "charts", name);
      if (!existsSync(subDir) || !statSync(subDir).isDirectory()) continue;
      const subRoute = `${route}/charts/${name}`;
      found.push({ dir: subDir, route: subRoute });
      visit(subDir, subRoute);
    }
  };
  visit(rootDir, rootName);
  return found;
}

/** The `name` of every chart Helm loads from charts/: directories with a Chart.yaml and archives. */
function loadedSubchartNames(chartDir: string): string[] {
  const charts = join(chartDir, "charts");
  if (!existsSync(charts)) return [];
  return readdirSync(charts, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      if (!entry.isDirectory()) return [];
      const name = chartYaml(join(charts, entry.name))?.["name"];
      return typeof name === "string" ? [name] : [];
    });
}

function chartYaml(dir: string): YamlMap | undefined {
  const file = join(dir, "Chart.yaml");
  if (!existsSync(file)) return undefined;
  const parsed = parseGoYaml(readFileSync(file, "utf8"));
  return isYamlMap(parsed) ? parsed : undefined;
}

/** Chart.yaml `dependencies`, or requirements.yaml's for an apiVersion v1 chart; matched by alias, else name. */
function declaredDependencies(chartDir: string): Dependency[] {
  let list: YamlValue | undefined = chartYaml(chartDir)?.["dependencies"];
  const requirements = join(chartDir, "requirements.yaml");
  if (list === undefined && existsSync(requirements)) {
    const parsed = parseGoYaml(readFileSync(requirements, "utf8"));
    list = isYamlMap(parsed) ? parsed["dependencies"] : undefined;
  }
  if (!Array.isArray(list)) return [];
  return list.filter(isYamlMap).map((entry) => ({
    key: String(entry["alias"] || entry["name"] || ""),
    condition: typeof entry["condition"] === "string" ? entry["condition"] : "",
    tags: Array.isArray(entry["tags"]) ? entry["tags"].map(String) : [],
  }));
}

/** values.yaml with each -v file merged over it; a relative -v file is read from the chart. */
function rootValues(chartDir: string, valuesFiles: readonly string[]): YamlMap | undefined {
  const file = join(chartDir, "values.yaml");
  const parsed = existsSync(file) ? parseGoYaml(readFileSync(file, "utf8")) : null;
  let values: YamlMap = isYamlMap(parsed) ? parsed : {};
  for (const valuesFile of valuesFiles) {
    const path = isAbsolute(valuesFile) ? valuesFile : join(chartDir, valuesFile);
    try {
      const extra = parseGoYaml(readFileSync(path, "utf8"));
      values = mergeUserValues(values, isYamlMap(extra) ? extra : {});
    } catch {
      return undefined;
    }
  }
  return values;
}

/**
 * A condition decides alone when given: the subchart is off only if the whole dotted path
 * leads to `false` (a comma-separated list is one path to the plugin). Otherwise tags: on if
 * any listed tag is `true` under `tags`, on when `tags` is absent.
 */
export function dependencyEnabled(dependency: Omit<Dependency, "key">, values: YamlMap): boolean {
  if (dependency.condition !== "") {
    let current: YamlValue | undefined = values;
    for (const part of dependency.condition.split(".")) {
      if (!isYamlMap(current) || !Object.hasOwn(current, part)) return true;
      current = current[part];
    }
    return current !== false;
  }
  if (dependency.tags.length === 0) return true;
  const tags = values["tags"];
  if (!isYamlMap(tags)) return true;
  return dependency.tags.some((tag) => tags[tag] === true);
}

/**
 * The plugin's scopeValuesWithRoutes (test_job.go:64-75): a subchart test's values go under
 * each chart name of its route after the root's, with `global` copied to every level.
 */
export function scopeValues(route: string, values: YamlMap): YamlMap {
  const names = route.split("/").filter((_, index) => index % 2 === 0);
  let scoped = values;
  for (const name of names.slice(1).reverse()) {
    const wrapped: YamlMap = {};
    if (Object.hasOwn(scoped, "global")) setKey(wrapped, "global", scoped["global"]!);
    setKey(wrapped, name, scoped);
    scoped = wrapped;
  }
  return scoped;
}
