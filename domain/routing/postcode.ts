// A UK postcode as the person wrote it: any case, with or without the space.
// Only full postcodes are accepted (an outward code such as "WS13" names an area, not an address).
// A reason never repeats what was given: it may be personal data, and the routing rules'
// explanation, which quotes it, is kept after erasure.

export interface Postcode {
  /** Normalised: upper case, one space before the inward code ("CV1 2NJ"). */
  readonly normalised: string;
  /** Upper case without the space ("CV12NJ"); the key of the postcode range table. */
  readonly compact: string;
  /** The postcode area: the leading letters ("CV", "B", "GIR"). */
  readonly area: string;
}

/** What is wrong with a postcode that cannot be read. */
export type PostcodeProblem = 'empty' | 'characters' | 'outward-code-only' | 'length' | 'format';

export type PostcodeReading =
  { ok: true; postcode: Postcode } | { ok: false; problem: PostcodeProblem; reason: string };

// Outward code: A9, A99, AA9, AA99, A9A, AA9A, with the letters each position allows.
const OUTWARD =
  /^(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])$/;
// Inward code: a digit and two letters (never C, I, K, M, O or V).
const INWARD = /^[0-9][ABD-HJLNP-UW-Z]{2}$/;
const GIROBANK = 'GIR0AA';
const AREA = /^[A-Z]+/;

export function readPostcode(raw: string): PostcodeReading {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  if (compact.length === 0) return { ok: false, problem: 'empty', reason: 'no postcode was given' };
  if (!/^[A-Z0-9]+$/.test(compact)) {
    return { ok: false, problem: 'characters', reason: 'a postcode has only letters, digits and one optional space' };
  }
  if (OUTWARD.test(compact)) {
    return {
      ok: false,
      problem: 'outward-code-only',
      reason: 'only the first half of a postcode was given: give the full postcode, for example CV1 2NJ',
    };
  }
  if (compact.length < 5 || compact.length > 7) {
    return {
      ok: false,
      problem: 'length',
      reason: 'a full postcode has 5 to 7 letters and digits, for example CV1 2NJ',
    };
  }
  const outward = compact.slice(0, -3);
  const inward = compact.slice(-3);
  if (compact !== GIROBANK && !(OUTWARD.test(outward) && INWARD.test(inward))) {
    return { ok: false, problem: 'format', reason: 'not in the format of a UK postcode, for example CV1 2NJ' };
  }
  return {
    ok: true,
    postcode: { normalised: `${outward} ${inward}`, compact, area: AREA.exec(compact)?.[0] ?? '' },
  };
}
