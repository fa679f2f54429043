// Mutation scores per file and per folder from a Stryker report (the incremental file has the
// same mutation-testing-report-schema layout), as Stryker counts them: detected (killed, timed
// out) over valid (detected, survived, not covered); mutants that did not compile or crashed
// the runner are not valid and do not count.
import { dirname } from "node:path";

export interface ReportMutant {
  readonly status: string;
}
export interface MutationReport {
  readonly files: Readonly<Record<string, { readonly mutants: readonly ReportMutant[] }>>;
}

export interface Score {
  readonly name: string;
  readonly detected: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Percent of valid mutants detected; null when no mutant was valid. */
  readonly percent: number | null;
}

const DETECTED = new Set(["Killed", "Timeout"]);

function score(name: string, mutants: readonly ReportMutant[]): Score {
  const detected = mutants.filter((mutant) => DETECTED.has(mutant.status)).length;
  const survived = mutants.filter((mutant) => mutant.status === "Survived").length;
  const noCoverage = mutants.filter((mutant) => mutant.status === "NoCoverage").length;
  const valid = detected + survived + noCoverage;
  return { name, detected, survived, noCoverage, percent: valid === 0 ? null : (100 * detected) / valid };
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

export function formatScore(line: Score): string {
  const percent = line.percent === null ? "   n/a" : `${line.percent.toFixed(1).padStart(5)}%`;
  return `${percent}  ${line.name}  (${line.detected} detected, ${line.survived} survived, ${line.noCoverage} not covered)`;
}
