// Parser for helm-unittest's `path:` syntax: `metadata.name`, `containers[0]`,
// `annotations["checksum/config"]`, `ports[?(@.name == "http")].port`, `..image`, `[1:3]`.
// Written by hand: helm-unittest evaluates paths with vmware-labs/yaml-jsonpath, whose
// dialect (undotted first child, dots and slashes inside quoted keys, filters over
// sequences) no installed package implements; general JSONPath libraries differ on it.
import { PathSyntaxError, type ComparisonOperator, type FilterExpression, type FilterTerm, type ParsedPath, type PathStep, type RelativePath } from "./syntax.ts";

export function parsePath(source: string): ParsedPath {
  const parser = new PathParser(source);
  return { source, steps: parser.parseTopLevel() };
}

/** Characters that end a dotted name; inside a filter, operators and spaces end it too. */
const NAME_END = new Set([".", "["]);
const FILTER_NAME_END = new Set([".", "[", ")", " ", "&", "|", "=", "!", ">", "<", ","]);
const OPERATORS: readonly (ComparisonOperator | "=~")[] = ["==", "!=", "<=", ">=", "=~", "<", ">"];

class PathParser {
  private position = 0;

  constructor(private readonly source: string) {}

  parseTopLevel(): PathStep[] {
    if (this.peek() === "$") this.position++;
    const steps = this.parseSteps(false);
    if (!this.atEnd()) this.fail(`unexpected ${JSON.stringify(this.peek())}`);
    return steps;
  }

  private parseSteps(inFilter: boolean): PathStep[] {
    const steps: PathStep[] = [];
    while (!this.atEnd()) {
      if (this.startsWith("..")) {
        this.position += 2;
        const name = this.startsWith("*") ? (this.position++, "*") : this.readName(inFilter);
        if (name === "") this.fail("child name missing after ..");
        steps.push({ kind: "descend", name });
      } else if (this.startsWith(".")) {
        this.position++;
        if (this.startsWith("*")) {
          this.position++;
          steps.push({ kind: "wildcard", of: "mapping" });
          continue;
        }
        const name = this.readName(inFilter);
        if (name === "") this.fail("child name missing after .");
        steps.push({ kind: "child", names: [name] });
      } else if (this.startsWith("[")) {
        steps.push(this.parseBracket());
      } else if (steps.length === 0 && !inFilter) {
        steps.push({ kind: "child", names: [this.readName(false)] });
      } else if (inFilter) {
        break;
      } else {
        this.fail(`unexpected ${JSON.stringify(this.peek())}; expected ".", "[" or the end of the path`);
      }
    }
    return steps;
  }

  private readName(inFilter: boolean): string {
    const end = inFilter ? FILTER_NAME_END : NAME_END;
    const start = this.position;
    while (!this.atEnd() && !end.has(this.peek())) this.position++;
    return this.source.slice(start, this.position);
  }

  private parseBracket(): PathStep {
    const open = this.position;
    this.position++;
    this.skipSpaces();
    if (this.startsWith("?(")) {
      this.position += 2;
      const expression = this.parseOr();
      this.skipSpaces();
      if (!this.startsWith(")]")) this.fail('filter must end with ")]"');
      this.position += 2;
      return { kind: "filter", expression };
    }
    if (this.startsWith("'") || this.startsWith('"')) {
      const names = [this.readQuoted()];
      this.skipSpaces();
      while (this.startsWith(",")) {
        this.position++;
        this.skipSpaces();
        names.push(this.readQuoted());
        this.skipSpaces();
      }
      this.expect("]");
      return { kind: "child", names };
    }
    const close = this.source.indexOf("]", this.position);
    if (close < 0) this.fail("unmatched [", open);
    const content = this.source.slice(this.position, close).trim();
    this.position = close + 1;
    if (content === "") this.fail("subscript missing from []", open);
    if (content === "*") return { kind: "wildcard", of: "sequence" };
    if (content.includes(":")) return this.slice(content, open);
    const indices = content.split(",").map((part) => this.integer(part.trim(), open));
    return { kind: "index", indices };
  }

