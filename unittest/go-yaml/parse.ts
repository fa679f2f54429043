// Reading YAML the way helm-unittest does (gopkg.in/yaml.v3 into interface{}): the `yaml`
// package parses with its failsafe schema so every scalar stays text, then resolvePlain
// gives plain scalars their Go types.
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from "yaml";
import { resolvePlain } from "./resolve.ts";
import { isYamlMap, type YamlMap, type YamlValue } from "./value.ts";

export class YamlSyntaxError extends Error {}

/** Every document of a stream; an empty or comment-only document is null. */
export function parseGoYamlDocuments(text: string): YamlValue[] {
  const documents = parseAllDocuments(text, { schema: "failsafe", uniqueKeys: true, prettyErrors: true });
  if (!Array.isArray(documents)) return [];
  return documents.map((document) => {
    const error = document.errors[0];
    if (error) throw new YamlSyntaxError(error.message.trim());
    return convert(document.contents, document);
  });
}

/** A single-document file; empty text is null. */
export function parseGoYaml(text: string): YamlValue {
  const documents = parseGoYamlDocuments(text);
  if (documents.length > 1) throw new YamlSyntaxError("expected one YAML document, found several separated by ---");
  return documents[0] ?? null;
}

function convert(node: unknown, document: Document, seen = new Map<Node, YamlValue>()): YamlValue {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) {
    const target = node.resolve(document);
    if (!target) throw new YamlSyntaxError(`unknown anchor *${node.source}`);
    return convert(target, document, seen);
  }
  const cached = seen.get(node as Node);
  if (cached !== undefined) return cached;
  let value: YamlValue;
  if (isScalar(node)) value = convertScalar(node.value, node.type, node.tag);
  else if (isSeq(node)) value = node.items.map((item) => convert(item, document, seen));
  else if (isMap(node)) value = convertMap(node.items, document, seen);
  else throw new YamlSyntaxError(`unsupported YAML node ${String(node)}`);
  seen.set(node as Node, value);
  return value;
}

function convertScalar(raw: unknown, type: string | undefined, tag: string | undefined): YamlValue {
  if (raw === null || raw === undefined) return null;
  const text = String(raw);
  switch (tag?.replace("tag:yaml.org,2002:", "!!")) {
    case "!!str":
    case "!!binary":
      return text;
    case "!!int":
    case "!!float":
      return Number(text.replaceAll("_", ""));
    case "!!bool":
      return /^(true|True|TRUE)$/.test(text);
    case "!!null":
      return null;
  }
  if (type !== "PLAIN") return text;
  // A timestamp stays a string: yaml.v3 keeps it one when decoding into interface{}.
  return resolvePlain(text).value;
}

/** Keys become strings; `<<` merges mappings whose keys the mapping itself does not set. */
function convertMap(items: readonly unknown[], document: Document, seen: Map<Node, YamlValue>): YamlMap {
  const own: [string, YamlValue][] = [];
  const merged: YamlMap[] = [];
  for (const item of items) {
    if (!isPair(item)) continue;
    const key = convert(item.key, document, seen);
    const value = convert(item.value, document, seen);
    if (key === "<<" && isScalar(item.key) && item.key.type === "PLAIN") {
      const sources = Array.isArray(value) ? value : [value];
      for (const source of sources) if (isYamlMap(source)) merged.push(source);
      continue;
    }
    own.push([keyText(key), value]);
  }
  const result: YamlMap = {};
  for (const source of merged) for (const [key, value] of Object.entries(source)) if (!Object.hasOwn(result, key)) setKey(result, key, value);
  for (const [key, value] of own) setKey(result, key, value);
  return result;
}

/** defineProperty, so that a key named __proto__ is data rather than a prototype. */
export function setKey(map: YamlMap, key: string, value: YamlValue): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}

function keyText(key: YamlValue): string {
  if (key === null) return "null";
  if (typeof key === "object") throw new YamlSyntaxError("mapping keys must be scalars");
  return String(key);
}
