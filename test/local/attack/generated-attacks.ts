// Generated bad requests for one operation of the API document (fast-check arbitraries). Each
// attack says whether the service must refuse it (a 4xx problem+json) or may answer it either
// way (never a 5xx). Every submitted value carries a marker (see attack-harness.ts) that no
// answer may contain.
import fc from 'fast-check';
import { ATTACK_SEED, type Expectation, type RawRequest } from './attack-harness.js';
import {
  type JsonPath,
  type JsonType,
  type OpenApiDocument,
  type Operation,
  closedObjectsOf,
  editAt,
  locationsOf,
  setOwn,
  typesOf,
} from './openapi-operations.js';

export interface Attack {
  request: RawRequest;
  expectation: Expectation;
  /** Whether a 4xx must be problem+json (false where the web pages' catch-all answers). */
  problemJson: boolean;
}

/** A valid request for the operation, which each attack spoils in one way. */
export interface ValidRequest {
  pathValues: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
  /**
   * For an operation that writes: what turns the valid request into a refusal that writes nothing
   * (a stale If-Match, a key already used for another body, an organisation the directory lacks),
   * laid over attacks that leave the request valid, so they are answered without writing.
   */
  harmless?: { headers?: Record<string, string>; pathValues?: Record<string, string> };
}

export const marker = fc
  .nat({ max: 36 ** 5 })
  .map((n) => `Qz${ATTACK_SEED.toString(36)}M${n.toString(36).padStart(4, '0')}k`);

/** Characters that break naive handling: controls, bidirectional overrides, lone surrogates, zero widths, markup, traversal. */
export const hostileFragments = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r\n',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200f',
  '\u061c',
  '\u200b',
  '\ufeff',
  '\ufffe',
  '\ud800',
  '\udfff',
  '\udc00\ud800',
  '\ud83d\ude00',
  'e\u0301\u0301\u0301',
  'ﷺ',
  'Ω≈ç√',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1' --",
  '{{7*7}}',
  '${7*7}',
  '%s%n%x',
  '../../../../etc/passwd',
  '..\\..\\windows',
  '%00',
  '%ZZ',
  '__proto__',
  'constructor',
  '\\u0000',
  '😀'.repeat(3),
];

/** A string with a marker among hostile characters. */
export const hostileString = fc
  .tuple(
    fc.array(fc.constantFrom(...hostileFragments), { maxLength: 4 }),
    marker,
    fc.array(fc.constantFrom(...hostileFragments), { maxLength: 4 }),
  )
  .map(([before, mark, after]) => `${before.join('')}${mark}${after.join('')}`);

/** Keys that poison naive merges, or trip code that treats an object as a map. */
export const pollutingKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'then',
  'toJSON',
  'length',
];

/** A percent-encoded path segment that no decoder can read, or that decodes to something hostile. */
export const hostileSegment = fc.oneof(
  marker.map((mark) => `..%2F..%2F${mark}`),
  marker.map((mark) => `%2e%2e%2f${mark}`),
  marker.map((mark) => `${mark}%00`),
  marker.map((mark) => `${mark}${'A'.repeat(3000)}`),
  fc
    .tuple(marker, fc.constantFrom('%E2%80%AE', '%EF%BB%BF', '%F0%9F%98%80', '%C3%A9', '%E2%80%8B', '%0D%0A', '%09'))
    .map(([mark, encoded]) => `${encoded}${mark}${encoded}`),
  marker.map((mark) => `${mark}%20OR%201%3D1`),
  marker.map((mark) => `%3Cscript%3E${mark}`),
  marker.map((mark) => `${percentEncode(`${mark}\u202e`)}%ED%A0%80`),
  fc.constantFrom('__proto__', 'constructor', 'prototype'),
  marker.map((mark) => `${mark}.json`),
  marker.map((mark) => `~${mark}`),
  marker.map((mark) => `${mark};${mark}`),
);

