// A TCP listener inside another process's network namespace, handed to this process.
//
// The chart's fluent-bit runs in a network namespace of its own (receiver.ts,
// spawnAsFluentBit) so its fixed ports cannot clash with anything else on the machine; its
// forward output's Host 127.0.0.1 is that namespace's loopback. Node cannot enter a
// namespace, but a Node child started by nsenter can bind there and pass the listening
// socket back over the IPC channel (child_process, subprocess.send with a net.Server
// handle): the test's own ForwardReceiver then accepts fluent-bit's connections.
import { spawn, spawnSync } from "node:child_process";
import type { Server } from "node:net";

const BIND = `
const server = require("node:net").createServer();
server.once("error", (error) => { console.error(error.message); process.exit(1); });
server.listen(Number(process.argv[1]), "127.0.0.1", () => process.send("listening", server, () => process.exit(0)));
`;

/** Brings up the namespace's loopback, which a new namespace starts with down. */
export function loopbackUp(pid: number): void {
  const result = spawnSync("nsenter", [`--net=/proc/${pid}/ns/net`, "ip", "link", "set", "lo", "up"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`cannot bring up the loopback of pid ${pid}'s network namespace: ${result.stderr}`);
}

/** A server listening on 127.0.0.1:port in the network namespace of pid, to pass to listen(). */
export function listenerInNamespaceOf(pid: number, port: number): Promise<Server> {
  loopbackUp(pid);
  const child = spawn("nsenter", [`--net=/proc/${pid}/ns/net`, process.execPath, "-e", BIND, String(port)], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once("message", (_message, handle) => resolve(handle as Server));
    child.once("exit", (code) => reject(new Error(`binding 127.0.0.1:${port} in pid ${pid}'s namespace failed (exit ${code}): ${stderr}`)));
  });
}
