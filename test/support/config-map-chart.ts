// A chart of one ConfigMap (configmap.yaml) whose data the test writes: the smallest chart in
// which to see what Helm renders for a piece of the DSL.
import type { z } from "zod";
import { defineChart, defineTemplate, type ChartDefinition } from "../../compiler/index.ts";

export function configMapChart<S extends z.ZodType>(name: string, values: S, data: () => Record<string, unknown>): ChartDefinition<S> {
  return defineChart({
    metadata: { name, version: "0.1.0", appVersion: "1", description: `${name}: one ConfigMap for a test` },
    values,
    valuesHeader: `${name}.`,
    helpers: [],
    templates: [defineTemplate("configmap.yaml", () => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: data() }))],
  });
}