/** Malformed percent-encoding: a decoder that trusts its input throws on these. */
export const malformedPercent = fc
  .tuple(marker, fc.constantFrom('%ZZ', '%', '%E0%A4%A', '%C3', '%%', '%u0041', '%ED%A0', '%F4%90%80%80', '%0'))
  .map(([mark, broken]) => `${mark}${broken}`);

const wrongValues: Record<JsonType, (mark: string) => unknown> = {
  string: (mark) => mark,
  number: () => 12_345.678,
  boolean: () => true,
  null: () => null,
  array: (mark) => [mark],
  object: (mark) => ({ value: mark }),
};

function jsonRequest(
  base: ValidRequest,
  operation: Operation,
  label: string,
  text: string | Buffer,
  contentType = 'application/json',
): RawRequest {
  return {
    label,
    method: operation.method,
    path: pathOf(operation, base.pathValues, base.query),
    headers: { ...base.headers, ...(contentType ? { 'content-type': contentType } : {}) },
    body: text,
  };
}

/** Percent-encodes the UTF-8 of any string (a lone surrogate becomes U+FFFD), where encodeURIComponent would throw. */
export function percentEncode(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

export function pathOf(
  operation: Operation,
  values: Record<string, string>,
  query: Record<string, string> = {},
  rawQuery?: string,
): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_whole, name: string) => values[name] ?? encodeURIComponent(name));
  const search = rawQuery ?? new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

function refused(request: RawRequest, problemJson = true): Attack {
  return { request, expectation: 'refused', problemJson };
}

function tolerated(request: RawRequest, problemJson = true): Attack {
  return { request, expectation: 'tolerated', problemJson };
}

