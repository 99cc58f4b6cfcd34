// A small static file server for the page benchmarks, on 127.0.0.1: serves
// folders under URL prefixes, every file gzip-compressed once (level 9, kept
// in memory, as a host serving pre-compressed files would) with the right
// content type. Tessera and SurveyJS pages are served by this same server,
// so neither side is favoured by how its files travel.
//
//   const server = await serveStatic([['/tessera', 'build/dist/tessera'], ...]);
//   server.url; await server.close();
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
};

export async function serveStatic(mounts) {
  const cache = new Map(); // file -> gzip bytes
  const sorted = [...mounts].sort((a, b) => b[0].length - a[0].length);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const mount = sorted.find(([prefix]) => url.pathname === prefix || url.pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
    if (!mount || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    const rel = decodeURIComponent(url.pathname.slice(mount[0].length)).replace(/^\/+/, '');
    let file = path.resolve(mount[1], rel);
    if (!file.startsWith(path.resolve(mount[1]))) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    if (!cache.has(file)) cache.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Encoding': 'gzip',
      'Cache-Control': 'max-age=3600',
    });
    res.end(cache.get(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(resolve);
    }),
  };
}
