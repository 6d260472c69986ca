// The source tables read directly, independently of the importer, so tests can catch it out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const GEOGRAPHY = join(import.meta.dirname, '..', '..', '..', 'data', 'geography');

const lines = (file: string) => readFileSync(join(GEOGRAPHY, file), 'utf8').trim().split(/\r?\n/).slice(1);

/** lad22_pfa22.csv: district code -> police force area code (the first two GSS codes of each line). */
export function districtForces(): Map<string, string> {
  return new Map(
    lines('lad22_pfa22.csv').map((line) => {
      const [district, force] = line.match(/[EW]\d{8}/g) ?? [];
      if (district === undefined || force === undefined) throw new Error(`unreadable line: ${line}`);
      return [district, force];
    }),
  );
}

/** pfa22_ctp_region.csv: police force area code -> CTP region code and hub code. */
export function forceRegions(): Map<string, { region: string; hub: string }> {
  return new Map(
    lines('pfa22_ctp_region.csv').map((line) => {
      const match = /^([EW]\d{8}),.*,(CTP-[A-Z]+),.*,(VSH-[A-Z-]+)$/.exec(line);
      if (match === null) throw new Error(`unreadable line: ${line}`);
      return [match[1] as string, { region: match[2] as string, hub: match[3] as string }];
    }),
  );
}

/**
 * Real postcodes per authority code: the first postcodes of its first and last ranges in the source
 * table (a later range usually repeats its value by "same as two ranges back").
 */
export function postcodesPerAuthority(): Map<string, string[]> {
  const text = readFileSync(join(GEOGRAPHY, 'local_authorities.json'), 'utf8').replace(/NaN/g, 'null');
  const table = JSON.parse(text) as { postcode_keys: number[]; value_key: number[]; value_values: (string | null)[] };
  const found = new Map<string, string[]>();
  const values: (string | null)[] = [];
  let start = 0;
  table.postcode_keys.forEach((delta, i) => {
    start += delta;
    const key = table.value_key[i] as number;
    const value = key === 0 ? (values[i - 2] ?? null) : (table.value_values[key - 1] ?? null);
    values.push(value);
    const compact = start.toString(36).toUpperCase();
    if (value === null) return;
    const postcode = `${compact.slice(0, -3)} ${compact.slice(-3)}`;
    const known = found.get(value);
    if (known === undefined) found.set(value, [postcode]);
    else known[1] = postcode;
  });
  return found;
}
