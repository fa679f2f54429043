// A Kubernetes API server that answers `lookup` from a test's `kubernetesProvider`, so the
// helm CLI renders what helm-unittest renders with its fake dynamic client
// (pkg/unittest/k8s_fake_client.go: client-go's fake.NewSimpleDynamicClient over the
// objects, resources looked up in the test's scheme). `helm template --dry-run=server`
// reaches it through a kubeconfig of its own: Helm 3's lookup asks discovery for the kind's
// resource (pkg/engine/lookup_func.go, getAPIResourceForGVK: GET /api/v1 or
// /apis/<group>/<version>), then GETs the object or the list. Written by hand: no npm
// package serves the Kubernetes API from a list of objects.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { YamlMap } from "../go-yaml/value.ts";
import type { KubernetesProvider } from "../suite/model.ts";

interface StoredObject {
  readonly resource: string;
  readonly namespace: string;
  readonly name: string;
  readonly object: YamlMap;
}

/** One provider's world: its discovery and its objects, by group/version. */
class FakeCluster {
  private readonly objects: StoredObject[];

  constructor(private readonly provider: KubernetesProvider) {
    this.objects = provider.objects.map((object) => {
      const metadata = (object["metadata"] ?? {}) as YamlMap;
      const [group, version] = splitApiVersion(String(object["apiVersion"] ?? ""));
      return {
        resource: `${group}/${version}/${guessResource(String(object["kind"] ?? ""))}`,
        namespace: String(metadata["namespace"] ?? ""),
        name: String(metadata["name"] ?? ""),
        object,
      };
    });
  }

  /** The APIResourceList of a group/version: every scheme entry keyed under it; empty when none is. */
  discovery(groupVersion: string): object {
    const resources = Object.entries(this.provider.scheme)
      .filter(([key]) => key.slice(0, key.lastIndexOf("/")) === groupVersion)
      .map(([key, kind]) => ({ name: kind.resource, singularName: "", namespaced: kind.namespaced, kind: key.slice(key.lastIndexOf("/") + 1), verbs: ["get", "list"] }));
    return { kind: "APIResourceList", apiVersion: "v1", groupVersion, resources };
  }

  get(resource: string, namespace: string, name: string): YamlMap | undefined {
    return this.objects.find((stored) => stored.resource === resource && stored.namespace === namespace && stored.name === name)?.object;
  }

  /**
   * client-go's tracker lists a namespace's objects, or all of them when none is given,
   * sorted by namespace then name (k8s.io/client-go/testing/fixture.go, filterByNamespace),
   * in a `<Kind>List` with an empty continue and resourceVersion.
   */
  list(resource: string, namespace: string | undefined, groupVersion: string): object {
    const items = this.objects
      .filter((stored) => stored.resource === resource && (namespace === undefined || stored.namespace === namespace))
      .sort((a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name))
      .map((stored) => stored.object);
    const resourceName = resource.slice(resource.lastIndexOf("/") + 1);
    const kind = Object.entries(this.provider.scheme).find(([, entry]) => entry.resource === resourceName)?.[0].split("/").at(-1) ?? String(items[0]?.["kind"] ?? "");
    return { apiVersion: groupVersion, kind: `${kind}List`, metadata: { continue: "", resourceVersion: "" }, items };
  }
}

export class FakeKubernetesApi {
  private server: Server | undefined;
  private listening: Promise<number> | undefined;
  private readonly clusters = new Map<string, FakeCluster>();
  private readonly kubeconfigs = new Map<string, string>();
  private readonly dir = mkdtempSync(join(tmpdir(), "helm-unittest-kube-"));

  /** A kubeconfig whose cluster serves this provider; one per distinct provider. */
  async kubeconfigFor(provider: KubernetesProvider): Promise<string> {
    const key = JSON.stringify(provider);
    const existing = this.kubeconfigs.get(key);
    if (existing !== undefined) return existing;
    const id = String(this.clusters.size);
    this.clusters.set(id, new FakeCluster(provider));
    const port = await this.listen();
    const file = join(this.dir, `kubeconfig-${id}.yaml`);
    writeFileSync(
      file,
      [
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        `- name: helm-unittest\n  cluster:\n    server: http://127.0.0.1:${port}/provider/${id}`,
        "users:\n- name: helm-unittest\n  user: {}",
        "contexts:\n- name: helm-unittest\n  context:\n    cluster: helm-unittest\n    user: helm-unittest",
        "current-context: helm-unittest",
        "",
      ].join("\n"),
    );
    this.kubeconfigs.set(key, file);
    return file;
  }

  async close(): Promise<void> {
    rmSync(this.dir, { recursive: true, force: true });
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private listen(): Promise<number> {
    this.listening ??= new Promise((resolve, reject) => {
      const server = createServer((request, response) => this.handle(request, response));
      server.on("error", reject);
      server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
      // Helm keeps no connection open once it exits; do not hold the run's process up.
      server.unref();
      this.server = server;
    });
    return this.listening;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const send = (status: number, body: object) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    const notFound = () =>
      send(404, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "the server could not find the requested resource", reason: "NotFound", details: {}, code: 404 });
    const path = new URL(request.url ?? "/", "http://fake").pathname.split("/").filter(Boolean);
    const cluster = path[0] === "provider" ? this.clusters.get(path[1] ?? "") : undefined;
    if (request.method !== "GET" || cluster === undefined) return notFound();
    const rest = path.slice(2);
    const [group, version, at] = rest[0] === "api" ? ["", rest[1], 2] : rest[0] === "apis" ? [rest[1] ?? "", rest[2], 3] : ["", undefined, 0];
    // A kind discovery does not know leaves Helm an empty group, version and resource, so
    // its lookup asks for /api/<name> (client-go dynamic client, makeURLSegments): not found,
    // as the plugin's fake client finds nothing under an empty resource. The core group has v1 alone.
    if (version === undefined || (group === "" && version !== "v1")) return notFound();
    const groupVersion = group ? `${group}/${version}` : version;
    const tail = rest.slice(at);
    if (tail.length === 0) return send(200, cluster.discovery(groupVersion));
    // client-go's dynamic client: /namespaces/<ns>/<resource>[/<name>] or /<resource>[/<name>].
    const namespaced = tail[0] === "namespaces" && tail.length >= 3;
    const [namespace, resource, name] = namespaced ? [tail[1]!, tail[2]!, tail[3]] : [undefined, tail[0]!, tail[1]];
    const key = `${group}/${version}/${resource}`;
    if (name === undefined) return send(200, cluster.list(key, namespace, groupVersion));
    const object = cluster.get(key, namespace ?? "", name);
    return object === undefined ? notFound() : send(200, object);
  }
}

function splitApiVersion(apiVersion: string): [string, string] {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? ["", apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

/**
 * The resource the fake client files an object under: apimachinery's
 * meta.UnsafeGuessKindToResource (pkg/api/meta/restmapper.go): lowercased, then
 * `endpoints` as is, `s` → `ses`, `y` → `ies`, else `s` added.
 */
export function guessResource(kind: string): string {
  const singular = kind.toLowerCase();
  if (singular === "") return "";
  if (singular.endsWith("endpoints")) return singular;
  if (singular.endsWith("s")) return `${singular}es`;
  if (singular.endsWith("y")) return `${singular.slice(0, -1)}ies`;
  return `${singular}s`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
