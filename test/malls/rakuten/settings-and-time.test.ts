/**
 * The Rakuten settings (defaults, environment, refusals) and the two JST datetime forms.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRmsDateTime, parseRmsRequestDateTime, toRmsDateTime, toRmsRequestDateTime } from '../../../server/malls/rakuten/jst-time.ts';
import { subjectOf, toMallInquiry } from '../../../server/malls/rakuten/mapping.ts';
import { RAKUTEN_DEFAULT_SETTINGS, rakutenSettingsFromEnv } from '../../../server/malls/rakuten/settings.ts';

describe('Rakuten settings', () => {
  it('defaults follow the references', () => {
    const s = rakutenSettingsFromEnv({});
    assert.equal(s.rakutenBaseUrl, 'https://api.rms.rakuten.co.jp/es/1.0/inquirymng-api');
    assert.equal(s.rakutenLicenseBaseUrl, 'https://api.rms.rakuten.co.jp/es/1.0/license-management');
    assert.equal(s.rakutenListWindowDays, 30);
    assert.equal(s.rakutenReplyShopIdAsString, true);
    assert.equal(s.rakutenBulkMaxNumbers, 20);
    assert.deepEqual(s, { ...RAKUTEN_DEFAULT_SETTINGS, rakutenUserActionNotificationValueNames: { ...RAKUTEN_DEFAULT_SETTINGS.rakutenUserActionNotificationValueNames } });
  });

  it('reads the environment, and overrides win over it', () => {
    const s = rakutenSettingsFromEnv(
      {
        GOQ_RAKUTEN_BASE_URL: 'http://127.0.0.1:8788/es/1.0/inquirymng-api',
        GOQ_RAKUTEN_LICENSE_BASE_URL: 'http://127.0.0.1:8788/es/1.0/license-management',
        GOQ_RAKUTEN_LIST_WINDOW_DAYS: '31',
        GOQ_RAKUTEN_REPLY_SHOP_ID_AS_STRING: 'false',
        GOQ_RAKUTEN_USER_ACTION_SERVICE_ID: '7100',
      },
      { rakutenListWindowDays: 7 },
    );
    assert.equal(s.rakutenBaseUrl, 'http://127.0.0.1:8788/es/1.0/inquirymng-api');
    assert.equal(s.rakutenLicenseBaseUrl, 'http://127.0.0.1:8788/es/1.0/license-management');
    assert.equal(s.rakutenListWindowDays, 7);
    assert.equal(s.rakutenReplyShopIdAsString, false);
    assert.equal(s.rakutenUserActionNotificationServiceId, '7100');
  });

  it('refuses a window over 31 days and a non-boolean switch', () => {
    assert.throws(() => rakutenSettingsFromEnv({ GOQ_RAKUTEN_LIST_WINDOW_DAYS: '32' }));
    assert.throws(() => rakutenSettingsFromEnv({ GOQ_RAKUTEN_LIST_WINDOW_DAYS: 'abc' }));
    assert.throws(() => rakutenSettingsFromEnv({ GOQ_RAKUTEN_REPLY_SHOP_ID_AS_STRING: 'maybe' }));
  });
});

describe('Rakuten datetimes', () => {
  it('requests are JST without offset, responses JST with +09:00, whatever the host zone', () => {
    const instant = new Date('2026-11-19T15:30:05Z');
    assert.equal(toRmsRequestDateTime(instant), '2026-11-20T00:30:05');
    assert.equal(toRmsDateTime(instant), '2026-11-20T00:30:05+09:00');
    assert.equal(parseRmsRequestDateTime('2026-11-20T00:30:05')!.getTime(), instant.getTime());
    assert.equal(parseRmsDateTime('2026-11-20T00:30:05+09:00').getTime(), instant.getTime());
    assert.equal(parseRmsDateTime('2026-11-20T00:30:05').getTime(), instant.getTime());
    assert.equal(parseRmsDateTime('2026-11-20').getTime(), new Date('2026-11-19T15:00:00Z').getTime());
    assert.equal(parseRmsRequestDateTime('2026-02-30T00:00:00'), null);
    assert.equal(parseRmsRequestDateTime('2026-11-20T00:00:00+09:00'), null);
    assert.throws(() => parseRmsDateTime('yesterday'));
  });
});

describe('Rakuten mapping', () => {
  it('makes a subject from type, category and item, tolerating empty parts', () => {
    assert.equal(subjectOf({ type: '店舗問い合わせ', category: '', itemName: null }), '【店舗問い合わせ】');
    assert.equal(subjectOf({ type: '商品問い合わせ', category: '再入荷・在庫', itemName: '煎茶' }), '【商品問い合わせ】再入荷・在庫 煎茶');
  });

  it('an inquiry the shop started opens with a shop message; replies are ordered by id', () => {
    const inquiry = toMallInquiry({
      inquiryNumber: '373343-20261120-00000001a',
      shopId: 373343,
      userName: '山田 花子',
      message: '発送のご確認です',
      regDate: '2026-11-20T09:00:00+09:00',
      itemUrl: null,
      itemName: null,
      itemNumber: null,
      isCompleted: false,
      completedDate: null,
      orderNumber: '373343-20261120-0000123',
      readByMerchant: true,
      attachments: [],
      replies: [
        { id: 1, message: 'b', regDate: '2026-11-20T11:00:00+09:00', replyFrom: 'merchant', isRead: false, isMessageDeleted: false, attachments: [] },
        { id: 0, message: 'a', regDate: '2026-11-20T10:00:00+09:00', replyFrom: 'user', isRead: true, isMessageDeleted: false, attachments: [] },
      ],
      category: '発送の確認・連絡',
      type: '店舗からの問い合わせ',
      isMessageDeleted: false,
      lastUpdateDate: '2026-11-20T11:00:00+09:00',
      socialGiftUserType: null,
    });
    assert.deepEqual(inquiry.messages.map((m) => [m.mallMessageId, m.sender]), [['first', 'shop'], ['0', 'customer'], ['1', 'shop']]);
  });
});
