// The ts-morph pass: type errors and JavaScript truthiness on symbolic values fail the
// build with file:line, before any definition runs.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkDefinitions } from "../../compiler/check/definitions.ts";

const fixtures = resolve("test/fixtures/bad-definitions");
const diagnostics = checkDefinitions({ tsConfigFilePath: `${fixtures}/tsconfig.json`, definitionDirs: [`${fixtures}/`] });
const inFile = (name: string) => diagnostics.filter((d) => d.file === `test/fixtures/bad-definitions/${name}`);

describe("truthiness on symbolic values", () => {
  it("reports each construct at its line and nothing else", () => {
    const found = inFile("truthiness.ts").map((d) => [d.line, /\((.+?)\); it is always truthy/.exec(d.message)?.[1]]);
    expect(found).toEqual([
      [7, "?:"],
      [8, "if"],
      [9, "&&"],
      [10, "||"],
      [11, "!"],
      [12, "??"],
      [13, "while"],
    ]);
  });

  it("says what to use instead", () => {
    expect(inFile("truthiness.ts")[0]?.message).toBe(
      "`v.on` is a symbolic Helm value used as a JavaScript condition (?:); it is always truthy. Use when(...), ifElse(...), and(...), or(...) or not(...) instead",
    );
  });
});

describe("type errors in definitions", () => {
  it("reports them with file and line, including a misspelt Kubernetes field in a resource<T>(...)", () => {
    const found = inFile("type-errors.ts").map((d) => [d.line, d.message.split("\n")[0]]);
    expect(found).toEqual([
      [4, expect.stringMatching(/^type error: Argument of type '.+' is not assignable to parameter of type 'ExprLike<number>'/)],
      [5, expect.stringMatching(/^type error: Property 'nmae' does not exist/)],
      [15, expect.stringMatching(/^type error: Object literal may only specify known properties, and 'imagee' does not exist/)],
      [19, expect.stringMatching(/^type error: Type 'Expr<string>' is not assignable to type 'Templated<number \| undefined>'/)],
    ]);
  });
});
