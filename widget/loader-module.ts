/**
 * The loader as an ES module, for a host that bundles its own front end (`import '@goq/inquiry-widgets/loader'`):
 * the same watching as goq-inquiry.js, with each element's module a dynamic import the host's bundler
 * splits off and loads when the tag first appears.
 */
import { startLoader } from './loader.ts';

startLoader({
  'goq-inquiry-config': () => import('./config/index.ts'),
  'goq-thread': () => import('./thread/index.ts'),
  'goq-inquiry-panel': () => import('./panel/index.ts'),
  'goq-inquiry-inbox': () => import('./inbox/index.ts'),
  'goq-reply-composer': () => import('./reply-composer/index.ts'),
  'goq-template-admin': () => import('./template-admin/index.ts'),
  'goq-shop-settings': () => import('./shop-settings/index.ts'),
});

// The element classes' types, and with them every tag in HTMLElementTagNameMap, for a host that imports only the loader.
export type { GoqInquiryConfig } from './config/index.ts';
export type { GoqThread } from './thread/index.ts';
export type { GoqInquiryPanel } from './panel/index.ts';
export type { GoqInquiryInbox } from './inbox/index.ts';
export type { GoqReplyComposer } from './reply-composer/index.ts';
export type { GoqTemplateAdmin } from './template-admin/index.ts';
export type { GoqShopSettings } from './shop-settings/index.ts';
export type { GoqInquiryLoader } from './loader.ts';
