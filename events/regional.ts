// Regional Prevent hubs (decision 0018): Counter Terrorism Policing regions oversee the police
// forces of their region. A regional hub may move a case from one force of its region to another;
// the old force loses access at once and the router routes the case to the new one.
import * as z from 'zod';
import { defineEvent } from './define-event.js';
import { FreeText } from './common.js';

const ForceCode = z.string().regex(/^[EW][0-9]{8}$/, 'a police force area code such as E23000014');
const RegionCode = z.string().regex(/^CTP-[A-Z]{2,12}$/, 'a CTP region code such as CTP-WM');

export const CaseMovedWithinRegion = defineEvent({
  type: 'CaseMovedWithinRegion',
  schemaVersion: 1,
  describes: 'A regional Prevent hub moved the case from one police force of its region to another',
  data: z.strictObject({
    ctpRegion: RegionCode,
    fromPoliceForce: ForceCode,
    toPoliceForce: ForceCode,
  }),
  /** Why, in the officer's words: it may name the person, so it is sealed with the referral's key. */
  personal: z.strictObject({ reason: FreeText(1000) }),
});
