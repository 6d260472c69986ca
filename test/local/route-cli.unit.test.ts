import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
// npm's own warnings (about the machine's npmrc) would otherwise share stderr with the command's.
const env = { ...process.env, npm_config_loglevel: 'error' };
const run = (...args: string[]) =>
  spawnSync('npx', ['tsx', 'local/route-cli.ts', ...args], { cwd: root, encoding: 'utf8', env });

describe('the route preview command', () => {
  it('prints one JSON object with the keys in order for a postcode', () => {
    const result = run('cv12nj');
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const preview = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(preview)).toEqual([
      'postcode',
      'jurisdiction',
      'localAuthority',
      'policeForce',
      'ctpRegion',
      'destinations',
      'ruleVersion',
    ]);
    expect(preview).toMatchObject({
      postcode: 'CV1 2NJ',
      jurisdiction: 'england-wales',
      localAuthority: { code: 'E08000026', name: 'Coventry' },
      policeForce: { code: 'E23000014', name: 'West Midlands Police' },
      ctpRegion: { code: 'CTP-WM' },
      destinations: [
        { kind: 'police-prevent-hub', id: 'police:E23000014', name: 'West Midlands Police Prevent hub' },
        { kind: 'local-authority-prevent-team', id: 'la:E08000026', name: 'Coventry City Council Prevent team' },
      ],
    });
  }, 30_000);

  it('exits 2 with a one-line reason for input that is not a postcode', () => {
    const result = run('hello');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      'not a postcode: not in the format of a UK postcode, for example CV1 2NJ',
    ]);
  }, 30_000);
});
