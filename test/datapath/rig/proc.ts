// Who a process runs as, read from /proc: the proof that nginx's worker is not root.
import { readdirSync, readFileSync } from "node:fs";

export interface Credentials {
  readonly uid: number;
  readonly gid: number;
  readonly groups: number[];
}

export function credentials(pid: number): Credentials {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => new RegExp(`^${name}:\\t(.*)$`, "m").exec(status)![1]!.trim().split(/\s+/).filter(Boolean).map(Number);
  return { uid: field("Uid")[0]!, gid: field("Gid")[0]!, groups: field("Groups") };
}

export function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^[0-9]+$/.test(entry))
    .filter((entry) => {
      try {
        // The command may contain spaces and parentheses: the parent pid follows the last ")".
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}
