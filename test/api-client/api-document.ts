// The API document exactly as GET /openapi.json serves it, built with no engine running: the route
// groups are composed against addresses nothing listens on, and no route runs. Redocly lints this
// document (npm run lint); the typed client's types and the document the platform Lambda serves
// (functions/api/platform/api-document.json) are generated from it (npm run openapi).
import { randomBytes } from 'node:crypto';
import { type OpenAPI3 } from 'openapi-typescript';
import { join } from 'node:path';
import { apiDocumentOf, composeApi } from '../../functions/api/api.js';
import { API_DOCUMENT_FILE } from '../../functions/api/platform/built-api-document.js';
import { createAwsClients } from '../../functions/composition/clients.js';
import { type ServiceConfig, readServiceConfig } from '../../functions/composition/service-config.js';

const nowhere = 'http://127.0.0.1:1';

/** A service configuration whose engines are addresses nothing listens on: for composing without running. */
export function unreachableServiceConfig(prefix: string): ServiceConfig {
  return readServiceConfig({
    SERVICE_PREFIX: prefix,
    DYNAMODB_ENDPOINT: nowhere,
    SQS_ENDPOINT: nowhere,
    SES_ENDPOINT: nowhere,
    QUEUE_URL_BASE: `${nowhere}/000000000000/`,
    KEY_PROVIDER: 'local',
    LOCAL_MASTER_KEY: randomBytes(32).toString('base64'),
    MAIL_FROM: 'no-reply@prevent.localhost',
    PUBLIC_BASE_URL: 'http://localhost:3000',
  });
}

/** The document as JSON, as a client fetching GET /openapi.json reads it. */
export function servedApiDocument(): OpenAPI3 {
  const config = unreachableServiceConfig('api-document');
  const routes = composeApi(config, createAwsClients(config)).all();
  return JSON.parse(JSON.stringify(apiDocumentOf(routes))) as OpenAPI3;
}

/** The file the platform Lambda's document is built into (built-api-document.ts). */
export const builtApiDocumentFile = join(import.meta.dirname, '..', '..', API_DOCUMENT_FILE);

/** What that file holds: the served document, as JSON. */
export function builtApiDocumentSource(document: OpenAPI3): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
