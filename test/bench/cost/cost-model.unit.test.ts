import { describe, expect, it } from 'vitest';
import { londonEstimate, US_EAST_LIST_PRICES } from '../../../bench/cost/aws-prices.js';
import { costOfYear, costTable, type FixedEstate, type ReferralLifeUsage } from '../../../bench/cost/cost-model.js';

const usage: ReferralLifeUsage = {
  dynamoDbWriteUnits: 100,
  dynamoDbReadUnits: 200,
  sqsRequests: 12,
  sesMails: 4,
  kmsRequests: 3,
  httpRequests: 40,
  lambdaInvocations: 30,
  lambdaGbSeconds: 6,
  storedBytes: 50 * 1024,
  logBytes: 20 * 1024,
};
const estate: FixedEstate = {
  customerManagedKeys: 4,
  alarms: 60,
  timerInvocationsPerMonth: 3 * 8640,
  timerGbSecondsPerInvocation: 0.05,
  idleQueuePollsPerMonth: 1_000_000,
  retentionYears: 6,
  logRetentionMonths: 12,
  tracedShare: 0.05,
};
const line = (cost: ReturnType<typeof costOfYear>, item: string) =>
  cost.lines.find((candidate) => candidate.item.startsWith(item))?.monthlyUsd;

describe('the cost of a year', () => {
  const year = costOfYear(12_000, usage, estate, US_EAST_LIST_PRICES);

  it('prices each request kind at its rate for a month of referrals', () => {
    // 1,000 referrals a month x 100 write units at $0.625 a million.
    expect(line(year, 'write request units')).toBeCloseTo(0.0625, 6);
    expect(line(year, 'read request units')).toBeCloseTo(0.025, 6);
    expect(line(year, 'mails')).toBeCloseTo(0.4, 6);
    expect(line(year, 'FIFO requests')).toBeCloseTo(0.006, 6);
    expect(line(year, 'customer-managed keys')).toBe(4);
    expect(line(year, 'alarms')).toBeCloseTo(6, 6);
    expect(line(year, 'idle polling')).toBeCloseTo(0.5, 6);
  });

  it('keeps the retention years of referrals in storage and backups', () => {
    const gb = (12_000 * 6 * 50 * 1024) / 1024 ** 3;
    expect(line(year, 'storage')).toBeCloseTo(gb * 0.25, 6);
    expect(line(year, 'point-in-time recovery')).toBeCloseTo(gb * 0.2, 6);
  });

  it('adds up to the monthly total, and the total over a year over the referrals per referral', () => {
    expect(year.monthlyUsd).toBeCloseTo(
      year.lines.reduce((sum, each) => sum + each.monthlyUsd, 0),
      9,
    );
    expect(year.perReferralUsd).toBeCloseTo((year.monthlyUsd * 12) / 12_000, 9);
  });

  it('grows by the volume except for what the estate costs whatever the volume', () => {
    const tenTimes = costOfYear(120_000, usage, estate, US_EAST_LIST_PRICES);
    expect(line(tenTimes, 'write request units')).toBeCloseTo(10 * (line(year, 'write request units') ?? 0), 6);
    expect(line(tenTimes, 'customer-managed keys')).toBe(line(year, 'customer-managed keys'));
    expect(tenTimes.perReferralUsd).toBeLessThan(year.perReferralUsd);
  });

  it("raises every price by London's uplift", () => {
    expect(londonEstimate(US_EAST_LIST_PRICES, 1.2).sesPerThousandMails).toBeCloseTo(0.12, 9);
    expect(costOfYear(12_000, usage, estate, londonEstimate(US_EAST_LIST_PRICES, 2)).monthlyUsd).toBeCloseTo(
      2 * year.monthlyUsd,
      6,
    );
  });

  it('prints one column per volume, largest line first, with the totals', () => {
    const table = costTable([year, costOfYear(120_000, usage, estate, US_EAST_LIST_PRICES)]);
    const rows = table.split('\n');
    expect(rows[0]).toBe('| service | item | 12,000 referrals a year | 120,000 referrals a year |');
    expect(rows[2]).toMatch(/^\| CloudWatch \| alarms \|/);
    expect(rows.at(-2)).toMatch(/^\| \*\*total a month\*\*/);
    expect(rows).toHaveLength(2 + year.lines.length + 2);
  });
});
