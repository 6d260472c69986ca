// The pages as one Lambda handler: the page routes, the views and GOV.UK Frontend found on disk,
// the static assets, sessions sealed with the event store's key provider, and the security
// headers with the hash of the GOV.UK template's one inline script.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type KeyProvider } from '../functions/event-store/key-provider.js';
import { type RevocationCheck } from '../functions/people/revocations.js';
import { inlineScriptOf, pageHeaders, scriptHash } from './http/content-security-policy.js';
import { createPageHandler } from './http/page-handler.js';
import { type PageRoute } from './http/page-route.js';
import { createStaticAssets } from './http/static-assets.js';
import { createPageRenderer } from './rendering/page-renderer.js';
import { createSessionSeal } from './session/session-seal.js';
import { type SessionStore } from './session/session-store.js';
import { type SessionPolicy } from './session/web-session.js';
import { type WebFiles, locateWebFiles } from './web-files.js';

export interface WebHandlerDeps {
  routes: readonly PageRoute[];
  sessions: { store: SessionStore; keyProvider: KeyProvider; policy?: SessionPolicy };
  clock: () => Date;
  /** When a person's access was last revoked: sessions signed in before it end at once. */
  revocations?: RevocationCheck;
  files?: WebFiles;
}

/** A short fingerprint of the stylesheets and scripts, for ?v= in their links. */
function assetVersionOf(files: WebFiles): string {
  const hash = createHash('sha256');
  for (const file of [
    join(files.govukDist, 'govuk', 'govuk-frontend.min.css'),
    join(files.govukDist, 'govuk', 'govuk-frontend.min.js'),
    join(files.publicFiles, 'application.css'),
    join(files.publicFiles, 'application.js'),
  ]) {
    hash.update(readFileSync(file));
  }
  return hash.digest('base64url').slice(0, 12);
}

export function createWebHandler(deps: WebHandlerDeps) {
  const files = deps.files ?? locateWebFiles();
  const inlineScriptHash = scriptHash(
    inlineScriptOf(readFileSync(join(files.govukDist, 'govuk', 'template.njk'), 'utf8')),
  );
  return createPageHandler({
    routes: deps.routes,
    renderer: createPageRenderer(files, { assetVersion: assetVersionOf(files) }),
    assets: createStaticAssets(files),
    sessions: {
      store: deps.sessions.store,
      seal: createSessionSeal({ keyProvider: deps.sessions.keyProvider }),
      clock: deps.clock,
      ...(deps.sessions.policy ? { policy: deps.sessions.policy } : {}),
    },
    headers: pageHeaders(inlineScriptHash),
    ...(deps.revocations ? { revocations: deps.revocations } : {}),
  });
}
