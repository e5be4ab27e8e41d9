import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../widget/panel/index.ts';
import type { GoqInquiryPanel } from '../../../widget/panel/panel.ts';
import { deepQueryAll, deepText, dropEvents, failNext, minutesAgo, newShop, recordInquiry, shopWithInquiry, testServer, uniqueOrderId } from '../support/helpers.ts';

async function renderPanel(attrs: { apiBase: string; token: string; orderId: string; inquiryUrl?: string }) {
  const el = await fixture<GoqInquiryPanel>(html`<goq-inquiry-panel
    api-base=${attrs.apiBase}
    token=${attrs.token}
    order-id=${attrs.orderId}
    inquiry-url=${attrs.inquiryUrl ?? ''}
  ></goq-inquiry-panel>`);
  return el;
}

/** Waits until the panel shows a loaded state (history, notice or error). */
async function settled(el: GoqInquiryPanel): Promise<void> {
  await waitUntil(
    () => el.shadowRoot!.querySelector('article, .notice, [role="alert"]') !== null,
    'the panel never left its loading state',
    { timeout: 8000 },
  );
}

function openButtons(el: GoqInquiryPanel): HTMLButtonElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[part="open-button"]')];
}

describe('<goq-inquiry-panel>', () => {
  it('shows the order history as a thread: mall, status, subject, sender, JST time, text kept as text, attachments', async () => {
    const { url } = await testServer();
    const { shopId, token } = await newShop();
    const orderId = uniqueOrderId();
    await recordInquiry(shopId, {
      mall: 'rakuten',
      orderId,
      subject: '配送日時の変更について',
      customerName: '佐藤 美咲',
      itemName: '有機ほうじ茶',
      messages: [
        {
          sender: 'customer',
          body: '配送日を変更したいです。\n<b>土曜日</b>の午前でお願いします。',
          sentAt: '2026-11-20T01:30:00.000Z',
          attachments: [{ name: '地図.png', contentType: 'image/png', base64: btoa('x'.repeat(2048)) }],
        },
        { sender: 'shop', body: '承知しました。', sentAt: '2026-11-20T02:00:00.000Z' },
      ],
    });

    const el = await renderPanel({ apiBase: url, token, orderId });
    expect(el.shadowRoot!.textContent).to.include('お問い合わせ履歴');
    await settled(el);
    const text = deepText(el);
    expect(text).to.include('お問い合わせ履歴');
    expect(text).to.include('楽天市場');
    expect(text).to.include('返信済み');
    expect(text).to.include('配送日時の変更について');
    expect(text).to.include('佐藤 美咲');
    expect(text).to.include('お客様');
    // 01:30 UTC is 10:30 in Japan
    expect(text).to.include('2026/11/20 10:30');
    // the body is text: the tag is shown, not rendered, and its line break is kept
    const bodies = deepQueryAll(el, '[part~="body"]');
    expect(bodies[0]!.textContent).to.equal('配送日を変更したいです。\n<b>土曜日</b>の午前でお願いします。');
    expect(deepQueryAll(el, '[part~="body"] b')).to.have.length(0);
    expect(getComputedStyle(bodies[0]!).whiteSpace).to.equal('pre-wrap');
    const links = deepQueryAll<HTMLAnchorElement>(el, '[part~="attachments"] a');
    expect(links).to.have.length(1);
    expect(links[0]!.textContent).to.include('地図.png');
    expect(deepText(links[0]!.parentElement!)).to.include('2 KB');
    expect(openButtons(el)).to.have.length(1);
    expect(openButtons(el)[0]!.textContent!.trim()).to.equal('お問い合わせ詳細へ');
    await expect(el).to.be.accessible();
  });

  it('shows 注文者からのメッセージはありません and no button for an order without inquiries, or without a customer message', async () => {
    const { url } = await testServer();
    const { shopId, token } = await newShop();

    const none = await renderPanel({ apiBase: url, token, orderId: uniqueOrderId() });
    await settled(none);
    expect(deepText(none)).to.include('注文者からのメッセージはありません');
    expect(openButtons(none)).to.have.length(0);
    await expect(none).to.be.accessible();

    const orderId = uniqueOrderId();
    await recordInquiry(shopId, {
      mall: 'rakuten',
      orderId,
      subject: '発送のお知らせ',
      customerName: '鈴木 一郎',
      messages: [{ sender: 'shop', body: '本日発送いたしました。', sentAt: minutesAgo(30) }],
    });
    const shopOnly = await renderPanel({ apiBase: url, token, orderId });
    await settled(shopOnly);
    expect(deepText(shopOnly)).to.include('注文者からのメッセージはありません');
    expect(openButtons(shopOnly)).to.have.length(0);
  });

  it('fires a cancelable goq-open-inquiry, and navigates to inquiry-url with {id} replaced when not cancelled', async () => {
    const { url } = await testServer();
    const { token, orderId } = await shopWithInquiry({ subject: '在庫について', customerName: '高橋 由美', body: '在庫はありますか？', sentMinutesAgo: 10 });
    const el = await renderPanel({ apiBase: url, token, orderId, inquiryUrl: '#inquiry={id}' });
    await settled(el);
    const startHash = location.hash;

    // a single-page host routes itself: cancelling keeps the page where it is
    const cancel = (e: Event) => e.preventDefault();
    el.addEventListener('goq-open-inquiry', cancel);
    setTimeout(() => openButtons(el)[0]!.click());
    const event = (await oneEvent(el, 'goq-open-inquiry')) as CustomEvent<{ id: string; url: string }>;
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(event.cancelable).to.equal(true);
    expect(event.detail.id).to.be.a('string').and.not.empty;
    expect(event.detail.url).to.equal(`#inquiry=${event.detail.id}`);
    await new Promise((r) => setTimeout(r, 50));
    expect(location.hash).to.equal(startHash);
    el.removeEventListener('goq-open-inquiry', cancel);

    // not cancelled: the browser goes to the inquiry's URL
    openButtons(el)[0]!.click();
    await waitUntil(() => location.hash === `#inquiry=${event.detail.id}`, 'did not navigate');
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('shows the Rakuten customer name and never a Yahoo! one', async () => {
    const { url } = await testServer();
    const { shopId, token } = await newShop();
    const orderId = uniqueOrderId();
    await recordInquiry(shopId, {
      mall: 'yahoo',
      orderId,
      subject: 'まな板のサイズについて',
      // even if a name reached the server, the widget must not show it for Yahoo!
      customerName: '伊藤 直子',
      messages: [{ sender: 'customer', body: 'サイズを教えてください。', sentAt: minutesAgo(20) }],
    });
    await recordInquiry(shopId, {
      mall: 'rakuten',
      orderId,
      subject: 'ラッピングについて',
      customerName: '田中 健太',
      messages: [{ sender: 'customer', body: 'ギフト包装できますか？', sentAt: minutesAgo(5) }],
    });
    const el = await renderPanel({ apiBase: url, token, orderId });
    await waitUntil(() => el.shadowRoot!.querySelectorAll('article').length === 2, 'two inquiries', { timeout: 8000 });
    const text = deepText(el);
    expect(text).to.include('Yahoo!ショッピング');
    expect(text).to.include('まな板のサイズについて');
    expect(text).not.to.include('伊藤');
    expect(text).to.include('田中 健太');
    const yahoo = [...el.shadowRoot!.querySelectorAll('article')].find((a) => a.textContent!.includes('まな板'))!;
    expect(deepText(yahoo)).to.include('お客様');
  });

  it('shows an error with a retry button instead of a blank box, and loads on retry', async () => {
    const { faultUrl } = await testServer();
    const { token, orderId } = await shopWithInquiry({ subject: '返品について', customerName: '山本 彩', body: '返品できますか？', sentMinutesAgo: 3 });
    await failNext(1);
    const el = await renderPanel({ apiBase: faultUrl, token, orderId });
    await settled(el);
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert, 'error state').to.exist;
    expect(alert.textContent).to.include('お問い合わせ履歴を読み込めませんでした');
    expect(alert.textContent).to.include('サーバーでエラーが発生しました');
    await expect(el).to.be.accessible();
    const retry = alert.querySelector('button')!;
    expect(retry.textContent!.trim()).to.equal('再試行');
    retry.click();
    await waitUntil(() => el.shadowRoot!.querySelector('article') !== null, 'loaded after retry', { timeout: 8000 });
    expect(deepText(el)).to.include('返品について');
  });

  it('updates itself when the server announces a change to one of its inquiries', async () => {
    const { url } = await testServer();
    const shop = await shopWithInquiry({ subject: '到着日について', customerName: '渡辺 翔', body: 'いつ届きますか？', sentMinutesAgo: 9 });
    const el = await renderPanel({ apiBase: url, token: shop.token, orderId: shop.orderId });
    await settled(el);
    expect(deepText(el)).not.to.include('追伸');
    // give the event stream a moment to connect, then a follow-up arrives from the mall
    await new Promise((r) => setTimeout(r, 500));
    await shop.followUp('追伸：午前着希望です。');
    await waitUntil(() => deepText(el).includes('追伸：午前着希望です。'), 'the follow-up never appeared', { timeout: 8000 });
  });

  it('loads again when the event stream comes back after a drop (changes meanwhile were missed)', async () => {
    const { faultUrl } = await testServer();
    const shop = await shopWithInquiry({ subject: '領収書について', customerName: '小林 誠', body: '領収書をお願いします。', sentMinutesAgo: 9 });
    const el = await renderPanel({ apiBase: faultUrl, token: shop.token, orderId: shop.orderId });
    await settled(el);
    await new Promise((r) => setTimeout(r, 500));
    await dropEvents(1500);
    // announced while no stream is open: only a reload after reconnecting can show it
    await shop.followUp('宛名は株式会社でお願いします。');
    await new Promise((r) => setTimeout(r, 300));
    expect(deepText(el)).not.to.include('宛名は株式会社');
    await waitUntil(() => deepText(el).includes('宛名は株式会社でお願いします。'), 'not reloaded after reconnecting', { timeout: 12000 });
  });

  it('keeps listening after it is moved in the page', async () => {
    const { url } = await testServer();
    const shop = await shopWithInquiry({ subject: '包装について', customerName: '中村 さくら', body: '包装できますか？', sentMinutesAgo: 9 });
    const el = await renderPanel({ apiBase: url, token: shop.token, orderId: shop.orderId });
    await settled(el);
    const parent = el.parentElement!;
    el.remove();
    const box = document.createElement('div');
    parent.append(box);
    box.append(el);
    await new Promise((r) => setTimeout(r, 500));
    await shop.followUp('のし紙もお願いします。');
    await waitUntil(() => deepText(el).includes('のし紙もお願いします。'), 'no update after the move', { timeout: 8000 });
  });

  it('speaks English with lang="en"', async () => {
    const { url } = await testServer();
    const { token } = await newShop();
    const el = await fixture<GoqInquiryPanel>(html`<goq-inquiry-panel lang="en" api-base=${url} token=${token} order-id="none"></goq-inquiry-panel>`);
    await settled(el);
    expect(deepText(el)).to.include('Inquiry history');
    expect(deepText(el)).to.include('No messages from the orderer');
  });
});
