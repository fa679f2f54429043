// IR the emitter cannot write as a Go template: a sentence naming the mistake (and the
// definition's line when known), or, for a node kind it does not know, an internal error
// naming the kind, never a template with "undefined" in it.
import { describe, expect, it } from "vitest";
import { emitHelpersFile, emitTemplateFile, EmitError } from "../../compiler/emit/index.ts";
import type { EntryIR, ExprIR, HelperIR, NodeIR, Scope, TemplateIR } from "../../compiler/ir/types.ts";

const source = { file: "defs/a.ts", line: 1 };
const yaml = (...documents: unknown[]): TemplateIR => ({ fileName: "a.yaml", format: "yaml", source, guard: null, documents: documents as NodeIR[] });
const notes = (document: unknown): TemplateIR => ({ ...yaml(document), fileName: "NOTES.txt", format: "text" });
const map = (...entries: unknown[]) => ({ type: "map", entries: entries as EntryIR[] });
const valueOf = (key: string, expr: unknown) => ({ type: "entry", key, value: { type: "expr", expr: expr as ExprIR } });
const textOf = (...lines: unknown[]) => ({ type: "text", text: { type: "lines", lines } });
const helper = (body: unknown): HelperIR => ({ name: "t.x", description: "x", body: body as HelperIR["body"] });

const item: Scope = { id: 1, name: "item", kind: "range" };
const outer: Scope = { id: 2, name: "with", kind: "with" };
const inner: Scope = { id: 3, name: "with", kind: "with" };
const entryScope: Scope = { id: 4, name: "value", kind: "range", keyName: "key" };
const name: ExprIR = { op: "values", path: ["name"], kind: "string" };

describe("references the emitter refuses", () => {
  it.each([
    {
      mistake: "a range variable used outside its each",
      emit: () => emitTemplateFile(yaml(map(valueOf("b", { op: "scope", scope: item, path: ["name"], kind: "string" })))),
      message: "a range variable is used outside the each/withValue that defines it",
    },
    {
      mistake: "an eachEntry key used outside its eachEntry",
      emit: () => emitTemplateFile(yaml(map(valueOf("b", { op: "scopeKey", scope: entryScope })))),
      message: "an eachEntry key is used outside the eachEntry that defines it",
    },
    {
      mistake: "a withValue value used inside a nested withValue, named by the inner one's line",
      emit: () =>
        emitTemplateFile(
          yaml(
            map({
              type: "with", scope: outer, expr: name, at: { file: "defs/a.ts", line: 3 },
              body: [{ type: "with", scope: inner, expr: name, at: { file: "defs/a.ts", line: 4 }, body: [valueOf("x", { op: "scope", scope: outer, path: [], kind: "string" })] }],
            }),
          ),
        ),
      message: 'defs/a.ts:4: a withValue(...) value is used inside a nested withValue/each, where "." means something else; refer to the value directly (v.…) instead',
    },
    { mistake: "a helper that is not text or map entries", emit: () => emitHelpersFile([helper({ type: "scalar", value: 1 })]), message: 'helper "t.x" must produce text or map entries' },
    { mistake: "a NOTES.txt that is not one block of text", emit: () => emitTemplateFile(notes(map())), message: "NOTES.txt must be one block of text" },
    { mistake: "a document that is neither a map nor a list", emit: () => emitTemplateFile(yaml({ type: "scalar", value: 1 })), message: "a template document must be a map or a list" },
  ])("refuses $mistake with an EmitError that says so", ({ emit, message }) => {
    let thrown: unknown;
    try {
      emit();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EmitError);
    expect((thrown as Error).name).toBe("EmitError");
    expect((thrown as Error).message).toBe(message);
  });
});

describe("node kinds the emitter does not know", () => {
  const bogus = { type: "bogus" };
  it.each([
    { what: "expression", emit: () => emitTemplateFile(yaml(map(valueOf("a", { op: "bogus" })))) },
    { what: "value kind", emit: () => emitTemplateFile(yaml(map(valueOf("a", { op: "values", path: ["a"], kind: "bogus" })))) },
    { what: "map entry", emit: () => emitTemplateFile(yaml(map(bogus))) },
    { what: "list item", emit: () => emitTemplateFile(yaml({ type: "seq", items: [bogus] })) },
    { what: "node", emit: () => emitTemplateFile(yaml({ type: "seq", items: [{ type: "item", value: bogus }] })) },
    { what: "node", emit: () => emitTemplateFile(yaml(map({ type: "entry", key: "a", value: bogus }))) },
    { what: "node", emit: () => emitTemplateFile(yaml(bogus)) },
    { what: "text line", emit: () => emitTemplateFile(yaml(map({ type: "entry", key: "a", value: textOf(bogus) }))) },
    { what: "text line", emit: () => emitTemplateFile(notes(textOf(bogus))) },
    { what: "line part", emit: () => emitTemplateFile(notes(textOf({ type: "line", parts: [bogus] }))) },
    { what: "helper body", emit: () => emitHelpersFile([helper(bogus)]) },
    { what: "helper line", emit: () => emitHelpersFile([helper({ type: "lines", lines: [bogus] })]) },
  ])("reports an unknown $what as an internal error naming it", ({ what, emit }) => {
    expect(emit).toThrow(`internal error: unhandled ${what}: `);
  });
});
