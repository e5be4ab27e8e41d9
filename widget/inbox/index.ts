/** Registers <goq-inquiry-inbox> and the parts it is built from (the thread view comes from widget/thread/). */
import '../config/index.ts';
import '../thread/index.ts';
import { defineElement } from '../core/define.ts';
import { GoqAttachmentPicker } from './attachment-picker.ts';
import { GoqInquiryInbox } from './inbox.ts';
import { GoqReplyComposer } from './reply-composer.ts';

defineElement('goq-attachment-picker', GoqAttachmentPicker);
defineElement('goq-reply-composer', GoqReplyComposer);
defineElement('goq-inquiry-inbox', GoqInquiryInbox);

export { GoqAttachmentPicker, GoqInquiryInbox, GoqReplyComposer };

declare global {
  interface HTMLElementTagNameMap {
    'goq-inquiry-inbox': GoqInquiryInbox;
    'goq-reply-composer': GoqReplyComposer;
    'goq-attachment-picker': GoqAttachmentPicker;
  }
}
