#!/usr/bin/env node
// Full-page screenshots of the pages a reader lands on, for looking at them.
// Usage: node scripts/screenshots.mjs [--tiles] [SITE_DIR=public] [OUT_DIR=screenshots]
// Builds nothing: build the site first (cargo run --release -- build).
// --tiles also writes each full page cut into screen-high slices
// (OUT_DIR/tiles/NAME-WIDTH[-dark]-NN.png): a 30 000 px page shrunk to fit an
// image viewer is unreadable, its slices are not.
import fs from 'node:fs';
import path from 'node:path';
import { PAGES, WIDTHS, serve, launch, siteDir } from './lib.mjs';

const DARK = new Set(['overview', 'event', 'timeline', 'overview-en', 'timeline-en', 'party-en']);

const args = process.argv.slice(2);
const tiles = args.includes('--tiles');
const positional = args.filter((a) => !a.startsWith('--'));
const site = siteDir(positional[0]);
const out = path.resolve(positional[1] || 'screenshots');
fs.mkdirSync(out, { recursive: true });
if (tiles) {
  fs.rmSync(path.join(out, 'tiles'), { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'tiles'));
}
const TILE = { 390: 844, 1280: 900 };

const server = await serve(site);
const browser = await launch();
const written = [];
try {
  const page = await browser.context.newPage();
  for (const p of PAGES) {
    for (const width of WIDTHS) {
      for (const scheme of DARK.has(p.name) ? ['light', 'dark'] : ['light']) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: scheme });
        const res = await page.goto(server.url + p.path, { waitUntil: 'load' });
        if (!res || !res.ok()) throw new Error(`${p.path}: HTTP ${res ? res.status() : 'no response'}`);
        // Horizontal overflow is what a phone reader stumbles on first: say so.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        const stem = `${p.name}-${width}${scheme === 'dark' ? '-dark' : ''}`;
        const file = path.join(out, `${stem}.png`);
        await page.screenshot({ path: file, fullPage: true });
        written.push(file);
        if (tiles) {
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          const h = TILE[width] || 900;
          for (let y = 0, i = 0; y < height; y += h, i++) {
            const clip = { x: 0, y, width, height: Math.min(h, height - y) };
            await page.screenshot({ path: path.join(out, 'tiles', `${stem}-${String(i).padStart(2, '0')}.png`), fullPage: true, clip });
          }
        }
        console.log(`${path.relative(process.cwd(), file)}${overflow > 0 ? `  (overflows horizontally by ${overflow}px)` : ''}`);
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots: ${written.length} written into ${path.relative(process.cwd(), out) || '.'}`);
