import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { defineElement } from '../../../widget/core/define.ts';
import '../../../widget/panel/index.ts';
import '../../../widget/template-admin/index.ts';
import { GoqInquiryPanel } from '../../../widget/panel/panel.ts';
import { deepText, newShop, testServer } from '../support/helpers.ts';

describe('registration and configuration', () => {
  it('tolerates the element modules loading twice', async () => {
    // a second copy of each entry module (a different URL is a different module instance)
    await import(`../../../widget/panel/index.ts?again=${Date.now()}`);
    await import(`../../../widget/template-admin/index.ts?again=${Date.now()}`);
    await import(`../../../widget/config/index.ts?again=${Date.now()}`);
    expect(() => defineElement('goq-inquiry-panel', class extends GoqInquiryPanel {})).not.to.throw();
    expect(customElements.get('goq-inquiry-panel')).to.equal(GoqInquiryPanel);
  });

  it('reads api-base, token and lang from an enclosing <goq-inquiry-config>, across shadow roots', async () => {
    const { url } = await testServer();
    const { token } = await newShop();
    const host = await fixture<HTMLElement>(html`<goq-inquiry-config api-base=${url} token=${token} lang="en">
      <div id="host"></div>
    </goq-inquiry-config>`);
    // the panel sits inside another component's shadow root
    const inner = host.querySelector('#host')!.attachShadow({ mode: 'open' });
    inner.innerHTML = '<goq-inquiry-panel order-id="no-such-order"></goq-inquiry-panel>';
    const panel = inner.querySelector('goq-inquiry-panel')!;
    await waitUntil(() => deepText(panel).includes('No messages from the orderer'), 'config not applied', { timeout: 8000 });
    expect(getComputedStyle(host).display).to.equal('contents');
  });

  it('prefers the element\'s own attributes over the config element', async () => {
    const { url } = await testServer();
    const { token } = await newShop();
    const host = await fixture<HTMLElement>(html`<goq-inquiry-config api-base="http://127.0.0.1:9" token="wrong" lang="en">
      <goq-inquiry-panel api-base=${url} token=${token} lang="ja" order-id="no-such-order"></goq-inquiry-panel>
    </goq-inquiry-config>`);
    const panel = host.querySelector('goq-inquiry-panel')!;
    await waitUntil(() => deepText(panel).includes('注文者からのメッセージはありません'), 'own attributes not used', { timeout: 8000 });
  });
});
