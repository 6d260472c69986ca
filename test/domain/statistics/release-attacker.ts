// An attacker holding every table of one release extract at once, written independently of the
// protection: it names each published cell by what it means (stage, breakdown, category label),
// so a cell shown in several tables is one unknown, writes down every sum the tables show
// (totals rows and columns, forces within regions, outcomes within the journey), and then
// (1) eliminates exactly, over rationals, to find any hidden cell the sums fix, and (2) narrows
// each hidden cell's bounds (at least 0) through the sums until nothing moves. A breach is a
// hidden cell it pins to one value.
import { type ReleaseTable, releasePoliceForceAreas, releaseRegions } from '../../../domain/statistics/index.js';

const stageOfColumn = ['referrals', 'discussed', 'adopted', 'left'];

interface Equation {
  /** cell name -> coefficient */
  terms: Map<string, bigint>;
}

function nameCells(tables: readonly ReleaseTable[]): { cells: Map<string, number | null>; equations: Equation[] } {
  const cells = new Map<string, number | null>();
  const equations: Equation[] = [];
  const put = (name: string, value: number | null) => {
    const known = cells.get(name);
    if (known === undefined || known === null) cells.set(name, value);
  };
  const sum = (whole: string, parts: string[]) => {
    const terms = new Map<string, bigint>([[whole, 1n]]);
    for (const part of parts) terms.set(part, (terms.get(part) ?? 0n) - 1n);
    equations.push({ terms });
  };
  for (const table of tables) {
    const id = table.id;
    const rows = table.rows;
    if (id === 'table-1') {
      rows.forEach((row, r) => put(`${stageOfColumn[r]}|total`, row.cells[0]!.value));
    } else if (id === 'table-2') {
      const last = rows[rows.length - 1]!;
      last.cells.forEach((cell, c) => put(`${stageOfColumn[c]}|total`, cell.value));
    } else if (id === 'table-10') {
      const parts: string[] = [];
      rows.forEach((row) => {
        const name = row.label === 'Total' ? 'referrals|total' : `outcome|${row.label}`;
        put(name, row.cells[0]!.value);
        if (row.label !== 'Total') parts.push(name);
      });
      sum('referrals|total', parts);
    } else if (/^table-1[12][a-d]$/.test(id)) {
      const stage = stageOfColumn['abcd'.indexOf(id.slice(-1))]!;
      const by = id.startsWith('table-11') ? 'age' : 'gender';
      const columns = table.columns.slice(0, -1);
      const body = rows.slice(0, -1);
      for (const row of body) {
        const parts = columns.map((column, c) => {
          const name = `${stage}|${by}|${row.label}|${column}`;
          put(name, row.cells[c]!.value);
          return name;
        });
        put(`${stage}|type|${row.label}`, row.cells[columns.length]!.value);
        sum(`${stage}|type|${row.label}`, parts);
      }
      const totalRow = rows[rows.length - 1]!;
      columns.forEach((column, c) => {
        put(`${stage}|${by}-total|${column}`, totalRow.cells[c]!.value);
        sum(
          `${stage}|${by}-total|${column}`,
          body.map((row) => `${stage}|${by}|${row.label}|${column}`),
        );
      });
      put(`${stage}|total`, totalRow.cells[columns.length]!.value);
    } else {
      const dimension = table.rowHeading;
      table.columns.forEach((_, c) => {
        const stage = stageOfColumn[c]!;
        const parts: string[] = [];
        for (const row of rows) {
          const name = row.label === 'Total' ? `${stage}|total` : `${stage}|${dimension}|${row.label}`;
          put(name, row.cells[c]!.value);
          if (row.label !== 'Total') parts.push(name);
        }
        sum(`${stage}|total`, parts);
      });
    }
  }
  // The same category in a one-way table and as a margin of a cross-tabulation is one cell.
  for (const stage of stageOfColumn) {
    for (const [name] of [...cells]) {
      const margin = name.match(new RegExp(`^${stage}\\|(age|gender)-total\\|(.*)$`));
      if (margin) sum(name, [`${stage}|${margin[1] === 'age' ? 'Age group' : 'Gender'}|${margin[2]}`]);
      const type = name.match(new RegExp(`^${stage}\\|type\\|(.*)$`));
      if (type) sum(name, [`${stage}|Type of concern|${type[1]}`]);
    }
    for (const region of releaseRegions)
      sum(
        `${stage}|Region|${region.label}`,
        releasePoliceForceAreas
          .filter((force) => force.region === region.key)
          .map((force) => `${stage}|Police force area|${force.label}`),
      );
  }
  // What the journey implies about the outcomes, as an attacker who knows the process would assume.
  sum('discussed|total', [
    'outcome|Discussed at a Channel panel, not adopted',
    'outcome|Adopted as a Channel case, support ongoing',
    'outcome|Left Channel with no further terrorism-related concern',
    'outcome|Left Channel for another reason',
  ]);
  sum('adopted|total', [
    'outcome|Adopted as a Channel case, support ongoing',
    'outcome|Left Channel with no further terrorism-related concern',
    'outcome|Left Channel for another reason',
  ]);
  sum('left|total', ['outcome|Left Channel with no further terrorism-related concern']);
  for (const equation of equations)
    for (const name of equation.terms.keys())
      if (!cells.has(name)) throw new Error(`attacker names an unknown cell ${name}`);
  return { cells, equations };
}

