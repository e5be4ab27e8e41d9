/** Registers <goq-inquiry-inbox> and the parts it is built from (the thread view comes from widget/thread/). */
import '../config/index.ts';
import '../thread/index.ts';
import { defineElement } from '../core/define.ts';
import { GoqAttachmentPicker } from './attachment-picker.ts';
import { GoqInquiryInbox } from './inbox.ts';
import { GoqInquiryList } from './inquiry-list.ts';
import { GoqMallHealthBanner } from './mall-health-banner.ts';
import { GoqReplyComposer } from './reply-composer.ts';
import { GoqTemplatePicker } from './template-picker.ts';

defineElement('goq-attachment-picker', GoqAttachmentPicker);
defineElement('goq-template-picker', GoqTemplatePicker);
defineElement('goq-reply-composer', GoqReplyComposer);
defineElement('goq-inquiry-list', GoqInquiryList);
defineElement('goq-mall-health-banner', GoqMallHealthBanner);
defineElement('goq-inquiry-inbox', GoqInquiryInbox);

export { GoqAttachmentPicker, GoqInquiryInbox, GoqInquiryList, GoqMallHealthBanner, GoqReplyComposer, GoqTemplatePicker };

declare global {
  interface HTMLElementTagNameMap {
    'goq-inquiry-inbox': GoqInquiryInbox;
    'goq-inquiry-list': GoqInquiryList;
    'goq-reply-composer': GoqReplyComposer;
    'goq-template-picker': GoqTemplatePicker;
    'goq-attachment-picker': GoqAttachmentPicker;
    'goq-mall-health-banner': GoqMallHealthBanner;
  }
}
