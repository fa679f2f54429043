// helm-unittest path syntax: parsing edge cases and what each form finds.
import { describe, expect, it } from "vitest";
import { evaluatePath, parsePath, parseGoYaml, PathSyntaxError } from "../../unittest/index.ts";

const document = parseGoYaml(`
metadata:
  name: web
  annotations:
    checksum/config: abc123
    kubernetes.io/ingress.class: nginx
    "it's": quoted
  labels:
    app.kubernetes.io/name: web
    "": empty-key
spec:
  replicas: 2
  tls: null
  containers:
    - name: nginx
      image: nginx:1.27
      ports:
        - {name: http, containerPort: 80}
        - {name: metrics, containerPort: 9090}
    - name: sidecar
      image: busybox
      ports:
        - {name: admin, containerPort: 8081}
  values: [10, 20, 30, 40, 50]
`);

const find = (path: string) => evaluatePath(parsePath(path), document);

describe("parsePath / evaluatePath", () => {
  it.each([
    ["metadata.name", ["web"]],
    ["$.metadata.name", ["web"]],
    [".metadata.name", ["web"]],
    ["spec.replicas", [2]],
    ["spec.containers[0].image", ["nginx:1.27"]],
    ["spec.containers[-1].name", ["sidecar"]],
    ["spec.containers[1].ports[0].containerPort", [8081]],
    ["metadata.annotations.checksum/config", ["abc123"]],
    ['metadata.annotations["checksum/config"]', ["abc123"]],
    ["metadata.annotations['kubernetes.io/ingress.class']", ["nginx"]],
    ['metadata.annotations["kubernetes.io/ingress.class"]', ["nginx"]],
    ["metadata.annotations['it\\'s']", ["quoted"]],
    ['metadata.labels["app.kubernetes.io/name"]', ["web"]],
    ['metadata.labels[""]', ["empty-key"]],
    ["metadata['name','missing']", ["web"]],
    ['spec.containers[?(@.name == "nginx")].image', ["nginx:1.27"]],
    ["spec.containers[?(@.name == 'sidecar')].image", ["busybox"]],
    // A filter on a mapping tests the mapping itself (helm-unittest's yaml-jsonpath v0.4.0,
    // pkg/yamlpath/path.go filterThen), as test/data/v3/with-document-select selects documents.
    ["$[?(@.metadata.name == 'web')].spec.replicas", [2]],
    ["$[?(@.metadata.name == 'api')].spec.replicas", []],
    ["metadata[?(@.name == 'web')].name", ["web"]],
    ['spec.containers[?(@.name != "nginx")].name', ["sidecar"]],
    ["spec.containers[*].ports[?(@.containerPort > 8000)].name", ["metrics", "admin"]],
    ["spec.containers[*].ports[?(@.containerPort <= 80)].name", ["http"]],
    ['spec.containers[*].ports[?(@.containerPort == "80")].name', ["http"]],
    ["spec.containers[?(@.name =~ /^side/)].image", ["busybox"]],
    ['spec.containers[?(@.name == "nginx" || @.image == "busybox")].name', ["nginx", "sidecar"]],
    ['spec.containers[?(@.name == "nginx" && @.image == "busybox")].name', []],
    ['spec.containers[?(!(@.name == "nginx"))].name', ["sidecar"]],
    ["spec.containers[?(@.ports)].name", ["nginx", "sidecar"]],
    ["spec.containers[*].name", ["nginx", "sidecar"]],
    ["spec.containers.*.name", []],
    ["spec.values[1:3]", [20, 30]],
    ["spec.values[:2]", [10, 20]],
    ["spec.values[3:]", [40, 50]],
    ["spec.values[::2]", [10, 30, 50]],
    ["spec.values[-2:]", [40, 50]],
    ["spec.values[0,4]", [10, 50]],
    ["spec..containerPort", [80, 9090, 8081]],
    ["spec..name", ["nginx", "http", "metrics", "sidecar", "admin"]],
    ["metadata.*", ["web", { "checksum/config": "abc123", "kubernetes.io/ingress.class": "nginx", "it's": "quoted" }, { "app.kubernetes.io/name": "web", "": "empty-key" }]],
    ["metadata[*]", []],
    ["..image", ["nginx:1.27", "busybox"]],
    ["spec.containers[0].ports..containerPort", [80, 9090]],
    ["spec.tls", [null]],
    ["spec.missing", []],
    ["spec.replicas.deeper", []],
    ["spec.containers[7]", []],
    ["spec.containers.name", []],
  ])("%s finds %j", (path, expected) => {
    expect(find(path)).toEqual(expected);
  });

  it("returns the whole document for an empty path", () => {
    expect(find("")).toEqual([document]);
  });

  it("keeps the source of the path", () => {
    expect(parsePath("a.b").source).toBe("a.b");
  });

  it.each([
    ["spec.containers[0", "unmatched [", 15],
    ["spec.containers[]", "subscript missing from []", 15],
    ["spec.containers[x]", 'invalid array index "x"', 15],
    ["spec..", "child name missing after ..", 6],
    ["spec.", "child name missing after .", 5],
    ['metadata.annotations["checksum/config]', 'unterminated "', 38],
    ["spec.containers[?(@.name == )]", 'unexpected ")" in filter', 28],
    ["spec.containers[?(@.name == 'x']", 'filter must end with ")]"', 31],
    ["spec.containers[?('x')]", "a literal on its own is not a filter", 21],
    ["spec.containers[?(@.name =~ 'x')]", "expected a /regular expression/ after =~", 28],
    ["spec.values[1:2:0]", "slice step must not be 0", 11],
    ["spec[0]x", 'unexpected "x"', 7],
  ])("rejects %s: %s", (path, reason, position) => {
    let error: unknown;
    try {
      parsePath(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PathSyntaxError);
    expect((error as PathSyntaxError).reason).toContain(reason);
    expect((error as PathSyntaxError).position).toBe(position);
    expect((error as PathSyntaxError).message).toContain(`invalid path \`${path}\``);
  });
});
