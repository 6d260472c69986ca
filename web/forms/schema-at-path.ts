// The schema of one field of a command, found by its dotted path through the command's objects:
// the form validates each answer with exactly the schema the API validates it with.
import * as z from 'zod';

function unwrapped(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault)
    current = current.unwrap() as z.ZodType;
  return current;
}

export function schemaAtPath(root: z.ZodObject, path: string): z.ZodType {
  let current: z.ZodType = root;
  for (const segment of path.split('.')) {
    const object = unwrapped(current);
    if (!(object instanceof z.ZodObject))
      throw new Error(`the command has no object at "${path}" (stopped at "${segment}")`);
    const next = (object.shape as Record<string, z.ZodType | undefined>)[segment];
    if (!next) throw new Error(`the command has no field "${path}"`);
    current = next;
  }
  return current;
}

/** Every leaf path of an object schema (objects are walked; arrays, enums and scalars are leaves). */
export function leafPaths(root: z.ZodObject, prefix = ''): string[] {
  return Object.entries(root.shape as Record<string, z.ZodType>).flatMap(([name, schema]) => {
    const inner = unwrapped(schema);
    return inner instanceof z.ZodObject ? leafPaths(inner, `${prefix}${name}.`) : [`${prefix}${name}`];
  });
}

export function setAtPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const next = node[segment];
    if (typeof next !== 'object' || next === null) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[segments.at(-1) as string] = value;
}
