// Shared helpers of the site checks: a tiny static server bound to 127.0.0.1,
// the pages a reader is shown, and a Chromium launched from Debian's package.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PAGES = [
  { name: 'overview', path: '/' },
  { name: 'timeline', path: '/timeline/' },
  { name: 'party', path: '/parties/parler/' },
  { name: 'claim', path: '/claims/sherman-act-verschwoerung/' },
  { name: 'event', path: '/events/verfuegung-abgelehnt/' },
  { name: 'search', path: '/search/?q=rothstein' },
  { name: 'search-all', path: '/search/' },
  { name: 'corrections', path: '/corrections/' },
  { name: 'embed', path: '/embed/timeline/' },
  // The English edition (SPEC §12).
  { name: 'overview-en', path: '/en/' },
  { name: 'timeline-en', path: '/en/timeline/' },
  { name: 'party-en', path: '/en/parties/parler/' },
];

export const WIDTHS = [390, 1280];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// Serves `root` on 127.0.0.1 at a free port; `/dir/` answers with
// `/dir/index.html`, anything missing with the site's 404.html and status 404.
export function serve(root) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(base, rel);
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    if (rel.endsWith('/')) file = path.join(file, 'index.html');
    else if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      res.writeHead(301, { Location: rel + '/' }).end();
      return;
    }
    let status = 200;
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      status = 404;
      file = path.join(base, '404.html');
      if (!fs.existsSync(file)) {
        res.writeHead(404).end('not found');
        return;
      }
    }
    const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
    res.writeHead(status, { 'Content-Type': type });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

export function chromiumPath() {
  for (const p of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && fs.existsSync(p)) return p;
  }
  throw new Error('no Chromium found: install Debian\'s `chromium` package or set CHROMIUM');
}

// Launches Debian's Chromium headless through playwright-core (never a
// downloaded browser), with a fresh profile directory removed on close.
export async function launch() {
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function siteDir(arg) {
  const dir = path.resolve(arg || 'public');
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`${dir}/index.html is missing: build the site first (cargo run --release -- build)`);
    process.exit(2);
  }
  return dir;
}
