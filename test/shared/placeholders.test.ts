import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPlaceholders, findUnknownPlaceholders, ordererNameFor, renderPlaceholders } from '../../shared/placeholders.ts';

const values = { storeName: 'GoQ雑貨店 楽天市場店', staffName: '佐藤', phone: '03-1234-5678', email: 'shop@example.jp' };

test('the manual example is filled in', () => {
  const out = renderPlaceholders('[出店モール店舗名]の[担当者名]です。\nこの度はご注文いただきありがとうございます！', values);
  assert.equal(out.text, 'GoQ雑貨店 楽天市場店の佐藤です。\nこの度はご注文いただきありがとうございます！');
  assert.deepEqual(out.unknown, []);
  assert.deepEqual(out.empty, []);
});

test('every placeholder, each as often as it stands', () => {
  const out = renderPlaceholders('[店舗電話番号] / [店舗メールアドレス] / [店舗電話番号]', values);
  assert.equal(out.text, '03-1234-5678 / shop@example.jp / 03-1234-5678');
});

test('unknown bracketed tokens stay as written and are reported once', () => {
  const out = renderPlaceholders('[担当者名]です。[注文番号]と[注文番号]、[お客様名]', values);
  assert.equal(out.text, '佐藤です。[注文番号]と[注文番号]、[お客様名]');
  assert.deepEqual(out.unknown, ['[注文番号]', '[お客様名]']);
});

test('a placeholder without a value stays visible and is reported as empty', () => {
  const out = renderPlaceholders('TEL: [店舗電話番号]', { ...values, phone: '' });
  assert.equal(out.text, 'TEL: [店舗電話番号]');
  assert.deepEqual(out.empty, ['[店舗電話番号]']);
});

test('full-width brackets are ordinary text', () => {
  assert.deepEqual(findUnknownPlaceholders('【重要】ご確認ください'), []);
});

test('the composer finds unknown and unfilled tokens in edited text', () => {
  assert.deepEqual(findUnknownPlaceholders('[担当者名] [住所]'), ['[住所]']);
  assert.deepEqual(findPlaceholders('[担当者名] [住所]'), ['[担当者名]']);
});

test('[注文者名] is the customer on Rakuten and お客様 on Yahoo!; [受注番号] is the order or nothing', () => {
  const base = { storeName: 'S', staffName: '鈴木', phone: '', email: '' };
  const rakuten = renderPlaceholders('[注文者名]様 [受注番号]', { ...base, ordererName: ordererNameFor('rakuten', '山田 太郎'), orderNumber: '373343-20261120-0000123' });
  assert.equal(rakuten.text, '山田 太郎様 373343-20261120-0000123');
  const yahoo = renderPlaceholders('[注文者名]', { ...base, ordererName: ordererNameFor('yahoo', 'masked') });
  assert.equal(yahoo.text, 'お客様');
  const none = renderPlaceholders('受注番号:[受注番号]。', { ...base, ordererName: ordererNameFor('rakuten', null) });
  assert.equal(none.text, '受注番号:。');
  assert.deepEqual(none.empty, []);
});