/** Bad bodies: each one is refused whatever the rest of the request says. */
function bodyAttacks(document: OpenApiDocument, operation: Operation, base: ValidRequest): fc.Arbitrary<Attack>[] {
  if (!operation.body || base.body === undefined) return [];
  const valid = base.body;
  const locations = locationsOf(document, operation.body, valid);
  const objects = closedObjectsOf(document, operation.body, valid);
  const json = (label: string, value: unknown) => refused(jsonRequest(base, operation, label, JSON.stringify(value)));
  const name = (path: JsonPath) => path.join('.') || '(body)';
  const arbitraries: fc.Arbitrary<Attack>[] = [];

  const requiredLocations = locations.filter((location) => location.required);
  if (requiredLocations.length > 0)
    arbitraries.push(
      fc.constantFrom(...requiredLocations).map((location) =>
        json(
          `missing ${name(location.path)}`,
          editAt(valid, location.path, (parent, key) => delete parent[key]),
        ),
      ),
    );

  const retypable = locations.flatMap((location) => {
    const types = typesOf(document, location.schema);
    if (!types) return [];
    const wrong = (Object.keys(wrongValues) as JsonType[]).filter((type) => !types.has(type));
    return wrong.map((type) => ({ location, type }));
  });
  if (retypable.length > 0) {
    arbitraries.push(
      fc.tuple(fc.constantFrom(...retypable), marker).map(([{ location, type }, mark]) =>
        json(
          `${name(location.path)} as ${type}`,
          editAt(valid, location.path, (parent, key) => (parent[key] = wrongValues[type](mark))),
        ),
      ),
    );
  }

  const strings = locations.filter((location) => location.schema.type === 'string');
  if (strings.length > 0) {
    arbitraries.push(
      fc.tuple(fc.constantFrom(...strings), hostileString, fc.nat({ max: 500 })).map(([location, hostile, extra]) => {
        const limit = typeof location.schema.maxLength === 'number' ? location.schema.maxLength : 70_000;
        return json(
          `${name(location.path)} over its ${limit} characters`,
          editAt(valid, location.path, (parent, key) => (parent[key] = `${hostile}${'x'.repeat(limit + 1 + extra)}`)),
        );
      }),
    );
  }

  const arrays = locations.filter((location) => location.schema.type === 'array');
  if (arrays.length > 0) {
    arbitraries.push(
      fc.tuple(fc.constantFrom(...arrays), marker).map(([location, mark]) => {
        const limit = typeof location.schema.maxItems === 'number' ? location.schema.maxItems : 20_000;
        return json(
          `${name(location.path)} over its ${limit} items`,
          editAt(
            valid,
            location.path,
            (parent, key) =>
              (parent[key] = Array.from({ length: limit + 1 }, (_, index) => (index === 0 ? mark : `item-${index}`))),
          ),
        );
      }),
    );
  }

  if (objects.length > 0) {
    arbitraries.push(
      fc
        .tuple(
          fc.constantFrom(...objects),
          fc.constantFrom(...pollutingKeys),
          fc.oneof(
            hostileString,
            hostileString.map((value) => ({ polluted: value, isAdmin: true })),
          ),
        )
        .map(([path, key, value]) =>
          json(
            `unknown field ${key} at ${name(path)}`,
            path.length === 0
              ? (() => {
                  const copy = structuredClone(valid) as Record<string, unknown>;
                  setOwn(copy, key, value);
                  return copy;
                })()
              : editAt(valid, [...path, key], (parent, own) => setOwn(parent, own, value)),
          ),
        ),
    );
    arbitraries.push(
      fc
        .tuple(fc.constantFrom(...objects), fc.integer({ min: 1_000, max: 20_000 }), fc.boolean(), marker)
        .map(([path, depth, asArrays, mark]) => {
          const nested = asArrays
            ? `${'['.repeat(depth)}"${mark}"${']'.repeat(depth)}`
            : `${'{"a":'.repeat(depth)}"${mark}"${'}'.repeat(depth)}`;
          const placeholder = `"__nested_${mark}__"`;
          const shaped =
            path.length === 0
              ? { ...(valid as object), deep: `__nested_${mark}__` }
              : editAt(valid, [...path, 'deep'], (parent, key) => (parent[key] = `__nested_${mark}__`));
          return refused(
            jsonRequest(
              base,
              operation,
              `${depth} levels deep at ${name(path)}`,
              JSON.stringify(shaped).replace(placeholder, nested),
            ),
          );
        }),
    );
  }

  const text = JSON.stringify(valid);
  arbitraries.push(
    fc.oneof(
      fc
        .integer({ min: 1, max: Math.max(1, text.length - 1) })
        .map((cut) => refused(jsonRequest(base, operation, `cut at ${cut}`, text.slice(0, cut)))),
      marker.map((mark) =>
        refused(jsonRequest(base, operation, 'trailing comma', `${text.slice(0, -1)},"${mark}":1,}`)),
      ),
      marker.map((mark) =>
        refused(jsonRequest(base, operation, 'single quotes', text.replaceAll('"', "'").replace('{', `{'${mark}':1,`))),
      ),
      marker.map((mark) => refused(jsonRequest(base, operation, 'a comment', `/* ${mark} */${text}`))),
      marker.map((mark) => refused(jsonRequest(base, operation, 'two documents', `${text}{"${mark}":1}`))),
      marker.map((mark) => refused(jsonRequest(base, operation, 'NaN', `${text.slice(0, -1)},"${mark}":NaN}`))),
      marker.map((mark) =>
        refused(
          jsonRequest(
            base,
            operation,
            'invalid UTF-8 bytes',
            Buffer.concat([
              Buffer.from(`${text.slice(0, -1)},"unknownNote":"${mark}`),
              Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
              Buffer.from('"}'),
            ]),
          ),
        ),
      ),
      fc
        .constantFrom('[]', 'null', '"text"', '42', 'true', '{', '}', '{,}', '\u0000', ' ', '[{}]', '{"a":}')
        .map((body) => refused(jsonRequest(base, operation, `body ${JSON.stringify(body)}`, body))),
      marker.map((mark) =>
        refused(jsonRequest(base, operation, 'a JSON string holding the body', JSON.stringify(`${text}${mark}`))),
      ),
    ),
  );

  arbitraries.push(
    fc
      .tuple(
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/jsonx',
          'text/json',
          'application/octet-stream',
          'image/png',
          '',
        ),
        fc.boolean(),
      )
      .map(([contentType, asForm]) =>
        refused(
          jsonRequest(
            base,
            operation,
            `content type "${contentType || '(none)'}"`,
            asForm ? new URLSearchParams({ body: text }).toString() : text,
            contentType,
          ),
        ),
      ),
  );
  return arbitraries;
}

