// A small model of what `istioctl install` does to the gateway Deployment it renders:
// first the component's k8s fields as strategic merge patches, then k8s.overlays. Written by
// hand because istioctl (Go) cannot run here; it follows operator/pkg/util/path.go,
// operator/pkg/tpath/tree.go and operator/pkg/render/postprocess.go as described in
// docs/istio-operator-notes.md and docs/istio-gateway-deployments.md.

type Json = unknown;
type JsonMap = Record<string, Json>;

export interface OverlayPatch {
  readonly path: string;
  readonly value?: Json;
}

export class OverlayPathError extends Error {}

/**
 * Path elements: split on dots (`\.` is a literal dot), and `a[x]` into `a` and `[x]`.
 * `containers.[name:x]` and `containers[name:x]` are the same path.
 */
export function splitOverlayPath(path: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let index = 0; index < path.length; index++) {
    const char = path[index]!;
    if (char === "\\" && path[index + 1] === ".") {
      current += ".";
      index++;
    } else if (char === ".") {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.flatMap((part) => {
    const match = /^([^[]+)(\[.*\])$/.exec(part);
    return match ? [match[1]!, match[2]!] : [part];
  }).filter((part) => part !== "");
}

/** Where a list element selector points: an existing element, or the end (append). */
function selectInList(list: Json[], selector: string, path: string): { index: number; append: boolean } {
  const indexMatch = /^\[(-?[0-9]+)\]$/.exec(selector);
  if (indexMatch) {
    const index = Number(indexMatch[1]);
    // tree.go: an index past the end, or -1, appends one element at the end, not at index.
    return index < 0 || index >= list.length ? { index: list.length, append: true } : { index, append: false };
  }
  const keyMatch = /^\[([^:]*):(.*)\]$/.exec(selector);
  if (keyMatch) {
    const [, key, wanted] = keyMatch as unknown as [string, string, string];
    const index = list.findIndex((element) =>
      key === ""
        ? new RegExp(wanted).test(String(element))
        : element !== null && typeof element === "object" && String((element as JsonMap)[key]) === wanted,
    );
    if (index < 0) throw new OverlayPathError(`path ${path}: element ${selector} not found`);
    return { index, append: false };
  }
  throw new OverlayPathError(`path ${path}: ${selector} does not select a list element`);
}

/** One patch, as tpath's GetPathContext(createMissing=true) + WritePathContext apply it. */
export function applyOverlayPatch(root: JsonMap, patch: OverlayPatch): void {
  const segments = splitOverlayPath(patch.path);
  const deleting = !("value" in patch);
  let node: Json = root;
  segments.forEach((segment, position) => {
    const last = position === segments.length - 1;
    if (Array.isArray(node)) {
      const { index, append } = selectInList(node, segment, patch.path);
      if (last) {
        if (deleting) {
          if (append) throw new OverlayPathError(`path ${patch.path}: nothing to delete`);
          node.splice(index, 1);
        } else if (append) {
          node.push(patch.value);
        } else {
          node[index] = patch.value;
        }
        return;
      }
      if (append) node.push({});
      node = node[index];
      return;
    }
    if (node === null || typeof node !== "object") throw new OverlayPathError(`path ${patch.path}: ${segment} is below a scalar`);
    const map = node as JsonMap;
    if (last) {
      if (deleting) delete map[segment];
      else map[segment] = patch.value;
      return;
    }
    // A missing key becomes a map, even where a list was meant: `initContainers[0]` on a
    // Deployment without init containers writes a key named "[0]" (tree.go).
    if (map[segment] === undefined || map[segment] === null) map[segment] = {};
    node = map[segment];
  });
}

/**
 * All patches of an overlay, in order. A patch that fails is skipped and istioctl says
 * nothing (postprocess.go drops the error); the errors are returned so tests can insist
 * on none.
 */
export function applyOverlayPatches(root: JsonMap, patches: readonly OverlayPatch[]): string[] {
  const errors: string[] = [];
  for (const patch of patches) {
    try {
      applyOverlayPatch(root, patch);
    } catch (error) {
      if (!(error instanceof OverlayPathError)) throw error;
      errors.push(error.message);
    }
  }
  return errors;
}

/**
 * Strategic merge of the fields the chart sets: maps merge, lists are replaced, and a null
 * deletes the key (k8s.io/apimachinery pkg/util/strategicpatch/patch.go, mergeMap:
 * `if patchV == nil { delete(original, k) }`, with IgnoreUnmatchedNulls set by
 * StrategicMergePatch, so no null is left behind).
 */
export function mergeMaps(target: JsonMap, patch: JsonMap): JsonMap {
  const result: JsonMap = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
      continue;
    }
    const existing = result[key];
    const bothMaps = [existing, value].every((item) => item !== null && typeof item === "object" && !Array.isArray(item));
    result[key] = bothMaps ? mergeMaps(existing as JsonMap, value as JsonMap) : value;
  }
  return result;
}

