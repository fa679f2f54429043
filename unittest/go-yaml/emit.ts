// yaml.v3's Encoder with SetIndent(2), as helm-unittest uses it for snapshot files and for
// the Expected/Actual text of failures. A port of the libyaml emitter states this runner
// reaches (block collections, empty flow collections, the four scalar styles, line
// folding at 80 columns), so that a snapshot written here reads identically in the Go
// plugin and the other way round.
import { goFormatFloat } from "../../golang/index.ts";
import { stringNeedsQuotes } from "./resolve.ts";
import { analyzeScalar, isBreak, isPrintable, type ScalarAnalysis } from "./scalar.ts";
import { goSortedKeys } from "./sort.ts";
import type { YamlValue } from "./value.ts";

const BEST_INDENT = 2;
const BEST_WIDTH = 80;
const MAX_SIMPLE_KEY_BYTES = 128;

type Style = "plain" | "single" | "double" | "literal";

interface Context {
  readonly simpleKey: boolean;
}

/** A Go map with integer keys, such as a snapshot file's map[uint]string. */
export type IntKeyedMap = ReadonlyMap<number, YamlValue>;
type Emittable = YamlValue | IntKeyedMap | { readonly [key: string]: Emittable };

export function marshalGoYaml(value: Emittable): string {
  const emitter = new Emitter();
  emitter.node(value, { simpleKey: false });
  emitter.writeIndent();
  return emitter.out;
}

