// The browser the e2e tests drive: Debian's chromium through playwright-core. The path can be
// changed with CHROMIUM_PATH; when there is no browser the tests stop with what to install.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export class ChromiumMissingError extends Error {
  constructor(path: string) {
    super(
      `The browser tests need Chromium at ${path}, and there is none. Install it with: bash local/install-system-deps.sh (it apt-installs chromium), or set CHROMIUM_PATH to a Chromium binary.`,
    );
    this.name = 'ChromiumMissingError';
  }
}

export function requireChromium(path: string = CHROMIUM_PATH): string {
  if (!existsSync(path)) throw new ChromiumMissingError(path);
  return path;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: requireChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
