// Mutation scores per file and per folder from a Stryker report (the incremental file has the
// same mutation-testing-report-schema layout), as Stryker counts them: detected (killed, timed
// out) over valid (detected, survived, not covered); mutants that did not compile or crashed
// the runner are not valid and do not count. Ignored mutants (scripts/stryker-ignorers.mjs:
// equivalent by construction) do not count either, and are shown so that nobody mistakes
// them for killed ones.
import { dirname } from "node:path";

export interface ReportMutant {
  readonly status: string;
  readonly mutatorName?: string;
  readonly replacement?: string;
  readonly location?: { readonly start: { readonly line: number } };
}
export interface MutationReport {
  readonly files: Readonly<Record<string, { readonly mutants: readonly ReportMutant[] }>>;
}

export interface Score {
  readonly name: string;
  readonly detected: number;
  readonly survived: number;
  readonly noCoverage: number;
  readonly ignored: number;
  /** Percent of valid mutants detected; null when no mutant was valid. */
  readonly percent: number | null;
}

const DETECTED = new Set(["Killed", "Timeout"]);

function score(name: string, mutants: readonly ReportMutant[]): Score {
  const detected = mutants.filter((mutant) => DETECTED.has(mutant.status)).length;
  const survived = mutants.filter((mutant) => mutant.status === "Survived").length;
  const noCoverage = mutants.filter((mutant) => mutant.status === "NoCoverage").length;
  const ignored = mutants.filter((mutant) => mutant.status === "Ignored").length;
  const valid = detected + survived + noCoverage;
  return { name, detected, survived, noCoverage, ignored, percent: valid === 0 ? null : (100 * detected) / valid };
}

/** One score per file, one per folder holding them, and the total, in that order. */
export function mutationScores(report: MutationReport): { files: Score[]; folders: Score[]; total: Score } {
  const entries = Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b));
  const byFolder = new Map<string, ReportMutant[]>();
  for (const [file, { mutants }] of entries) byFolder.set(dirname(file), [...(byFolder.get(dirname(file)) ?? []), ...mutants]);
  return {
    files: entries.map(([file, { mutants }]) => score(file, mutants)),
    folders: [...byFolder].map(([folder, mutants]) => score(folder, mutants)),
    total: score("total", entries.flatMap(([, { mutants }]) => mutants)),
  };
}

/**
 * Reports of targets that mutate different files, as one: the score of a folder measured in
 * parts (resources/ is nine targets, each with the tests its files need). A file in two reports
 * is refused rather than counted twice.
 */
export function mergeReports(reports: readonly MutationReport[]): MutationReport {
  const files: Record<string, { readonly mutants: readonly ReportMutant[] }> = {};
  for (const report of reports) {
    for (const [file, entry] of Object.entries(report.files)) {
      if (file in files) throw new Error(`${file} is in two mutation reports: the targets' mutate patterns overlap (scripts/mutation.ts)`);
      files[file] = entry;
    }
  }
  return { files };
}

/** The score of every file under a folder (its subfolders too), named after the folder. */
export function folderScore(report: MutationReport, folder: string): Score {
  const prefix = folder.endsWith("/") ? folder : `${folder}/`;
  return score(prefix, Object.entries(report.files).filter(([file]) => file.startsWith(prefix)).flatMap(([, { mutants }]) => mutants));
}

export function formatScore(line: Score): string {
  const percent = line.percent === null ? "   n/a" : `${line.percent.toFixed(1).padStart(5)}%`;
  return `${percent}  ${line.name}  (${line.detected} detected, ${line.survived} survived, ${line.noCoverage} not covered, ${line.ignored} ignored)`;
}

/** The mutants no test detected, one line each in file and line order: what to write a test for next. */
export function undetectedMutants(report: MutationReport): string[] {
  return Object.entries(report.files)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([file, { mutants }]) =>
      mutants
        .filter((mutant) => mutant.status === "Survived" || mutant.status === "NoCoverage")
        .map((mutant) => ({ line: mutant.location?.start.line ?? 0, text: `${file}:${mutant.location?.start.line ?? "?"}  ${mutant.status}  ${mutant.mutatorName ?? "?"}  ${JSON.stringify(mutant.replacement ?? "")}` }))
        .sort((a, b) => a.line - b.line)
        .map(({ text }) => text),
    );
}
