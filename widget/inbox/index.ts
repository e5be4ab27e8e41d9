/** Registers <goq-inquiry-inbox> and the parts it is built from (the thread view comes from widget/thread/). */
import '../config/index.ts';
import '../thread/index.ts';
import { defineElement } from '../core/define.ts';
import { GoqInquiryInbox } from './inbox.ts';
import { GoqReplyComposer } from './reply-composer.ts';

defineElement('goq-reply-composer', GoqReplyComposer);
defineElement('goq-inquiry-inbox', GoqInquiryInbox);

export { GoqInquiryInbox, GoqReplyComposer };

declare global {
  interface HTMLElementTagNameMap {
    'goq-inquiry-inbox': GoqInquiryInbox;
    'goq-reply-composer': GoqReplyComposer;
  }
}
