// Proved on a year (issue 13, point 5, domain part): a generated 2023/24 year whose marginals are
// the published ones, taken as a dated extract from the referrals' statistical histories as the
// projection keeps them, gives release tables and key results whose headline figures equal the
// published ones exactly, with disclosure control applied; the same extract taken again is identical.
import { describe, expect, it } from 'vitest';
import {
  keyResults,
  keyResultsCsv,
  keyResultsMarkdown,
  produceExtract,
  releaseTableCsv,
  releaseTables,
  reviseExtract,
  statisticalHistory,
} from '../../../domain/statistics/index.js';
import { generateReferralYear, published2023Year } from '../../fixtures/referral-year.js';

const year = generateReferralYear({ ...published2023Year, seed: 2024 });
const histories = year.streams.map((stream) => statisticalHistory(stream));
// As the release does: the referrals made in the year, with what happened to them by the day the
// data were extracted (here 31 December 2024, after every panel of the year's referrals).
const extract = produceExtract({
  period: { financialYear: '2023-24', quarter: 4 },
  revision: 1,
  producedAt: '2026-04-02T09:00:00.000Z',
  histories,
  asAt: '2024-12-31',
});
const { tables } = releaseTables(extract.release!, { year: '2023-24', threshold: 5 });
const key = keyResults(tables, { year: '2023-24', asAt: extract.asAt });

describe('the key results of a year with the published 2023/24 marginals', () => {
  it('equal the published headline figures exactly, after disclosure control', () => {
    const figure = (measure: string) => key.results.find((r) => r.measure === measure)?.figure;
    expect(figure('Referrals')).toBe(6_922);
    expect(figure('Discussed at a Channel panel')).toBe(893);
    expect(figure('Adopted as a Channel case')).toBe(512);
    expect(figure('Referrals from the Education sector')).toBe(2_788);
    expect(figure('Referrals from the Police')).toBe(1_921);
  });

  it('compare with the published previous year, in the release style', () => {
    const referrals = key.results.find((r) => r.measure === 'Referrals')!;
    expect(referrals).toMatchObject({ previousYear: 6_817, change: 1.5 });
    expect(key.sentences[0]).toBe(
      'In the year ending 31 March 2024, there were 6,922 referrals to Prevent. This is an increase of 1.5% compared to the previous year (6,817).',
    );
    expect(key.sentences[1]).toContain('893 individuals (13% of referrals) were discussed at a Channel panel');
    expect(key.sentences[1]).toContain('512 (7% of referrals) were adopted as a Channel case');
    expect(key.sentences.join(' ')).toContain('The Education sector made the highest number of referrals (2,788; 40%)');
    expect(keyResultsMarkdown(key)).toContain('| Referrals | 6,922 |');
    expect(keyResultsCsv(key).split('\r\n')[1]).toBe('2023/24,2024-12-31,Referrals,6922,[x],6817,1.5');
  });

  it('is the same when the extract is taken again from the same histories', () => {
    const again = produceExtract({
      period: { financialYear: '2023-24', quarter: 4 },
      revision: 1,
      producedAt: '2026-04-02T09:00:00.000Z',
      histories: year.streams.map((stream) => statisticalHistory(stream)),
      asAt: '2024-12-31',
    });
    expect(again).toEqual(extract);
  });
});

describe('the CSV of a release table', () => {
  it('is named by its table number and marks hidden figures [c]', () => {
    const byForce = tables.find((t) => t.id === 'table-8')!;
    const csv = releaseTableCsv(byForce, { year: '2023-24', asAt: extract.asAt });
    const lines = csv.split('\r\n');
    expect(lines[0]).toMatch(/^"Table 8: Individuals referred to Prevent, by police force area/);
    expect(lines[1]).toBe(
      'Financial year,As at,Police force area,Referrals,Discussed at a Channel panel,Adopted as a Channel case,Left Channel with no further terrorism-related concern',
    );
    expect(csv).toContain('[c]');
    expect(lines.at(-2)).toMatch(/^2023\/24,2024-12-31,Total,6922,893,512,/);
  });
});

describe('a revised extract', () => {
  it('is kept as the next revision and says what changed, without the size of the change', () => {
    const [first, ...rest] = year.streams;
    const inError = [
      ...first!,
      {
        ...first!.at(-1)!,
        version: first!.length + 1,
        type: 'PersonalDataErased',
        schemaVersion: 1,
        data: { reason: 'recorded-in-error' },
        personal: undefined,
        occurredAt: '2024-03-30T10:00:00.000Z',
      },
    ] as typeof first;
    const revised = reviseExtract(extract, {
      producedAt: '2026-05-01T09:00:00.000Z',
      histories: [inError!, ...rest].map((stream) => statisticalHistory(stream)),
      reason: 'a referral was erased as recorded in error',
    });
    expect(revised.revision).toBe(2);
    expect(revised.id).toBe('2023-24-q4-r2');
    expect(revised.release!['referrals|total']).toBe(6_921);
    expect(revised.revisionNote).toMatch(
      /^Revision 2 of 2023-24-q4-r1: a referral was erased as recorded in error\. Figures changed in: .*Tables 1, 2 and every total/,
    );
    expect(revised.revisionNote).not.toMatch(/6,?92[12]/);
    const unchanged = reviseExtract(extract, {
      producedAt: '2026-05-01T09:00:00.000Z',
      histories,
      reason: 'checked again',
    });
    expect(unchanged.revisionNote).toContain('No figure changed.');
  });
});
