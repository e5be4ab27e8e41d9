/** `url-state`: the tab, filters and open inquiry in the page URL; Back and a reload return there; without it the URL is left alone. */
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import type { GoqInquiryInbox } from '../../../widget/inbox/inbox.ts';
import { createShop, detailSubject, listLoading, openRow, root, rowSubjects, tabs, type TestShop } from '../inbox/inbox-helpers.ts';

const start = location.href;

async function inbox(shop: TestShop, urlState: boolean): Promise<GoqInquiryInbox> {
  const el = urlState
    ? await fixture<GoqInquiryInbox>(html`<goq-inquiry-inbox api-base=${shop.url} token=${shop.token} url-state></goq-inquiry-inbox>`)
    : await fixture<GoqInquiryInbox>(html`<goq-inquiry-inbox api-base=${shop.url} token=${shop.token}></goq-inquiry-inbox>`);
  await waitUntil(() => !listLoading(el) && rowSubjects(el).length > 0, 'the list did not load', { timeout: 8000 });
  return el;
}

const param = (name: string) => new URL(location.href).searchParams.get(name);

describe('<goq-inquiry-inbox url-state>', () => {
  // the inboxes go first: a connected one with url-state would write its place back
  afterEach(() => {
    fixtureCleanup();
    history.replaceState(null, '', start);
  });

  it('keeps the tab, the filters and the open inquiry in the URL; Back and a reload return to them', async () => {
    const shop = await createShop();
    const el = await inbox(shop, true);
    expect(location.href).to.equal(start);

    tabs(el)[1].click();
    await waitUntil(() => param('status') === 'replied' && !listLoading(el), 'the tab is not in the URL', { timeout: 5000 });
    await openRow(el, '急須の使い方');
    await waitUntil(() => param('inquiry') === el.inquiryId, 'the inquiry is not in the URL', { timeout: 5000 });
    const mall = root(el).querySelector<HTMLSelectElement>('select.mall-filter')!;
    mall.value = 'yahoo';
    mall.dispatchEvent(new Event('change'));
    await waitUntil(() => param('mall') === 'yahoo', 'the filter is not in the URL', { timeout: 5000 });
    const opened = el.inquiryId;
    const link = location.href;

    // Back: the inquiry closes, still on 返信済み
    history.back();
    await waitUntil(() => !param('inquiry') && el.inquiryId === '', 'Back did not close the inquiry', { timeout: 5000 });
    expect(el.status).to.equal('replied');
    history.back();
    await waitUntil(() => el.status === 'needs-reply' && tabs(el)[0].getAttribute('aria-selected') === 'true', 'Back did not return to the first tab', { timeout: 5000 });

    // a reload (a new inbox on the shared link) opens the same place
    el.remove();
    history.replaceState(null, '', link);
    const again = await inbox(shop, true);
    await waitUntil(() => detailSubject(again) === '急須の使い方', 'the inquiry did not open again', { timeout: 8000 });
    expect(again.status).to.equal('replied');
    expect(again.inquiryId).to.equal(opened);
    expect(root(again).querySelector<HTMLSelectElement>('select.mall-filter')!.value).to.equal('yahoo');
    expect(rowSubjects(again)).to.deep.equal(['急須の使い方']);
  });

  it('never touches the URL without the attribute', async () => {
    const shop = await createShop();
    const length = history.length;
    const el = await inbox(shop, false);
    tabs(el)[1].click();
    await openRow(el, '急須の使い方');
    expect(location.href).to.equal(start);
    expect(history.length).to.equal(length);
  });
});
