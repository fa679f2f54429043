// Kubernetes' strategic merge patch on JSON maps, as Istio's injector applies it to a pod
// (pkg/kube/inject/webhook.go: applyOverlayYAML → StrategicMergeMapPatchUsingLookupPatchMeta).
// Written by hand because the Go implementation cannot run here and no npm package
// implements it; it follows kubernetes/apimachinery pkg/util/strategicpatch/patch.go:
// mergeMap, mergeSlice, mergeSliceWithoutSpecialElements, normalizeElementOrder and
// mergeSortedSlice, with MergeOptions{MergeParallelList: true, IgnoreUnmatchedNulls: true}.
// Patch directives ($patch, $retainKeys, $setElementOrder, $deleteFromPrimitiveList) are
// refused: Istio's templates and the chart's pods never contain them.

export type Json = unknown;
export type JsonMap = Record<string, Json>;

/**
 * The patch metadata of a type: which list fields merge and by which key (the
 * `patchStrategy:"merge" patchMergeKey:"…"` struct tags of k8s.io/api). Lists not named
 * here are atomic and replaced whole; maps not named merge key by key.
 */
export interface PatchMeta {
  readonly lists?: Readonly<Record<string, { readonly mergeKey: string; readonly element?: PatchMeta }>>;
  readonly fields?: Readonly<Record<string, PatchMeta>>;
}

/** k8s.io/api core/v1 types.go, Container: ports by containerPort, env by name, mounts by mountPath. */
const CONTAINER: PatchMeta = {
  lists: {
    ports: { mergeKey: "containerPort" },
    env: { mergeKey: "name" },
    volumeMounts: { mergeKey: "mountPath" },
    volumeDevices: { mergeKey: "devicePath" },
  },
};

/**
 * k8s.io/api core/v1 types.go, PodSpec: containers, init containers, volumes, pull secrets by
 * name, host aliases by ip, spread constraints by topologyKey. PodSecurityContext.sysctls has
 * no patch strategy (`+listType=atomic`): a patch replaces the whole list.
 */
export const POD_PATCH_META: PatchMeta = {
  fields: {
    spec: {
      lists: {
        containers: { mergeKey: "name", element: CONTAINER },
        initContainers: { mergeKey: "name", element: CONTAINER },
        ephemeralContainers: { mergeKey: "name", element: CONTAINER },
        volumes: { mergeKey: "name" },
        imagePullSecrets: { mergeKey: "name" },
        hostAliases: { mergeKey: "ip" },
        topologySpreadConstraints: { mergeKey: "topologyKey" },
        schedulingGates: { mergeKey: "name" },
        resourceClaims: { mergeKey: "name" },
      },
    },
  },
};

export class StrategicMergeError extends Error {}

const isMap = (value: Json): value is JsonMap => value !== null && typeof value === "object" && !Array.isArray(value);

function kindOf(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  return typeof value === "object" ? "map" : typeof value;
}

function refuseDirectives(value: Json, path: string): void {
  if (Array.isArray(value)) value.forEach((item, index) => refuseDirectives(item, `${path}[${index}]`));
  else if (isMap(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith("$")) throw new StrategicMergeError(`${path}.${key}: patch directives are not modelled`);
      refuseDirectives(item, `${path}.${key}`);
    }
  }
}

/** discardNullValuesFromPatch: a value new to the original loses its null keys. */
function discardNulls(value: Json): Json {
  if (Array.isArray(value)) return value.map(discardNulls);
  if (isMap(value)) return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null).map(([key, item]) => [key, discardNulls(item)]));
  return value;
}

/** mergeMap: the patch's keys onto the original's; null deletes; same-kind maps and merge lists recurse. */
export function strategicMerge(original: JsonMap, patch: JsonMap, meta: PatchMeta = {}): JsonMap {
  refuseDirectives(patch, "patch");
  return mergeMap(structuredClone(original), structuredClone(patch), meta);
}

function mergeMap(original: JsonMap, patch: JsonMap, meta: PatchMeta): JsonMap {
  for (const [key, patchValue] of Object.entries(patch)) {
    if (patchValue === null) {
      delete original[key];
      continue;
    }
    if (!(key in original) || kindOf(original[key]) !== kindOf(patchValue)) {
      original[key] = discardNulls(patchValue);
      continue;
    }
    const current = original[key];
    if (isMap(current) && isMap(patchValue)) {
      original[key] = mergeMap(current, patchValue, meta.fields?.[key] ?? {});
    } else if (Array.isArray(current) && Array.isArray(patchValue)) {
      const list = meta.lists?.[key];
      original[key] = list ? mergeList(current, patchValue, list.mergeKey, list.element ?? {}) : patchValue;
    } else {
      original[key] = patchValue;
    }
  }
  return original;
}

function keyOf(item: Json, mergeKey: string): Json {
  if (!isMap(item) || !(mergeKey in item)) throw new StrategicMergeError(`list element without its merge key ${mergeKey}: ${JSON.stringify(item)}`);
  return item[mergeKey];
}

/**
 * mergeSlice for lists of maps: an element whose key is in the original merges into it,
 * others are appended; then normalizeElementOrder puts the patch's elements in the patch's
 * order and interleaves the original-only ones by mergeSortedSlice.
 */
function mergeList(original: Json[], patch: Json[], mergeKey: string, element: PatchMeta): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const merged = [...original];
  for (const item of patch) {
    const key = keyOf(item, mergeKey);
    const index = merged.findIndex((existing) => keyOf(existing, mergeKey) === key);
    if (index >= 0) merged[index] = mergeMap(merged[index] as JsonMap, item as JsonMap, element);
    else merged.push(item);
  }
  const patchKeys = patch.map((item) => keyOf(item, mergeKey));
  const originalKeys = original.map((item) => keyOf(item, mergeKey));
  const inPatch = merged.filter((item) => patchKeys.includes(keyOf(item, mergeKey)));
  const serverOnly = merged.filter((item) => !patchKeys.includes(keyOf(item, mergeKey)));
  const byOrder = (order: Json[]) => (a: Json, b: Json) => {
    const ia = order.indexOf(keyOf(a, mergeKey));
    const ib = order.indexOf(keyOf(b, mergeKey));
    return ia >= 0 && ib >= 0 ? ia - ib : 0;
  };
  return mergeSortedSlice(serverOnly.sort(byOrder(originalKeys)), inPatch.sort(byOrder(patchKeys)), originalKeys, mergeKey);
}

/**
 * mergeSortedSlice: walk both lists; an original-only element goes first only when both it and
 * the patch element are in the original and it came first there. So elements new to the
 * original (the template's volumes) come before the original's own.
 */
function mergeSortedSlice(left: Json[], right: Json[], serverOrder: Json[], mergeKey: string): Json[] {
  const result: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) result.push(right[j++]);
    else if (j >= right.length) result.push(left[i++]);
    else {
      const li = serverOrder.indexOf(keyOf(left[i], mergeKey));
      const ri = serverOrder.indexOf(keyOf(right[j], mergeKey));
      if (li >= 0 && ri >= 0 && li < ri) result.push(left[i++]);
      else result.push(right[j++]);
    }
  }
  return result;
}
