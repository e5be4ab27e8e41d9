/** Registers <goq-shop-settings> (and <goq-inquiry-config>). */
import '../config/index.ts';
import { defineElement } from '../core/define.ts';
import { GoqShopSettings } from './shop-settings.ts';

defineElement('goq-shop-settings', GoqShopSettings);

export { GoqShopSettings };
declare global {
  interface HTMLElementTagNameMap {
    'goq-shop-settings': GoqShopSettings;
  }
}
