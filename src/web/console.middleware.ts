import type { NextFunction, Request, Response } from 'express';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { requestIdOf } from '../common/http/request-id';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.webmanifest': 'application/manifest+json',
};

/** Angular's output hashing puts 8+ uppercase alphanumerics before the extension. */
const HASHED = /-[A-Z0-9]{8,}\.[a-z0-9]+$/;
/** Paths that belong to the API or operations, never to the console. */
const NOT_CONSOLE = /^\/(api|metrics|health)(\/|$)/;

/**
 * Serves the built console with SPA fallback: files as they are (hashed ones cached for a year),
 * every other GET to index.html (no-cache), `/api/*` left to Nest so unknown API routes stay
 * JSON 404s. Paths escaping the root are refused.
 */
export function consoleMiddleware(staticDir: string): (req: Request, res: Response, next: NextFunction) => void {
  const root = resolve(staticDir);
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_CONSOLE.test(req.path)) return next();
    let decoded: string;
    try {
      decoded = decodeURIComponent(req.path);
    } catch {
      return sendError(req, res, 400, 'REQUEST_ERROR', 'Malformed URL.');
    }
    if (decoded.includes('\0')) return sendError(req, res, 400, 'REQUEST_ERROR', 'Malformed URL.');
    const candidate = resolve(join(root, normalize(decoded)));
    if (candidate !== root && !candidate.startsWith(root + sep))
      return sendError(req, res, 404, 'STATIC_NOT_FOUND', 'Static UI build not found.');
    if (candidate !== root && isFile(candidate)) return sendFile(res, candidate, HASHED.test(candidate));
    // A missing asset with an extension is a real 404, not the SPA shell.
    if (extname(decoded) && extname(decoded) !== '.html')
      return sendError(req, res, 404, 'STATIC_NOT_FOUND', 'Static file not found.');
    const index = join(root, 'index.html');
    if (!isFile(index)) return sendError(req, res, 404, 'STATIC_NOT_FOUND', 'Static UI build not found.');
    return sendFile(res, index, false);
  };
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function sendFile(res: Response, path: string, immutable: boolean): void {
  res.setHeader('Content-Type', TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream');
  res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  res.setHeader('Content-Length', String(statSync(path).size));
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(path).pipe(res);
}

function sendError(req: Request, res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ success: false, error: { code, message, requestId: requestIdOf(req) } });
}
