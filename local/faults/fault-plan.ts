// A seeded plan of faults: which call fails, how, and how often each kind was injected. The same
// seed gives the same draws in the same order (the order of calls still depends on timing).
export type FaultKind =
  | 'throttled-before-write'
  | 'timeout-before-write'
  | 'timeout-after-write'
  | 'conditional-race'
  | 'sqs-send-failed'
  | 'sqs-send-lost-answer'
  | 'ses-refused'
  | 'ses-answer-lost'
  | 'stream-batch-failed-half-way'
  | 'stream-crash-before-checkpoint'
  | 'queue-crash-before-delete';

export interface FaultPlan {
  readonly seed: number;
  readonly rate: number;
  /** Faults are injected only while active (not while tables are created, nor after the drive). */
  active: boolean;
  /** True with probability `rate` (times `weight`) while active. */
  strikes(weight?: number): boolean;
  /** A uniform draw in [0, 1). */
  draw(): number;
  record(kind: FaultKind): void;
  counts(): Readonly<Record<string, number>>;
}

/** mulberry32: small, seedable, good enough to spread faults. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createFaultPlan(seed: number, rate: number): FaultPlan {
  if (!(rate >= 0 && rate < 1)) throw new RangeError('the fault rate must be at least 0 and below 1');
  const random = mulberry32(seed);
  const counts: Record<string, number> = {};
  return {
    seed,
    rate,
    active: false,
    strikes(weight = 1) {
      return this.active && rate > 0 && random() < rate * weight;
    },
    draw: random,
    record(kind) {
      counts[kind] = (counts[kind] ?? 0) + 1;
    },
    counts: () => ({ ...counts }),
  };
}