class Emitter {
  out = "";
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];

  node(value: Emittable, context: Context): void {
    if (value instanceof Map) {
      const keys = [...value.keys()].sort((a, b) => a - b);
      this.blockMapping(keys.map((key) => [key, value.get(key)!] as const));
    } else if (Array.isArray(value)) {
      if (value.length === 0) this.emptyFlow("[", "]");
      else this.blockSequence(value);
    } else if (value !== null && typeof value === "object") {
      const keys = goSortedKeys(Object.keys(value));
      if (keys.length === 0) this.emptyFlow("{", "}");
      else this.blockMapping(keys.map((key) => [key, (value as Record<string, Emittable>)[key]!] as const));
    } else {
      this.scalar(value, context);
    }
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(" ");
    this.whitespace = true;
  }

  private put(text: string): void {
    this.out += text;
    this.column += 1;
  }

  private putBreak(): void {
    this.out += "\n";
    this.column = 0;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(" ");
    for (const c of indicator) this.put(c);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean): void {
    this.indents.push(this.indent);
    this.indent = this.indent < 0 ? (flow ? BEST_INDENT : 0) : this.indent + BEST_INDENT;
  }

  private restoreIndent(): void {
    this.indent = this.indents.pop()!;
  }

  private emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true);
    this.restoreIndent();
    this.writeIndicator(close, false, false, false);
  }

  private blockSequence(items: readonly YamlValue[]): void {
    this.increaseIndent(false);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator("-", true, false, true);
      this.node(item, { simpleKey: false });
    }
    this.restoreIndent();
  }

  private blockMapping(entries: readonly (readonly [string | number, Emittable])[]): void {
    this.increaseIndent(false);
    for (const [key, value] of entries) {
      this.writeIndent();
      const analysis = analyzeScalar(String(key));
      if (!analysis.multiline && Buffer.byteLength(String(key)) <= MAX_SIMPLE_KEY_BYTES) {
        this.scalar(key, { simpleKey: true });
        this.writeIndicator(":", false, false, false);
      } else {
        this.writeIndicator("?", true, false, true);
        this.scalar(key, { simpleKey: false });
        this.writeIndent();
        this.writeIndicator(":", true, false, true);
      }
      this.node(value, { simpleKey: false });
    }
    this.restoreIndent();
  }

  private scalar(value: null | boolean | number | string, context: Context): void {
    const [text, requested] = scalarText(value);
    const analysis = analyzeScalar(text);
    const style = selectStyle(text, requested, analysis, context);
    this.increaseIndent(true);
    const allowBreaks = !context.simpleKey;
    if (style === "plain") this.writePlain(text, allowBreaks);
    else if (style === "single") this.writeSingleQuoted(text, allowBreaks);
    else if (style === "double") this.writeDoubleQuoted(text, allowBreaks);
    else this.writeLiteral(text);
    this.restoreIndent();
  }

  private writePlain(text: string, allowBreaks: boolean): void {
    if (text !== "" && !this.whitespace) this.put(" ");
    const chars = [...text];
    let spaces = false;
    chars.forEach((c, i) => {
      if (c === " ") {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== " ") this.writeIndent();
        else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    });
    if (text !== "") this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(text: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const chars = [...text];
    let spaces = false;
    let breaks = false;
    chars.forEach((c, i) => {
      if (c === " ") {
        const fold = allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== " ";
        if (fold) this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === "\n") this.putBreak();
        this.writeBreak(c);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    });
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(text: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const chars = [...text];
    let spaces = false;
    chars.forEach((c, i) => {
      if (!isPrintable(c) || c === "\ufeff" || isBreak(c) || c === '"' || c === "\\") {
        for (const e of escape(c)) this.put(e);
        spaces = false;
      } else if (c === " ") {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === " ") this.put("\\");
        } else {
          this.put(c);
        }
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    });
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(text: string): void {
    this.writeIndicator("|", true, false, false);
    this.writeBlockHints(text);
    this.whitespace = true;
    let breaks = true;
    for (const c of text) {
      if (isBreak(c)) {
        this.writeBreak(c);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }

  private writeBlockHints(text: string): void {
    const chars = [...text];
    if (chars[0] === " " || isBreak(chars[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const last = chars.length - 1;
    let chomp = "";
    if (!isBreak(chars[last])) chomp = "-";
    else if (last === 0 || isBreak(chars[last - 1])) chomp = "+";
    if (chomp) this.writeIndicator(chomp, false, false, false);
  }

  private writeBreak(c: string): void {
    if (c === "\n") {
      this.putBreak();
      return;
    }
    this.out += c;
    this.column = 0;
    this.indention = true;
  }
}

/** The text of a scalar and the style yaml.v3's encoder asks for before the emitter's checks. */
function scalarText(value: null | boolean | number | string): [string, Style] {
  if (value === null) return ["null", "plain"];
  if (typeof value === "boolean") return [String(value), "plain"];
  if (typeof value === "number") return [formatNumber(value), "plain"];
  if (value.includes("\n")) return [value, "literal"];
  return [value, stringNeedsQuotes(value) ? "double" : "plain"];
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return ".nan";
  if (!Number.isFinite(value)) return value > 0 ? ".inf" : "-.inf";
  if (Number.isInteger(value)) return BigInt(value).toString();
  return goFormatFloat(value);
}

function selectStyle(text: string, requested: Style, analysis: ScalarAnalysis, context: Context): Style {
  let style = requested;
  if (context.simpleKey && analysis.multiline) style = "double";
  if (style === "plain") {
    if (!analysis.blockPlainAllowed) style = "single";
    if (text === "" && context.simpleKey) style = "single";
  }
  if (style === "single" && !analysis.singleQuotedAllowed) style = "double";
  if (style === "literal" && (!analysis.blockAllowed || context.simpleKey)) style = "double";
  return style;
}

const ESCAPES: Readonly<Record<number, string>> = {
  0x00: "0", 0x07: "a", 0x08: "b", 0x09: "t", 0x0a: "n", 0x0b: "v", 0x0c: "f", 0x0d: "r", 0x1b: "e",
  0x22: '"', 0x5c: "\\", 0x85: "N", 0xa0: "_", 0x2028: "L", 0x2029: "P",
};

function escape(c: string): string {
  const code = c.codePointAt(0)!;
  const short = ESCAPES[code];
  if (short !== undefined) return `\\${short}`;
  if (code <= 0xff) return `\\x${hex(code, 2)}`;
  if (code <= 0xffff) return `\\u${hex(code, 4)}`;
  return `\\U${hex(code, 8)}`;
}

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, "0");
}
