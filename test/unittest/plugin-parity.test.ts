// Behaviours of helm-unittest 1.1.0 that its own test data (test/data/v3/* of
// helm-unittest/helm-unittest) depends on, each checked on a small case written here and
// traced to the plugin's source. No Helm: validators and snapshot files are driven directly.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Params } from "../../unittest/assertions/params.ts";
import { ASSERTION_KINDS } from "../../unittest/assertions/registry.ts";
import type { Manifest, SnapshotComparer, ValidateContext } from "../../unittest/assertions/types.ts";
import type { YamlMap } from "../../unittest/go-yaml/value.ts";
import { SnapshotFile } from "../../unittest/snapshot.ts";
import { loadSuites } from "../../unittest/suite/load.ts";
import { selectDocuments } from "../../unittest/select.ts";

const NO_SNAPSHOTS: SnapshotComparer = { compare: () => ({ passed: true, index: 1, cached: "", current: "" }) };

function validate(type: string, params: YamlMap, documents: YamlMap[], snapshots = NO_SNAPSHOTS, not = false) {
  const kind = ASSERTION_KINDS.get(type);
  if (!kind) throw new Error(`no assertion ${type}`);
  const docs = documents.map((value, index) => ({ index, value }));
  const context: ValidateContext = { docs, selected: docs, negative: not !== kind.antonym, renderSucceeded: true, snapshots };
  return kind.create(new Params(type, params))(context);
}

const scratch: string[] = [];
function snapshotFile(updating = false): SnapshotFile {
  const dir = mkdtempSync(join(tmpdir(), "unittest-parity-"));
  scratch.push(dir);
  return new SnapshotFile(join(dir, "__snapshot__", "suite_test.yaml.snap"), updating);
}
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// A value written `key: |` after a `{{- ... }}` that leaves a blank first line, as
// test/data/v3/basic/templates/configmap.yaml renders `file.json`.
const JSON_WITH_LEADING_NEWLINE = '\n{\n  "key1": "value1"\n}\n';

describe("leading newlines (plugin 1.0.3+)", () => {
  // pkg/unittest/validators/equal_validator.go:84 → uniformContent, validators/common.go:126-129.
  it("equal cuts a string's leading newlines before comparing", () => {
    const document = { data: { "file.json": JSON_WITH_LEADING_NEWLINE } };
    expect(validate("equal", { path: 'data["file.json"]', value: '{\n  "key1": "value1"\n}\n' }, [document]).passed).toBe(true);
  });

  // pkg/unittest/validators/equal_raw_validator.go:51 → uniformContent.
  it("equalRaw cuts them from the raw text", () => {
    expect(validate("equalRaw", { value: "Thank you.\n" }, [{ raw: "\n\nThank you.\n" }]).passed).toBe(true);
  });

  // pkg/unittest/snapshot/cache.go:82 → common.TrustedMarshalYAML, internal/common/utilities.go:39,116.
  it("a snapshot is written without them, so its block header is `|`, not `|2`", () => {
    const file = snapshotFile();
    const result = validate("matchSnapshot", {}, [{ data: { "file.json": JSON_WITH_LEADING_NEWLINE } }], file.comparer("keeps the json"));
    expect(result.passed).toBe(true);
    file.store();
    expect(readFileSync(file.path, "utf8")).toBe('keeps the json:\n  1: |\n    data:\n      file.json: |\n        {\n          "key1": "value1"\n        }\n');
  });
});

describe("matchSnapshot with matchRegex / notMatchRegex", () => {
  // pkg/unittest/snapshot/cache.go:84-104: with a pattern the stored value is not compared.
  it("checks the patterns instead of the stored snapshot", () => {
    const first = snapshotFile();
    validate("matchSnapshot", {}, [{ metadata: { name: "old" } }], first.comparer("names it"));
    first.store();
    const second = new SnapshotFile(first.path, false);
    const params = { matchRegex: { pattern: "name: " }, notMatchRegex: { pattern: "secret" } };
    expect(validate("matchSnapshot", params, [{ metadata: { name: "new" } }], second.comparer("names it")).passed).toBe(true);
    expect(second.counts().failed).toBe(0);
  });
});

