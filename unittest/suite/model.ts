// A test suite file once read: suite-level settings already folded into each test, the
// way helm-unittest applies them (values files appended, set applied suite then test,
// release / capabilities / chart field by field with the test winning).
import type { AssertionKind, Validator } from "../assertions/types.ts";
import type { YamlMap, YamlValue } from "../go-yaml/value.ts";

export interface DocumentSelector {
  readonly path: string;
  readonly value: YamlValue;
  readonly matchMany: boolean;
  readonly skipEmptyTemplates: boolean;
}

export interface ReleaseSettings {
  readonly name?: string;
  readonly namespace?: string;
  readonly revision?: number;
  readonly upgrade?: boolean;
}

export interface CapabilitiesSettings {
  readonly majorVersion?: string;
  readonly minorVersion?: string;
  readonly apiVersions?: readonly string[];
}

export interface ChartSettings {
  readonly version?: string;
  readonly appVersion?: string;
}

/** Where a kind is served: helm-unittest's KubernetesFakeKindProps (pkg/unittest/k8s_fake_client.go:13-17). */
export interface FakeKind {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly namespaced: boolean;
}

/** `kubernetesProvider`: the objects `lookup` finds, and the resources their kinds are served as. */
export interface KubernetesProvider {
  /** Keyed `<apiVersion>/<kind>`, as the plugin looks them up (path.Join(apiVersion, kind)). */
  readonly scheme: Readonly<Record<string, FakeKind>>;
  readonly objects: readonly YamlMap[];
}

/** `postRenderer`: a command the rendered templates pass through (pkg/unittest/test_job.go:50-53). */
export interface PostRendererSettings {
  readonly cmd: string;
  readonly args: readonly string[];
}

export interface AssertionSpec {
  readonly index: number;
  readonly type: string;
  readonly not: boolean;
  readonly template?: string;
  readonly documentIndex?: number;
  readonly documentSelector?: DocumentSelector;
  readonly kind: AssertionKind;
  readonly validator: Validator;
}

export interface TestSpec {
  readonly index: number;
  readonly name: string;
  /** Absolute paths, the suite's first. */
  readonly valuesFiles: readonly string[];
  /** `set` maps in the order they apply: the suite's, then the test's. */
  readonly sets: readonly YamlMap[];
  /** The test's `template` / `templates`; undefined means the suite's. */
  readonly templates?: readonly string[];
  readonly documentIndex?: number;
  readonly documentSelector?: DocumentSelector;
  readonly release: ReleaseSettings;
  readonly capabilities: CapabilitiesSettings;
  readonly chart: ChartSettings;
  readonly kubernetesProvider: KubernetesProvider;
  /** The test's, else the suite's (test_job.go:489-497). */
  readonly postRenderer?: PostRendererSettings;
  readonly skipReason?: string;
  readonly asserts: readonly AssertionSpec[];
  /** What is wrong with the test as written; it fails with this instead of running. */
  readonly problem?: string;
}

export interface Suite {
  readonly file: string;
  readonly name: string;
  /** `snapshotId`, or a rendered suite's position: its snapshots go to `<file>_<id>.snap` (test_suite.go:481-487). */
  readonly snapshotId?: string;
  /** `includeCrds`: the chart's crds/ files are documents the asserts can read (test_job.go:590-601). */
  readonly includeCrds: boolean;
  readonly templates: readonly string[];
  readonly excludeTemplates: readonly string[];
  readonly tests: readonly TestSpec[];
}

/** A mistake in a suite file, named by file and by test and assertion where there is one. */
export class SuiteError extends Error {
  constructor(
    readonly file: string,
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${file}: ${where ? `${where}: ` : ""}${reason}`);
  }
}
