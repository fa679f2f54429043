// The figures `npm run test:mutation` prints are Stryker's: detected over valid mutants.
import { describe, expect, it } from "vitest";
import { folderScore, formatScore, mergeReports, mutationScores, undetectedMutants } from "../../scripts/mutation-score.ts";

const mutants = (counts: Record<string, number>) => Object.entries(counts).flatMap(([status, count]) => Array.from({ length: count }, () => ({ status })));

describe("mutation scores", () => {
  const report = {
    files: {
      "compiler/emit/b.ts": { mutants: mutants({ Killed: 6, Timeout: 2, Survived: 1, NoCoverage: 1, CompileError: 30, RuntimeError: 4, Ignored: 3 }) },
      "compiler/emit/a.ts": { mutants: mutants({ Killed: 1, Survived: 1 }) },
      "compiler/values/c.ts": { mutants: mutants({ CompileError: 5 }) },
    },
  };
  const scores = mutationScores(report);

  it("counts killed and timed-out mutants over those that compiled and ran, per file in path order", () => {
    expect(scores.files.map(({ name, percent }) => [name, percent])).toEqual([
      ["compiler/emit/a.ts", 50],
      ["compiler/emit/b.ts", 80],
      ["compiler/values/c.ts", null],
    ]);
  });

  it("adds the files of a folder up before dividing, and all of them for the total", () => {
    expect(scores.folders.map(({ name, detected, survived, noCoverage }) => [name, detected, survived, noCoverage])).toEqual([
      ["compiler/emit", 9, 2, 1],
      ["compiler/values", 0, 0, 0],
    ]);
    expect(scores.total.percent).toBe(75);
  });

  it("prints one line a reader can compare with Stryker's own table", () => {
    expect(formatScore(scores.files[1]!)).toBe(" 80.0%  compiler/emit/b.ts  (8 detected, 1 survived, 1 not covered, 3 ignored)");
    expect(formatScore(scores.files[2]!)).toBe("   n/a  compiler/values/c.ts  (0 detected, 0 survived, 0 not covered, 0 ignored)");
  });

  it("lists the mutants no test detected by file and line, with what Stryker changed", () => {
    const at = (line: number) => ({ start: { line } });
    const listed = undetectedMutants({
      files: {
        "resources/b.ts": {
          mutants: [
            { status: "Survived", mutatorName: "StringLiteral", replacement: '""', location: at(9) },
            { status: "Killed", mutatorName: "StringLiteral", replacement: '""', location: at(1) },
            { status: "NoCoverage", mutatorName: "ObjectLiteral", replacement: "{}", location: at(3) },
            { status: "Ignored", mutatorName: "ObjectLiteral", replacement: "{}", location: at(2) },
          ],
        },
        "resources/a.ts": { mutants: [{ status: "Survived", mutatorName: "BooleanLiteral", replacement: "false", location: at(40) }] },
      },
    });
    expect(listed).toEqual([
      'resources/a.ts:40  Survived  BooleanLiteral  "false"',
      'resources/b.ts:3  NoCoverage  ObjectLiteral  "{}"',
      'resources/b.ts:9  Survived  StringLiteral  "\\"\\""',
    ]);
  });
});

describe("a folder measured in parts", () => {
  const part = (file: string, counts: Record<string, number>) => ({ files: { [file]: { mutants: mutants(counts) } } });

  it("adds up every file under the folder, its subfolders too, and nothing outside it", () => {
    const merged = mergeReports([part("resources/a.ts", { Killed: 3, Survived: 1 }), part("resources/pod/b.ts", { Killed: 5, NoCoverage: 1 }), part("resourcesx/c.ts", { Survived: 9 })]);
    const whole = folderScore(merged, "resources");
    expect([whole.name, whole.detected, whole.survived, whole.noCoverage, whole.percent]).toEqual(["resources/", 8, 1, 1, 80]);
  });

  it("refuses two parts that mutate the same file, which would count its mutants twice", () => {
    expect(() => mergeReports([part("resources/a.ts", { Killed: 1 }), part("resources/a.ts", { Killed: 1 })])).toThrow("resources/a.ts is in two mutation reports");
  });
});
