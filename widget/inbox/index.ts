/**
 * Registers <goq-inquiry-inbox> and the thread it shows. The reply composer (<goq-reply-composer>,
 * reply-composer/index.ts) is fetched when the inbox first opens an inquiry: the list alone does not need it.
 */
import '../config/index.ts';
import '../thread/index.ts';
import { defineElement } from '../core/define.ts';
import { GoqInquiryInbox } from './inbox.ts';

defineElement('goq-inquiry-inbox', GoqInquiryInbox);

export { GoqInquiryInbox };
export type { GoqReplyComposer } from '../reply-composer/index.ts';

declare global {
  interface HTMLElementTagNameMap {
    'goq-inquiry-inbox': GoqInquiryInbox;
  }
}
