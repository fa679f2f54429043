// Helm's render errors as helm-unittest reports them: Helm 4's multi-line layout folded back
// into Helm 3's one line, the runner's wrapper templates removed, and the template to blame
// picked out the way helm-unittest's parseV3RenderError does.
import { WRAPPER_DIR } from "./chart/prepare.ts";

/** stderr of a failed `helm template`, reduced to the error helm-unittest would hold. */
export function normaliseHelmError(stderr: string, wrapped: ReadonlyMap<string, string>): string {
  const lines = stderr
    .split("\n")
    .filter((line) => !/^level=\w+ msg=/.test(line) && !/^Use --debug flag/.test(line));
  let text = lines.join("\n").trim().replace(/^Error: /, "");
  text = foldHelm4Trace(text);
  // Each template rendered through a wrapper adds one include frame; drop it.
  const frame = new RegExp(`template: [^\\s:]+/templates/${WRAPPER_DIR}/[^\\s:]+:\\d+:\\d+: executing "[^"]+" at <include "[^"]+" \\.>: error calling include: `, "g");
  text = text.replace(frame, "");
  for (const [wrapper, template] of wrapped) text = text.replaceAll(wrapper, template);
  return text;
}

/**
 * Helm 4 prints a template error as a trace: "<file>:L:C", "  executing ... at <...>:",
 * "    error calling include:", ..., then the cause. Helm 3 prints the same chain on one
 * line ("template: <file>:L:C: executing ... at <...>: error calling include: cause").
 */
function foldHelm4Trace(text: string): string {
  const lines = text.split("\n");
  if (!/^\S+:\d+:\d+$/.test(lines[0] ?? "")) return text;
  const parts: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    const location = /^\S+:\d+:\d+$/.test(trimmed);
    parts.push(`${location ? "template: " : ""}${trimmed.replace(/:$/, "")}`);
  }
  return parts.join(": ");
}

export interface BlamedError {
  /** Template key named by the error ("<chart>/templates/x.yaml"). */
  readonly template: string;
  /** The human-readable part, which `failedTemplate.errorMessage` is compared with. */
  readonly message: string;
}

/** The first line naming "<template>:L:C" and the message after it, or undefined. */
export function blameTemplate(error: string): BlamedError | undefined {
  const match = /^(?:.+?: |.+? \()(.+?):\d+:\d+.+?: (.+)$/m.exec(error);
  if (!match) return undefined;
  return { template: match[1]!, message: match[2]! };
}
