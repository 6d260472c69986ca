// Field schemas several events share.
import * as z from 'zod';

export const ShortText = z.string().trim().min(1).max(200);
export const LongText = z.string().trim().min(1).max(10_000);
export const DestinationId = z.string().regex(/^(police|la|vsh):[A-Z0-9-]{3,40}$|^national-triage$/, 'a destination id is police:<code>, la:<code>, vsh:<code> or national-triage');
export const AreaCode = z.string().regex(/^[A-Z][0-9]{8}$/, 'an area code is an ONS GSS code such as E08000026');
export const NamedArea = z.strictObject({ code: z.string().min(1).max(40), name: z.string().min(1).max(200) });
export const Gender = z.enum(['female', 'male', 'other', 'unknown']);
export type Gender = z.infer<typeof Gender>;
export const Postcode = z.string().trim().min(2).max(10);
