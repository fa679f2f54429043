// Snapshot files: created on first run in helm-unittest's layout, compared, updated with -u,
// obsolete entries reported; matchSnapshot's pattern options and matchSnapshotRaw.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/run.ts";
import { formatChartRun } from "../../unittest/index.ts";
import { copyFixture, failureText, findTest, runFixture } from "./support.ts";

/** The file the Go plugin writes for tests/snapshot_test.yaml of the basic fixture. */
const EXPECTED_SNAPSHOT_FILE = `keeps the pod spec as it was:
  1: |
    containers:
      - env:
          - name: LOG_LEVEL
            value: info
        image: nginx:stable
        imagePullPolicy: IfNotPresent
        name: nginx
        ports:
          - containerPort: 8080
            name: http
            protocol: TCP
        resources: {}
      - args:
          - --config
          - /fluent-bit/etc/fluent-bit.conf
        image: fluent/fluent-bit:3.0
        name: fluent-bit
  2: |
    app.kubernetes.io/instance: RELEASE-NAME
    app.kubernetes.io/name: basic
    app.kubernetes.io/version: 1.16.0
    helm.sh/chart: basic-0.1.0
keeps the whole config map as it was:
  1: |
    apiVersion: v1
    data:
      count: "3"
      empty: ""
      my.conf: |
        log_level = info
        listen    = 8080
    kind: ConfigMap
    metadata:
      name: RELEASE-NAME-basic-config
`;

const SUITE = ["tests/snapshot_test.yaml"];

