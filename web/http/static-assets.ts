// The files the pages load: GOV.UK Frontend's stylesheet, script, fonts and images, and the
// service's own stylesheet, served from the same origin under /assets (the content security
// policy allows 'self' only). Names are checked against a fixed pattern and resolved inside their
// folder; the files are read once and cached in memory. Links carry the version (?v=), so the
// files may be cached for a year.
import { readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { type WebFiles } from '../web-files.js';

export interface StaticFile {
  contentType: string;
  body: Buffer;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/manifest+json',
};

export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

const SAFE_PATH = /^\/assets\/((?:fonts|images)\/)?[a-z0-9][a-z0-9.-]*\.[a-z0-9]+$/;

export interface StaticAssets {
  find(path: string): StaticFile | undefined;
}

export function createStaticAssets(files: WebFiles): StaticAssets {
  const govuk = join(files.govukDist, 'govuk');
  const sources: Record<string, string> = {
    '/assets/govuk-frontend.min.css': join(govuk, 'govuk-frontend.min.css'),
    '/assets/govuk-frontend.min.js': join(govuk, 'govuk-frontend.min.js'),
    '/assets/manifest.json': join(files.govukAssets, 'manifest.json'),
    '/assets/application.css': join(files.publicFiles, 'application.css'),
    '/assets/application.js': join(files.publicFiles, 'application.js'),
  };
  const cache = new Map<string, StaticFile | null>();

  function resolve(path: string): string | undefined {
    if (sources[path]) return sources[path];
    const match = SAFE_PATH.exec(path);
    if (!match?.[1]) return undefined;
    const candidate = join(files.govukAssets, path.slice('/assets/'.length));
    const inside = relative(files.govukAssets, candidate);
    return inside.startsWith('..') || inside.includes(`..${sep}`) ? undefined : candidate;
  }

  return {
    find(path) {
      if (cache.has(path)) return cache.get(path) ?? undefined;
      const file = resolve(path);
      const contentType = file ? CONTENT_TYPES[extname(file)] : undefined;
      let found: StaticFile | null = null;
      if (file && contentType) {
        try {
          if (statSync(file).isFile()) found = { contentType, body: readFileSync(file) };
        } catch {
          found = null;
        }
      }
      cache.set(path, found);
      return found ?? undefined;
    },
  };
}
