/** Registers <goq-inquiry-config>. */
import { CONFIG_TAG, GoqInquiryConfig } from '../core/config.ts';
import { defineElement } from '../core/define.ts';

defineElement(CONFIG_TAG, GoqInquiryConfig);

export { GoqInquiryConfig };
declare global {
  interface HTMLElementTagNameMap {
    'goq-inquiry-config': GoqInquiryConfig;
  }
}
