// Every assertion type of helm-unittest's DOCUMENT.md, with its antonym flag: `notEqual`
// is `equal` run negated, and `not: true` negates once more.
import { createCompare } from "./compare.ts";
import { createContains } from "./contains.ts";
import { createContainsDocument, createHasDocuments, createIsAPIVersion, createIsKind } from "./document.ts";
import { createIsNullOrEmpty } from "./empty.ts";
import { createEqual, createEqualRaw } from "./equal.ts";
import { createExists } from "./exists.ts";
import { createFailedTemplate } from "./failed-template.ts";
import { createLengthEqual } from "./length.ts";
import { createMatchRegex, createMatchRegexRaw } from "./regex.ts";
import { createMatchSnapshot, createMatchSnapshotRaw } from "./snapshot.ts";
import { createIsSubset } from "./subset.ts";
import { createIsType } from "./type.ts";
import type { AssertionKind } from "./types.ts";

const kind = (create: AssertionKind["create"], antonym = false, render: AssertionKind["render"] = "success"): AssertionKind => ({ create, antonym, render });

export const ASSERTION_KINDS: ReadonlyMap<string, AssertionKind> = new Map([
  ["equal", kind(createEqual)],
  ["notEqual", kind(createEqual, true)],
  ["equalRaw", kind(createEqualRaw)],
  ["notEqualRaw", kind(createEqualRaw, true)],
  ["matchRegex", kind(createMatchRegex)],
  ["notMatchRegex", kind(createMatchRegex, true)],
  ["matchRegexRaw", kind(createMatchRegexRaw)],
  ["notMatchRegexRaw", kind(createMatchRegexRaw, true)],
  ["contains", kind(createContains)],
  ["notContains", kind(createContains, true)],
  ["exists", kind(createExists)],
  ["notExists", kind(createExists, true)],
  ["isNotNull", kind(createExists)],
  ["isNull", kind(createExists, true)],
  ["isNullOrEmpty", kind(createIsNullOrEmpty)],
  ["isNotNullOrEmpty", kind(createIsNullOrEmpty, true)],
  ["isEmpty", kind(createIsNullOrEmpty)],
  ["isNotEmpty", kind(createIsNullOrEmpty, true)],
  ["isKind", kind(createIsKind)],
  ["isAPIVersion", kind(createIsAPIVersion)],
  ["hasDocuments", kind(createHasDocuments)],
  ["containsDocument", kind(createContainsDocument)],
  ["isSubset", kind(createIsSubset)],
  ["isNotSubset", kind(createIsSubset, true)],
  ["isType", kind(createIsType)],
  ["isNotType", kind(createIsType, true)],
  ["lengthEqual", kind(createLengthEqual)],
  ["notLengthEqual", kind(createLengthEqual, true)],
  ["greaterOrEqual", kind(createCompare("greater"))],
  ["notGreaterOrEqual", kind(createCompare("greater"), true)],
  ["lessOrEqual", kind(createCompare("less"))],
  ["notLessOrEqual", kind(createCompare("less"), true)],
  ["failedTemplate", kind(createFailedTemplate, false, "failure")],
  // "not failed with this message" also holds when the render fails with another one.
  ["notFailedTemplate", kind(createFailedTemplate, true, "either")],
  ["matchSnapshot", kind(createMatchSnapshot)],
  ["matchSnapshotRaw", kind(createMatchSnapshotRaw)],
]);
