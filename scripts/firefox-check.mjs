#!/usr/bin/env node
/**
 * Does the app work in Firefox? Builds the app, serves it with `vite preview` on a free port,
 * opens it in Firefox (Debian's firefox-esr, or FIREFOX_PATH) in a window on a virtual X display
 * (Xvfb: Firefox's --headless mode has no WebGL) and checks the demo: the zone list appears,
 * Eastern Qilian's slope reads 2.31, the map paints its raster (data-view set, WebGL canvas not
 * blank), switching the layer repaints it, the cursor read-out answers, the five exports (figure
 * PNG, chart PNG/SVG, CSV, COG) give files of the right kind, and nothing was logged as an error
 * or thrown (page or workers). Saves .e2e-artifacts/firefox.png (the page) and
 * firefox-figure.png (the exported figure). Exits non-zero with one line on failure.
 *
 *   npm run check:firefox                                    # build + preview + check
 *   npm run check:firefox -- --url http://127.0.0.1:5173/    # check a running server instead
 *   FIREFOX_CHECK_DEBUG=1 npm run check:firefox              # show Firefox's own log
 *
 * Firefox is driven over WebDriver BiDi directly (a few commands over a WebSocket): Playwright's
 * `moz-firefox` channel sends a command (emulation.setMediaFeaturesOverride) that Firefox ESR
 * does not have, and Playwright's own Firefox build cannot be downloaded here. Needs Xvfb
 * (Debian: apt-get install -y firefox-esr xvfb). Not part of `npm test` or CI (Chromium only).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Node 20 has WebSocket only behind a flag: run again with it.
if (typeof WebSocket === 'undefined') {
  const r = spawnSync(process.execPath, ['--experimental-websocket', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, '.e2e-artifacts');
const SHOT = join(OUT_DIR, 'firefox.png');
const DIST = join(ROOT, '.e2e-dist', 'firefox');
const ZONE = 'Eastern Qilian';
const EXPECTED_SLOPE = '2.31';
const WAIT_MS = 120_000;

const cleanups = [];
let finished = false;

function log(msg) {
  console.log(`firefox-check: ${msg}`);
}

async function fail(msg) {
  if (finished) return;
  finished = true;
  console.error(`firefox-check: FAIL: ${msg}`);
  await cleanup();
  process.exit(1);
}

async function cleanup() {
  for (const f of cleanups.reverse()) {
    try {
      await f();
    } catch {
      /* best effort */
    }
  }
}

function argValue(name) {
  const i = process.argv.indexOf(name);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

function firefoxPath() {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr'];
  return candidates.find((p) => p && existsSync(p));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Kills a child started with detached: true, with its whole process group. */
function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* gone */
  }
}

