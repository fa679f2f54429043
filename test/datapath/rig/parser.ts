// The datagrams through the chart's parser regex under Ruby (Onigmo).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Datagram } from "./receiver.ts";

const SCRIPT = readFileSync(new URL("./parser.rb", import.meta.url), "utf8");

export interface Parsed {
  readonly matched: boolean;
  readonly captures?: string[];
  readonly message?: string;
  /** The JSON message as Ruby decoded it; absent when it is not JSON (see error). */
  readonly record?: Record<string, unknown>;
  readonly error?: string;
}

export function parseWithOnigmo(regex: string, datagrams: readonly Datagram[]): Parsed[] {
  const input = datagrams.map((datagram) => `${datagram.bytes.toString("base64")}\n`).join("");
  const result = spawnSync("ruby", ["-e", SCRIPT, regex], { input, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`ruby could not apply the parser regex: ${result.stderr}`);
  return result.stdout.trimEnd().split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as Parsed);
}
