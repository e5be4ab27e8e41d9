import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { after, before, describe, test } from 'node:test';
import type { Problem, ReplyAccepted } from '../../../shared/api.ts';
import { signToken } from '../../../server/auth/jwt.ts';
import { compose, startServer, type Composition, type RunningServer } from '../../../server/compose.ts';
import { TEST_SECRET, createTestDatabase, newShopId, type TestDatabase } from '../support/context.ts';
import { mallInquiry, mallMessage, pdfBytes, pngBytes, replyForm, snapshot, storeInquiry } from '../support/fixtures.ts';

const BOUNDARY = 'xYz';

/** `count` parts of one kind, built as bytes (FormData would take far longer to build 100,000). */
function manyParts(count: number, part: (i: number) => string): Buffer {
  const pieces: string[] = [];
  for (let i = 0; i < count; i++) pieces.push(`--${BOUNDARY}\r\n${part(i)}`);
  pieces.push(`--${BOUNDARY}--\r\n`);
  return Buffer.from(pieces.join(''));
}

interface Answer {
  status: number;
  body: string;
  ms: number;
}

/** Posts raw bytes over a real socket and resolves with the answer as soon as it is complete. */
function post(url: string, token: string, body: Buffer): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, 'Content-Length': String(body.byteLength) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, ms: performance.now() - started }));
      },
    );
    // the server answers and stops reading before the whole body is sent: the rest of the write may
    // fail with EPIPE/ECONNRESET once the answer is in, which is the point
    let answered = false;
    req.on('response', () => (answered = true));
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.on('socket', (socket) => socket.on('error', () => {}));
    req.end(body);
  });
}

describe('the reply form is read as a stream and refused at the first part over a limit', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let shop: string;
  let token: string;
  let rakuten: string;
  let yahoo: string;
  before(async () => {
    database = await createTestDatabase();
    server = await startServer({ dbUrl: database.url, port: 0, jwtSecret: TEST_SECRET, corsOrigins: [], demo: false, malls: { schedule: false, outboxWorker: false } });
    shop = newShopId();
    token = signToken({ shop, staff: '担当' }, TEST_SECRET);
    rakuten = await storeInquiry(server.db, shop, mallInquiry('rakuten', { messages: [mallMessage('customer', '質問', new Date('2026-11-01T00:00:00Z'))] }));
    yahoo = await storeInquiry(server.db, shop, mallInquiry('yahoo', { messages: [mallMessage('customer', '質問', new Date('2026-11-01T00:00:00Z'))] }));
  });
  after(async () => {
    await server.close();
    await database.close();
  });

  // another shop's client
  const otherShop = newShopId('other');
  async function countsTime(): Promise<number> {
    const started = performance.now();
    const res = await fetch(`${server.url}/api/v1/inquiries/counts`, { headers: { Authorization: `Bearer ${signToken({ shop: otherShop, staff: 'x' }, TEST_SECRET)}` } });
    assert.equal(res.status, 200);
    await res.arrayBuffer();
    return performance.now() - started;
  }

  test('100,000 tiny files[] parts (~7.7 MB): a small 422 at once, and another client is answered meanwhile', async () => {
    const body = manyParts(100_000, (i) => `Content-Disposition: form-data; name="files[]"; filename="${i % 10}.png"\r\n\r\nx\r\n`);
    assert.ok(body.byteLength > 7_000_000 && body.byteLength < 8_000_000, `${body.byteLength} bytes`);
    await countsTime();
    const before = await snapshot(server.db);
    for (const inquiry of [rakuten, yahoo]) {
      const upload = post(`${server.url}/api/v1/inquiries/${inquiry}/replies`, token, body);
      const other = await countsTime();
      const answer = await upload;
      assert.equal(answer.status, 422, answer.body);
      const problem = JSON.parse(answer.body) as Problem;
      assert.equal(problem.code, 'too_many_attachments');
      assert.ok(answer.body.length < 1024, `a small body: ${answer.body.length} bytes`);
      assert.ok(answer.ms < 1000, `answered in ${Math.round(answer.ms)} ms`);
      assert.ok(other < 1000, `/inquiries/counts answered in ${Math.round(other)} ms during the upload`);
    }
    assert.equal(await snapshot(server.db), before);
    // the connection and the server are fine afterwards
    assert.ok((await countsTime()) < 1000);
  });

  test('100,000 unknown text fields: a small 400 that names none of them', async () => {
    const body = manyParts(100_000, (i) => `Content-Disposition: form-data; name="field${i}"\r\n\r\nvalue${i}\r\n`);
    const answer = await post(`${server.url}/api/v1/inquiries/${rakuten}/replies`, token, body);
    assert.equal(answer.status, 400);
    assert.equal((JSON.parse(answer.body) as Problem).code, 'invalid_request');
    assert.ok(answer.body.length < 1024, `a small body: ${answer.body.length} bytes`);
    assert.ok(!answer.body.includes('field0'), 'the field names are not echoed');
  });

  test('repeated text fields past the form answer 413 body_too_large or 400, never a list', async () => {
    const body = manyParts(10_000, () => `Content-Disposition: form-data; name="body"\r\n\r\n回答\r\n`);
    const answer = await post(`${server.url}/api/v1/inquiries/${yahoo}/replies`, token, body);
    assert.ok(answer.status === 400 || answer.status === 413, String(answer.status));
    assert.ok(answer.body.length < 1024);
  });

  test('a valid form over the socket, with basedOn and complete, is accepted', async () => {
    const form = replyForm('ありがとうございます', [{ name: 'a.png', bytes: pngBytes(100) }, { name: 'b.pdf', bytes: pdfBytes(100) }]);
    form.append('basedOn', 'template-1');
    form.append('complete', 'false');
    const res = await fetch(`${server.url}/api/v1/inquiries/${yahoo}/replies`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    assert.equal(res.status, 202, await res.clone().text());
    const { message } = (await res.json()) as ReplyAccepted;
    assert.deepEqual(message.attachments.map((a) => a.name), ['a.png', 'b.pdf']);
  });
});

