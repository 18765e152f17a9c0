// Where a Chromium for the end-to-end tests is: $CHROMIUM_PATH, or Debian's / common locations.
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** @returns {string | null} */
export function chromiumPath() {
  for (const c of candidates) if (c && existsSync(c)) return c;
  return null;
}