describe.each(helmBinaries())("$label", (helm) => {
  let chart: { dir: string; remove: () => void };
  let snapshotFile: string;
  const edit = (file: string, from: string, to: string) => {
    const path = join(chart.dir, file);
    const text = readFileSync(path, "utf8");
    expect(text).toContain(from);
    writeFileSync(path, text.replace(from, to));
  };

  beforeAll(() => {
    chart = copyFixture("basic");
    snapshotFile = join(chart.dir, "tests/__snapshot__/snapshot_test.yaml.snap");
    rmSync(join(chart.dir, "tests/__snapshot__"), { recursive: true, force: true });
  });
  afterAll(() => chart.remove());

  it("creates the snapshot file on the first run, in helm-unittest's layout", async () => {
    const run = await runFixture(helm, chart.dir, SUITE);
    expect(run.suites[0]!.tests.map((test) => test.status)).toEqual(["passed", "passed"]);
    expect(run.snapshots).toEqual([{ file: "tests/__snapshot__/snapshot_test.yaml.snap", written: true, total: 3, failed: 0, created: 3, obsolete: [] }]);
    expect(readFileSync(snapshotFile, "utf8")).toBe(EXPECTED_SNAPSHOT_FILE);
  });

  it("passes against the stored file and leaves it alone", async () => {
    const run = await runFixture(helm, chart.dir, SUITE);
    expect(run.suites[0]!.tests.map((test) => test.status)).toEqual(["passed", "passed"]);
    expect(run.snapshots[0]).toMatchObject({ written: false, total: 3, failed: 0, created: 0 });
    expect(readFileSync(snapshotFile, "utf8")).toBe(EXPECTED_SNAPSHOT_FILE);
  });

  it("fails a changed render with a unified diff and keeps the stored snapshot", async () => {
    edit("values.yaml", "tag: stable", "tag: mainline");
    const run = await runFixture(helm, chart.dir, SUITE);
    const test = findTest(run, "tests/snapshot_test.yaml", "keeps the pod spec as it was");
    expect(test.status).toBe("failed");
    const text = failureText(test);
    expect(text).toContain("Path:\tspec.template.spec");
    expect(text).toContain("Expected to match snapshot 1:");
    expect(text).toContain("\t--- Expected\n\t+++ Actual\n\t@@ -2,7 +2,7 @@\n\t   - env:");
    expect(text).toContain("\t-    image: nginx:stable\n\t+    image: nginx:mainline\n\t     imagePullPolicy: IfNotPresent");
    expect(run.snapshots[0]).toMatchObject({ written: false, failed: 1 });
    expect(readFileSync(snapshotFile, "utf8")).toBe(EXPECTED_SNAPSHOT_FILE);
    expect(formatChartRun(run)).toContain("Snapshot Summary: 1 snapshot failed in 1 test suite. Check changes and use `-u` to update snapshot.");
  });

  it("rewrites changed snapshots with -u", async () => {
    const run = await runFixture(helm, chart.dir, SUITE, true);
    expect(run.suites[0]!.tests.map((test) => test.status)).toEqual(["passed", "passed"]);
    expect(run.snapshots[0]).toMatchObject({ written: true, failed: 0 });
    expect(readFileSync(snapshotFile, "utf8")).toBe(EXPECTED_SNAPSHOT_FILE.replace("image: nginx:stable", "image: nginx:mainline"));
    const again = await runFixture(helm, chart.dir, SUITE);
    expect(again.suites[0]!.tests.map((test) => test.status)).toEqual(["passed", "passed"]);
  });

  it("fails when a snapshot misses matchRegex or contains notMatchRegex", async () => {
    edit("tests/snapshot_test.yaml", 'pattern: "helm.sh/chart: basic-"', 'pattern: "helm.sh/chart: other-"');
    let run = await runFixture(helm, chart.dir, SUITE);
    let test = findTest(run, "tests/snapshot_test.yaml", "keeps the pod spec as it was");
    expect(test.status).toBe("failed");
    expect(failureText(test)).toContain("Expected pattern 'helm.sh/chart: other-' not found in snapshot:");
    edit("tests/snapshot_test.yaml", 'pattern: "helm.sh/chart: other-"', 'pattern: "helm.sh/chart: basic-"');
    edit("tests/snapshot_test.yaml", 'pattern: "instance: prod"', 'pattern: "instance: RELEASE"');
    run = await runFixture(helm, chart.dir, SUITE);
    test = findTest(run, "tests/snapshot_test.yaml", "keeps the pod spec as it was");
    expect(test.status).toBe("failed");
    expect(failureText(test)).toContain("Expected pattern 'instance: RELEASE' should not be in snapshot:");
    edit("tests/snapshot_test.yaml", 'pattern: "instance: RELEASE"', 'pattern: "instance: prod"');
  });

  it("keeps the snapshots of a skipped test, even with -u", async () => {
    const suite = join(chart.dir, SUITE[0]!);
    const text = readFileSync(suite, "utf8");
    const skipped = "  - it: keeps the whole config map as it was\n    skip:\n      reason: paused\n";
    writeFileSync(suite, text.replace("  - it: keeps the whole config map as it was\n", skipped));
    const run = await runFixture(helm, chart.dir, SUITE, true);
    expect(run.suites[0]!.tests.map((test) => test.status)).toEqual(["passed", "skipped"]);
    expect(run.snapshots[0]!.obsolete).toEqual([]);
    expect(readFileSync(snapshotFile, "utf8")).toContain("keeps the whole config map as it was:");
    writeFileSync(suite, text);
  });

  // helm-unittest 1.1.0 rewrites a snapshot file without its obsolete entries on any run
  // (pkg/unittest/snapshot/cache.go, StoreToFileIfNeeded: VanishedCount() > 0).
  it("reports snapshots no test makes any more and drops them from the file", async () => {
    const suite = join(chart.dir, SUITE[0]!);
    const text = readFileSync(suite, "utf8");
    writeFileSync(suite, text.slice(0, text.indexOf("  - it: keeps the whole config map as it was")));
    const run = await runFixture(helm, chart.dir, SUITE);
    expect(run.suites[0]!.tests.map((test) => test.status)).toEqual(["passed"]);
    expect(run.snapshots[0]).toMatchObject({ written: true, obsolete: [{ test: "keeps the whole config map as it was", index: 1 }] });
    expect(formatChartRun(run)).toContain('Obsolete snapshot: tests/__snapshot__/snapshot_test.yaml.snap: "keeps the whole config map as it was" #1');
    expect(formatChartRun(run)).toContain("Snapshot:    2 passed, 2 total, 1 obsolete");
    expect(readFileSync(snapshotFile, "utf8")).not.toContain("keeps the whole config map as it was");
    const after = await runFixture(helm, chart.dir, SUITE);
    expect(after.snapshots[0]!.obsolete).toEqual([]);
    writeFileSync(suite, text);
  });

  it("snapshots NOTES.txt with matchSnapshotRaw and fails when it changes", async () => {
    const notes = ["tests/notes_test.yaml"];
    rmSync(join(chart.dir, "tests/__snapshot__/notes_test.yaml.snap"), { force: true });
    const first = await runFixture(helm, chart.dir, notes);
    expect(first.suites[0]!.tests[0]!.status).toBe("passed");
    expect(readFileSync(join(chart.dir, "tests/__snapshot__/notes_test.yaml.snap"), "utf8")).toBe(
      "renders NOTES.txt, which helm template leaves out:\n  1: |\n    |\n      Thank you for installing basic.\n      Your release is named web in NAMESPACE.\n",
    );
    edit("templates/NOTES.txt", "Thank you for installing", "Thanks for installing");
    const run = await runFixture(helm, chart.dir, notes);
    const test = findTest(run, "tests/notes_test.yaml", "renders NOTES.txt, which helm template leaves out");
    expect(test.status).toBe("failed");
    const snapshot = test.assertions.find((assertion) => assertion.type === "matchSnapshotRaw")!;
    expect(snapshot.passed).toBe(false);
    expect(snapshot.info.join("\n")).toContain("Expected to match snapshot 1:\n\t--- Expected\n\t+++ Actual\n\t@@ -1,3 +1,3 @@\n\t |\n\t-  Thank you for installing basic.\n\t+  Thanks for installing basic.");
  });

  it("deletes a snapshot file that -u leaves empty", async () => {
    const suite = join(chart.dir, SUITE[0]!);
    const text = readFileSync(suite, "utf8");
    writeFileSync(suite, text.replace(/      - matchSnapshot:[\s\S]*?(?=\n  - it:|$)/g, "      - hasDocuments:\n          count: 1\n"));
    const run = await runFixture(helm, chart.dir, SUITE, true);
    expect(run.suites[0]!.tests.every((test) => test.status === "passed")).toBe(true);
    expect(run.snapshots[0]!.written).toBe(true);
    expect(existsSync(snapshotFile)).toBe(false);
    writeFileSync(suite, text);
  });
});
