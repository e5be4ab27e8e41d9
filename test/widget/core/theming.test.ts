import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../widget/panel/index.ts';
import type { GoqInquiryPanel } from '../../../widget/panel/panel.ts';
import { shopWithInquiry, testServer } from '../support/helpers.ts';

describe('theming', () => {
  it('takes --goq-* custom properties from any ancestor and styles exposed parts', async () => {
    const { url } = await testServer();
    const { token, orderId } = await shopWithInquiry({ subject: 'テーマ', customerName: '松本 亮', body: 'こんにちは', sentMinutesAgo: 1 });
    const host = await fixture<HTMLElement>(html`<div style="--goq-color-accent: rgb(1, 2, 3); --goq-radius: 0px">
      <style>
        goq-inquiry-panel::part(heading) { color: rgb(9, 8, 7); }
        goq-inquiry-panel::part(body) { font-style: italic; }
      </style>
      <goq-inquiry-panel api-base=${url} token=${token} order-id=${orderId}></goq-inquiry-panel>
    </div>`);
    const panel = host.querySelector<GoqInquiryPanel>('goq-inquiry-panel')!;
    await waitUntil(() => panel.shadowRoot!.querySelector('[part="open-button"]'), 'not loaded', { timeout: 8000 });
    const button = panel.shadowRoot!.querySelector('[part="open-button"]')!;
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(button).borderTopLeftRadius).to.equal('0px');
    expect(getComputedStyle(panel.shadowRoot!.querySelector('[part="heading"]')!).color).to.equal('rgb(9, 8, 7)');
    // parts of the nested thread are exported through the panel
    const thread = panel.shadowRoot!.querySelector('goq-thread')!;
    await waitUntil(() => thread.shadowRoot!.querySelector('[part~="body"]'), 'thread not rendered');
    expect(getComputedStyle(thread.shadowRoot!.querySelector('[part~="body"]')!).fontStyle).to.equal('italic');
  });
});
