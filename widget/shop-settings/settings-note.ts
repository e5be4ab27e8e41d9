/** The result line under a form of the settings screen (saved, refused, a mall's own error). */
import { html, nothing } from 'lit';
import type { Mall } from '../../shared/api.ts';
import type { Translate } from '../core/i18n/catalogue.ts';

/** A result line; `raw` is a mall's own error, put in the shop's words when rendered (its sentences load on demand). */
export type Note = { kind: 'ok' | 'error' | 'info'; text: string; raw?: string; mall?: Mall } | null;

export function renderNote(note: Note, id: string, t: Translate, mallError: (mall: string, raw: string) => string) {
  if (!note) return nothing;
  return html`<div class="note ${note.kind}" id=${id} role=${note.kind === 'error' ? 'alert' : 'status'}>
    <p>${note.text}${note.raw && note.mall ? ` ${mallError(note.mall, note.raw)}` : ''}</p>
    ${note.raw ? html`<details class="raw"><summary>${t('ss.details')}</summary><code>${note.raw}</code></details>` : nothing}
  </div>`;
}
