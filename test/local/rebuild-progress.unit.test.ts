// `npm run rebuild`'s progress: an estimate of the time left from the pass's rate, redrawn in
// place on a terminal, a few lines only in a log.
import { describe, expect, it } from 'vitest';
import { createRebuildProgress, formatDuration, progressLine } from '../../local/rebuild-progress.js';

function recorder(interactive: boolean) {
  const written: string[] = [];
  let clock = 0;
  const progress = createRebuildProgress({ write: (text) => written.push(text), interactive, now: () => clock });
  return { written, progress, advance: (ms: number) => (clock += ms) };
}

describe('rebuild progress', () => {
  it('estimates the time left from the rate so far', () => {
    // 250 of 1,000 referrals in 50 s: 5 a second, 750 left -> 150 s.
    const line = progressLine({ pass: 1, streamsDone: 250, streamsTotal: 1000, events: 1200 }, 50, 0, 0);
    expect(line).toContain(' 25% 250/1,000 referrals, 1,200 events, 24 events/s, 50 s elapsed, about 2 min 30 s left');
    expect(progressLine({ pass: 1, streamsDone: 0, streamsTotal: 10, events: 0 }, 0, 0, 0)).toContain('about ? left');
    // The bulk pass says so; a catch-up pass is a plain pass.
    expect(progressLine({ pass: 1, phase: 'bulk', streamsDone: 1, streamsTotal: 2, events: 3 }, 1, 0, 0)).toMatch(
      /^pass 1 \(bulk\) \[/,
    );
    expect(progressLine({ pass: 2, phase: 'catch-up', streamsDone: 1, streamsTotal: 2, events: 3 }, 1, 0, 0)).toMatch(
      /^pass 2 \[/,
    );
  });

  it('formats durations in seconds, minutes and hours', () => {
    expect([formatDuration(9.4), formatDuration(61), formatDuration(3 * 3600 + 5 * 60)]).toEqual([
      '9 s',
      '1 min 01 s',
      '3 h 05 min',
    ]);
  });

  it('writes a line at each tenth at most every 10 s when stderr is not a terminal, and the last one always', () => {
    const { written, progress, advance } = recorder(false);
    for (let done = 1; done <= 10_000; done += 1) {
      advance(20); // 200 s in all
      progress.update({ pass: 1, streamsDone: done, streamsTotal: 10_000, events: done * 5 });
    }
    progress.finish();
    expect(written.length).toBeGreaterThanOrEqual(2);
    expect(written.length).toBeLessThanOrEqual(11);
    expect(written.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
    expect(written.at(-1)).toContain('100% 10,000/10,000 referrals');
  });

  it('redraws one line in place on a terminal, at most every 200 ms', () => {
    const { written, progress, advance } = recorder(true);
    for (let done = 1; done <= 1000; done += 1) {
      advance(10); // 10 s in all
      progress.update({ pass: 1, streamsDone: done, streamsTotal: 1000, events: done });
    }
    progress.finish();
    expect(written.length).toBeLessThanOrEqual(10_000 / 200 + 2);
    expect(written.slice(0, -1).every((text) => text.startsWith('\r'))).toBe(true);
    expect(written.at(-1)).toBe('\n');
  });
});