describe("containsDocument", () => {
  // A ClusterRole and its binding in one template, as test/data/v3/basic/templates/rbac.yaml
  // renders them; pkg/unittest/validators/contains_document_validator.go:122-160.
  const rbac = [
    { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "spark" } },
    { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: { name: "spark" } },
  ];
  const clusterRole = { kind: "ClusterRole", apiVersion: "rbac.authorization.k8s.io/v1" };

  it("fails unless every selected document matches, naming the one that does not", () => {
    const result = validate("containsDocument", clusterRole, rbac);
    expect(result.passed).toBe(false);
    expect(result.info).toEqual(["DocumentIndex:\t1", "Expected to contain document:", "\tKind = ClusterRole, apiVersion = rbac.authorization.k8s.io/v1"]);
  });

  it("passes on the first match with any: true", () => {
    expect(validate("containsDocument", { ...clusterRole, any: true }, rbac).passed).toBe(true);
  });

  it("with not, passes once a document lacks it", () => {
    expect(validate("containsDocument", clusterRole, rbac, NO_SNAPSHOTS, true).passed).toBe(true);
    expect(validate("containsDocument", clusterRole, [rbac[0]!], NO_SNAPSHOTS, true).passed).toBe(false);
  });
});

describe("test-level capabilities", () => {
  // test/data/v3/basic/tests/servicemonitor_test.yaml's three cases; pkg/unittest/
  // test_job.go:786-811 and test_suite.go:347-356 of helm-unittest 1.1.0.
  const SUITE = `suite: capabilities
capabilities:
  majorVersion: "1"
  apiVersions:
    - monitoring.coreos.com/v1
tests:
  - it: absent
    asserts: [{ hasDocuments: { count: 0 } }]
  - it: left null
    capabilities:
      apiVersions:
    asserts: [{ hasDocuments: { count: 0 } }]
  - it: empty list
    capabilities:
      apiVersions: []
      minorVersion: 20
    asserts: [{ hasDocuments: { count: 0 } }]
  - it: own list
    capabilities:
      apiVersions: [example.com/v1]
    asserts: [{ hasDocuments: { count: 0 } }]
`;

  it("keeps the suite's apiVersions unless the test leaves the key null", () => {
    const dir = mkdtempSync(join(tmpdir(), "unittest-parity-"));
    scratch.push(dir);
    writeFileSync(join(dir, "capabilities_test.yaml"), SUITE);
    const [suite] = loadSuites(join(dir, "capabilities_test.yaml"));
    expect(suite!.tests.map((test) => test.capabilities)).toEqual([
      { majorVersion: "1", minorVersion: undefined, apiVersions: ["monitoring.coreos.com/v1"] },
      { majorVersion: "1", minorVersion: undefined, apiVersions: [] },
      { majorVersion: "1", minorVersion: "20", apiVersions: ["monitoring.coreos.com/v1"] },
      { majorVersion: "1", minorVersion: undefined, apiVersions: ["example.com/v1", "monitoring.coreos.com/v1"] },
    ]);
  });
});

describe("documentSelector without a value", () => {
  // pkg/unittest/valueutils/documentselector.go:94 of helm-unittest 1.1.0: a nil value
  // picks every document in which the path finds something.
  it("picks the documents where the path finds anything", () => {
    const docs: Manifest[] = [
      { index: 0, value: { kind: "Role", metadata: { name: "a" } } },
      { index: 1, value: { kind: "Service" } },
    ];
    const selection = selectDocuments(new Map([["t.yaml", docs]]), undefined, { path: "metadata.name", value: null, matchMany: false, skipEmptyTemplates: false });
    expect(selection.ok && [...selection.documents.get("t.yaml")!].map((doc) => doc.index)).toEqual([0]);
  });
});

describe("lengthEqual with count", () => {
  // pkg/unittest/validators/length_equal_document_validator.go:41-47 of helm-unittest 1.1.0:
  // with a count, a value that is not a list has length 0.
  it("counts null as length 0", () => {
    expect(validate("lengthEqual", { path: "spec.volumes", count: 0 }, [{ spec: { volumes: null } }]).passed).toBe(true);
    expect(validate("lengthEqual", { path: "spec.volumes", count: 1 }, [{ spec: { volumes: null } }]).passed).toBe(false);
  });
});
