/** Registers <goq-inquiry-inbox> and the elements it is built from (thread, reply composer). */
import '../config/index.ts';
import '../thread/index.ts';
import { defineElement } from '../core/define.ts';
import { GoqReplyComposer } from '../reply-composer/reply-composer.ts';
import { GoqInquiryInbox } from './inbox.ts';
import '../reply-composer/index.ts';

defineElement('goq-inquiry-inbox', GoqInquiryInbox);

export { GoqInquiryInbox, GoqReplyComposer };

declare global {
  interface HTMLElementTagNameMap {
    'goq-inquiry-inbox': GoqInquiryInbox;
  }
}