async function serve() {
  const given = argValue('--url');
  if (given) {
    const ok = await fetch(given).then((r) => r.ok, () => false);
    return ok ? given : fail(`nothing answers at ${given}`);
  }
  log('building the app (vite build)…');
  const b = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', DIST, '--emptyOutDir'], { cwd: ROOT, encoding: 'utf8' });
  if (b.status !== 0) await fail(`vite build failed: ${(b.stderr || b.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  const port = await freePort();
  const preview = spawn('npx', ['vite', 'preview', '--outDir', DIST, '--port', String(port), '--strictPort'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  preview.stdout.on('data', (d) => (out += d));
  preview.stderr.on('data', (d) => (out += d));
  cleanups.push(() => killGroup(preview));
  const url = `http://127.0.0.1:${port}/`;
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (preview.exitCode !== null) await fail(`vite preview exited: ${out.trim().split('\n').slice(-2).join(' | ')}`);
    try {
      const r = await fetch(url);
      if (r.ok) return url;
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  return fail(`vite preview did not answer on ${url} within 60 s`);
}

/** Prefs for a headless Firefox that runs WebGL on software rendering and stays off the network. */
const PREFS = {
  'webgl.force-enabled': true,
  'webgl.disabled': false,
  'gfx.webrender.software': true,
  'gfx.x11-egl.force-enabled': true,
  'webgl.out-of-process': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.aboutwelcome.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'app.update.enabled': false,
  'app.normandy.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'extensions.update.enabled': false,
  'remote.prefs.recommended': true,
};

/** Starts Xvfb on a free display number; returns ":N". */
async function startXvfb() {
  const xvfb = ['/usr/bin/Xvfb', '/usr/local/bin/Xvfb'].find((p) => existsSync(p));
  if (!xvfb) await fail('no Xvfb found: Firefox needs a (virtual) display for WebGL; install it (Debian: apt-get install -y xvfb) or pass --headless to try without WebGL');
  const x = spawn(xvfb, ['-displayfd', '3', '-screen', '0', '1400x900x24', '-nolisten', 'tcp'], { detached: true, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  cleanups.push(() => killGroup(x));
  let err = '';
  x.stderr.on('data', (d) => (err += d));
  return new Promise((res) => {
    let got = '';
    const t = setTimeout(() => fail(`Xvfb did not start within 20 s: ${err.trim().split('\n').pop()}`), 20_000);
    x.stdio[3].on('data', (d) => {
      got += d;
      if (got.includes('\n')) {
        clearTimeout(t);
        res(`:${got.trim()}`);
      }
    });
    x.once('exit', (code) => fail(`Xvfb exited (${code}): ${err.trim().split('\n').pop()}`));
  });
}

async function launchFirefox(exe) {
  const profile = mkdtempSync(join(tmpdir(), 'nep-firefox-'));
  cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
  writeFileSync(join(profile, 'user.js'), Object.entries(PREFS).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n') + '\n');
  // Firefox's --headless mode has no WebGL (bugzil.la/1375585), so by default Firefox runs in a
  // window on a virtual X display (Xvfb), where Mesa's software GL gives it WebGL.
  const display = process.argv.includes('--headless') ? null : await startXvfb();
  const args = ['--no-remote', '--remote-debugging-port=0', '--profile', profile, '--window-size', '1400,900'];
  const ff = spawn(exe, display ? args : ['--headless', ...args], {
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_HEADLESS_WIDTH: '1400', MOZ_HEADLESS_HEIGHT: '900', ...(display ? { DISPLAY: display } : {}) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => killGroup(ff));
  let logs = '';
  const ws = await new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error(`Firefox did not open WebDriver BiDi within 60 s: ${logs.trim().split('\n').slice(-2).join(' | ')}`)), 60_000);
    const onData = (d) => {
      logs += d;
      if (process.env.FIREFOX_CHECK_DEBUG) process.stderr.write(d);
      const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(logs);
      if (m) {
        clearTimeout(t);
        res(m[1]);
      }
    };
    ff.stdout.on('data', onData);
    ff.stderr.on('data', onData);
    ff.once('exit', (code) => rej(new Error(`Firefox exited (${code}) before WebDriver BiDi started: ${logs.trim().split('\n').slice(-2).join(' | ')}`)));
  });
  return { ws: `${ws.replace(/\/$/, '')}/session`, version: spawnSync(exe, ['--version'], { encoding: 'utf8' }).stdout.trim() };
}

/** A minimal WebDriver BiDi client: commands with ids, events to listeners. */
async function connect(url) {
  const sock = new WebSocket(url);
  await new Promise((res, rej) => {
    sock.onopen = res;
    sock.onerror = () => rej(new Error(`cannot connect to ${url}`));
  });
  let id = 0;
  const pending = new Map();
  const listeners = [];
  sock.onmessage = (ev) => {
    const msg = JSON.parse(ev.data);
    if (msg.id !== undefined && pending.has(msg.id)) {
      const { res, rej, method } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.type === 'error') rej(new Error(`${method}: ${msg.error}: ${msg.message}`));
      else res(msg.result);
    } else if (msg.type === 'event') {
      for (const l of listeners) l(msg.method, msg.params);
    }
  };
  const send = (method, params = {}) =>
    new Promise((res, rej) => {
      const n = ++id;
      pending.set(n, { res, rej, method });
      sock.send(JSON.stringify({ id: n, method, params }));
    });
  return { send, on: (f) => listeners.push(f), close: () => sock.close() };
}

async function main() {
  const exe = firefoxPath();
  if (!exe) return fail('no Firefox found: install one (Debian: apt-get install -y firefox-esr) or set FIREFOX_PATH');
  const url = await serve();
  const { ws, version } = await launchFirefox(exe).catch((e) => fail(e.message));
  log(`${version} on ${url}`);
  const bidi = await connect(ws).catch((e) => fail(e.message));
  cleanups.push(async () => {
    await Promise.race([bidi.send('browser.close'), sleep(3000)]).catch(() => {});
    bidi.close();
  });
  await bidi.send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: false } } });

  const errors = [];
  const warnings = [];
  bidi.on((method, p) => {
    if (method !== 'log.entryAdded' || (p.level !== 'error' && p.level !== 'warn')) return;
    const where = p.stackTrace?.callFrames?.[0];
    (p.level === 'warn' ? warnings : errors).push(`${p.type === 'javascript' ? 'uncaught' : 'console'}: ${p.text}${where ? ` (${where.url}:${where.lineNumber + 1})` : ''}`);
  });
  await bidi.send('session.subscribe', { events: ['log.entryAdded'] });

  const { contexts } = await bidi.send('browsingContext.getTree', {});
  const context = contexts[0].context;
  await bidi.send('browsingContext.setViewport', { context, viewport: { width: 1400, height: 900 } });

  /** Runs `fn` (source of a function) in the page with JSON args; returns its JSON value. */
  async function call(fn, ...args) {
    const r = await bidi.send('script.callFunction', {
      functionDeclaration: fn,
      target: { context },
      awaitPromise: true,
      arguments: args.map((a) => ({ type: 'string', value: JSON.stringify(a) })),
      serializationOptions: { maxObjectDepth: 0 },
      resultOwnership: 'none',
    });
    if (r.type === 'exception') throw new Error(`in page: ${r.exceptionDetails.text}`);
    return r.result.type === 'string' ? JSON.parse(r.result.value) : undefined;
  }
  /** Polls `fn` in the page until it returns a truthy JSON value. */
  async function waitFor(what, fn, ...args) {
    const until = Date.now() + WAIT_MS;
    let last;
    while (Date.now() < until) {
      last = await call(fn, ...args).catch((e) => ({ __err: e.message }));
      if (last && !last.__err) return last;
      if (errors.length) await fail(`${errors.length} error(s) while waiting for ${what}; first: ${errors[0]}`);
      await sleep(250);
    }
    return fail(`timed out after ${WAIT_MS / 1000} s waiting for ${what}${last?.__err ? ` (${last.__err})` : ''}`);
  }
  /** A real pointer click at the centre of the element `selector` (optionally the one whose text includes `text`). */
  async function click(selector, text = '') {
    const box = await call(
      `(a, b) => { const sel = JSON.parse(a), text = JSON.parse(b);
        const el = [...document.querySelectorAll(sel)].find((e) => e.textContent.includes(text));
        if (!el) return JSON.stringify(null);
        el.scrollIntoView({ block: 'center' });
        const r = el.getBoundingClientRect();
        return JSON.stringify({ x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2) }); }`,
      selector,
      text,
    );
    if (!box) await fail(`nothing to click: ${selector} "${text}"`);
    await bidi.send('input.performActions', {
      context,
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', x: box.x, y: box.y },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
  }

  const started = Date.now();
  await bidi.send('browsingContext.navigate', { context, url, wait: 'complete' });

  const gl = await call(`() => { const c = document.createElement('canvas'); const g = c.getContext('webgl2') || c.getContext('webgl');
    return JSON.stringify(g ? g.getParameter(g.VERSION) + ' / ' + g.getParameter(g.RENDERER) : null); }`);
  if (!gl) await fail('Firefox has no WebGL here (--headless has none; without it, check Xvfb and Mesa)');
  log(`WebGL: ${gl}`);

  const zones = await waitFor(
    'the zone list',
    `() => { const b = [...document.querySelectorAll('nav[aria-label="Regions"] button')].map((e) => e.textContent.trim());
      return JSON.stringify(b.length ? b : null); }`,
  );
  log(`zone list after ${((Date.now() - started) / 1000).toFixed(1)} s: ${zones.length} zones`);
  if (!zones.some((z) => z.includes(ZONE))) await fail(`no "${ZONE}" in the zone list: ${zones.join(', ')}`);

  await click('nav[aria-label="Regions"] button', ZONE);
  const slope = await waitFor(
    'the zone slope',
    `() => { const el = document.querySelector('section.zone-panel [data-testid="zone-slope"]');
      return JSON.stringify(el && el.textContent.trim() ? { text: el.textContent.trim(), value: el.getAttribute('data-value'),
        zone: document.querySelector('section.zone-panel [data-testid="zone-name"]')?.textContent } : null); }`,
  );
  log(`${slope.zone ?? ZONE}: slope "${slope.text}" (data-value ${slope.value})`);
  if (!slope.zone?.includes(ZONE)) await fail(`the zone panel shows "${slope.zone}", not ${ZONE}`);
  if (slope.text.replace(/\u2212/g, '-') !== EXPECTED_SLOPE) await fail(`the zone slope shows "${slope.text}", expected ${EXPECTED_SLOPE}`);

  const mapState = `(a) => { const before = JSON.parse(a); const v = document.querySelector('[data-testid="map"]')?.getAttribute('data-view');
    if (!v || v === before) return JSON.stringify(null);
    const c = document.querySelector('canvas.maplibregl-canvas'); if (!c) return JSON.stringify(null);
    return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => {
      const g = c.getContext('webgl2') || c.getContext('webgl'); const w = g.drawingBufferWidth, h = g.drawingBufferHeight;
      const px = new Uint8Array(w * h * 4); g.readPixels(0, 0, w, h, g.RGBA, g.UNSIGNED_BYTE, px);
      const seen = new Set(); let hash = 0;
      for (let i = 0; i < px.length; i += 4 * 7) { const k = (px[i] << 16) | (px[i + 1] << 8) | px[i + 2]; seen.add(k); hash = (Math.imul(hash, 31) + k) | 0; }
      r(JSON.stringify({ view: v, w, h, distinct: seen.size, hash }));
    }, 300)))); }`;
  const first = await waitFor('the map to paint (data-view)', mapState, null);
  log(`map data-view "${first.view}", canvas ${first.w}×${first.h}, ${first.distinct} distinct colours`);
  if (first.distinct < 20) await fail(`the map canvas looks blank (${first.distinct} distinct colours)`);

  // Switch the layer once: the first radio that is not checked.
  const target = await call(`() => { const r = [...document.querySelectorAll('section.layer-control input[type=radio]')].find((e) => !e.checked);
    return JSON.stringify(r ? r.value : null); }`);
  if (!target) await fail('no other layer to switch to in the layer control');
  await click(`section.layer-control input[type=radio][value="${target}"]`);
  const second = await waitFor(`the map to repaint with layer ${target}`, mapState, first.view);
  log(`after switching the layer: data-view "${second.view}", ${second.distinct} distinct colours`);
  if (!second.view.startsWith(`${target}|`)) await fail(`data-view is "${second.view}" after choosing layer ${target}`);
  if (second.hash === first.hash) await fail('the map canvas did not change when the layer changed');

  // The cursor read-out: hover the middle of the raster's bounding box.
  const spot = await call(`() => { const c = document.querySelector('canvas.maplibregl-canvas'); const r = c.getBoundingClientRect();
    const g = c.getContext('webgl2') || c.getContext('webgl'); const w = g.drawingBufferWidth, h = g.drawingBufferHeight;
    const px = new Uint8Array(w * h * 4); g.readPixels(0, 0, w, h, g.RGBA, g.UNSIGNED_BYTE, px);
    // The first pixel from the centre row outwards that is neither the basemap's background nor white.
    const bg = [px[0], px[1], px[2]];
    for (let d = 0; d < h / 2; d += 4) for (const row of [Math.floor(h / 2) + d, Math.floor(h / 2) - d]) for (let col = Math.floor(w * 0.3); col < w * 0.8; col += 4) {
      const i = (row * w + col) * 4; const [R, G, B] = [px[i], px[i + 1], px[i + 2]];
      if (G > R + 40 && G > B + 20) return JSON.stringify({ x: Math.round(r.x + col * r.width / w), y: Math.round(r.y + (h - 1 - row) * r.height / h) });
    }
    return JSON.stringify(null); }`);
  if (!spot) await fail('found no raster pixel on the map to hover');
  await bidi.send('input.performActions', { context, actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerMove', x: spot.x - 3, y: spot.y }, { type: 'pointerMove', x: spot.x, y: spot.y, duration: 100 }] }] });
  const readout = await waitFor('the cursor read-out', `() => { const v = document.querySelector('[data-testid="readout-value"]'); return JSON.stringify(v ? document.querySelector('[data-testid="readout"]').textContent : null); }`);
  log(`cursor read-out: ${readout.replace(/\s+/g, ' ').slice(0, 120)}`);

  // Downloads: record what <a download> would save (type, size, first bytes) instead of saving it.
  await call(`() => { window.__downloads = []; const orig = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      if (!this.download) return orig.call(this);
      const name = this.download; const p = fetch(this.href).then((r) => r.arrayBuffer()).then((b) => {
        const u = new Uint8Array(b.slice(0, 8)); const all = new Uint8Array(b); let bin = '';
        if (/\.png$/.test(name)) for (let i = 0; i < all.length; i += 0x8000) bin += String.fromCharCode(...all.subarray(i, i + 0x8000));
        window.__downloads.push({ name, size: b.byteLength, head: [...u].map((x) => x.toString(16).padStart(2, '0')).join(''), png: bin ? btoa(bin) : undefined }); });
      p.catch((e) => window.__downloads.push({ name, error: String(e) }));
    }; return JSON.stringify(true); }`);
  const MAGIC = { png: '89504e470d0a1a0a', tif: '49492a00|49492b00', svg: '3c3f786d6c', csv: '' };
  const exportsToTry = [
    ['figure PNG', 'div[aria-label="Export map figure"] button', 'png'],
    ['chart PNG', 'section.zone-panel button[data-export="png"]', 'png'],
    ['chart SVG', 'section.zone-panel button[data-export="svg"]', 'svg'],
    ['table CSV', 'section.zone-panel button[data-export="csv"]', 'csv'],
    ['result COG', 'div[aria-label="Export result raster"] button', 'tif'],
  ];
  for (const [what, sel, kind] of exportsToTry) {
    const before = await call(`() => JSON.stringify(window.__downloads.length)`);
    await click(sel);
    const d = await waitFor(`the ${what} download`, `(a) => { const n = JSON.parse(a); return JSON.stringify(window.__downloads.length > n ? window.__downloads[n] : null); }`, before);
    if (d.error) await fail(`${what} export: ${d.error}`);
    if (!d.size || (MAGIC[kind] && !new RegExp(`^(${MAGIC[kind]})`).test(d.head))) await fail(`${what} export gave ${d.name}, ${d.size} bytes starting ${d.head}`);
    log(`${what}: ${d.name} (${d.size} bytes)`);
    if (what === 'figure PNG') {
      mkdirSync(OUT_DIR, { recursive: true });
      writeFileSync(join(OUT_DIR, 'firefox-figure.png'), Buffer.from(d.png, 'base64'));
    }
  }

  const shot = await bidi.send('browsingContext.captureScreenshot', { context });
  mkdirSync(OUT_DIR, { recursive: true });
  if (!existsSync(join(OUT_DIR, '.gitignore'))) writeFileSync(join(OUT_DIR, '.gitignore'), '*\n');
  writeFileSync(SHOT, Buffer.from(shot.data, 'base64'));
  log(`screenshot: ${SHOT}`);

  // Opening your own files: the real MOD17 Hawaiʻi GeoTIFFs + zones + climate CSV, when shared/ is beside the repository.
  const hawaiiDir = join(ROOT, '..', 'shared', 'data', 'real', 'mod17-hawaii');
  const fix = join(ROOT, 'test', 'fixtures', 'datasets', 'hawaii');
  const tifs = existsSync(hawaiiDir) ? readdirSync(hawaiiDir).filter((f) => /^hawaii_npp_\d{4}\.tif$/.test(f)).sort().map((f) => join(hawaiiDir, f)) : [];
  if (tifs.length < 3) log(`open files: skipped (the MOD17 Hawaiʻi files are not in ${hawaiiDir})`);
  else {
    const oracle = JSON.parse(readFileSync(join(fix, 'expected', 'summary.json'), 'utf8'));
    await click('header button, button', 'Open data…');
    const input = await bidi.send('script.evaluate', {
      expression: `document.querySelector('[data-testid="open-files"]')`,
      target: { context },
      awaitPromise: false,
      resultOwnership: 'root',
    });
    if (input.type !== 'success' || input.result.type !== 'node') await fail('no file input (data-testid=open-files) after clicking Open data…');
    await bidi.send('input.setFiles', { context, element: { sharedId: input.result.sharedId }, files: [...tifs, join(fix, 'zones.geojson'), join(fix, 'climate.csv')] });
    await waitFor('the "Your dataset" form', `() => { const f = document.querySelector('form[aria-label="Your dataset"]');
      const b = f && [...f.querySelectorAll('button[type=submit]')].find((e) => e.textContent.trim() === 'Analyse');
      return JSON.stringify(b && !b.disabled ? true : null); }`);
    await click('form[aria-label="Your dataset"] button[type=submit]', 'Analyse');
    await waitFor('the Hawaiʻi zone list', `(a) => { const ids = JSON.parse(a); const got = [...document.querySelectorAll('nav[aria-label="Regions"] button')].map((b) => b.getAttribute('data-region-id'));
      return JSON.stringify(got.length === ids.length && ids.every((id) => got.includes(id)) ? true : null); }`, oracle.regions.map((r) => r.id));
    for (const r of oracle.regions) {
      await click(`nav[aria-label="Regions"] button[data-region-id="${r.id}"]`);
      const v = await waitFor(`the ${r.id} zone panel`, `(a) => { const id = JSON.parse(a); const p = document.querySelector('section.zone-panel[data-region-id="' + id + '"]');
        const get = (k) => p?.querySelector('[data-testid="zone-' + k + '"]')?.getAttribute('data-value');
        return JSON.stringify(p && get('mean') ? { mean: Number(get('mean')), slope: Number(get('slope')) } : null); }`, r.id);
      for (const k of ['mean', 'slope']) {
        if (!(Math.abs(v[k] - r.nep[k]) <= Math.abs(r.nep[k]) * 1e-9 + 1e-9)) await fail(`opened files: ${r.id} NEP ${k} is ${v[k]}, the oracle (GDAL + numpy) says ${r.nep[k]}`);
      }
    }
    log(`open files: ${tifs.length} GeoTIFFs + zones + climate CSV analysed; NEP mean and slope of ${oracle.regions.map((r) => r.id).join(', ')} equal the oracle`);
    const shot2 = await bidi.send('browsingContext.captureScreenshot', { context });
    writeFileSync(join(OUT_DIR, 'firefox-open.png'), Buffer.from(shot2.data, 'base64'));
  }

  await sleep(500); // late errors
  if (errors.length) await fail(`${errors.length} console error(s)/uncaught exception(s); first: ${errors[0]}`);
  // Warnings are reported, not failed on.
  for (const w of warnings.slice(0, 5)) log(`warning: ${w}`);
  finished = true;
  log(`OK in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await cleanup();
  process.exit(0);
}

const overall = setTimeout(() => fail('took longer than 8 minutes'), 8 * 60_000);
overall.unref();
main().catch((e) => fail(e?.message ?? String(e)));
