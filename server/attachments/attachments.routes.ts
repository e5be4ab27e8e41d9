/**
 * `GET /attachments/{id}`: the file as a download. Customer files are untrusted: they are never
 * rendered inline, never sniffed, and sandboxed if a browser opens them anyway.
 */
import { Hono } from 'hono';
import type { Db } from '../db/database.ts';
import type { AppEnv } from '../http/app-env.ts';
import { getAttachmentFile } from '../inquiries/inquiries.service.ts';

/** `attachment` with an ASCII fallback name and the exact UTF-8 name in RFC 5987 `filename*`. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const SAFE_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i;

export function attachmentsRoutes(deps: { db: Db }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/:id', async (c) => {
    const file = await getAttachmentFile(deps.db, c.get('shopId'), c.req.param('id'));
    return new Response(file.bytes, {
      status: 200,
      headers: {
        'Content-Type': SAFE_TYPE.test(file.contentType) ? file.contentType : 'application/octet-stream',
        'Content-Length': String(file.bytes.byteLength),
        'Content-Disposition': contentDisposition(file.name),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "sandbox; default-src 'none'",
        'Cache-Control': 'private, no-store',
      },
    });
  });
  return app;
}
