#!/usr/bin/env node
// Checks a built site as a reader's browser sees it:
//  1. the Nu HTML Checker (npm vnu-jar, run with java) on every HTML file,
//     plus the CSS: any error fails;
//  2. axe-core in Debian's headless Chromium on the overview, the timeline,
//     a party, a claim and an event, at 390 and 1280 px, light and dark:
//     any violation of impact serious or critical fails.
// Usage: node scripts/check-site.mjs [SITE_DIR=public]
// Builds nothing: build the site first (cargo run --release -- build).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PAGES, WIDTHS, serve, launch, siteDir } from './lib.mjs';

const require = createRequire(import.meta.url);
const site = siteDir(process.argv[2]);
let passed = 0;
const failures = [];

function htmlFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...htmlFiles(p));
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out.sort();
}

// ---- 1. Nu HTML Checker ----
function vnu() {
  const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
  const files = htmlFiles(site);
  const cssFiles = [];
  (function walk(d) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.css')) cssFiles.push(p);
    }
  })(site);
  const r = spawnSync('java', ['-jar', jar, '--errors-only', '--also-check-css', '--format', 'json', ...files, ...cssFiles], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`vnu: cannot run java: ${r.error.message}`);
  let messages;
  try {
    messages = JSON.parse(r.stderr || r.stdout || '{"messages":[]}').messages;
  } catch {
    throw new Error(`vnu: unreadable output (exit ${r.status}):\n${r.stderr}${r.stdout}`);
  }
  const bad = new Map();
  for (const m of messages) {
    if (m.type !== 'error' && !(m.type === 'non-document-error')) continue;
    const file = decodeURIComponent(new URL(m.url).pathname);
    const rel = path.relative(site, file);
    if (!bad.has(rel)) bad.set(rel, []);
    bad.get(rel).push(`${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.message}${m.extract ? `  «${m.extract.replace(/\s+/g, ' ').trim()}»` : ''}`);
  }
  for (const f of [...files, ...cssFiles]) {
    const rel = path.relative(site, f);
    if (bad.has(rel)) failures.push({ check: `vnu ${rel}`, lines: bad.get(rel) });
    else passed++;
  }
  console.log(`vnu: ${files.length} HTML and ${cssFiles.length} CSS files checked, ${bad.size} with errors`);
}

// ---- 2. axe-core ----
async function axe() {
  const axePath = require.resolve('axe-core/axe.min.js');
  const server = await serve(site);
  const browser = await launch();
  let runs = 0;
  try {
    const page = await browser.context.newPage();
    for (const p of PAGES) {
      for (const width of WIDTHS) {
        for (const scheme of ['light', 'dark']) {
          const label = `axe ${p.path} ${width}px ${scheme}`;
          await page.setViewportSize({ width, height: 900 });
          await page.emulateMedia({ colorScheme: scheme });
          const res = await page.goto(server.url + p.path, { waitUntil: 'load' });
          if (!res || !res.ok()) {
            failures.push({ check: label, lines: [`HTTP ${res ? res.status() : 'no response'}`] });
            continue;
          }
          await page.addScriptTag({ path: axePath });
          const result = await page.evaluate(async () =>
            // eslint-disable-next-line no-undef
            axe.run(document, { resultTypes: ['violations'] }),
          );
          runs++;
          const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          const minor = result.violations.length - serious.length;
          if (minor) console.log(`${label}: ${minor} minor/moderate finding(s) (not failing): ${result.violations.filter((v) => !serious.includes(v)).map((v) => v.id).join(', ')}`);
          if (serious.length) {
            const lines = [];
            for (const v of serious) {
              lines.push(`[${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node(s))`);
              for (const n of v.nodes.slice(0, 5)) {
                lines.push(`    ${n.target.join(' ')}  ${(n.failureSummary || '').split('\n').slice(1, 2).join('').trim()}`);
              }
              if (v.nodes.length > 5) lines.push(`    … and ${v.nodes.length - 5} more`);
            }
            failures.push({ check: label, lines });
          } else passed++;
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`axe: ${runs} page runs (${PAGES.length} pages × ${WIDTHS.length} widths × light/dark)`);
}

try {
  vnu();
  await axe();
} catch (e) {
  failures.push({ check: 'site checks could not run', lines: [String(e && e.stack ? e.stack : e)] });
}

for (const f of failures) {
  console.log(`FAIL ${f.check}`);
  for (const l of f.lines) console.log(`  ${l}`);
}
console.log(`site checks: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
