// The chart's promise for a capped field, modelled on bytes: at most max bytes, cut before
// the first tab, never inside a UTF-8 character.
export function capped(value: string, max: number): string {
  const bytes = Buffer.from(value.split("\t")[0]!, "utf8");
  let end = Math.min(bytes.length, max);
  while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString("utf8");
}
