// The files the pages load: GOV.UK Frontend's stylesheet, script, fonts and images, and the
// service's own stylesheet, served from the same origin under /assets (the content security
// policy allows 'self' only). Names are checked against a fixed pattern and resolved inside their
// folder; the files that exist are read once and cached in memory (unknown names are not remembered). Links carry the version (?v=), so the
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
  /** How many files are held in memory. */
  cachedFiles(): number;
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
  // Only files that exist are kept, so the cache is bounded by what is on disk, not by what is asked for.
  const cache = new Map<string, StaticFile>();

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
      const cached = cache.get(path);
      if (cached) return cached;
      const file = resolve(path);
      const contentType = file ? CONTENT_TYPES[extname(file)] : undefined;
      if (!file || !contentType) return undefined;
      try {
        if (!statSync(file).isFile()) return undefined;
        const found = { contentType, body: readFileSync(file) };
        cache.set(path, found);
        return found;
      } catch {
        return undefined;
      }
    },
    cachedFiles: () => cache.size,
  };
}