function pathAttacks(operation: Operation, base: ValidRequest): fc.Arbitrary<Attack>[] {
  const names = operation.parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
  if (names.length === 0) return [];
  const withSegment = (label: string, name: string, segment: string) => ({
    ...jsonLike(operation, base),
    label,
    path: pathOf(operation, { ...base.pathValues, [name]: segment }, base.query),
  });
  return [
    fc.tuple(fc.constantFrom(...names), hostileSegment).map(([name, segment]) => {
      // A hostile value that is still a well-formed id (__proto__, constructor) names nothing: refused, except by the access audit (see below).
      const schema = operation.parameters.find((parameter) => parameter.name === name)?.schema ?? {};
      const wellFormed = typeof schema.pattern === 'string' && new RegExp(schema.pattern, 'u').test(segment);
      return (wellFormed && operation.path.endsWith('/access-audit') ? tolerated : refused)(
        withSegment(`hostile ${name}`, name, segment),
      );
    }),
    fc
      .tuple(fc.constantFrom(...names), malformedPercent)
      .map(([name, segment]) => refused(withSegment(`malformed percent-encoding in ${name}`, name, segment))),
    // A well-formed id of nothing: refused, except the access audit, which lists the attempts on an id whether or not a case has it.
    fc
      .tuple(
        fc.constantFrom(...names),
        fc
          .array(fc.constantFrom(...'0123456789abcdef'), { minLength: 32, maxLength: 32 })
          .map((digits) => digits.join('')),
      )
      .map(([name, hex]) =>
        (operation.path.endsWith('/access-audit') ? tolerated : refused)(
          withSegment(`${name} of nothing`, name, name === 'referralId' ? hex : `la:Z${hex.slice(0, 8).toUpperCase()}`),
        ),
      ),
  ];
}

