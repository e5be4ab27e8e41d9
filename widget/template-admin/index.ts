/** Registers <goq-template-admin> (and <goq-inquiry-config>). */
import '../config/index.ts';
import { defineElement } from '../core/define.ts';
import { GoqTemplateAdmin } from './template-admin.ts';

defineElement('goq-template-admin', GoqTemplateAdmin);

export { GoqTemplateAdmin };
declare global {
  interface HTMLElementTagNameMap {
    'goq-template-admin': GoqTemplateAdmin;
  }
  interface HTMLElementEventMap {
    'goq-template-saved': CustomEvent<{ template: import('../../shared/api.ts').Template }>;
    'goq-template-deleted': CustomEvent<{ id: string }>;
  }
}
