// Lines nginx could not hand over are counted where an operator alerts: nginx warns "send()
// to syslog failed" for each (ngx_http_log_module.c, ngx_http_log_handler), its error log
// goes to a second socket of fluent-bit's, and log_to_metrics counts the warnings that match
// its Regex into accesslog_nginx_lines_not_handed_over_total. Real nginx on the rendered
// config; the access socket's reader stops reading (SIGSTOP: fluent-bit starved of CPU) so
// its queue fills; the chart's error-log parser and counted regex run under Ruby's Onigmo,
// fluent-bit's engine. The real-fluent-bit tier reads the counter itself.
import { describe, expect, it } from "vitest";
import { parseWithOnigmo } from "./rig/parser.ts";
import { startLoad } from "./rig/load.ts";
import { Rig } from "./rig/rig.ts";
import { waitFor } from "./rig/wait.ts";
import { spawnSync } from "node:child_process";

/** The request path nginx names in a warning: `request: "GET /lost/7 HTTP/1.1"`. */
function requestPath(message: string): string | undefined {
  return /request: "[A-Z]+ (\S+) HTTP\/[0-9.]+"/.exec(message)?.[1];
}

/** Which messages the filter's "<key> <regex>" counts, under Onigmo. */
function countedByOnigmo(regex: string, messages: readonly string[]): boolean[] {
  const script = "re = Regexp.new(ARGV[0]); STDIN.each_line { |l| puts(re.match(l.chomp.unpack1('m0').force_encoding('UTF-8')) ? 1 : 0) }";
  const input = messages.map((message) => Buffer.from(message).toString("base64")).join("\n") + "\n";
  const result = spawnSync("ruby", ["-e", script, regex], { input, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`ruby: ${result.stderr}`);
  return result.stdout.trim().split("\n").map((line) => line === "1");
}

describe("lines nginx could not hand over", () => {
  it("each make one warning on the error-log socket, which the chart's counter counts, naming the lost request", async () => {
    const rig = await Rig.create({});
    try {
      rig.envoy.record = false;
      await rig.startInChartOrder();
      rig.receiver!.pause();
      const load = startLoad(rig.listenPort, 8, "lost");
      // Past the queue (max_dgram_qlen in the receiver's namespace): every further line fails.
      await waitFor(() => rig.nginx!.stderr.split("send() to syslog failed").length > 300, 30_000, "nginx to warn for 300 lines");
      await load.stop();
      rig.receiver!.resume();
      await rig.stopInChartOrder();

      const handedOver = new Set(rig.datagrams().map((datagram) => /"uri":"([^"]*)"/.exec(datagram.bytes.toString("utf8"))?.[1]));
      const lost = [...load.responded].filter((path) => !handedOver.has(path)).sort();
      const warnings = rig.nginx!.stderr.split("\n").filter((line) => line.includes("send() to syslog failed"));
      expect(lost.length).toBeGreaterThan(300);
      expect(warnings.length).toBe(lost.length);

      const { errorLog } = rig.pipeline;
      const parsed = parseWithOnigmo(errorLog.regex, rig.errorDatagrams());
      expect(parsed.every((result) => result.matched && result.captures?.includes(errorLog.counted.key))).toBe(true);
      const messages = parsed.map((result) => result.message!);
      const counted = countedByOnigmo(errorLog.counted.regex, messages);
      const countedPaths = messages.filter((_, index) => counted[index]).map(requestPath).sort();
      // One counted warning per lost line, and they name exactly the lost requests.
      expect(countedPaths).toEqual(lost);
      expect(errorLog.metric).toBe("accesslog_nginx_lines_not_handed_over_total");
    } finally {
      rig.dispose();
    }
  });
});