/** The valid request as a raw request (the base every spoiled part is laid over). */
function jsonLike(operation: Operation, base: ValidRequest): RawRequest {
  return {
    label: 'valid',
    method: operation.method,
    path: pathOf(operation, base.pathValues, base.query),
    headers: { ...base.headers, ...(base.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(base.body !== undefined ? { body: JSON.stringify(base.body) } : {}),
  };
}

function queryAttacks(operation: Operation, base: ValidRequest): fc.Arbitrary<Attack>[] {
  const declared = operation.parameters.filter((parameter) => parameter.in === 'query');
  const withQuery = (label: string, rawQuery: string) => ({
    ...jsonLike(operation, base),
    label,
    path: pathOf(operation, base.pathValues, {}, rawQuery),
  });
  const validQuery = new URLSearchParams(base.query).toString();
  const join = (...parts: string[]) => parts.filter(Boolean).join('&');
  const arbitraries: fc.Arbitrary<Attack>[] = [];
  // Unknown parameters: refused where the operation reads a query (its schema is strict), ignored elsewhere.
  const unknown = fc
    .tuple(fc.constantFrom(...pollutingKeys, 'x', 'q', 'a[b]', 'a.b', 'filter[$ne]'), hostileString)
    .map(([name, value]) => {
      const request = withQuery(
        `unknown query parameter ${name}`,
        join(validQuery, `${percentEncode(name)}=${percentEncode(value)}`),
      );
      // `__proto__` cannot become a parameter (it is not an own key once parsed), so it may be ignored.
      return declared.length > 0 && name !== '__proto__' ? refused(request) : tolerated(request);
    });
  arbitraries.push(unknown);
  arbitraries.push(
    malformedPercent.map((value) =>
      tolerated(
        withQuery('malformed percent-encoding in the query', join(validQuery, `${declared[0]?.name ?? 'q'}=${value}`)),
      ),
    ),
  );
  arbitraries.push(
    fc
      .tuple(marker, fc.integer({ min: 3_000, max: 7_000 }))
      .map(([mark, size]) =>
        tolerated(
          withQuery('a very long query', join(validQuery, `${declared[0]?.name ?? 'q'}=${mark}${'A'.repeat(size)}`)),
        ),
      ),
  );
  if (declared.length > 0) {
    const wrong = fc
      .tuple(
        fc.constantFrom(...declared),
        fc.oneof(
          hostileString,
          fc.constantFrom(
            '-1',
            '0',
            '1e400',
            '0x10',
            '1.5',
            'NaN',
            'Infinity',
            '',
            ' ',
            '[]',
            '{}',
            'true',
            '99999999999999999999',
          ),
        ),
        fc.boolean(),
      )
      .map(([parameter, value, twice]) => {
        const encoded = `${percentEncode(parameter.name)}=${percentEncode(value)}`;
        const others = new URLSearchParams(
          Object.entries(base.query).filter(([name]) => name !== parameter.name),
        ).toString();
        // Valid values of a known parameter are not attacks: keep only what its schema refuses.
        const admitted = admits(parameter.schema, value) && !twice;
        return {
          attack: (admitted ? tolerated : refused)(
            withQuery(
              `query ${parameter.name}${twice ? ' given twice' : ''}`,
              join(others, encoded, twice ? encoded : ''),
            ),
          ),
        };
      });
    arbitraries.push(wrong.map(({ attack }) => attack));
  }
  return arbitraries;
}

/** Whether a query parameter's schema would take this value (a rough check: enums, patterns, numbers, lengths). */
function admits(schema: Record<string, unknown>, value: string): boolean {
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).includes(value);
  if (schema.type === 'integer' || schema.type === 'number') {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number) || (schema.type === 'integer' && !Number.isInteger(number)))
      return false;
    return (
      !(typeof schema.minimum === 'number' && number < schema.minimum) &&
      !(typeof schema.maximum === 'number' && number > schema.maximum)
    );
  }
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) return false;
  if (typeof schema.minLength === 'number' && value.length < schema.minLength) return false;
  if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) return false;
  return true;
}

function headerAttacks(operation: Operation, base: ValidRequest): fc.Arbitrary<Attack>[] {
  const names = new Set(
    operation.parameters
      .filter((parameter) => parameter.in === 'header')
      .map((parameter) => parameter.name.toLowerCase()),
  );
  const valid = jsonLike(operation, base);
  const withHeaders = (label: string, headers: Record<string, string>, drop: string[] = []) => ({
    ...valid,
    label,
    headers: {
      ...Object.fromEntries(Object.entries(valid.headers ?? {}).filter(([name]) => !drop.includes(name))),
      ...headers,
    },
  });
  // Header values Node will send (no line breaks, nothing past U+00FF): markers among other bytes.
  const headerValue = fc
    .tuple(marker, fc.constantFrom('', ' ', '"', '\t', 'W/', '*', ',', ';', '\u00ff', '\u00e9', '../', '='))
    .map(([mark, extra]) => `${extra}${mark}${extra}`);
  const arbitraries: fc.Arbitrary<Attack>[] = [
    // A correlation id the service does not accept must not come back in the answer.
    // (each holds a character the accepted form [A-Za-z0-9._-]{8,64} has not, so none is taken as the answer's correlation id)
    fc
      .tuple(headerValue, fc.constantFrom('!', '/', '{}', '\u00e9', '%', '$', ':'))
      .map(([value, bad]) =>
        tolerated(withHeaders('hostile X-Correlation-Id', { 'x-correlation-id': `${value}${bad}${value}` })),
      ),
  ];
  if (names.has('if-match')) {
    arbitraries.push(
      fc
        .oneof(
          headerValue,
          fc.constantFrom('"-1"', '"1e3"', '"0x1"', '"1', '1"', '""', '*', 'W/"x"', '"9999999999"', '"1", "2"', ' '),
        )
        .map((value) => refused(withHeaders('hostile If-Match', { 'if-match': value }))),
      fc.constant(refused(withHeaders('no If-Match', {}, ['if-match']))),
    );
  }
  if (names.has('idempotency-key')) {
    arbitraries.push(
      fc
        .oneof(
          headerValue,
          marker.map((mark) => `${mark}${'k'.repeat(80)}`),
          fc.constantFrom('short', 'has space in it 0123456789', '../../../../etc/passwd', ''),
        )
        .map((value) => refused(withHeaders('hostile Idempotency-Key', { 'idempotency-key': value }))),
    );
  }
  return arbitraries;
}