class Fraction {
  constructor(
    readonly n: bigint,
    readonly d: bigint = 1n,
  ) {}
  static of(n: bigint, d: bigint): Fraction {
    if (d < 0n) return Fraction.of(-n, -d);
    const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
    const g = gcd(n, d) || 1n;
    return new Fraction(n / g, d / g);
  }
  sub(o: Fraction) {
    return Fraction.of(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Fraction) {
    return Fraction.of(this.n * o.n, this.d * o.d);
  }
  div(o: Fraction) {
    return Fraction.of(this.n * o.d, this.d * o.n);
  }
  isZero() {
    return this.n === 0n;
  }
}

/** The hidden cells the attacker pins down, with the value it finds, given the true values to check against. */
export function attackRelease(tables: readonly ReleaseTable[]): { recovered: Map<string, number>; hidden: number } {
  const { cells, equations } = nameCells(tables);
  const hiddenNames = [...cells].filter(([, value]) => value === null).map(([name]) => name);
  const index = new Map(hiddenNames.map((name, i) => [name, i]));
  const recovered = new Map<string, number>();
  // Each equation over the hidden cells: sum(coef * x) = constant.
  const system = equations
    .map((equation) => {
      const row = hiddenNames.map(() => new Fraction(0n));
      let constant = new Fraction(0n);
      for (const [name, coefficient] of equation.terms) {
        const i = index.get(name);
        if (i === undefined) constant = constant.sub(new Fraction(coefficient * BigInt(cells.get(name) as number)));
        else row[i] = Fraction.of(row[i]!.n + coefficient * row[i]!.d, row[i]!.d);
      }
      return { row, constant };
    })
    .filter(({ row }) => row.some((value) => !value.isZero()));
  // (1) exact elimination
  const rows = system.map(({ row, constant }) => [...row, constant]);
  let rank = 0;
  const pivots: [number, number][] = [];
  for (let col = 0; col < hiddenNames.length && rank < rows.length; col += 1) {
    const pivot = rows.findIndex((row, r) => r >= rank && !row[col]!.isZero());
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot]!, rows[rank]!];
    const p = rows[rank]![col]!;
    rows[rank] = rows[rank]!.map((value) => value.div(p));
    for (let r = 0; r < rows.length; r += 1) {
      if (r === rank || rows[r]![col]!.isZero()) continue;
      const factor = rows[r]![col]!;
      rows[r] = rows[r]!.map((value, c) => value.sub(factor.mul(rows[rank]![c]!)));
    }
    pivots.push([col, rank]);
    rank += 1;
  }
  for (const [col, r] of pivots) {
    const row = rows[r]!;
    if (row.every((value, c) => c === col || c === hiddenNames.length || value.isZero())) {
      const value = row[hiddenNames.length]!;
      recovered.set(hiddenNames[col]!, Number(value.n) / Number(value.d));
    }
  }
  // (2) bounds: every hidden cell at least 0; narrow through each sum until nothing moves.
  const low = hiddenNames.map(() => 0);
  const high = hiddenNames.map(() => Number.POSITIVE_INFINITY);
  let moved = true;
  for (let round = 0; moved && round < 200; round += 1) {
    moved = false;
    for (const { row, constant } of system) {
      const c = Number(constant.n) / Number(constant.d);
      row.forEach((coefficient, i) => {
        if (coefficient.isZero()) return;
        const a = Number(coefficient.n) / Number(coefficient.d);
        // a*x_i = c - sum_{j != i} a_j x_j
        let min = c;
        let max = c;
        row.forEach((other, j) => {
          if (j === i || other.isZero()) return;
          const b = Number(other.n) / Number(other.d);
          min -= b > 0 ? b * high[j]! : b * low[j]!;
          max -= b > 0 ? b * low[j]! : b * high[j]!;
        });
        const [lo, hi] = a > 0 ? [min / a, max / a] : [max / a, min / a];
        if (lo > low[i]! + 1e-9) {
          low[i] = lo;
          moved = true;
        }
        if (hi < high[i]! - 1e-9) {
          high[i] = hi;
          moved = true;
        }
      });
    }
  }
  hiddenNames.forEach((name, i) => {
    if (Math.ceil(low[i]! - 1e-9) === Math.floor(high[i]! + 1e-9)) recovered.set(name, Math.round(low[i]!));
  });
  return { recovered, hidden: hiddenNames.length };
}
