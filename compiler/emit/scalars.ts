// Literal keys and scalars in the emitted YAML. Kubernetes and Helm read YAML 1.1, where
// on/yes/no/y/n are booleans and 0123 is octal, so anything that is not plainly a word
// is double-quoted (JSON string syntax is valid YAML double-quoted syntax).

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
const YAML11_SPECIAL = /^(?:y|n|yes|no|on|off|true|false|null|~)$/i;

function escapeForTemplate(text: string): string {
  // "{{" would start a Go template action; print it from a string literal instead.
  return text.replace(/\{\{/g, '{{ "{{" }}');
}

export function yamlString(text: string): string {
  if (PLAIN.test(text) && !YAML11_SPECIAL.test(text)) return text;
  return escapeForTemplate(JSON.stringify(text));
}

export function yamlKey(key: string): string {
  return yamlString(key);
}

/** Strings as yamlString; null, numbers and booleans as JavaScript prints them (null, 3, true). */
export function yamlScalar(value: string | number | boolean | null): string {
  if (typeof value === "string") return yamlString(value);
  return String(value);
}

/** Literal text inside a block scalar or a helper: only "{{" needs care. */
export function escapeTemplateText(text: string): string {
  return escapeForTemplate(text);
}