/** env merges by name (its patch merge key), as a strategic merge patch does. */
function mergeEnv(target: JsonMap[] | undefined, patch: JsonMap[]): JsonMap[] {
  const result = [...(target ?? [])];
  for (const variable of patch) {
    const index = result.findIndex((existing) => existing["name"] === variable["name"]);
    if (index >= 0) result[index] = variable;
    else result.push(variable);
  }
  return result;
}

export interface GatewayComponent {
  readonly name: string;
  readonly label?: Record<string, string>;
  readonly k8s?: {
    readonly hpaSpec?: { readonly minReplicas?: number; readonly maxReplicas?: number };
    readonly podDisruptionBudget?: JsonMap;
    readonly replicaCount?: number;
    readonly strategy?: JsonMap;
    readonly env?: JsonMap[];
    readonly resources?: JsonMap;
    readonly podAnnotations?: Record<string, string>;
    readonly securityContext?: JsonMap;
    readonly nodeSelector?: JsonMap;
    readonly affinity?: JsonMap;
    readonly tolerations?: Json[];
    readonly priorityClassName?: string;
    readonly overlays?: readonly { readonly kind: string; readonly name: string; readonly patches: readonly OverlayPatch[] }[];
  };
}

/**
 * The Deployment after istioctl's post-processing of one gateway component: the k8s
 * fields that touch the Deployment, then the overlays for kind Deployment and its name.
 * Returns the overlay errors istioctl would have swallowed.
 */
export function postProcessGatewayDeployment(generated: JsonMap, component: GatewayComponent): { deployment: JsonMap; overlayErrors: string[] } {
  const deployment = structuredClone(generated) as JsonMap & { spec: JsonMap & { template: { metadata: JsonMap; spec: JsonMap & { containers: JsonMap[] } } } };
  const k8s = component.k8s ?? {};
  const spec = deployment.spec;
  const pod = spec.template.spec;
  const proxy = pod.containers.find((container) => container["name"] === "istio-proxy");
  if (!proxy) throw new Error("the generated Deployment has no istio-proxy container");
  if (k8s.replicaCount !== undefined) spec["replicas"] = k8s.replicaCount;
  if (k8s.strategy) spec["strategy"] = mergeMaps((spec["strategy"] ?? {}) as JsonMap, k8s.strategy);
  if (k8s.env) proxy["env"] = mergeEnv(proxy["env"] as JsonMap[] | undefined, k8s.env);
  if (k8s.resources) proxy["resources"] = mergeMaps((proxy["resources"] ?? {}) as JsonMap, k8s.resources);
  if (k8s.podAnnotations) spec.template.metadata["annotations"] = { ...(spec.template.metadata["annotations"] as JsonMap), ...k8s.podAnnotations };
  if (k8s.securityContext) pod["securityContext"] = mergeMaps((pod["securityContext"] ?? {}) as JsonMap, k8s.securityContext);
  if (k8s.nodeSelector) pod["nodeSelector"] = mergeMaps((pod["nodeSelector"] ?? {}) as JsonMap, k8s.nodeSelector);
  if (k8s.affinity) pod["affinity"] = mergeMaps((pod["affinity"] ?? {}) as JsonMap, k8s.affinity);
  if (k8s.tolerations) pod["tolerations"] = k8s.tolerations;
  if (k8s.priorityClassName) pod["priorityClassName"] = k8s.priorityClassName;
  const metadata = deployment["metadata"] as JsonMap;
  const overlayErrors = (k8s.overlays ?? [])
    .filter((overlay) => overlay.kind === "Deployment" && overlay.name === metadata["name"])
    .flatMap((overlay) => applyOverlayPatches(deployment, overlay.patches));
  return { deployment, overlayErrors };
}
