// The file line and the node path, built from the expected record and the values the test
// passed, without the chart's template or Path.
import type { LogSettings } from "./record.ts";

export function ltsvLine(settings: LogSettings, values: ReadonlyMap<string, string>): string {
  const labels = [
    ...settings.fields.map((field) => [field.label ?? field.name, field.name]),
    ...settings.cookies.map((name) => [`cookie_${name}`, `cookie_${name}`]),
    ...settings.requestHeaders.map((name) => [headerKey(name), headerKey(name)]),
    ["date", "date"],
  ];
  return labels.map(([label, key]) => `${label}:${values.get(key!)}`).join("\t");
}

export interface OutputSettings {
  readonly hostPath: string;
  readonly layout: "directoryPerDay" | "filePerDay";
  readonly fileName: string;
}

export function nodePath(output: OutputSettings, date: string): string {
  // The chart's own directory below the hostPath (chart README, "Where the logs land").
  const dir = `${output.hostPath}/accesslog`;
  return output.layout === "directoryPerDay" ? `${dir}/${date}/${output.fileName}` : `${dir}/${output.fileName.replace(/\.log$/, "")}-${date}.log`;
}

/** The JSON line with the same keys in the same order; compared after parsing the logged one. */
export function jsonLine(settings: LogSettings, values: ReadonlyMap<string, string>): string {
  const keys = [...settings.fields.map((field) => field.name), ...settings.cookies.map((name) => `cookie_${name}`), ...settings.requestHeaders.map(headerKey), "date"];
  return JSON.stringify(Object.fromEntries(keys.map((key) => [key, values.get(key)])));
}

function headerKey(name: string): string {
  return `header_${name.toLowerCase().replaceAll("-", "_")}`;
}
