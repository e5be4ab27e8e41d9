/** Registers <goq-reply-composer>. */
import { defineElement } from '../core/define.ts';
import { GoqReplyComposer } from './reply-composer.ts';

defineElement('goq-reply-composer', GoqReplyComposer);

export { GoqReplyComposer };
declare global {
  interface HTMLElementTagNameMap {
    'goq-reply-composer': GoqReplyComposer;
  }
}
