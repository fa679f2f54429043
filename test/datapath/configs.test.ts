// The rendered configs before any traffic: Helm 3 and Helm 4 render the same files, nginx
// accepts nginx.conf (`nginx -t` as the pod runs it), Onigmo compiles the parser regex.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { helmBinaries } from "../../helm/run.ts";
import { startedOnFirstUse } from "./first-use.ts";
import { testConfig } from "./rig/nginx.ts";
import { renderPod } from "./rig/render.ts";
import { Rig } from "./rig/rig.ts";
import { CONFIG_ONLY_VALUE_SETS, VALUE_SETS } from "./value-sets.ts";

describe.each([...VALUE_SETS, ...CONFIG_ONLY_VALUE_SETS])("$name", ({ values }) => {
  const rig = startedOnFirstUse(() => Rig.create(values), (created) => created.dispose());

  it("renders the same nginx and fluent-bit ConfigMaps with every Helm", async () => {
    const { pod, values: redirected } = await rig();
    for (const helm of helmBinaries().slice(1)) {
      const other = await renderPod(helm, redirected);
      expect(other.nginxConfigMap, helm.label).toEqual(pod.nginxConfigMap);
      expect(other.fluentBitConfigMap, helm.label).toEqual(pod.fluentBitConfigMap);
    }
  });

  it("passes nginx -t as the pod's nginx user, with the ConfigMap at the container's path", async () => {
    const { pod, root } = await rig();
    const result = testConfig(pod, root);
    expect(result.output).toContain("test is successful");
    expect(result.ok).toBe(true);
  });

  it("has a parser regex Onigmo compiles, with the message capture the decoder reads", async () => {
    const { pipeline } = await rig();
    const result = spawnSync("ruby", ["-e", "puts Regexp.new(ARGV[0]).names.join(',')", pipeline.regex], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("message");
  });
});
