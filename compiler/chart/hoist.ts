// A map written in more than one place (the same container as a native sidecar and as a
// regular container) would be repeated line for line in the templates. Its common leading
// entries move to a named template in _helpers.tpl, and each place includes it and adds
// only what differs, as a person would write it. Only the emitted templates change: the
// TypeScript evaluation keeps the original IR, so the differential tests prove each
// include renders what the inlined entries did.
import type { EntryIR, HelperIR, ItemIR, NodeIR, TemplateIR } from "../ir/types.ts";
import { assertNever } from "../ir/types.ts";

/** Fewer shared entries than this read better inline than behind an include. */
const MIN_SHARED_ENTRIES = 5;

/** A map that is a named list item (`- name: x`), found under the key that holds the list. */
interface Site {
  readonly node: Extract<NodeIR, { type: "map" }>;
  readonly itemName: string;
  readonly listKey: string;
  readonly fileName: string;
}

export function hoistSharedMaps(templates: ReadonlyMap<string, TemplateIR>, chartName: string): Map<string, TemplateIR> {
  const sites: Site[] = [];
  for (const template of templates.values()) {
    const found: Omit<Site, "fileName">[] = [];
    for (const document of template.documents) collectSites(document, "", found);
    sites.push(...found.map((site) => ({ ...site, fileName: template.fileName })));
  }
  const replacements = new Map<NodeIR, NodeIR>();
  const byName = new Map<string, Site[]>();
  for (const site of sites) byName.set(site.itemName, [...(byName.get(site.itemName) ?? []), site]);
  for (const [itemName, group] of byName) {
    if (group.length < 2) continue;
    const shared = commonLeadingEntries(group.map((site) => site.node.entries));
    if (shared.length < MIN_SHARED_ENTRIES || !closedOverScopes(shared)) continue;
    // The noun comes from a plural list key (initContainers → container), not an overlay's `value`.
    const pluralKey = group.map((site) => site.listKey).find((key) => key.endsWith("s"));
    if (pluralKey === undefined) continue;
    const noun = singular(lastWord(pluralKey));
    const helper: HelperIR = {
      name: `${chartName}.${camelCase(itemName)}${capitalise(noun)}`,
      description: `The ${itemName} ${noun}'s fields that are the same wherever the chart writes it (${[...new Set(group.map((site) => site.fileName))].join(", ")}).`,
      body: { type: "map", entries: shared },
    };
    for (const site of group) {
      const include: EntryIR = { type: "spread", expr: { op: "include", helper } };
      replacements.set(site.node, { type: "map", entries: [include, ...site.node.entries.slice(shared.length)] });
    }
  }
  if (replacements.size === 0) return new Map(templates);
  return new Map([...templates].map(([fileName, template]) => [fileName, { ...template, documents: template.documents.map((document) => replaceNode(document, replacements)) }]));
}

// ---------------------------------------------------------------- finding the places

function collectSites(node: NodeIR, key: string, sites: Omit<Site, "fileName">[]): void {
  switch (node.type) {
    case "map":
      for (const entry of node.entries) collectEntrySites(entry, sites);
      return;
    case "seq":
      for (const item of node.items) collectItemSites(item, key, sites);
      return;
    case "choose":
      collectSites(node.then, key, sites);
      collectSites(node.otherwise, key, sites);
      return;
    case "scalar":
    case "expr":
    case "toYaml":
    case "text":
      return;
    default:
      assertNever(node, "node");
  }
}

function collectEntrySites(entry: EntryIR, sites: Omit<Site, "fileName">[]): void {
  switch (entry.type) {
    case "entry": return collectSites(entry.value, entry.key, sites);
    case "dynamicEntry": return collectSites(entry.value, "", sites);
    case "when": return [...entry.then, ...entry.otherwise].forEach((inner) => collectEntrySites(inner, sites));
    case "with":
    case "range": return entry.body.forEach((inner) => collectEntrySites(inner, sites));
    case "spread": return;
    default: assertNever(entry, "map entry");
  }
}

