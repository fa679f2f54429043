// A released chart version is immutable: when a tag ingressgateway-accesslog-<version>
// exists for the version in chart/Chart.yaml and chart/ differs from that tag, the version
// must be bumped. Untagged versions are still in development and may change freely.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parse } from "yaml";

const chart = parse(readFileSync("chart/Chart.yaml", "utf8")) as { name: string; version: string };
const tag = `${chart.name}-${chart.version}`;
const tagged = spawnSync("git", ["rev-parse", "--verify", "--quiet", `refs/tags/${tag}`], { encoding: "utf8" }).status === 0;
if (!tagged) {
  console.log(`chart version ${chart.version} is not released (no tag ${tag}): changes need no bump`);
  process.exit(0);
}
const changed = execFileSync("git", ["diff", "--name-only", tag, "--", "chart/", ":!chart/tests/"], { encoding: "utf8" }).trim();
if (changed) {
  console.error(`chart/ changed since the release tag ${tag}, but chart/Chart.yaml still says version ${chart.version}:`);
  console.error(changed.split("\n").map((file) => `  ${file}`).join("\n"));
  console.error("bump the version in resources/index.ts (semver: patch for fixes, minor for new values) and run npm run build");
  process.exit(1);
}
console.log(`chart/ is unchanged since ${tag}`);
