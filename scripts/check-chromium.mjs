// Fails in one line, not a stack trace, when no Chromium is there for the end-to-end tests.
import { chromiumPath } from './chromium-path.mjs';

if (!chromiumPath()) {
  console.error(
    'No Chromium found for the end-to-end tests: install one (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to its executable.',
  );
  process.exit(1);
}
