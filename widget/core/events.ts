/**
 * Every `goq-*` event the elements dispatch, with its detail, typed into the DOM's event maps so a
 * host's `addEventListener('goq-…', e => e.detail…)` is checked. All go out through `emit()`:
 * bubbling and composed, so they cross the shadow roots up to the host page.
 */
import type { MallAccountView, MessageView, Problem, ShopSettings, Template } from '../../shared/api.ts';

export interface GoqEventDetails {
  /** a load or an action failed (any element) */
  'goq-error': { problem: Problem };
  /** the panel's [お問い合わせ詳細へ], cancelable */
  'goq-open-inquiry': { id: string; url: string };
  /** the inbox's [注文詳細を開く], cancelable */
  'goq-open-order': { orderId: string; url: string };
  /** the server accepted a reply (delivery `pending`) */
  'goq-reply-sent': { inquiryId: string; message: MessageView };
  'goq-completed': { inquiryId: string };
  'goq-reopened': { inquiryId: string };
  /** the thread's [再送信] on a failed message */
  'goq-retry': { messageId: string };
  'goq-template-saved': { template: Template };
  'goq-template-deleted': { id: string };
  /** the shop settings' profile was saved */
  'goq-settings-saved': { settings: ShopSettings };
  /** a mall account's credentials or API option were saved (credentials are never in it) */
  'goq-mall-account-saved': { account: MallAccountView };
}

export type GoqEventName = keyof GoqEventDetails;
export type GoqEventMap = { [K in GoqEventName]: CustomEvent<GoqEventDetails[K]> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends GoqEventMap {}
}

/** Dispatches a `goq-*` event from `target` (bubbles, composed); false when a listener cancelled it. */
export function emit<K extends GoqEventName>(
  target: EventTarget,
  name: K,
  detail: GoqEventDetails[K],
  opts: { cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: opts.cancelable ?? false }));
}