function collectItemSites(item: ItemIR, listKey: string, sites: Omit<Site, "fileName">[]): void {
  switch (item.type) {
    case "item": {
      const name = item.value.type === "map" ? item.value.entries[0] : undefined;
      if (listKey !== "" && item.value.type === "map" && name?.type === "entry" && name.key === "name" && name.value.type === "scalar" && typeof name.value.value === "string") {
        sites.push({ node: item.value, itemName: name.value.value, listKey });
      }
      return collectSites(item.value, listKey, sites);
    }
    case "when": return [...item.then, ...item.otherwise].forEach((inner) => collectItemSites(inner, listKey, sites));
    case "with":
    case "range": return item.body.forEach((inner) => collectItemSites(inner, listKey, sites));
    case "spread": return;
    default: assertNever(item, "list item");
  }
}

function commonLeadingEntries(lists: readonly (readonly EntryIR[])[]): EntryIR[] {
  const [first, ...rest] = lists;
  const shared: EntryIR[] = [];
  for (const [index, entry] of (first ?? []).entries()) {
    const text = JSON.stringify(entry);
    if (!rest.every((list) => list[index] !== undefined && JSON.stringify(list[index]) === text)) break;
    shared.push(entry);
  }
  return shared;
}

/**
 * A helper is always called with the root context, so the entries may use only the
 * `with`/`range` variables they open themselves. The IR is plain data, so a generic walk
 * sees every scope that is opened and every one that is read.
 */
function closedOverScopes(entries: readonly EntryIR[]): boolean {
  const opened = new Set<number>();
  const read = new Set<number>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== "object") return;
    const record = value as Record<string, unknown>;
    const scopeId = (record.scope as { id?: number } | undefined)?.id;
    if (scopeId !== undefined && (record.type === "with" || record.type === "range" || record.type === "inlineRange")) opened.add(scopeId);
    if (scopeId !== undefined && (record.op === "scope" || record.op === "scopeKey")) read.add(scopeId);
    Object.values(record).forEach(visit);
  };
  visit(entries);
  return [...read].every((id) => opened.has(id));
}

// ---------------------------------------------------------------- rewriting

function replaceNode(node: NodeIR, replacements: ReadonlyMap<NodeIR, NodeIR>): NodeIR {
  const replaced = replacements.get(node);
  if (replaced) return replaced;
  switch (node.type) {
    case "map":
      return { ...node, entries: node.entries.map((entry) => replaceInEntry(entry, replacements)) };
    case "seq":
      return { ...node, items: node.items.map((item) => replaceInItem(item, replacements)) };
    case "choose":
      return { ...node, then: replaceNode(node.then, replacements), otherwise: replaceNode(node.otherwise, replacements) };
    case "scalar":
    case "expr":
    case "toYaml":
    case "text":
      return node;
    default:
      return assertNever(node, "node");
  }
}

function replaceInEntry(entry: EntryIR, replacements: ReadonlyMap<NodeIR, NodeIR>): EntryIR {
  const entries = (list: readonly EntryIR[]): EntryIR[] => list.map((inner) => replaceInEntry(inner, replacements));
  switch (entry.type) {
    case "entry":
    case "dynamicEntry":
      return { ...entry, value: replaceNode(entry.value, replacements) };
    case "when":
      return { ...entry, then: entries(entry.then), otherwise: entries(entry.otherwise) };
    case "with":
    case "range":
      return { ...entry, body: entries(entry.body) };
    case "spread":
      return entry;
    default:
      return assertNever(entry, "map entry");
  }
}

function replaceInItem(item: ItemIR, replacements: ReadonlyMap<NodeIR, NodeIR>): ItemIR {
  const items = (list: readonly ItemIR[]): ItemIR[] => list.map((inner) => replaceInItem(inner, replacements));
  switch (item.type) {
    case "item":
      return { ...item, value: replaceNode(item.value, replacements) };
    case "when":
      return { ...item, then: items(item.then), otherwise: items(item.otherwise) };
    case "with":
    case "range":
      return { ...item, body: items(item.body) };
    case "spread":
      return item;
    default:
      return assertNever(item, "list item");
  }
}

// ---------------------------------------------------------------- naming

const camelCase = (text: string): string => text.replace(/[-_.\s]+([a-zA-Z0-9])/g, (_, next: string) => next.toUpperCase());
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
/** `initContainers` → `containers`: the noun the list's items are. */
const lastWord = (key: string): string => (key.match(/[A-Z]?[a-z0-9]+$/)?.[0] ?? key).toLowerCase();
const singular = (noun: string): string => (noun.endsWith("s") ? noun.slice(0, -1) : noun);