describe('a refused upload closes its connection: the rest of the body is never read', () => {
  // the app served by @hono/node-server as listen() serves it, with the server's side of each
  // connection at hand to count what it read
  let database: TestDatabase;
  let composition: Composition;
  let server: ServerType;
  let port: number;
  const accepted: Socket[] = [];
  let token: string;
  let rakuten: string;
  before(async () => {
    database = await createTestDatabase();
    composition = await compose({ dbUrl: database.url, jwtSecret: TEST_SECRET, corsOrigins: [], demo: false, malls: { schedule: false, outboxWorker: false } });
    server = serve({ fetch: composition.app.fetch, port: 0, hostname: '127.0.0.1' });
    server.on('connection', (socket: Socket) => accepted.push(socket));
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    port = (server.address() as AddressInfo).port;
    const shop = newShopId();
    token = signToken({ shop, staff: '担当' }, TEST_SECRET);
    rakuten = await storeInquiry(composition.db, shop, mallInquiry('rakuten', { messages: [mallMessage('customer', '質問', new Date('2026-11-01T00:00:00Z'))] }));
  });
  after(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
    await composition.close();
    await database.close();
  });

  test('100,000 parts sent chunk by chunk (no Content-Length): 422 with Connection: close, and the server reads no further', async () => {
    // as a hostile client sends it: each part its own chunk, written as fast as the socket takes them
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined); // EPIPE/ECONNRESET once the server has closed: the point
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const mine = accepted.find((s) => s.remotePort === socket.localPort)!;
    assert.ok(mine, "the server's side of the connection");
    socket.write(
      `POST /api/v1/inquiries/${rakuten}/replies HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    const part = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="files[]"; filename="a.png"\r\n\r\nx\r\n`);
    const chunk = Buffer.concat([Buffer.from(`${part.byteLength.toString(16)}\r\n`), part, Buffer.from('\r\n')]);
    let sent = 0;
    const write = () => {
      while (sent < 100_000 && !socket.destroyed) {
        sent++;
        if (!socket.write(chunk)) return void socket.once('drain', write);
      }
    };
    write();
    const { answer, closed } = await answerUntilClosed(socket);
    assert.match(answer, /^HTTP\/1\.1 422 /, answer.slice(0, 200));
    assert.match(answer, /too_many_attachments/);
    assert.match(answer, /\r\nconnection: close\r\n/i, 'the answer says the connection closes');
    assert.ok(closed, 'the server closed the connection');
    // the whole body is ~10 MB; the server read its first parts and what was in flight, no more
    // (before: it went on reading and discarding for 500 ms, some 4 MB on this kind of body)
    assert.ok(mine.bytesRead < 1024 * 1024, `the server read ${mine.bytesRead} bytes`);
  });

  test('a client still sending when refused reads its 422: the close lingers instead of resetting the connection at once', async () => {
    // as the benchmark's abusing client sends, from a process of its own: an http.request writing
    // parts until told to wait; it reports the status it read, or the error it got first
    const client = `
      const http = require('node:http');
      const [url, token, boundary] = process.argv.slice(1);
      const part = Buffer.from('--' + boundary + '\\r\\nContent-Disposition: form-data; name="files[]"; filename="a.png"\\r\\n\\r\\nx\\r\\n');
      const upload = () => new Promise((resolve) => {
        const req = http.request(url, { method: 'POST', agent: false, headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'multipart/form-data; boundary=' + boundary } }, (res) => {
          res.resume();
          res.on('end', () => resolve(String(res.statusCode)));
        });
        req.on('error', (e) => resolve(e.code || e.message));
        let sent = 0;
        const write = () => {
          while (sent < 100000) { sent++; if (!req.write(part)) return void req.once('drain', write); }
          req.end('--' + boundary + '--\\r\\n');
        };
        write();
      });
      (async () => { const seen = []; for (let i = 0; i < 5; i++) seen.push(await upload()); console.log(JSON.stringify(seen)); })();
    `;
    const before = accepted.length;
    const child = spawn(process.execPath, ['-e', client, `http://127.0.0.1:${port}/api/v1/inquiries/${rakuten}/replies`, token, BOUNDARY], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise<void>((resolve) => child.once('exit', () => resolve()));
    assert.deepEqual(JSON.parse(out), ['422', '422', '422', '422', '422']);
    const sockets = accepted.slice(before);
    assert.equal(sockets.length, 5);
    for (const socket of sockets) assert.ok(socket.bytesRead < 1024 * 1024, `the server read ${socket.bytesRead} bytes`);
  });

  test('a body refused before it is read (no token) closes its connection too', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const mine = accepted.find((s) => s.remotePort === socket.localPort)!;
    socket.write(`POST /api/v1/inquiries/${rakuten}/replies HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: 8000000\r\n\r\n`);
    socket.write(Buffer.alloc(64 * 1024, 'x'));
    const { answer, closed } = await answerUntilClosed(socket);
    assert.match(answer, /^HTTP\/1\.1 401 /, answer.slice(0, 200));
    assert.match(answer, /\r\nconnection: close\r\n/i);
    assert.ok(closed);
    assert.ok(mine.bytesRead < 1024 * 1024, `the server read ${mine.bytesRead} bytes`);
  });

  test('a body read to its end keeps the connection open (keep-alive) for the next request', async () => {
    const form = replyForm('ありがとうございます');
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/inquiries/${rakuten}/replies`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    assert.equal(res.status, 202, await res.clone().text());
    assert.notEqual(res.headers.get('connection'), 'close');
  });
});

describe('attachments: bytes must match the name, names lose bidirectional and control characters', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let shop: string;
  let token: string;
  let yahoo: string;
  before(async () => {
    database = await createTestDatabase();
    server = await startServer({ dbUrl: database.url, port: 0, jwtSecret: TEST_SECRET, corsOrigins: [], demo: false, malls: { schedule: false, outboxWorker: false } });
    shop = newShopId();
    token = signToken({ shop, staff: '担当' }, TEST_SECRET);
    yahoo = await storeInquiry(server.db, shop, mallInquiry('yahoo', { messages: [mallMessage('customer', '質問', new Date('2026-11-01T00:00:00Z'))] }));
  });
  after(async () => {
    await server.close();
    await database.close();
  });

  const reply = (form: FormData) =>
    server.app.request(`/api/v1/inquiries/${yahoo}/replies`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });

  test('an .exe named .png, HTML named .pdf, a PDF named .jpg answer 422 attachment_type_mismatch and store nothing', async () => {
    const exe = new Uint8Array(200);
    exe.set([0x4d, 0x5a, 0x90, 0x00]);
    const cases = [
      { name: 'photo.png', bytes: exe },
      { name: 'invoice.pdf', bytes: new TextEncoder().encode('<html><script>alert(1)</script></html>') },
      { name: 'scan.jpg', bytes: pdfBytes() },
      { name: 'anim.gif', bytes: pngBytes() },
    ];
    const before = await snapshot(server.db);
    for (const file of cases) {
      const res = await reply(replyForm('添付', [file]));
      assert.equal(res.status, 422, file.name);
      const problem = (await res.json()) as Problem;
      assert.equal(problem.code, 'attachment_type_mismatch', file.name);
      assert.ok(problem.errors?.some((e) => e.code === 'attachment_type_mismatch'));
    }
    assert.equal(await snapshot(server.db), before);
  });

  test('PNG, JPEG, GIF87a/89a and PDF signatures pass, upper-case extensions too', async () => {
    const jpeg = new Uint8Array(50);
    jpeg.set([0xff, 0xd8, 0xff, 0xe0]);
    const gif = new Uint8Array(50);
    gif.set(new TextEncoder().encode('GIF87a'));
    const res = await reply(replyForm('添付', [{ name: 'A.JPEG', bytes: jpeg }, { name: 'b.gif', bytes: gif }, { name: 'c.PDF', bytes: pdfBytes() }]));
    assert.equal(res.status, 202, await res.clone().text());
  });

  test('U+202E and the other bidirectional controls are stripped before the name is stored (and sent to the mall)', async () => {
    const name = '\u202Ainvoice\u202Efdp\u2066\u2069\u200E\u200F\u202B\u202C\u202D\u2067\u2068\u0085.png';
    const res = await reply(replyForm('添付', [{ name, bytes: pngBytes() }]));
    assert.equal(res.status, 202, await res.clone().text());
    const { message } = (await res.json()) as ReplyAccepted;
    assert.equal(message.attachments[0]!.name, 'invoicefdp.png');
    const stored = await server.db.selectFrom('attachments').select('name').where('message_id', '=', message.id).executeTakeFirstOrThrow();
    assert.equal(stored.name, 'invoicefdp.png');
  });
});

/** What the server answers on `socket` until it closes the connection (closed: false after 10 s). */
async function answerUntilClosed(socket: Socket): Promise<{ answer: string; closed: boolean }> {
  let answer = '';
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => (answer += d));
  const closed = await Promise.race([
    new Promise<boolean>((resolve) => socket.once('close', () => resolve(true))),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
  ]);
  socket.destroy();
  return { answer, closed };
}
