// The API's OpenAPI document as generated at build time: `npm run openapi` writes
// api-document.json from every route group's schemas with the very generator GET /openapi.json
// uses at run time (apiDocumentOf, functions/api/api.ts). The platform Lambda serves this one, so
// its bundle carries the document and none of the other route groups' code. A unit test fails when
// the file is stale, and another that the Lambda's answer is byte for byte the run-time one
// (test/functions/api/platform/built-api-document.unit.test.ts).
import document from './api-document.json' with { type: 'json' };

/** Where `npm run openapi` writes the document (relative to the repository root). */
export const API_DOCUMENT_FILE = 'functions/api/platform/api-document.json';

/** The document as the file holds it. */
export const builtApiDocument: unknown = document;
