// The static pass: type errors and JavaScript truthiness on symbolic values fail the
// build with file:line, before any definition runs.
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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

describe("incremental checks (a cache directory, as npm run build uses)", () => {
  // A copy beside the fixture, so its relative imports and tsconfig's extends still resolve.
  const copy = mkdtempSync(`${fixtures}-incremental-`);
  const cacheDir = mkdtempSync(join(tmpdir(), "helm-ts-cache-"));
  afterAll(() => {
    rmSync(copy, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });
  cpSync(fixtures, copy, { recursive: true });
  const options = { tsConfigFilePath: `${copy}/tsconfig.json`, definitionDirs: [`${copy}/`] };
  const full = () => checkDefinitions(options);
  const cached = () => checkDefinitions({ ...options, cacheDir });

  it("reports exactly what a full check reports: cold, unchanged, after an edit, and after an edit of an import only", () => {
    expect(cached()).toEqual(full());
    expect(cached().length).toBeGreaterThan(5);
    expect(cached()).toEqual(full());

    appendFileSync(`${copy}/truthiness.ts`, "export const g = v.count ? 1 : 2;\nexport const h: number = \"not a number\";\n");
    const afterEdit = cached();
    expect(afterEdit).toEqual(full());
    expect(afterEdit.filter((d) => d.file.endsWith("truthiness.ts")).map((d) => d.line)).toEqual(expect.arrayContaining([15, 16]));

    // truthiness.ts is unchanged, but v.on is no longer symbolic: its results must follow its import.
    writeFileSync(`${copy}/values.ts`, "export const v = { on: true, name: \"n\", count: 1 };\n");
    const afterImport = cached();
    expect(afterImport).toEqual(full());
    expect(afterImport.some((d) => d.file.endsWith("truthiness.ts") && d.line === 8)).toBe(false);
  });
});
