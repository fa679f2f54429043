// A batch of plain requests, one after another, each on its own connection (so both nginx
// workers take some): returns the paths that got a response.
import { exchange } from "./client.ts";
import type { Rig } from "./rig.ts";

export async function sendBatch(rig: Rig, prefix: string, count: number): Promise<string[]> {
  const answered: string[] = [];
  for (let index = 0; index < count; index++) {
    const path = `/${prefix}/${index}`;
    const response = await exchange(rig.listenPort, Buffer.from(`GET ${path} HTTP/1.1\r\nHost: batch.example.com\r\nConnection: close\r\n\r\n`), "GET");
    if (response.status === 200) answered.push(path);
  }
  return answered;
}