  private slice(content: string, at: number): PathStep {
    const parts = content.split(":").map((part) => part.trim());
    if (parts.length > 3) this.fail(`invalid slice [${content}]`, at);
    const [start, end, step] = parts.map((part) => (part === "" ? undefined : this.integer(part, at)));
    if (step === 0) this.fail("slice step must not be 0", at);
    return { kind: "slice", start, end, step };
  }

  private integer(text: string, at: number): number {
    if (!/^-?\d+$/.test(text)) this.fail(`invalid array index ${JSON.stringify(text)}; expected an integer, a slice, * or a quoted key`, at);
    return Number(text);
  }

  private readQuoted(): string {
    const quote = this.peek();
    if (quote !== "'" && quote !== '"') this.fail("expected a quoted key");
    this.position++;
    let text = "";
    while (!this.atEnd() && this.peek() !== quote) {
      if (this.peek() === "\\" && this.position + 1 < this.source.length) this.position++;
      text += this.peek();
      this.position++;
    }
    if (this.atEnd()) this.fail(`unterminated ${quote}`);
    this.position++;
    return text;
  }

  private parseOr(): FilterExpression {
    let left = this.parseAnd();
    while (this.skipSpaces(), this.startsWith("||")) {
      this.position += 2;
      left = { kind: "or", left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterExpression {
    let left = this.parseUnary();
    while (this.skipSpaces(), this.startsWith("&&")) {
      this.position += 2;
      left = { kind: "and", left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterExpression {
    this.skipSpaces();
    if (this.startsWith("!") && !this.startsWith("!=")) {
      this.position++;
      return { kind: "not", operand: this.parseUnary() };
    }
    if (this.startsWith("(")) {
      this.position++;
      const inner = this.parseOr();
      this.skipSpaces();
      this.expect(")");
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): FilterExpression {
    const left = this.parseTerm();
    this.skipSpaces();
    const operator = OPERATORS.find((candidate) => this.startsWith(candidate));
    if (!operator) {
      if (left.kind !== "path") this.fail("a literal on its own is not a filter; compare it with @.field");
      return { kind: "exists", path: left.path };
    }
    this.position += operator.length;
    this.skipSpaces();
    if (operator === "=~") return { kind: "match", left, pattern: this.readRegex() };
    return { kind: "compare", operator, left, right: this.parseTerm() };
  }

  private parseTerm(): FilterTerm {
    this.skipSpaces();
    const c = this.peek();
    if (c === "@" || c === "$") {
      this.position++;
      const path: RelativePath = { root: c, steps: this.parseSteps(true) };
      return { kind: "path", path };
    }
    if (c === "'" || c === '"') return { kind: "literal", value: this.readQuoted() };
    const number = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(this.source.slice(this.position));
    if (number) {
      this.position += number[0].length;
      return { kind: "literal", value: Number(number[0]) };
    }
    for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
      if (this.startsWith(word)) {
        this.position += word.length;
        return { kind: "literal", value };
      }
    }
    return this.fail(this.atEnd() ? "filter ends early" : `unexpected ${JSON.stringify(c)} in filter`);
  }

  private readRegex(): string {
    if (this.peek() !== "/") this.fail("expected a /regular expression/ after =~");
    this.position++;
    let pattern = "";
    while (!this.atEnd() && this.peek() !== "/") {
      if (this.startsWith("\\/")) {
        pattern += "/";
        this.position += 2;
        continue;
      }
      pattern += this.peek();
      this.position++;
    }
    if (this.atEnd()) this.fail("unterminated regular expression");
    this.position++;
    return pattern;
  }

  private expect(text: string): void {
    if (!this.startsWith(text)) this.fail(`expected ${JSON.stringify(text)}`);
    this.position += text.length;
  }

  private skipSpaces(): void {
    while (this.peek() === " " || this.peek() === "\t") this.position++;
  }

  private peek(): string {
    return this.source[this.position] ?? "";
  }

  private startsWith(text: string): boolean {
    return this.source.startsWith(text, this.position);
  }

  private atEnd(): boolean {
    return this.position >= this.source.length;
  }

  private fail(reason: string, at = this.position): never {
    throw new PathSyntaxError(this.source, reason, at);
  }
}
