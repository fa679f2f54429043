// Reading an assertion's parameters (`equal: {path, value}`), with messages that say which
// parameter is wrong and what it should be.
import { isYamlMap, type YamlMap, type YamlValue } from "../go-yaml/value.ts";

export class AssertionParamError extends Error {}

export class Params {
  private readonly map: YamlMap;

  constructor(
    readonly assertionType: string,
    raw: YamlValue,
  ) {
    if (raw !== null && !isYamlMap(raw)) throw new AssertionParamError(`\`${assertionType}\` expects a mapping of parameters, got ${describe(raw)}`);
    this.map = raw ?? {};
  }

  /**
   * A parameter the assertion compares with; missing, it is null, as a field of the
   * plugin's validator struct left unset is nil (helm-unittest 1.1.0 pkg/unittest/validators).
   */
  valueOrNull(name: string): YamlValue {
    return Object.hasOwn(this.map, name) ? this.map[name]! : null;
  }

  string(name: string): string | undefined {
    const value = this.map[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "object") throw this.error(`parameter \`${name}\` must be a string, got ${describe(value)}`);
    return String(value);
  }

  /** A string parameter; missing, it is "", as the plugin's unset string field is. */
  stringOrEmpty(name: string): string {
    return this.string(name) ?? "";
  }

  boolean(name: string): boolean {
    const value = this.map[name];
    if (value === undefined || value === null) return false;
    if (typeof value !== "boolean") throw this.error(`parameter \`${name}\` must be true or false, got ${describe(value)}`);
    return value;
  }

  integer(name: string): number | undefined {
    const value = this.map[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value)) throw this.error(`parameter \`${name}\` must be an integer, got ${describe(value)}`);
    return value;
  }

  stringList(name: string): string[] {
    const value = this.map[name];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.some((item) => typeof item === "object")) {
      throw this.error(`parameter \`${name}\` must be a list of strings, got ${describe(value)}`);
    }
    return value.map(String);
  }

  mapping(name: string): YamlMap | undefined {
    const value = this.map[name];
    if (value === undefined || value === null) return undefined;
    if (!isYamlMap(value)) throw this.error(`parameter \`${name}\` must be a mapping, got ${describe(value)}`);
    return value;
  }

  private error(message: string): AssertionParamError {
    return new AssertionParamError(`\`${this.assertionType}\`: ${message}`);
  }
}

export function describe(value: YamlValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${JSON.stringify(value)}`;
}
