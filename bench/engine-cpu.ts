// DynamoDB Local's CPU time, read from Linux /proc, for the benches that set their figures beside
// what the engine spent (it shares the machine's cores with what is measured): the Java process
// listening on a port, its user + system time, and that of the one thread that runs every read
// and write of its database (`SQLiteQueue`). Off Linux, or when the process is not found, the
// readers answer null and the benches say so.
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface EngineCpuReader {
  /** Whether the engine's process was found. */
  readonly found: boolean;
  /** User + system CPU seconds the whole process has used so far; null when not found. */
  process(): number | null;
  /** The same, of its database thread alone; null when not found. */
  databaseThread(): number | null;
}

/** User + system seconds of a /proc stat line (fields 14 and 15, counted after the command's closing parenthesis). */
function cpuSecondsOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** The DynamoDB Local process listening on `port`, or undefined. */
function dynamoDbLocalProcess(port: string): number | undefined {
  try {
    for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
        if (args.some((arg) => arg.includes('DynamoDBLocal')) && args[args.indexOf('-port') + 1] === port)
          return Number(entry);
      } catch {
        // The process ended while we looked, or is not ours to read.
      }
    }
  } catch {
    // No /proc: not Linux.
  }
  return undefined;
}

export function engineCpuReader(port: number | string): EngineCpuReader {
  const pid = dynamoDbLocalProcess(String(port));
  const read = (measure: (pid: number) => number): number | null => {
    if (pid === undefined) return null;
    try {
      return measure(pid);
    } catch {
      return null;
    }
  };
  return {
    found: pid !== undefined,
    process: () => read((engine) => cpuSecondsOf(readFileSync(`/proc/${engine}/stat`, 'utf8'))),
    databaseThread: () =>
      read((engine) =>
        readdirSync(`/proc/${engine}/task`)
          .map((task) => readFileSync(`/proc/${engine}/task/${task}/stat`, 'utf8'))
          .filter((stat) => stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith('SQLiteQueue'))
          .reduce((sum, stat) => sum + cpuSecondsOf(stat), 0),
      ),
  };
}
