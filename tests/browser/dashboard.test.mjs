// End-to-end test of the attache dashboard in a real browser: Debian's Chromium driven by
// playwright-core (which never downloads a browser). Starts `attache demo` (which ingests the
// bundled examples and serves them), opens the IND–AFG dyad, checks that the 2025-05-15 call
// is on the timeline, opens it and checks that its sentence is shown highlighted.
//
//   node dashboard.test.mjs            screenshots to tests/browser/out/
//   node dashboard.test.mjs --docs     screenshots to docs/ as well (for the README)
//
// ATTACHE_BIN names the binary (default: target/debug/attache, then target/release/attache);
// CHROMIUM the browser (default /usr/bin/chromium).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const outDir = join(here, 'out');
const docsDir = join(root, 'docs');
const toDocs = process.argv.includes('--docs');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const bin = process.env.ATTACHE_BIN ||
  [join(root, 'target/debug/attache'), join(root, 'target/release/attache')].find(existsSync);

function die(msg) { console.error('browser test: ' + msg); process.exit(1); }
if (!existsSync(executablePath)) die(`no Chromium at ${executablePath} (apt-get install chromium)`);
if (!bin || !existsSync(bin)) die('no attache binary: run `cargo build -p attache` first or set ATTACHE_BIN');

const tmp = mkdtempSync(join(tmpdir(), 'attache-browser-'));
const db = join(tmp, 'demo.db');
mkdirSync(outDir, { recursive: true });
if (toDocs) mkdirSync(docsDir, { recursive: true });

// The demo prints the URL once it listens; port 0 picks a free one.
const server = spawn(bin, ['demo', '--db', db, '--addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((ok, fail) => {
  let out = '';
  const timer = setTimeout(() => fail(new Error('the server did not print its URL in 60 s:\n' + out)), 60000);
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const m = out.match(/serving .* on (http:\/\/127\.0\.0\.1:\d+)\//);
    if (m) { clearTimeout(timer); ok(m[1]); }
  });
  server.on('exit', (code) => { clearTimeout(timer); fail(new Error(`attache demo exited (${code}):\n${out}`)); });
}).catch((err) => die(err.message));
console.log('server at ' + base);

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
let failed = false;
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // A CSP violation, a failed request or a script error is a failure.
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push('console: ' + msg.text()); });
  page.on('pageerror', (err) => problems.push('page error: ' + err.message));
  page.on('requestfailed', (req) => problems.push('request failed: ' + req.url()));
  page.on('request', (req) => { if (!req.url().startsWith(base) && !req.url().startsWith('data:')) problems.push('external request: ' + req.url()); });

  const ready = (name) => page.waitForSelector(`body[data-ready="${name}"]`, { timeout: 15000 });
  const shot = async (name) => {
    const file = join(outDir, name);
    await page.screenshot({ path: file, fullPage: true });
    if (toDocs) copyFileSync(file, join(docsDir, name));
    console.log('screenshot ' + name);
  };
  const check = (ok, what) => { if (!ok) throw new Error(what); console.log('ok - ' + what); };

  // 1. Events with filters.
  await page.goto(base + '/#/?actor=AFG&include_background=true');
  await ready('events');
  const rows = await page.locator('#events tbody tr').count();
  check(rows > 0, `the events page lists AFG events (${rows})`);
  await shot('dashboard-events.png');

  // 2. The IND–AFG dyad, opened from the navigation, with the 2025-05-15 call on its timeline.
  await page.click('nav a[data-nav="dyad"]');
  await ready('dyad');
  check(await page.locator('h1').innerText() === 'Dyad IND – AFG', 'the IND–AFG dyad is open');
  const call = page.locator('#timeline a.tl-event[data-date="2025-05-15"]');
  check(await call.count() >= 1, 'the 2025-05-15 event is on the timeline');
  check(await page.locator('#timeline .milestone').count() >= 1, 'a milestone is marked');
  await shot('dashboard-dyad.png');
  // Zoomed to the last two years, the call is still there.
  if (await page.locator('#zoom').count()) {
    await page.click('#zoom');
    await ready('dyad');
    check(await call.count() >= 1, 'the 2025-05-15 event is on the zoomed timeline');
    await shot('dashboard-dyad-zoom.png');
  }

  // 3. Open the event from the timeline: its sentence is highlighted in the article.
  await call.first().click();
  await ready('event');
  const mark = page.locator('#article-text mark.sentence');
  await mark.waitFor();
  const sentence = await mark.innerText();
  check(/held a telephonic conversation/.test(sentence), `the event's sentence is highlighted: “${sentence.slice(0, 80)}…”`);
  check(await mark.isVisible(), 'the highlighted sentence is visible');
  const actors = await page.locator('#article-text mark.sentence .actor').allInnerTexts();
  check(actors.some((a) => /Jaishankar/.test(a)) && actors.some((a) => /Muttaqi/.test(a)), `actor spans highlighted: ${actors.join(' / ')}`);
  await shot('dashboard-event.png');

  // 4. Network and engagement ladder.
  await page.click('nav a[data-nav="network"]');
  await ready('network');
  check(await page.locator('#network line').count() >= 1, 'the network has edges');
  await shot('dashboard-network.png');
  await page.goto(base + '/#/engagement/AFG?since=2021-08-15');
  await ready('engagement');
  const ladder = await page.locator('#ladder tbody tr').allInnerTexts();
  check(ladder.some((r) => r.startsWith('IND')), 'the AFG ladder has IND');
  await shot('dashboard-engagement.png');

  // 5. Article search.
  await page.goto(base + '/#/articles?q=Pahalgam');
  await ready('articles');
  check(await page.locator('mark.snippet').count() >= 1, 'article search shows highlighted snippets');
  await shot('dashboard-articles.png');

  check(problems.length === 0, 'no console errors, failed or external requests' + (problems.length ? ':\n  ' + problems.join('\n  ') : ''));
} catch (err) {
  failed = true;
  console.error('not ok - ' + err.message);
} finally {
  await browser.close();
  server.kill();
  rmSync(tmp, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log('browser test passed');
