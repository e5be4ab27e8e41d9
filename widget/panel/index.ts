/** Registers <goq-inquiry-panel> (and the <goq-thread> and <goq-inquiry-config> it uses). */
import '../config/index.ts';
import '../thread/index.ts';
import { defineElement } from '../core/define.ts';
import { GoqInquiryPanel } from './panel.ts';

defineElement('goq-inquiry-panel', GoqInquiryPanel);

export { GoqInquiryPanel };
declare global {
  interface HTMLElementTagNameMap {
    'goq-inquiry-panel': GoqInquiryPanel;
  }
}
