/** Registers <goq-thread>. */
import { defineElement } from '../core/define.ts';
import { GoqThread } from './thread.ts';

defineElement('goq-thread', GoqThread);

export { GoqThread };
declare global {
  interface HTMLElementTagNameMap {
    'goq-thread': GoqThread;
  }
}
