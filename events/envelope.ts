// The envelope every stored event travels in. `data` holds the facts anyone routed to the
// case (and, for statistics, the Home Office) may keep; `personal` holds the personal and
// special-category part, which the store encrypts with the referral's data key and which
// erasure destroys.
import * as z from 'zod';

export const Role = z.enum([
  'referrer',
  'police-prevent-officer',
  'local-authority-prevent-lead',
  'channel-chair',
  'hub-clinician',
  'analyst',
  'administrator',
  'organisation-administrator',
  'data-protection-officer',
  'regional-prevent-hub-officer',
  'system',
]);
export type Role = z.infer<typeof Role>;

export const Actor = z.strictObject({
  organisation: z.string().min(1).max(120),
  user: z.string().min(1).max(200),
  role: Role,
});
export type Actor = z.infer<typeof Actor>;

export const StreamId = z
  .string()
  .regex(/^[a-z][a-z-]*-[0-9A-Za-z_-]{6,64}$/, 'a stream id is "<category>-<id>", for example referral-01J...');
export const IsoDateTime = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date();

export const EnvelopeFields = {
  eventId: z.string().min(1).max(64),
  streamId: StreamId,
  version: z.number().int().positive(),
  type: z.string().min(1).max(80),
  schemaVersion: z.number().int().positive(),
  occurredAt: IsoDateTime,
  recordedAt: IsoDateTime,
  actor: Actor,
  correlationId: z.string().min(1).max(64),
  causationId: z.string().min(1).max(64).nullable(),
  commandId: z.string().min(1).max(160),
};

/** Metadata of an event, without its payload. */
export const EventMetadata = z.strictObject(EnvelopeFields);
export type EventMetadata = z.infer<typeof EventMetadata>;

/** The marker a reader gets in place of the personal part once the referral's key is destroyed. */
export const ERASED = { erased: true } as const;
export const ErasedMarker = z.strictObject({ erased: z.literal(true) });
export type ErasedMarker = z.infer<typeof ErasedMarker>;

export function isErased(personal: unknown): personal is ErasedMarker {
  return typeof personal === 'object' && personal !== null && (personal as { erased?: unknown }).erased === true;
}
