// The typed client's types are committed (typecheck reads them before any test runs) and must be
// what openapi-typescript generates from the document the service serves now: a route changed
// without `npm run openapi` fails here, naming the command that brings the types up to date.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { servedApiDocument } from './api-document.js';
import { clientTypesFile, clientTypesSource } from './client-types.js';

describe("the typed client's types", () => {
  it('are generated from the current API document (run `npm run openapi` when this fails)', async () => {
    const generated = await clientTypesSource(servedApiDocument());
    expect(readFileSync(clientTypesFile, 'utf8'), 'stale: run `npm run openapi`').toBe(generated);
    // Builds every route group's schemas and the whole document: about 1 s alone, far more on a loaded machine.
  }, 30_000);
});
