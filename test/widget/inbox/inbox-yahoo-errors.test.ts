/**
 * Yahoo! completion asks first, in the manual's words, and a completed Yahoo! inquiry says why there is
 * no way back; the malls' known errors are said in Japanese (what happened, what to do) in a failed
 * send's 理由 and in the health banner, the raw code only under a collapsed 詳細.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { MallAccountView, MessageView } from '../../../shared/api.ts';
import '../../../widget/thread/index.ts';
import type { GoqThread } from '../../../widget/thread/thread.ts';
import { createShop, failMessage, openInbox, openRow, root, rowSubjects, threadOf, typeInto, composerOf, textareaOf } from './inbox-helpers.ts';

const SENTENCE = 'Yahoo!の仕様上、対応完了にすると返信が必要に戻すことはできません';

describe('<goq-inquiry-inbox> Yahoo! completion', () => {
  it('[完了する] on a Yahoo! inquiry asks first; キャンセル keeps it open, [完了する] in the question completes it', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    await openRow(el, 'まな板のサイズについて');
    let completed = false;
    el.addEventListener('goq-completed', () => (completed = true));
    root(el).querySelector<HTMLButtonElement>('button.complete')!.click();
    await el.updateComplete;
    const question = root(el).querySelector('.confirm-complete[role="alertdialog"]')!;
    expect(question.textContent).to.contain(SENTENCE);
    await waitUntil(() => root(el).activeElement === question.querySelector('button.confirm'), 'the question did not take the focus');
    await new Promise((r) => setTimeout(r, 300));
    expect(completed).to.equal(false);

    question.querySelector<HTMLButtonElement>('button.cancel')!.click();
    await el.updateComplete;
    expect(root(el).querySelector('.confirm-complete')).to.equal(null);
    expect(root(el).querySelector('button.complete')!.textContent!.trim()).to.equal('完了する');

    root(el).querySelector<HTMLButtonElement>('button.complete')!.click();
    await el.updateComplete;
    setTimeout(() => root(el).querySelector<HTMLButtonElement>('.confirm-complete button.confirm')!.click());
    await oneEvent(el, 'goq-completed');
    await waitUntil(() => root(el).querySelector('button.complete')!.textContent!.trim() === '対応完了', undefined, { timeout: 5000 });
    expect(root(el).querySelector('button.reopen')).to.equal(null);
    expect(root(el).querySelector('.no-reopen')!.textContent).to.contain(SENTENCE);
    await waitUntil(() => !rowSubjects(el).includes('まな板のサイズについて'), 'still under 返信が必要', { timeout: 8000 });
  });

  it('a completed Yahoo! inquiry says why it cannot be reopened; a Rakuten one offers [返信が必要に戻す] instead', async () => {
    const shop = await createShop();
    const el = await openInbox(shop, { status: 'completed' });
    await openRow(el, '賞味期限について');
    expect(root(el).querySelector('.no-reopen')!.textContent!.trim()).to.equal(SENTENCE);
    expect(root(el).querySelector('button.reopen')).to.equal(null);
  });

  it('a Rakuten inquiry completes without the question', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    await openRow(el, 'ギフト包装はできますか');
    setTimeout(() => root(el).querySelector<HTMLButtonElement>('button.complete')!.click());
    await oneEvent(el, 'goq-completed');
    expect(root(el).querySelector('.confirm-complete')).to.equal(null);
  });
});

const failed = (id: string, failureReason: string): MessageView => ({
  id,
  sender: 'shop',
  staffName: '佐藤 次郎',
  body: 'お問い合わせありがとうございます。',
  sentAt: new Date().toISOString(),
  delivery: 'failed',
  failureReason,
  attachments: [],
});

const KNOWN: Array<{ mall: 'rakuten' | 'yahoo'; raw: string; says: string }> = [
  { mall: 'rakuten', raw: 'Rakuten 401 GA0001: Un-Authorised [GA0001] (HTTP 401)', says: '楽天RMSが認証を拒否しました' },
  { mall: 'rakuten', raw: 'Rakuten 400 IE001: bad parameter (shopId: must not be null) [IE001] (HTTP 400)', says: '楽天が送信内容を受け付けませんでした' },
  { mall: 'rakuten', raw: 'Rakuten 400 IE000: 400 Bad Request [IE000] (HTTP 400)', says: '取得件数の上限' },
  { mall: 'rakuten', raw: 'Rakuten 429: Too Many Requests (HTTP 429)', says: '楽天から呼び出し頻度の制限を受けました' },
  { mall: 'rakuten', raw: 'Rakuten 503: Service Unavailable (HTTP 503)', says: '楽天のサーバーが一時的に応答しません' },
  { mall: 'yahoo', raw: 'AccessToken has been expired. This API session is shorter than another API. [px-04102] (HTTP 401)', says: '12時間' },
  { mall: 'yahoo', raw: 'expired refresh token [invalid_grant] (HTTP 400)', says: 'Yahoo!の認証が無効です' },
  { mall: 'yahoo', raw: 'Your Request was Forbidden [px-04306] (HTTP 403)', says: 'Yahoo!が呼び出しを拒否しました' },
  { mall: 'yahoo', raw: 'Internal Server Error (HTTP 500)', says: 'Yahoo!のサーバーが一時的に応答しません' },
];

describe('mall errors in Japanese', () => {
  for (const { mall, raw, says } of KNOWN) {
    it(`送信失敗 理由 for ${mall} ${raw.slice(0, 40)}…`, async () => {
      const thread = await fixture<GoqThread>(html`<goq-thread mall=${mall} .messages=${[failed('m1', raw)]}></goq-thread>`);
      const delivery = () => thread.shadowRoot!.querySelector('.delivery')!;
      await waitUntil(() => delivery().querySelector('.reason')!.textContent!.includes(says), `not explained: ${delivery().textContent}`, { timeout: 5000 });
      const reason = delivery().querySelector('.reason')!.textContent!;
      expect(reason).to.match(/^理由: /);
      expect(reason).to.not.contain(raw);
      // the raw answer is kept, folded under 詳細
      const details = delivery().querySelector<HTMLDetailsElement>('details')!;
      expect(details.open).to.equal(false);
      expect(details.querySelector('summary')!.textContent).to.equal('詳細');
      expect(details.textContent).to.contain(raw);
    });
  }

  it('an unknown reason is shown as the mall gave it', async () => {
    const thread = await fixture<GoqThread>(html`<goq-thread mall="rakuten" .messages=${[failed('m1', '楽天: 送信先のお問い合わせは締め切られています')]}></goq-thread>`);
    await new Promise((r) => setTimeout(r, 300));
    expect(thread.shadowRoot!.querySelector('.reason')!.textContent).to.contain('楽天: 送信先のお問い合わせは締め切られています');
  });

  it('a reply the mall refused shows the sentence in the inbox, end to end', async () => {
    const shop = await createShop();
    const el = await openInbox(shop);
    await openRow(el, 'ギフト包装はできますか');
    const sent = oneEvent(el, 'goq-reply-sent') as Promise<CustomEvent<{ message: MessageView }>>;
    typeInto(textareaOf(el), 'ギフト包装・のし紙ともに承ります。');
    composerOf(el)!.shadowRoot!.querySelector<HTMLButtonElement>('button[part="send-button"]')!.click();
    const { message } = (await sent).detail;
    await failMessage(shop, message.id, 'Rakuten 401 GA0001: Un-Authorised [GA0001] (HTTP 401)');
    await waitUntil(
      () => [...threadOf(el)!.shadowRoot!.querySelectorAll('.reason')].some((r) => r.textContent!.includes('楽天RMSが認証を拒否しました')),
      'the refusal was not explained',
      { timeout: 8000 },
    );
  });

  it('the health banner says the error in Japanese and keeps the raw text under 詳細', async () => {
    const accounts: MallAccountView[] = [
      { mall: 'yahoo', configured: true, apiOption: true, health: 'error', lastSyncAt: null, lastError: { code: 'mall_rejected', message: 'Yahoo!が呼び出しを拒否しました (px-04306) Your Request was Forbidden (HTTP 403)' }, credentialExpiresAt: null, lastNotificationAt: null },
    ];
    const shop = await createShop({ accounts: [{ mall: 'yahoo', health: 'error', error: accounts[0]!.lastError! }] });
    const el = await openInbox(shop);
    const banner = () => root(el).querySelector('.health section');
    await waitUntil(() => banner() !== null, 'no banner', { timeout: 8000 });
    await waitUntil(() => banner()!.textContent!.includes('IPアドレスの登録'), 'not explained', { timeout: 5000 });
    const details = banner()!.querySelector<HTMLDetailsElement>('details')!;
    expect(details.open).to.equal(false);
    expect(details.textContent).to.contain('px-04306');
  });
});
