/** The inbox when the server fails: an error in place of the list, with [再試行], never a blank box. */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../widget/inbox/index.ts';
import type { GoqInquiryInbox } from '../../../widget/inbox/inbox.ts';
import { failNext, newShop, recordInquiry, testServer } from '../support/helpers.ts';
import { listLoading, root, rowSubjects } from './inbox-helpers.ts';

describe('<goq-inquiry-inbox> errors', () => {
  it('shows why the list could not load, with [再試行] that loads it', async () => {
    const server = await testServer();
    const shop = await newShop();
    await recordInquiry(shop.shopId, {
      mall: 'rakuten',
      orderId: null,
      subject: '送料について',
      customerName: '斎藤 光',
      messages: [{ sender: 'customer', body: '北海道への送料はいくらですか。', sentAt: new Date().toISOString() }],
    });
    // Every request of the first load fails: the counts, settings, templates, mall accounts and the list.
    await failNext(5);
    const el = await fixture<GoqInquiryInbox>(html`<goq-inquiry-inbox api-base=${server.faultUrl} token=${shop.token}></goq-inquiry-inbox>`);
    await waitUntil(() => root(el).querySelector('.list-pane .error'), 'no error shown', { timeout: 8000 });
    expect(root(el).querySelector('.list-pane .error')!.textContent).to.contain('一覧を読み込めませんでした。');
    const retry = root(el).querySelector<HTMLButtonElement>('.list-pane button.more')!;
    expect(retry.textContent!.trim()).to.equal('再試行');
    retry.click();
    await waitUntil(() => !listLoading(el) && rowSubjects(el).join() === '送料について', 'the retry did not load the list', { timeout: 8000 });
    expect(root(el).querySelector('.list-pane .error')).to.equal(null);
    // the count that failed with it is back too
    await waitUntil(() => root(el).querySelector('.count')?.textContent?.trim() === '1件', 'the count did not come back', { timeout: 8000 });
  });
});
