// A suite's rig, started by its first test rather than in beforeAll: a missing program then
// fails every test with its install hint instead of leaving them skipped.
import { afterAll } from "vitest";

export function startedOnFirstUse<T>(start: () => Promise<T>, stop: (started: T) => void): () => Promise<T> {
  let started: Promise<T> | undefined;
  afterAll(async () => {
    const value = await started?.catch(() => undefined);
    if (value !== undefined) stop(value);
  });
  return () => (started ??= start());
}
