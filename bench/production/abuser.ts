/**
 * The abusing client of the production part, in a process of its own so its work does not slow the
 * measuring one: sends 100,000-part uploads back to back for ABUSE_SECONDS, then prints
 * `{"uploads":N,"statuses":[…]}`. Env: ABUSE_URL (the reply route), ABUSE_TOKEN, ABUSE_SECONDS.
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';

function manyPartsUpload(url: string, token: string): Promise<number> {
  const boundary = `----goqbench${randomBytes(6).toString('hex')}`;
  const part = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files[]"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nx\r\n`);
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    let sent = 0;
    const write = () => {
      while (sent < 100_000) {
        sent++;
        if (!req.write(part)) return void req.once('drain', write);
      }
      req.end(`--${boundary}--\r\n`);
    };
    write();
  });
}

const until = Date.now() + Number(process.env.ABUSE_SECONDS ?? 6) * 1000;
let uploads = 0;
const statuses = new Set<number>();
while (Date.now() < until) {
  statuses.add(await manyPartsUpload(process.env.ABUSE_URL!, process.env.ABUSE_TOKEN!));
  uploads++;
}
process.stdout.write(`${JSON.stringify({ uploads, statuses: [...statuses] })}\n`);
