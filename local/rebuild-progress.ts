// How `npm run rebuild` shows its progress on stderr: the pass, the referrals done of the pass's
// total, the events read, the rate, and an estimate of the time left (from the rate of the
// current pass; later passes only catch up with what was written meanwhile). On a terminal one
// line is redrawn in place at most every 200 ms; otherwise (a log, a pipe) a line is written at
// every 10% of a pass, and at most every 10 s, so the output stays short.
import { type RebuildProgress } from '../functions/projector/rebuild.js';

export interface RebuildProgressDeps {
  write(text: string): void;
  interactive: boolean;
  now?: () => number;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export function progressLine(
  progress: RebuildProgress,
  elapsedSeconds: number,
  passStartedSeconds: number,
  passStartedStreams: number,
): string {
  const { pass, phase, streamsDone, streamsTotal, events } = progress;
  const width = 30;
  const fraction = streamsTotal === 0 ? 1 : streamsDone / streamsTotal;
  const filled = Math.round(fraction * width);
  const inPass = elapsedSeconds - passStartedSeconds;
  const rate = inPass > 0 ? (streamsDone - passStartedStreams) / inPass : 0;
  const left = rate > 0 ? (streamsTotal - streamsDone) / rate : Number.NaN;
  const eventsPerSecond = elapsedSeconds > 0 ? events / elapsedSeconds : 0;
  return (
    `pass ${pass}${phase === 'bulk' ? ' (bulk)' : ''} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ` +
    `${streamsDone.toLocaleString('en-GB')}/${streamsTotal.toLocaleString('en-GB')} referrals, ` +
    `${events.toLocaleString('en-GB')} events, ${Math.round(eventsPerSecond).toLocaleString('en-GB')} events/s, ` +
    `${formatDuration(elapsedSeconds)} elapsed, about ${formatDuration(left)} left`
  );
}

export function createRebuildProgress(deps: RebuildProgressDeps) {
  const now = deps.now ?? (() => performance.now());
  const started = now();
  let pass = 0;
  let passStarted = 0;
  let lastWritten = Number.NEGATIVE_INFINITY;
  let lastDecile = -1;
  let shown = false;
  return {
    update(progress: RebuildProgress): void {
      const at = now();
      const elapsed = (at - started) / 1000;
      if (progress.pass !== pass) {
        pass = progress.pass;
        passStarted = elapsed;
        lastDecile = -1;
      }
      const decile = progress.streamsTotal === 0 ? 10 : Math.floor((progress.streamsDone / progress.streamsTotal) * 10);
      const finished = progress.streamsDone === progress.streamsTotal;
      if (deps.interactive) {
        if (at - lastWritten < 200 && !finished) return;
        deps.write(`\r${progressLine(progress, elapsed, passStarted, 0)}\u001b[K`);
      } else {
        if (decile === lastDecile || (at - lastWritten < 10_000 && !finished && decile < 10)) return;
        lastDecile = decile;
        deps.write(`${progressLine(progress, elapsed, passStarted, 0)}\n`);
      }
      lastWritten = at;
      shown = true;
    },
    finish(): void {
      if (deps.interactive && shown) deps.write('\n');
    },
  };
}
