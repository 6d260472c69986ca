// JSON with object keys in sorted order at every depth, so equal values give equal text
// whatever order their fields were built in. Undefined fields are left out, as JSON does.
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sorted(value));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined)
      Object.defineProperty(out, key, { value: sorted(item), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
