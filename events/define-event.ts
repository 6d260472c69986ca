// One event type at one schema version: its type name, its non-personal `data` schema and,
// where it carries any, the schema of its personal part.
import { type z } from 'zod';

export interface EventDefinition<
  Type extends string = string,
  Data extends z.ZodType = z.ZodType,
  Personal extends z.ZodType | undefined = z.ZodType | undefined,
> {
  type: Type;
  schemaVersion: number;
  data: Data;
  personal: Personal;
  /** A one-line description, in the domain's words, for the catalogue and the timeline. */
  describes: string;
}

export function defineEvent<
  Type extends string,
  Data extends z.ZodType,
  Personal extends z.ZodType | undefined = undefined,
>(definition: EventDefinition<Type, Data, Personal>): EventDefinition<Type, Data, Personal> {
  return definition;
}
