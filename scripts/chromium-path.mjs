// Where a Chromium for the end-to-end tests and the browser benchmark is: $CHROMIUM_PATH, or
// Debian's / common locations.
//
// Debian's headless shell comes first (package chromium-headless-shell): Chromium's engine without
// the browser's own windows, the build Playwright itself runs headless tests in. The full browser
// in headless mode also starts its own user interface (on Chromium 156, a WebUI renderer for the
// address bar's popup that took ~1 s of CPU while our page loaded, on a 2-core machine). Next is
// Debian's binary itself, not its /usr/bin/chromium launcher script, which adds flags of its own
// (--enable-gpu-rasterization: the page's rasterization on the software GPU, extensions).
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/lib/chromium/chromium',
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
