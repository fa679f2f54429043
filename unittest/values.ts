// The user values of a test, as helm-unittest composes them before rendering: values files
// in order, then each `set` key (`image.tag`, `list[1].name`, `annotations.[a.b/c]`)
// expanded to a nested value and merged in.
import { readFileSync } from "node:fs";
import { parseGoYaml } from "./go-yaml/parse.ts";
import { setKey } from "./go-yaml/parse.ts";
import { isYamlMap, type YamlMap, type YamlValue } from "./go-yaml/value.ts";

export class ValuesError extends Error {}

export function composeUserValues(valuesFiles: readonly string[], sets: readonly YamlMap[]): YamlMap {
  let values: YamlMap = {};
  for (const file of valuesFiles) {
    let parsed: YamlValue;
    try {
      parsed = parseGoYaml(readFileSync(file, "utf8"));
    } catch (error) {
      throw new ValuesError(`failed to parse ${file}: ${(error as Error).message}`);
    }
    if (parsed === null) continue;
    if (!isYamlMap(parsed)) throw new ValuesError(`values file ${file} must hold a mapping`);
    values = mergeUserValues(values, parsed);
  }
  for (const set of sets) {
    for (const [path, value] of Object.entries(set)) values = mergeUserValues(values, buildSetValue(path, value));
  }
  return values;
}

/** `a.b[1].c` → {a: {b: [null, {c: value}]}}; `[x.y]` after a dot is one key with dots. */
export function buildSetValue(path: string, value: YamlValue): YamlMap {
  const cursors = parseSetPath(path);
  let built: YamlValue = value;
  for (let i = cursors.length - 1; i >= 0; i--) {
    const cursor = cursors[i]!;
    if (typeof cursor === "number") {
      const list: YamlValue[] = new Array<YamlValue>(cursor + 1).fill(null);
      list[cursor] = built;
      built = list;
    } else {
      const map: YamlMap = {};
      setKey(map, cursor, built);
      built = map;
    }
  }
  if (!isYamlMap(built)) throw new ValuesError(`set path ${JSON.stringify(path)} must start with a key`);
  return built;
}

export function parseSetPath(path: string): (string | number)[] {
  const cursors: (string | number)[] = [];
  let state: "key" | "index" | "denotation" | "escaping" = "key";
  let escaped = "";
  let position = 0;
  const fail = (reason: string): never => {
    throw new ValuesError(`invalid set path ${JSON.stringify(path)}: ${reason}`);
  };
  while (true) {
    let token = "";
    while (position < path.length && !".[],{}=".includes(path[position]!)) token += path[position++];
    if (position >= path.length) {
      if (state === "key" && token !== "") cursors.push(token);
      else if (!(state === "denotation" && token === "")) fail("unexpected end");
      return cursors;
    }
    const stop = path[position++]!;
    if (",{}=".includes(stop)) fail(`invalid token ${stop}`);
    switch (state) {
      case "index": {
        if (stop !== "]") fail("missing index value");
        if (!/^\d+$/.test(token)) fail(`index ${JSON.stringify(token)} is not a number`);
        cursors.push(Number(token));
        state = "denotation";
        break;
      }
      case "denotation":
        if (token !== "") fail(`unexpected ${JSON.stringify(token)} after ]`);
        if (stop === ".") state = "key";
        else if (stop === "[") state = "index";
        else fail(`invalid denotation token ${stop}`);
        break;
      case "key":
        if (stop === ".") {
          cursors.push(token);
        } else if (stop === "[") {
          if (token === "") {
            escaped = "";
            state = "escaping";
            break;
          }
          cursors.push(token);
          state = "index";
        } else {
          fail(`invalid key ${stop}`);
        }
        break;
      case "escaping":
        if (stop === ".") escaped += `${token}.`;
        else if (stop === "]") {
          cursors.push(escaped + token);
          state = "denotation";
        } else fail(`invalid escaping token ${stop}`);
        break;
    }
  }
}

/**
 * Helm's MergeTables(source, target), which helm-unittest 1.1.0 calls for every values file
 * and `set` (pkg/unittest/test_job.go:340,359): maps merge deeply, anything else (a list, a
 * null) replaces the earlier value whole, so `hosts[1]: x` gives `[null, x]`.
 */
export function mergeUserValues(target: YamlMap, source: YamlMap): YamlMap {
  const result: YamlMap = { ...target };
  for (const [key, sourceValue] of Object.entries(source)) {
    const targetValue = Object.hasOwn(result, key) ? result[key]! : undefined;
    const merged = isYamlMap(sourceValue) && targetValue !== undefined && isYamlMap(targetValue) ? mergeUserValues(targetValue, sourceValue) : sourceValue;
    setKey(result, key, merged);
  }
  return result;
}
