// Calendar facts of an instant in an IANA zone, from Node's ICU: independent of nginx,
// of the TZ variable and of the system's zoneinfo files that nginx reads.
export function dateIn(zone: string, epochMs: number): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(epochMs);
}

/** The zone's UTC offset at that instant as ISO 8601 writes it: +09:00, +00:00. */
export function offsetIn(zone: string, epochMs: number): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(epochMs)
    .find((part) => part.type === "timeZoneName")!.value;
  return name === "GMT" ? "+00:00" : name.replace("GMT", "");
}

/** The dates a request spanning [from, to] can be filed under: one, or two across midnight. */
export function possibleDates(zone: string, from: number, to: number): string[] {
  return [...new Set([dateIn(zone, from), dateIn(zone, to)])];
}
