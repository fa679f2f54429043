// `postRenderer`: a command the rendered templates pass through before the asserts, as
// helm-unittest 1.1.0 runs it (pkg/unittest/test_job.go:418-510): every template's output,
// sorted by name, each after a `---\n#### file: <template>` line, goes to the command's
// stdin; its stdout is cut back into templates at those lines, or kept whole as
// `manifest.yaml` when the command dropped them all. The test's postRenderer replaces the
// suite's. The plugin runs it itself (Helm's postrender.NewExec), not through Helm's
// --post-renderer, which sees only the documents `helm template` prints and, in Helm 4, must be a plugin.
import { spawn } from "node:child_process";
import type { PostRendererSettings } from "./suite/model.ts";

const FILE_KEY_PREFIX = "#### file:";
const SEPARATOR = `---\n${FILE_KEY_PREFIX}`;

export async function postRender(templates: ReadonlyMap<string, string>, settings: PostRendererSettings): Promise<Map<string, string> | { readonly error: string }> {
  const input = [...templates.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => `${SEPARATOR} ${key}\n${templates.get(key)!.trim()}\n`)
    .join("");
  const result = await run(settings.cmd, settings.args, input);
  if ("error" in result) return { error: `post-render failed: ${result.error}` };
  return splitManifests(result.stdout);
}

/** test_job.go:444-485 SplitManifests, over common.SplitBefore (internal/common/utilities.go:94-113). */
export function splitManifests(output: string): Map<string, string> {
  const split = new Map<string, string>();
  for (const block of splitBefore(output, SEPARATOR)) {
    const match = /#### file: (.*)/.exec(block);
    if (!match) continue;
    const prefix = `---\n${match[0]}\n`;
    split.set(match[1]!, block.startsWith(prefix) ? block.slice(prefix.length) : block);
  }
  if (split.size === 0) split.set("manifest.yaml", output);
  return split;
}

function splitBefore(text: string, separator: string): string[] {
  const blocks: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    const next = rest.indexOf(separator, 1);
    if (next < 0) {
      blocks.push(rest);
      break;
    }
    blocks.push(rest.slice(0, next));
    rest = rest.slice(next);
  }
  return blocks;
}

/** Helm's postrender exec (pkg/postrender/exec.go): the command found as a path or on PATH, its stderr in the error. */
function run(command: string, args: readonly string[], input: string): Promise<{ stdout: string } | { error: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error) => resolve({ error: `unable to find binary at ${command}: ${error.message}` }));
    child.on("close", (status) =>
      resolve(status === 0 ? { stdout } : { error: `error while running command ${command}. error output:\n${stderr}: exit status ${status ?? 1}` }),
    );
    child.stdin.on("error", () => undefined);
    child.stdin.end(input);
  });
}
