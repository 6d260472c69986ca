// The whole AWS bill for a year of referrals, worked out from what one referral's life costs in
// requests (measured by the benchmarks' request counting) and what the estate costs whatever the
// volume (keys, alarms, the timers' runs). Pure: usage and prices in, monthly cost lines out.
import { type AwsPrices } from './aws-prices.js';

/** What one referral costs over its life: submission, routing, delivery, casework, reads, statistics. */
export interface ReferralLifeUsage {
  dynamoDbWriteUnits: number;
  dynamoDbReadUnits: number;
  sqsRequests: number;
  sesMails: number;
  kmsRequests: number;
  /** API and page requests through API Gateway. */
  httpRequests: number;
  lambdaInvocations: number;
  lambdaGbSeconds: number;
  /** Bytes kept per referral across the tables (events, read models, audit, markers). */
  storedBytes: number;
  /** Bytes of log lines per referral. */
  logBytes: number;
}

/** What runs whatever the volume. */
export interface FixedEstate {
  customerManagedKeys: number;
  alarms: number;
  /** Timer runs a month (every scheduled function, every five minutes) and each run's GB-seconds. */
  timerInvocationsPerMonth: number;
  timerGbSecondsPerInvocation: number;
  /** ReceiveMessage requests a month the event source mappings send to idle queues (long polling). */
  idleQueuePollsPerMonth: number;
  /** How long records are kept (closure plus the retention review), so storage holds this many years of referrals. */
  retentionYears: number;
  logRetentionMonths: number;
  /** The share of requests X-Ray records (sampling). */
  tracedShare: number;
}

export interface CostLine {
  service: string;
  item: string;
  monthlyUsd: number;
}

export interface YearCost {
  referralsPerYear: number;
  lines: CostLine[];
  monthlyUsd: number;
  perReferralUsd: number;
}

const MONTHS = 12;
const GB = 1024 ** 3;

/** The cost of `count` requests (or units) at a price quoted per million. */
const perMillion = (count: number, pricePerMillion: number): number => (count * pricePerMillion) / 1e6;

export function costOfYear(
  referralsPerYear: number,
  usage: ReferralLifeUsage,
  estate: FixedEstate,
  prices: AwsPrices,
): YearCost {
  const perMonth = referralsPerYear / MONTHS;
  const storedGb = (referralsPerYear * estate.retentionYears * usage.storedBytes) / GB;
  const logGbPerMonth = (perMonth * usage.logBytes) / GB;
  const lambdaInvocations = perMonth * usage.lambdaInvocations + estate.timerInvocationsPerMonth;
  const lambdaGbSeconds =
    perMonth * usage.lambdaGbSeconds + estate.timerInvocationsPerMonth * estate.timerGbSecondsPerInvocation;
  const lines: CostLine[] = [
    {
      service: 'DynamoDB',
      item: 'write request units',
      monthlyUsd: perMillion(perMonth * usage.dynamoDbWriteUnits, prices.dynamoDbWriteUnitPerMillion),
    },
    {
      service: 'DynamoDB',
      item: 'read request units',
      monthlyUsd: perMillion(perMonth * usage.dynamoDbReadUnits, prices.dynamoDbReadUnitPerMillion),
    },
    {
      service: 'DynamoDB',
      item: `storage (${estate.retentionYears} years of referrals kept)`,
      monthlyUsd: storedGb * prices.dynamoDbStoragePerGbMonth,
    },
    {
      service: 'DynamoDB',
      item: 'point-in-time recovery',
      monthlyUsd: storedGb * prices.dynamoDbPitrPerGbMonth,
    },
    {
      service: 'Lambda',
      item: 'invocations (timers included)',
      monthlyUsd: perMillion(lambdaInvocations, prices.lambdaPerMillionRequests),
    },
    { service: 'Lambda', item: 'compute (Arm)', monthlyUsd: lambdaGbSeconds * prices.lambdaArmPerGbSecond },
    {
      service: 'SQS',
      item: 'FIFO requests',
      monthlyUsd: perMillion(perMonth * usage.sqsRequests, prices.sqsFifoPerMillionRequests),
    },
    {
      service: 'SQS',
      item: 'idle polling by the event source mappings',
      monthlyUsd: perMillion(estate.idleQueuePollsPerMonth, prices.sqsFifoPerMillionRequests),
    },
    { service: 'SES', item: 'mails', monthlyUsd: (perMonth * usage.sesMails * prices.sesPerThousandMails) / 1e3 },
    { service: 'KMS', item: 'customer-managed keys', monthlyUsd: estate.customerManagedKeys * prices.kmsPerKeyMonth },
    {
      service: 'KMS',
      item: 'requests',
      monthlyUsd: (perMonth * usage.kmsRequests * prices.kmsPerTenThousandRequests) / 1e4,
    },
    {
      service: 'API Gateway',
      item: 'HTTP API requests',
      monthlyUsd: perMillion(perMonth * usage.httpRequests, prices.httpApiPerMillionRequests),
    },
    { service: 'CloudWatch', item: 'log ingestion', monthlyUsd: logGbPerMonth * prices.logsIngestPerGb },
    {
      service: 'CloudWatch',
      item: `log storage (${estate.logRetentionMonths} months kept)`,
      monthlyUsd: logGbPerMonth * estate.logRetentionMonths * prices.logsStoragePerGbMonth,
    },
    { service: 'CloudWatch', item: 'alarms', monthlyUsd: estate.alarms * prices.alarmPerMonth },
    {
      service: 'X-Ray',
      item: 'traces recorded',
      monthlyUsd: perMillion(lambdaInvocations * estate.tracedShare, prices.xrayPerMillionTraces),
    },
  ];
  const monthlyUsd = lines.reduce((sum, line) => sum + line.monthlyUsd, 0);
  return { referralsPerYear, lines, monthlyUsd, perReferralUsd: (monthlyUsd * MONTHS) / referralsPerYear };
}

/** The bill as a Markdown table: each line at the given volumes, largest first at the first volume. */
export function costTable(years: readonly YearCost[]): string {
  const [first] = years;
  if (!first) return '';
  const money = (usd: number) => (usd < 10 ? `$${usd.toFixed(2)}` : `$${Math.round(usd).toLocaleString('en-GB')}`);
  const order = first.lines
    .map((line, index) => ({ line, index }))
    .sort((a, b) => b.line.monthlyUsd - a.line.monthlyUsd)
    .map(({ index }) => index);
  const header = `| service | item | ${years.map((year) => `${year.referralsPerYear.toLocaleString('en-GB')} referrals a year`).join(' | ')} |`;
  const rule = `| --- | --- | ${years.map(() => '---:').join(' | ')} |`;
  const rows = order.map((index) => {
    const line = first.lines[index] as CostLine;
    return `| ${line.service} | ${line.item} | ${years.map((year) => money(year.lines[index]?.monthlyUsd ?? 0)).join(' | ')} |`;
  });
  const total = `| **total a month** | | ${years.map((year) => `**${money(year.monthlyUsd)}**`).join(' | ')} |`;
  const perReferral = `| **per referral** | | ${years.map((year) => `**$${year.perReferralUsd.toFixed(4)}**`).join(' | ')} |`;
  return [header, rule, ...rows, total, perReferral].join('\n');
}
