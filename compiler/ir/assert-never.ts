/**
 * The end of every switch over IR node kinds: a new kind makes the call a type error in
 * each walker that does not handle it yet.
 */
export function assertNever(value: never, what: string): never {
  throw new Error(`internal error: unhandled ${what}: ${JSON.stringify(value)}`);
}
