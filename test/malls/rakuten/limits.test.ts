/**
 * The simulator's limits and error answers, byte for byte as malls/rakuten.md §7 gives them, and how
 * the client turns each into a MallError.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MallError } from '../../../server/malls/mall-client.ts';
import { decodeRakutenError } from '../../../server/malls/rakuten/errors.ts';
import { DAY, PNG_1x1, SHOP_ID, T0, harness } from './support.ts';

const GA0001 = { errors: [{ code: 'GA0001', message: 'Un-Authorised' }] };
const DATE_RULE = 'must match "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$"';

async function answer(response: Response): Promise<[number, unknown]> {
  return [response.status, await response.json()];
}

describe('Rakuten simulator: auth', () => {
  it('a missing, malformed or wrong ESA header answers 401 GA0001 in the gateway shape', async () => {
    const h = harness();
    const q = '/inquiries/count?fromDate=2026-11-01T00:00:00&toDate=2026-11-20T00:00:00';
    assert.deepEqual(await answer(await h.raw(q, { auth: null })), [401, GA0001]);
    assert.deepEqual(await answer(await h.raw(q, { auth: 'Bearer abc' })), [401, GA0001]);
    assert.deepEqual(await answer(await h.raw(q, { auth: `ESA ${Buffer.from('wrong:key').toString('base64')}` })), [401, GA0001]);
    assert.equal((await h.raw(q)).status, 200);
  });

  it('each function can be switched off per store', async () => {
    const h = harness();
    h.sim.control.setFunctionEnabled(SHOP_ID, 'inquirymngapi.reply.post', false);
    const added = h.sim.control.addInquiry(SHOP_ID, { userName: 'x', message: 'y' });
    const reply = await h.raw('/inquiry/reply', {
      method: 'POST',
      body: JSON.stringify({ inquiryNumber: added.inquiryNumber, shopId: String(SHOP_ID), message: 'はい' }),
    });
    assert.deepEqual(await answer(reply), [401, GA0001]);
    assert.equal((await h.raw(`/inquiry/${added.inquiryNumber}`)).status, 200);
  });

  it('a second key of the same store works until its own expiry', async () => {
    const h = harness();
    h.sim.control.addKey(SHOP_ID, { serviceSecret: 'SP2', licenseKey: 'SL2', expiresAt: new Date(T0.getTime() - 1) });
    const esa2 = `ESA ${Buffer.from('SP2:SL2').toString('base64')}`;
    const q = '/inquiries/count?fromDate=2026-11-01T00:00:00&toDate=2026-11-20T00:00:00';
    assert.equal((await h.raw(q, { auth: esa2 })).status, 401);
    h.sim.control.setLicenceExpiry('SL2', new Date(T0.getTime() + DAY));
    assert.equal((await h.raw(q, { auth: esa2 })).status, 200);
  });
});

describe('Rakuten simulator: list and count limits', () => {
  it('refuses datetimes with an offset or Z (IE001 with the regex)', async () => {
    const h = harness();
    const [status, body] = await answer(await h.raw('/inquiries?fromDate=2026-11-01T00:00:00%2B09:00&toDate=2026-11-20T00:00:00Z'));
    assert.equal(status, 400);
    assert.deepEqual(body, { error: { code: 'IE001', message: 'bad parameter', targets: { fromDate: DATE_RULE, toDate: DATE_RULE } } });
  });

  it('fromDate after toDate is "date time range is invalid."', async () => {
    const h = harness();
    const [status, body] = await answer(await h.raw('/inquiries/count?fromDate=2026-11-20T00:00:00&toDate=2026-11-01T00:00:00'));
    assert.equal(status, 400);
    assert.deepEqual(body, {
      error: { code: 'IE001', message: 'bad parameter', targets: { fromDate: 'date time range is invalid.', toDate: 'date time range is invalid.' } },
    });
  });

  it('a span over 31 days is refused; exactly 31 days is accepted', async () => {
    const h = harness();
    const [status, body] = await answer(await h.raw('/inquiries?fromDate=2026-10-01T00:00:00&toDate=2026-11-01T00:00:01'));
    assert.equal(status, 400);
    const reason = 'date time range should be within 31 days.';
    assert.deepEqual(body, { error: { code: 'IE001', message: 'bad parameter', targets: { fromDate: reason, toDate: reason } } });
    assert.equal((await h.raw('/inquiries?fromDate=2026-10-01T00:00:00&toDate=2026-11-01T00:00:00')).status, 200);
  });

  it('limit over 100, page over 10000 and a depth over 10000 each answer their own error', async () => {
    const h = harness();
    const period = 'fromDate=2026-11-01T00:00:00&toDate=2026-11-20T00:00:00';
    assert.deepEqual(await answer(await h.raw(`/inquiries?${period}&limit=101`)), [
      400,
      { error: { code: 'IE001', message: 'bad parameter', targets: { limit: 'should be less than equal 100' } } },
    ]);
    assert.deepEqual(await answer(await h.raw(`/inquiries?${period}&limit=1&page=10001`)), [
      400,
      { error: { code: 'IE001', message: '400 Bad Request' } },
    ]);
    assert.deepEqual(await answer(await h.raw(`/inquiries?${period}&limit=100&page=101`)), [
      400,
      { error: { code: 'IE000', message: '400 Bad Request' } },
    ]);
    assert.equal((await h.raw(`/inquiries?${period}&limit=100&page=100`)).status, 200);
  });

  it('lists newest first by regDate in the unwrapped envelope, 10 per page by default, with full replies', async () => {
    const h = harness();
    for (let i = 0; i < 12; i++) {
      h.sim.control.addInquiry(SHOP_ID, {
        userName: `客${i}`,
        message: `m${i}`,
        regDate: new Date(T0.getTime() - (12 - i) * 3600_000),
        replies: i === 11 ? [{ message: 'r0', from: 'merchant' }, { message: 'r1', from: 'user' }] : [],
      });
    }
    const response = await h.raw('/inquiries?fromDate=2026-11-19T00:00:00&toDate=2026-11-20T23:59:59');
    assert.equal(response.headers.get('content-type'), 'application/json;charset=UTF-8');
    const body = (await response.json()) as { totalCount: number; totalPageCount: number; page: number; list: { message: string; regDate: string; replies: unknown[] }[] };
    assert.equal(body.totalCount, 12);
    assert.equal(body.totalPageCount, 2);
    assert.equal(body.page, 1);
    assert.equal(body.list.length, 10);
    assert.equal(body.list[0]!.message, 'm11');
    assert.equal(body.list[0]!.replies.length, 2);
    assert.match(body.list[0]!.regDate, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/);
    assert.equal((body as unknown as Record<string, unknown>).result, undefined);
    const empty = await answer(await h.raw('/inquiries?fromDate=2026-01-01T00:00:00&toDate=2026-01-02T00:00:00'));
    assert.deepEqual(empty, [200, { totalCount: 0, totalPageCount: 0, page: 1, list: [] }]);
  });

  it('get and count are wrapped in result', async () => {
    const h = harness();
    const added = h.sim.control.addInquiry(SHOP_ID, { userName: 'x', message: 'y' });
    const [, one] = await answer(await h.raw(`/inquiry/${added.inquiryNumber}`));
    assert.equal((one as { result: { inquiryNumber: string } }).result.inquiryNumber, added.inquiryNumber);
    assert.deepEqual(await answer(await h.raw('/inquiries/count?fromDate=2026-11-19T00:00:00&toDate=2026-11-20T23:59:59')), [
      200,
      { result: { count: 1 } },
    ]);
  });

  it('the client reads an IE001 as rejected with its targets in the message', async () => {
    const h = harness();
    await assert.rejects(
      () => h.client.listPage({ from: new Date(T0.getTime() - 40 * DAY), to: T0 }),
      (e: unknown) =>
        e instanceof MallError &&
        e.kind === 'rejected' &&
        e.details.mallCode === 'IE001' &&
        e.message.includes('fromDate: date time range should be within 31 days.'),
    );
  });
});

describe('Rakuten simulator: reply rules', () => {
  async function reply(h: ReturnType<typeof harness>, body: Record<string, unknown>) {
    return answer(await h.raw('/inquiry/reply', { method: 'POST', body: JSON.stringify(body) }));
  }

  it('answers 201 with the reply and no id, and moves lastUpdateDate', async () => {
    let now = new Date(T0);
    const h = harness({ clock: { now: () => new Date(now) } });
    const added = h.sim.control.addInquiry(SHOP_ID, { userName: 'x', message: 'y', regDate: new Date(T0.getTime() - DAY) });
    now = new Date(T0.getTime() + 60_000);
    const [status, body] = await reply(h, { inquiryNumber: added.inquiryNumber, shopId: String(SHOP_ID), message: 'お答えします' });
    assert.equal(status, 201);
    assert.deepEqual(body, {
      result: { message: 'お答えします', regDate: '2026-11-20T12:01:00+09:00', replyFrom: 'merchant', isRead: false, attachments: [] },
    });
    assert.equal(h.sim.control.inquiry(added.inquiryNumber)!.lastUpdateDate, '2026-11-20T12:01:00+09:00');
  });

  it('shopId is required (IE001) and must be the store', async () => {
    const h = harness();
    const added = h.sim.control.addInquiry(SHOP_ID, { userName: 'x', message: 'y' });
    const [status, body] = await reply(h, { inquiryNumber: added.inquiryNumber, message: 'はい' });
    assert.equal(status, 400);
    assert.equal((body as { error: { code: string; message: string } }).error.code, 'IE001');
    assert.equal((body as { error: { message: string } }).error.message, 'bad parameter');
    assert.equal((await reply(h, { inquiryNumber: added.inquiryNumber, shopId: '999999', message: 'はい' }))[0], 400);
    assert.equal((await reply(h, { inquiryNumber: added.inquiryNumber, shopId: SHOP_ID, message: 'はい' }))[0], 201);
  });

  it('refuses more than 2000 characters, a line over 300, and links off the allow-list', async () => {
    const h = harness();
    const n = h.sim.control.addInquiry(SHOP_ID, { userName: 'x', message: 'y' }).inquiryNumber;
    const base = { inquiryNumber: n, shopId: String(SHOP_ID) };
    const longText = Array.from({ length: 7 }, () => 'あ'.repeat(290)).join('\n');
    assert.equal((await reply(h, { ...base, message: longText }))[0], 400);
    assert.equal((await reply(h, { ...base, message: 'い'.repeat(301) }))[0], 400);
    assert.equal((await reply(h, { ...base, message: 'い'.repeat(300) }))[0], 201);
    assert.equal((await reply(h, { ...base, message: '詳細は http://www.rakuten.co.jp/ へ' }))[0], 400);
    assert.equal((await reply(h, { ...base, message: '詳細は https://example.com/ へ' }))[0], 400);
    assert.equal((await reply(h, { ...base, message: '詳細は https://faq.rakuten.net/x へ' }))[0], 201);
    assert.equal((await reply(h, { ...base, message: '詳細は https://item.rakuten.co.jp/goq-demo/ へ' }))[0], 201);
    assert.equal((await reply(h, { ...base, message: '   ' }))[0], 400);
  });

  it('attachments: at most one, label 1–100 characters with the file\'s extension, path from an upload', async () => {
    const h = harness();
    const n = h.sim.control.addInquiry(SHOP_ID, { userName: 'x', message: 'y' }).inquiryNumber;
    const file = h.sim.control.addFile(SHOP_ID, { label: 'photo.png', contentType: 'image/png', bytes: PNG_1x1 });
    const base = { inquiryNumber: n, shopId: String(SHOP_ID), message: '画像です' };
    assert.deepEqual(await reply(h, { ...base, attachments: [file, file] }), [
      400,
      { error: { code: 'IE001', message: 'bad parameter', targets: { attachments: 'size must be between 0 and 1' } } },
    ]);
    assert.deepEqual(await reply(h, { ...base, attachments: [{ label: `${'a'.repeat(97)}.png`, path: file.path }] }), [
      400,
      { error: { code: 'IE001', message: 'bad parameter', targets: { 'attachments[0].label': 'size must be between 1 and 100' } } },
    ]);
    assert.equal((await reply(h, { ...base, attachments: [{ label: 'photo.pdf', path: file.path }] }))[0], 400);
    assert.equal((await reply(h, { ...base, attachments: [{ label: 'x.png', path: '2026/11/20/373343/120000_00' }] }))[0], 400);
    assert.deepEqual(await reply(h, { ...base, attachments: file }), [
      400,
      { error: { code: 'IE001', message: 'bad parameter', targets: { attachments: 'must be an array' } } },
    ]);
    const jpg = h.sim.control.addFile(SHOP_ID, { label: 'scan.jpg', contentType: 'image/jpeg', bytes: PNG_1x1 });
    assert.equal((await reply(h, { ...base, attachments: [{ label: 'スキャン.jpeg', path: jpg.path }] }))[0], 201);
    assert.equal((await reply(h, { ...base, attachments: [] }))[0], 201);
    const [status, body] = await reply(h, { ...base, attachments: [{ label: '写真.png', path: file.path }] });
    assert.equal(status, 201);
    assert.deepEqual((body as { result: { attachments: unknown } }).result.attachments, [{ label: '写真.png', path: file.path }]);
    // the reply's own label fetches the file too
    const download = await h.raw(`/attachment?path=${encodeURIComponent(file.path)}&label=${encodeURIComponent('写真.png')}`);
    assert.equal(download.status, 200);
  });
});

describe('Rakuten simulator: upload and download', () => {
  async function upload(h: ReturnType<typeof harness>, files: { name: string; bytes: Uint8Array; type?: string }[]) {
    const form = new FormData();
    for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'image/png' }), f.name);
    return answer(await h.raw('/attachment', { method: 'POST', body: form }));
  }

  it('stores the last file of several and answers 201 with label and path', async () => {
    const h = harness();
    const [status, body] = await upload(h, [
      { name: 'first.png', bytes: PNG_1x1 },
      { name: 'second.gif', bytes: PNG_1x1, type: 'image/gif' },
    ]);
    assert.equal(status, 201);
    const result = (body as { result: { label: string; path: string } }).result;
    assert.equal(result.label, 'second.gif');
    assert.match(result.path, /^2026\/11\/20\/373343\/120000_[0-9a-f]{32}$/);
    assert.equal(h.sim.control.store(SHOP_ID).fileCount, 1);
  });

  it('over 5 MB answers 413 GF0003 in the gateway shape; the client calls it rejected', async () => {
    const h = harness();
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    assert.deepEqual(await upload(h, [{ name: 'big.png', bytes: big }]), [
      413,
      { errors: [{ code: 'GF0003', message: 'Request entity too large' }] },
    ]);
    await assert.rejects(
      () => h.client.uploadAttachment('x', { name: 'big.png', contentType: 'image/png', bytes: big }),
      (e: unknown) => e instanceof MallError && e.kind === 'rejected' && e.details.mallCode === 'GF0003' && e.details.status === 413,
    );
  });

  it('an empty upload, a name over 100 characters and a wrong type are IE001 on `file`', async () => {
    const h = harness();
    assert.deepEqual(await upload(h, [{ name: 'empty.png', bytes: new Uint8Array(0) }]), [
      400,
      { error: { code: 'IE001', message: 'bad parameter', targets: { file: 'attachment file is empty.' } } },
    ]);
    assert.deepEqual(await upload(h, [{ name: `${'n'.repeat(97)}.png`, bytes: PNG_1x1 }]), [
      400,
      { error: { code: 'IE001', message: 'bad parameter', targets: { file: 'too long attachment file name.' } } },
    ]);
    assert.equal((await upload(h, [{ name: 'script.exe', bytes: PNG_1x1, type: 'application/octet-stream' }]))[0], 400);
    const none = await answer(await h.raw('/attachment', { method: 'POST', body: new FormData() }));
    assert.equal(none[0], 400);
  });

  it('download needs both path and label and answers the file with its type', async () => {
    const h = harness();
    const file = h.sim.control.addFile(SHOP_ID, { label: 'a.png', contentType: 'image/png', bytes: PNG_1x1 });
    assert.equal((await h.raw(`/attachment?path=${encodeURIComponent(file.path)}`)).status, 400);
    assert.equal((await h.raw(`/attachment?path=${encodeURIComponent(file.path)}&label=b.png`)).status, 404);
    const ok = await h.raw(`/attachment?path=${encodeURIComponent(file.path)}&label=a.png`);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-type'), 'image/png');
    assert.deepEqual(new Uint8Array(await ok.arrayBuffer()), PNG_1x1);
  });
});

describe('Rakuten simulator: licence expiry endpoint', () => {
  it('answers the expiry of a key of the calling store, needs licenseKey, and accepts either JSON Content-Type spacing', async () => {
    const h = harness();
    const at = new Date('2027-02-01T00:00:00Z');
    h.sim.control.setLicenceExpiry('SL373343_9fKe1TestLicence', at);
    const ok = await h.raw('/es/1.0/license-management/license-key/expiry-date?licenseKey=SL373343_9fKe1TestLicence', {
      headers: { 'Content-Type': 'application/json;charset=utf-8' },
    });
    assert.deepEqual(await answer(ok), [200, { expiryDate: '2027-02-01T09:00:00+09:00' }]);
    assert.equal((await h.raw('/es/1.0/license-management/license-key/expiry-date')).status, 400);
    assert.equal((await h.raw('/es/1.0/license-management/license-key/expiry-date?licenseKey=SLunknown')).status, 404);
  });
});

describe('Rakuten simulator: bulk state changes', () => {
  it('accepts at most 20 numbers and checks each', async () => {
    const h = harness();
    const many = Array.from({ length: 21 }, (_, i) => `${SHOP_ID}-20261120-${String(i).padStart(8, '0')}a`);
    const patch = (body: unknown) => h.raw('/inquiries/complete', { method: 'PATCH', body: JSON.stringify(body) });
    assert.equal((await patch({ inquiryNumbers: many })).status, 400);
    assert.deepEqual(await answer(await patch({ inquiryNumbers: [''] })), [
      400,
      { error: { code: 'IE001', message: 'bad parameter', targets: { 'inquiryNumbers[]': 'must not be blank' } } },
    ]);
    assert.deepEqual(await answer(await patch({ inquiryNumbers: ['a_b'] })), [
      400,
      { error: { code: 'IE001', message: 'bad parameter', targets: { 'inquiryNumbers[]': 'must match "^[0-9a-zA-Z-]+$"' } } },
    ]);
  });

  it('answers 200 with ok and error lists', async () => {
    const h = harness();
    const a = h.sim.control.addInquiry(SHOP_ID, { userName: 'x', message: 'y' }).inquiryNumber;
    const b = h.sim.control.addInquiry(SHOP_ID, { userName: 'x', message: 'z', isCompleted: true }).inquiryNumber;
    const missing = `${SHOP_ID}-20261120-00000000a`;
    const [status, body] = await answer(
      await h.raw('/inquiries/complete', { method: 'PATCH', body: JSON.stringify({ inquiryNumbers: [a, b, missing] }) }),
    );
    assert.equal(status, 200);
    assert.deepEqual(body, {
      result: {
        ok: [a],
        error: [
          { inquiryNumber: b, errorMessage: 'already set value as specified' },
          { inquiryNumber: missing, errorMessage: 'not found.' },
        ],
      },
    });
  });

  it("another store's inquiry is not found", async () => {
    const h = harness();
    h.sim.control.addStore({ shopId: 111111, serviceSecret: 'SPother', licenseKey: 'SLother' });
    const other = h.sim.control.addInquiry(111111, { userName: 'x', message: 'y' }).inquiryNumber;
    assert.equal((await h.raw(`/inquiry/${other}`)).status, 404);
    assert.equal(await h.client.get(other), null);
    const [, body] = await answer(await h.raw('/inquiries/read', { method: 'PATCH', body: JSON.stringify({ inquiryNumbers: [other] }) }));
    assert.deepEqual(body, { result: { ok: [], error: [{ inquiryNumber: other, errorMessage: 'not found.' }] } });
  });
});

describe('Rakuten client: error decoding', () => {
  const h = new Headers({ 'Retry-After': '3' });
  const decode = (status: number, body: unknown, write = false) => decodeRakutenError(status, h, JSON.stringify(body), write, T0);

  it('maps both shapes and every status to a kind', () => {
    assert.equal(decode(401, GA0001).kind, 'auth');
    assert.equal(decode(409, { error: { code: 'IE000', message: 'データ重複のため登録できませんでした' } }).kind, 'conflict');
    assert.equal(decode(404, {}).kind, 'not_found');
    assert.equal(decode(413, { errors: [{ code: 'GF0003', message: 'Request entity too large' }] }).kind, 'rejected');
    assert.equal(decode(400, { error: { code: 'IE000', message: '400 Bad Request' } }).kind, 'rejected');
    const limited = decode(429, { errors: [{ code: 'x', message: 'Too Many Requests' }] });
    assert.equal(limited.kind, 'rate_limited');
    assert.equal(limited.details.retryAfterMs, 3000);
    assert.equal(decode(400, { errors: [{ code: 'GA9999', message: 'Rate limit exceeded' }] }).kind, 'rate_limited');
    assert.equal(decode(400, { error: { code: 'IE001', message: 'separate values are inaccurate' } }).kind, 'rejected');
    assert.equal(decode(503, {}, true).details.ambiguous, true);
    assert.equal(decode(500, {}, false).details.ambiguous, undefined);
    assert.equal(decode(500, {}, false).kind, 'unavailable');
    const withTargets = decode(400, { error: { code: 'IE001', message: 'bad parameter', targets: { 'attachments[0].label': 'size must be between 1 and 100' } } });
    assert.equal(withTargets.message, 'Rakuten 400 IE001: bad parameter (attachments[0].label: size must be between 1 and 100)');
    assert.equal(decodeRakutenError(502, h, '<html>bad gateway</html>', true, T0).kind, 'unavailable');
  });
});
