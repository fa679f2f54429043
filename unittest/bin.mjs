#!/usr/bin/env node
// `npx helm-unittest-ts <chart>`: the runner is TypeScript, loaded through tsx.
import { register } from "tsx/esm/api";

register();
await import("./cli.ts");
