// Typed reads of a suite file mapping, failing with the key and the place it is at.
import { describe } from "../assertions/params.ts";
import { isYamlMap, type YamlMap, type YamlValue } from "../go-yaml/value.ts";

export class FieldError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(message);
  }
}

export class Fields {
  constructor(
    readonly map: YamlMap,
    readonly where: string,
  ) {}

  static of(value: YamlValue, where: string, what: string): Fields {
    if (!isYamlMap(value)) throw new FieldError(where, `${what} must be a mapping, got ${describe(value)}`);
    return new Fields(value, where);
  }

  has(key: string): boolean {
    return Object.hasOwn(this.map, key) && this.map[key] !== null;
  }

  raw(key: string): YamlValue | undefined {
    return Object.hasOwn(this.map, key) ? this.map[key] : undefined;
  }

  string(key: string): string | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value === "object") throw this.error(key, "a string", value);
    return String(value);
  }

  integer(key: string): number | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value)) throw this.error(key, "an integer", value);
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "boolean") throw this.error(key, "true or false", value);
    return value;
  }

  stringList(key: string): string[] | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((item) => item === null || typeof item === "object")) throw this.error(key, "a list of strings", value);
    return value.map(String);
  }

  mapping(key: string): YamlMap | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (!isYamlMap(value)) throw this.error(key, "a mapping", value);
    return value;
  }

  nested(key: string): Fields | undefined {
    const map = this.mapping(key);
    return map && new Fields(map, this.where);
  }

  list(key: string): YamlValue[] | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw this.error(key, "a list", value);
    return value;
  }

  private error(key: string, expected: string, value: YamlValue): FieldError {
    return new FieldError(this.where, `\`${key}\` must be ${expected}, got ${describe(value)}`);
  }
}
