// Stack traces that name the source files, without loading the source map at every cold start.
// Node's --enable-source-maps reads and parses a bundle's whole map when the bundle is imported:
// 40-55 ms of CPU at each function's cold start (bench/bundles.bench.ts), for traces that only an
// unexpected failure ever prints. Instead each Lambda entry calls mapStackTracesOnDemand(): a stack
// is formatted as V8 formats it, and only when one is first asked for (error.stack) is the map of
// the file it runs in (index.mjs.map beside the bundle) read, once per process; each frame of that
// file then names its TypeScript source, line and column. Decision: docs/decisions/0009-http-api.md.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const maps = new Map<string, SourceMap | null>();

/** The source map beside a bundle file (`<file>.map`), read and parsed on first need; null when there is none. */
function mapOf(fileName: string): SourceMap | null {
  let map = maps.get(fileName);
  if (map !== undefined) return map;
  map = null;
  try {
    const path = fileName.startsWith('file://') ? fileURLToPath(fileName) : fileName;
    if (existsSync(`${path}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')));
  } catch {
    map = null; // an unreadable map leaves the frame as it is
  }
  maps.set(fileName, map);
  return map;
}

/** One frame as V8 prints it, its bundle position replaced by the source's when the bundle has a map. */
function frame(site: NodeJS.CallSite, caller: NodeJS.CallSite | undefined): string {
  const text = String(site);
  const fileName = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (!fileName || line === null || column === null || !/\.[cm]?js$/.test(fileName)) return text;
  const map = mapOf(fileName);
  if (!map) return text;
  const entry = map.findEntry(line - 1, column - 1);
  if (!('originalSource' in entry)) return text;
  const position = `${fileName}:${line}:${column}`;
  if (!text.includes(position)) return text;
  // Sources are named relative to the bundle's folder at build time: the repository's own path is
  // what a reader needs (functions/router/router.ts), not one resolved against /var/task.
  const source = `${entry.originalSource.replace(/^(\.\.?\/)+/, '')}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  let mapped = text.replace(position, source);
  // The minified function's name, replaced by the source's: the name mapped at the function's
  // start, or else at the caller's call (as Node's own source-map support does).
  const minifiedName = site.getFunctionName();
  if (minifiedName) {
    const name = nameAt(map, site.getEnclosingLineNumber(), site.getEnclosingColumnNumber()) ?? callerName(caller);
    const at = mapped.indexOf(minifiedName);
    if (name && at !== -1 && at < mapped.indexOf(source))
      mapped = `${mapped.slice(0, at)}${name}${mapped.slice(at + minifiedName.length)}`;
  }
  return mapped;
}

function nameAt(map: SourceMap, line: number | null, column: number | null): string | undefined {
  if (line === null || column === null) return undefined;
  const entry = map.findEntry(line - 1, column - 1);
  const name: unknown = 'name' in entry ? entry.name : undefined;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

function callerName(caller: NodeJS.CallSite | undefined): string | undefined {
  const fileName = caller?.getFileName();
  const map = fileName ? mapOf(fileName) : null;
  return map && caller ? nameAt(map, caller.getLineNumber(), caller.getColumnNumber()) : undefined;
}

function header(error: unknown): string {
  try {
    return error instanceof Error ? Error.prototype.toString.call(error) : String(error);
  } catch {
    return 'Error';
  }
}

/**
 * Formats stack traces through the bundle's source map, read only when a trace is first asked
 * for. `entryUrl` is the calling entry's `import.meta.url`: in a deployed bundle that is the
 * bundle itself, with its map beside it. Does nothing elsewhere (the TypeScript sources under tsx
 * and the tests have no map beside them), nor where Node already maps traces (--enable-source-maps).
 */
export function mapStackTracesOnDemand(entryUrl: string): void {
  if (process.sourceMapsEnabled) return;
  const path = entryUrl.startsWith('file://') ? fileURLToPath(entryUrl) : entryUrl;
  if (!existsSync(`${path}.map`)) return;
  Error.prepareStackTrace = (error: unknown, sites: NodeJS.CallSite[]) =>
    `${header(error)}${sites.map((site, index) => `\n    at ${frameOrPlain(site, sites[index + 1])}`).join('')}`;
}

function frameOrPlain(site: NodeJS.CallSite, caller: NodeJS.CallSite | undefined): string {
  try {
    return frame(site, caller);
  } catch {
    return String(site);
  }
}
