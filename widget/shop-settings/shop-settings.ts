import { html } from 'lit';
import { GoqElement } from '../core/goq-element.ts';

/**
 * @tagname goq-shop-settings
 * @summary The shop's settings.
 */
export class GoqShopSettings extends GoqElement {
  override render() {
    return html`<p>設定</p>`;
  }
}