function methodAttacks(operation: Operation, base: ValidRequest): fc.Arbitrary<Attack>[] {
  const valid = jsonLike(operation, base);
  // Another method on the same path is not this operation: API Gateway (and the local adapter) send it to the web pages' catch-all, which answers in HTML.
  return [
    fc
      .constantFrom('PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'X-HACK')
      .filter((method) => method !== operation.method)
      .map((method) => refused({ ...valid, label: `method ${method}`, method }, false)),
  ];
}

/** Every kind of attack that applies to the operation, as one arbitrary. */
export function attacksOn(document: OpenApiDocument, operation: Operation, base: ValidRequest): fc.Arbitrary<Attack> {
  const spoiling = [
    ...bodyAttacks(document, operation, base),
    ...pathAttacks(operation, base),
    ...headerAttacks(operation, base).slice(1),
    ...methodAttacks(operation, base),
  ];
  // Attacks that may leave the request valid: on an operation that writes, sent with its harmless refusal laid over.
  const harmless = base.harmless;
  const leaveValid = [
    ...queryAttacks(operation, base),
    ...headerAttacks(operation, harmless ? { ...base, headers: { ...base.headers, ...harmless.headers } } : base).slice(
      0,
      1,
    ),
  ];
  const overlaid = harmless
    ? leaveValid.map((arbitrary) =>
        arbitrary.map((attack): Attack => {
          const path = harmless.pathValues
            ? attack.request.path.replace(
                pathOf(operation, base.pathValues),
                pathOf(operation, { ...base.pathValues, ...harmless.pathValues }),
              )
            : attack.request.path;
          return {
            ...attack,
            expectation: 'refused',
            request: { ...attack.request, path, headers: { ...attack.request.headers, ...harmless.headers } },
          };
        }),
      )
    : leaveValid;
  return fc.oneof(...spoiling, ...overlaid);
}

/** Unknown fields named with a marker: the refusal names the field, so it would carry the marker back. */
export function markedFieldNames(
  document: OpenApiDocument,
  operation: Operation,
  base: ValidRequest,
): fc.Arbitrary<Attack> | undefined {
  const objects = operation.body && base.body !== undefined ? closedObjectsOf(document, operation.body, base.body) : [];
  const declaredQuery = operation.parameters.some((parameter) => parameter.in === 'query');
  const options: fc.Arbitrary<Attack>[] = [];
  if (objects.length > 0) {
    options.push(
      fc
        .tuple(fc.constantFrom(...objects), hostileString)
        .map(([path, name]) =>
          refused(
            jsonRequest(
              base,
              operation,
              `unknown field named ${JSON.stringify(name)}`,
              JSON.stringify(
                path.length === 0
                  ? { ...(base.body as object), [name]: 1 }
                  : editAt(base.body, [...path, name], (parent, key) => (parent[key] = 1)),
              ),
            ),
          ),
        ),
    );
  }
  if (declaredQuery) {
    options.push(
      hostileString.map((name) =>
        refused({
          ...jsonLike(operation, base),
          label: `unknown query parameter named ${JSON.stringify(name)}`,
          path: pathOf(
            operation,
            base.pathValues,
            {},
            [new URLSearchParams(base.query).toString(), `${percentEncode(name)}=1`].filter(Boolean).join('&'),
          ),
        }),
      ),
    );
  }
  return options.length > 0 ? fc.oneof(...options) : undefined;
}
