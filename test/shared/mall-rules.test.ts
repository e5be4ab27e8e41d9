import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReply, charCount } from '../../shared/mall-rules.ts';

const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

test('a plain reply passes on both malls', () => {
  assert.deepEqual(checkReply('rakuten', 'お問い合わせありがとうございます。', []), []);
  assert.deepEqual(checkReply('yahoo', 'お問い合わせありがとうございます。', []), []);
});

test('an empty or blank reply is refused', () => {
  assert.deepEqual(codes(checkReply('rakuten', '  \n ', [])), ['body_empty']);
  assert.deepEqual(codes(checkReply('yahoo', '', [])), ['body_empty']);
});

test('2,000 characters pass, 2,001 do not, counted as code points', () => {
  const lines = (n: number) => `${'あ'.repeat(99)}\n`.repeat(25).slice(0, n);
  assert.equal(charCount(lines(2000)), 2000);
  assert.deepEqual(checkReply('rakuten', lines(2000), []), []);
  assert.deepEqual(codes(checkReply('rakuten', lines(2001), [])), ['body_too_long']);
  assert.deepEqual(codes(checkReply('yahoo', '𠮷'.repeat(2000), [])), []);
  assert.deepEqual(codes(checkReply('yahoo', '𠮷'.repeat(2001), [])), ['body_too_long']);
});

test('Rakuten: at most 300 characters per line; Yahoo! sets no such limit', () => {
  assert.deepEqual(checkReply('rakuten', 'あ'.repeat(300), []), []);
  assert.deepEqual(codes(checkReply('rakuten', `ok\n${'あ'.repeat(301)}`, [])), ['line_too_long']);
  assert.deepEqual(checkReply('yahoo', 'あ'.repeat(301), []), []);
});

test('Rakuten: only https links on the allowed domains', () => {
  assert.deepEqual(checkReply('rakuten', 'https://www.rakuten.co.jp/shop/ をご覧ください', []), []);
  assert.deepEqual(checkReply('rakuten', 'https://faq.rakuten.net/detail', []), []);
  assert.deepEqual(codes(checkReply('rakuten', 'http://www.rakuten.co.jp/', [])), ['link_not_allowed']);
  assert.deepEqual(codes(checkReply('rakuten', 'https://example.com/', [])), ['link_not_allowed']);
  assert.deepEqual(codes(checkReply('rakuten', 'https://rakuten.co.jp.evil.example/', [])), ['link_not_allowed']);
  assert.deepEqual(checkReply('yahoo', 'https://example.com/', []), []);
});

test('Rakuten: one attachment of png/jpg/gif/pdf, at most 5 MB, name at most 100 characters', () => {
  const ok = { name: '納品書.pdf', size: 1000 };
  assert.deepEqual(checkReply('rakuten', '添付します', [ok]), []);
  assert.deepEqual(codes(checkReply('rakuten', '添付します', [ok, ok])), ['too_many_attachments']);
  assert.deepEqual(codes(checkReply('rakuten', '添付します', [{ name: 'a.exe', size: 10 }])), ['attachment_type_not_allowed']);
  assert.deepEqual(codes(checkReply('rakuten', '添付します', [{ name: 'a.png', size: 5 * 1024 * 1024 + 1 }])), ['attachment_too_large']);
  assert.deepEqual(checkReply('rakuten', '添付します', [{ name: 'a.png', size: 5 * 1024 * 1024 }]), []);
  assert.deepEqual(codes(checkReply('rakuten', '添付します', [{ name: `${'a'.repeat(97)}.png`, size: 1 }])), ['attachment_name_too_long']);
  assert.deepEqual(checkReply('rakuten', '添付します', [{ name: `${'a'.repeat(96)}.png`, size: 1 }]), []);
});

test('every problem found is reported, each with its code', () => {
  const problems = checkReply('rakuten', `${'あ'.repeat(301)} http://x.example`, [{ name: 'a.exe', size: 0 }]);
  assert.deepEqual(codes(problems).sort(), ['attachment_empty', 'attachment_type_not_allowed', 'line_too_long', 'link_not_allowed']);
});
