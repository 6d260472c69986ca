// The service's own API document, read as the attack suite needs it: every operation with its
// path, query and header parameters, its body schema (references resolved) and whether it is
// public. The suite generates its attacks from this, so a new route is attacked without a change.

export type JsonSchema = Record<string, unknown>;

export interface OperationParameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** The path template: /referrals/{referralId}/close */
  path: string;
  parameters: OperationParameter[];
  body?: JsonSchema;
  /** Callable without a token (the document lists an empty security requirement). */
  public: boolean;
  name: string;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: OperationParameter[];
        requestBody?: { content?: Record<string, { schema: JsonSchema }> };
        security?: Record<string, unknown>[];
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, byMethod] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(byMethod)) {
      const body = operation.requestBody?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []).map((parameter) => ({
          ...parameter,
          required: parameter.required ?? false,
          schema: resolve(document, parameter.schema),
        })),
        ...(body ? { body: resolve(document, body) } : {}),
        public: (operation.security ?? []).some((requirement) => Object.keys(requirement).length === 0),
        name: `${method.toUpperCase()} ${path}`,
      });
    }
  }
  return operations;
}

/** Follows local references (#/components/schemas/X) until a schema is reached. */
export function resolve(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let depth = 0; depth < 20 && typeof current.$ref === 'string'; depth += 1) {
    const name = (current.$ref as string).replace('#/components/schemas/', '');
    const found = document.components?.schemas?.[name];
    if (!found) throw new Error(`unresolved reference ${current.$ref as string}`);
    current = found;
  }
  return current;
}

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

/** The JSON types a schema admits, or null when it cannot be told (no type, a free schema). */
export function typesOf(document: OpenApiDocument, given: JsonSchema): Set<JsonType> | null {
  const schema = resolve(document, given);
  const out = new Set<JsonType>();
  const add = (type: unknown) => {
    if (type === 'integer' || type === 'number') out.add('number');
    else if (type === 'string' || type === 'boolean' || type === 'null' || type === 'array' || type === 'object')
      out.add(type);
  };
  if (Array.isArray(schema.type)) schema.type.forEach(add);
  else if (schema.type !== undefined) add(schema.type);
  else if (Array.isArray(schema.enum) || schema.const !== undefined) {
    for (const value of Array.isArray(schema.enum) ? schema.enum : [schema.const])
      add(value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
  } else if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
    for (const member of (schema.anyOf ?? schema.oneOf) as JsonSchema[]) {
      const types = typesOf(document, member);
      if (!types) return null;
      types.forEach((type) => out.add(type));
    }
  } else return null;
  return out.size > 0 ? out : null;
}

export type JsonPath = (string | number)[];

export interface BodyLocation {
  path: JsonPath;
  schema: JsonSchema;
  /** The object that holds it names it in `required`. */
  required: boolean;
}

/** Every property (and first array item) of a valid body, with the schema that governs it. */
export function locationsOf(
  document: OpenApiDocument,
  schema: JsonSchema,
  value: unknown,
  at: JsonPath = [],
): BodyLocation[] {
  const resolved = resolve(document, schema);
  const found: BodyLocation[] = [];
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && resolved.properties) {
    const required = new Set((resolved.required as string[] | undefined) ?? []);
    for (const [name, propertySchema] of Object.entries(resolved.properties as Record<string, JsonSchema>)) {
      if (!(name in value)) continue;
      found.push({ path: [...at, name], schema: resolve(document, propertySchema), required: required.has(name) });
      found.push(...locationsOf(document, propertySchema, (value as Record<string, unknown>)[name], [...at, name]));
    }
  } else if (Array.isArray(value) && value.length > 0 && resolved.items) {
    found.push(...locationsOf(document, resolved.items as JsonSchema, value[0], [...at, 0]));
  }
  return found;
}

/** Objects of a valid body whose schema refuses unknown properties. */
export function closedObjectsOf(
  document: OpenApiDocument,
  schema: JsonSchema,
  value: unknown,
  at: JsonPath = [],
): JsonPath[] {
  const resolved = resolve(document, schema);
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !resolved.properties) return [];
  const found: JsonPath[] = resolved.additionalProperties === false ? [at] : [];
  for (const [name, propertySchema] of Object.entries(resolved.properties as Record<string, JsonSchema>)) {
    if (name in value)
      found.push(...closedObjectsOf(document, propertySchema, (value as Record<string, unknown>)[name], [...at, name]));
  }
  return found;
}

/** A deep copy of `body` with `change` applied to the parent of `path`. */
export function editAt(
  body: unknown,
  path: JsonPath,
  change: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  change(parent, path.at(-1)!);
  return copy;
}

/** Sets an own, enumerable property, even one named __proto__ (which plain assignment would not create). */
export function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
