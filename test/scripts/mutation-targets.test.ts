// The mutation targets add up to the folders the score is reported for: every source file of
// resources/ in exactly one resources-* part (a file in none would be missing from the figure
// without a word, one in two would be counted twice), and each compiler folder in its own.
import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mutates, TARGETS, type Target } from "../../scripts/mutation-targets.ts";

const sources = (folder: string): string[] =>
  (readdirSync(folder, { recursive: true, withFileTypes: false }) as string[])
    .filter((file) => file.endsWith(".ts"))
    .map((file) => `${folder}/${file}`)
    .sort();

const targetsMutating = (file: string, names: string[]) => names.filter((name) => mutates(TARGETS[name]!, file));

describe("mutation targets", () => {
  it("put every file of resources/ in exactly one resources-* part", () => {
    const parts = Object.keys(TARGETS).filter((name) => name.startsWith("resources-"));
    const files = sources("resources");
    expect(files.length).toBeGreaterThan(30);
    const wrong = files.map((file) => [file, targetsMutating(file, parts)] as const).filter(([, owners]) => owners.length !== 1);
    expect(wrong).toEqual([]);
  });

  it.each(["emit", "evaluate", "values"])("mutate all of compiler/%s in its target and nowhere else", (folder) => {
    const files = sources(`compiler/${folder}`);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(targetsMutating(file, Object.keys(TARGETS)), file).toEqual([folder]);
  });

  it("mutate some file each, and name only test files that exist", () => {
    const everyFile = [...sources("resources"), ...sources("compiler")];
    for (const [name, target] of Object.entries(TARGETS)) {
      expect(everyFile.some((file) => mutates(target, file)), name).toBe(true);
      expect(target.tests.filter((test) => !existsSync(test)), name).toEqual([]);
    }
  });

  it("read --mutate as Stryker does: patterns in order, a ! pattern removing what came before", () => {
    const target: Target = { mutate: ["resources/*.ts", "!resources/notes.ts", "resources/pod/**/*.ts", "!resources/pod/*-checks.ts"], tests: [] };
    expect(["resources/notes.ts", "resources/service.ts", "resources/pod/volumes.ts", "resources/pod/port-checks.ts", "resources/nginx/conf.ts"].filter((file) => mutates(target, file))).toEqual([
      "resources/service.ts",
      "resources/pod/volumes.ts",
    ]);
  });
});
