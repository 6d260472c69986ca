// The prices the cost model is worked out with. Each one is an assumption to check before anyone
// budgets with it: list prices as published by AWS for US East (N. Virginia), as known on the date
// below (the DynamoDB on-demand figures are those after the November 2024 price cut), without free
// tiers, savings plans or tax. London (eu-west-2), where this service deploys, lists most of these
// 10-20% higher: `REGION_UPLIFT` carries that as one more assumption. Nothing here is fetched: the
// machines that run the benchmarks have no network.

export const PRICES_AS_OF = '2026-12-06';
export const PRICE_SOURCE = 'AWS public pricing pages (US East, N. Virginia), as known on the date; check before use';

/** London's list prices over US East's, for the services below (an estimate, not a published figure). */
export const REGION_UPLIFT = 1.15;

export interface AwsPrices {
  /** DynamoDB on-demand, per million write request units (a transactional write costs two per KB). */
  dynamoDbWriteUnitPerMillion: number;
  /** DynamoDB on-demand, per million read request units (strongly consistent 4 KB; eventually consistent half). */
  dynamoDbReadUnitPerMillion: number;
  /** DynamoDB Standard table storage, per GB-month. */
  dynamoDbStoragePerGbMonth: number;
  /** Continuous backups (point-in-time recovery), per GB-month of table size. */
  dynamoDbPitrPerGbMonth: number;
  /** Lambda on Arm (Graviton), per GB-second, and per million invocations. */
  lambdaArmPerGbSecond: number;
  lambdaPerMillionRequests: number;
  /** SQS FIFO, per million requests (each 64 KB of a message is a request). */
  sqsFifoPerMillionRequests: number;
  /** SES outbound mail, per thousand. */
  sesPerThousandMails: number;
  /** KMS: per customer-managed key-month (each rotation adds a key-month, for the first two), per 10,000 requests. */
  kmsPerKeyMonth: number;
  kmsPerTenThousandRequests: number;
  /** API Gateway HTTP API, per million requests (first 300 million a month). */
  httpApiPerMillionRequests: number;
  /** CloudWatch Logs: ingestion per GB, storage per GB-month; alarms per alarm-month. */
  logsIngestPerGb: number;
  logsStoragePerGbMonth: number;
  alarmPerMonth: number;
  /** X-Ray, per million traces recorded. */
  xrayPerMillionTraces: number;
}

export const US_EAST_LIST_PRICES: AwsPrices = {
  dynamoDbWriteUnitPerMillion: 0.625,
  dynamoDbReadUnitPerMillion: 0.125,
  dynamoDbStoragePerGbMonth: 0.25,
  dynamoDbPitrPerGbMonth: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  sqsFifoPerMillionRequests: 0.5,
  sesPerThousandMails: 0.1,
  kmsPerKeyMonth: 1,
  kmsPerTenThousandRequests: 0.03,
  httpApiPerMillionRequests: 1,
  logsIngestPerGb: 0.5,
  logsStoragePerGbMonth: 0.03,
  alarmPerMonth: 0.1,
  xrayPerMillionTraces: 5,
};

/** The US East list prices with London's uplift: what the report uses. */
export function londonEstimate(prices: AwsPrices = US_EAST_LIST_PRICES, uplift = REGION_UPLIFT): AwsPrices {
  return Object.fromEntries(
    Object.entries(prices).map(([name, price]) => [name, price * uplift]),
  ) as unknown as AwsPrices;
}
