// Kubernetes RBAC, restated for the rendered Roles and bindings: what the API server refuses to
// store, and whether a request is allowed. No npm package evaluates RBAC objects, so the rules
// are written by hand from kubernetes/kubernetes:
// - pkg/apis/rbac/validation/validation.go: ValidatePolicyRule (a resource rule names at least
//   one verb, one API group and one resource) and ValidateRoleBinding (roleRef.apiGroup is
//   rbac.authorization.k8s.io, its kind Role or ClusterRole, its name set);
// - pkg/registry/rbac/validation/rule.go: VisitRulesFor (ClusterRoleBindings, then the
//   RoleBindings of the request's namespace), GetRoleReferenceRules (a Role is looked up in the
//   binding's namespace) and appliesToUser (a ServiceAccount subject is the user
//   system:serviceaccount:<namespace>:<name>, its namespace defaulting to the binding's);
// - plugin/pkg/auth/authorizer/rbac/rbac.go RuleAllows with pkg/apis/rbac/v1/evaluation_helpers.go
//   (VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches: "*" matches all, and
//   an empty resourceNames list matches every name).

interface PolicyRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly verbs?: readonly string[];
}
interface Subject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}
interface RbacObject {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly rules?: readonly PolicyRule[];
  readonly roleRef?: { readonly apiGroup: string; readonly kind: string; readonly name: string };
  readonly subjects?: readonly Subject[];
}

export interface ResourceRequest {
  readonly user: string;
  readonly groups?: readonly string[];
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly namespace: string;
  readonly name?: string;
}

const RBAC_KINDS = new Set(["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]);

export function rbacObjects(documents: readonly unknown[]): RbacObject[] {
  return documents.filter((document): document is RbacObject => RBAC_KINDS.has((document as { kind?: string }).kind ?? ""));
}

/** What the API server's validation refuses in one RBAC object; empty when it stores it. */
export function rbacProblems(object: RbacObject): string[] {
  const problems: string[] = [];
  const where = `${object.kind} ${object.metadata.name}`;
  if (!object.metadata.name) problems.push(`${object.kind}: metadata.name is required`);
  for (const [index, rule] of (object.rules ?? []).entries()) {
    if (!rule.verbs?.length) problems.push(`${where} rules[${index}]: verbs must contain at least one value`);
    if (!rule.apiGroups?.length) problems.push(`${where} rules[${index}]: resource rules must supply at least one api group`);
    if (!rule.resources?.length) problems.push(`${where} rules[${index}]: resource rules must supply at least one resource`);
  }
  const roleRef = object.roleRef;
  if (object.kind.endsWith("Binding")) {
    if (roleRef?.apiGroup !== "rbac.authorization.k8s.io") problems.push(`${where}: roleRef.apiGroup ${JSON.stringify(roleRef?.apiGroup)} is not rbac.authorization.k8s.io`);
    if (roleRef?.kind !== "Role" && roleRef?.kind !== "ClusterRole") problems.push(`${where}: roleRef.kind must be Role or ClusterRole`);
    if (!roleRef?.name) problems.push(`${where}: roleRef.name is required`);
  }
  return problems;
}

const matches = (listed: readonly string[] | undefined, value: string) => (listed ?? []).some((item) => item === "*" || item === value);

function ruleAllows(rule: PolicyRule, request: ResourceRequest): boolean {
  const names = rule.resourceNames ?? [];
  return (
    matches(rule.verbs, request.verb) &&
    matches(rule.apiGroups, request.apiGroup) &&
    matches(rule.resources, request.resource) &&
    (names.length === 0 || (request.name !== undefined && names.includes(request.name)))
  );
}

function appliesToUser(subject: Subject, request: ResourceRequest, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case "User":
      return subject.name === request.user;
    case "Group":
      return (request.groups ?? []).includes(subject.name);
    case "ServiceAccount": {
      const namespace = subject.namespace || bindingNamespace;
      return namespace !== "" && request.user === `system:serviceaccount:${namespace}:${subject.name}`;
    }
    default:
      return false;
  }
}

/**
 * Whether the objects allow the request. Only objects the API server would store take part:
 * one it refuses grants nothing. `namespace` is where namespaced objects without one were
 * installed (helm install --namespace).
 */
export function rbacAllows(documents: readonly unknown[], request: ResourceRequest, installedIn: string): boolean {
  const stored = rbacObjects(documents).filter((object) => rbacProblems(object).length === 0);
  const namespaceOf = (object: RbacObject) => object.metadata.namespace ?? installedIn;
  const find = (kind: string, name: string, namespace?: string) =>
    stored.find((object) => object.kind === kind && object.metadata.name === name && (namespace === undefined || namespaceOf(object) === namespace));
  const bindings = stored.filter(
    (object) => object.kind === "ClusterRoleBinding" || (object.kind === "RoleBinding" && namespaceOf(object) === request.namespace),
  );
  return bindings.some((binding) => {
    const bindingNamespace = binding.kind === "RoleBinding" ? namespaceOf(binding) : "";
    if (!(binding.subjects ?? []).some((subject) => appliesToUser(subject, request, bindingNamespace))) return false;
    const roleRef = binding.roleRef!;
    const role = roleRef.kind === "Role" ? find("Role", roleRef.name, bindingNamespace) : find("ClusterRole", roleRef.name);
    return (role?.rules ?? []).some((rule) => ruleAllows(rule, request));
  });
}
