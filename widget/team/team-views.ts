/**
 * The team features as the inbox renders them inside its own shadow root: the 担当 filter and the sort
 * above the list, each row's 担当者 / 待ち時間 / 返信遅れ / 未読, the thread header's 担当者 with
 * [自分が担当する] and the member picker, the presence line, and the 社内メモ.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { ASSIGNEE_FILTERS, INBOX_SORTS, type AssigneeFilter, type InboxSort } from '../../shared/api.ts';
import { formatDateTime } from '../core/format.ts';
import type { Lang, Translate } from '../core/i18n/catalogue.ts';
import type { TeamController, TeamDetail, TeamSummary } from './team-controller.ts';
import { formatWaiting } from './waiting.ts';

export const teamStyles = css`
  .team-bar,
  .assignee-bar,
  .note-head,
  .row .team {
    display: flex;
    flex-wrap: wrap;
    gap: 0 8px;
    align-items: center;
  }
  .list-pane li.pickable {
    display: flex;
  }
  .pick {
    margin: 10px 0 0 8px;
  }
  .row .team {
    grid-column: 1 / -1;
  }
  .row.unread .subject,
  .dot,
  .overdue,
  .presence,
  .bulk .warning,
  .note-label {
    font-weight: 700;
  }
  .dot,
  .presence {
    color: var(--_accent);
  }
  .overdue {
    color: var(--_danger);
    border: 1px solid;
    padding: 0 4px;
  }
  .note {
    list-style: none;
    background: #fff8c5;
    color: #3b2f00;
    border: 1px solid #d4a72c;
    border-left-width: 6px;
    padding: 4px 8px;
    margin: 0 0 8px;
  }
  .note-body {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    margin: 4px 0 0;
  }
  .bulk {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
    padding: 4px 8px;
    background: var(--_surface);
  }
  .bulk-confirm,
  .bulk-results {
    flex-basis: 100%;
  }
  .bulk .warning {
    background: var(--_warning-bg);
    padding: 4px 8px;
  }
  .notes ul {
    padding: 0;
  }
  .notes textarea {
    width: 100%;
    box-sizing: border-box;
  }
`;

export interface TeamToolbarView {
  assignee: AssigneeFilter;
  sort: InboxSort;
  t: Translate;
  onAssignee: (filter: AssigneeFilter) => void;
  onSort: (sort: InboxSort) => void;
}

export function renderTeamToolbar(v: TeamToolbarView): TemplateResult {
  const pick = <T extends string>(all: readonly T[], fallback: T) => (e: Event) => {
    const value = (e.target as HTMLSelectElement).value as T;
    return all.includes(value) ? value : fallback;
  };
  const assignee = pick(ASSIGNEE_FILTERS, 'all');
  const sort = pick(INBOX_SORTS, 'newest');
  return html`<div class="team-bar" part="team-toolbar">
    <label
      >${v.t('team.assigneeFilter')}
      <select class="assignee-filter" @change=${(e: Event) => v.onAssignee(assignee(e))}>
        ${ASSIGNEE_FILTERS.map((f) => html`<option value=${f} ?selected=${v.assignee === f}>${v.t(`team.filter.${f}`)}</option>`)}
      </select>
    </label>
    <label
      >${v.t('team.sort')}
      <select class="sort" @change=${(e: Event) => v.onSort(sort(e))}>
        ${INBOX_SORTS.map((s) => html`<option value=${s} ?selected=${v.sort === s}>${v.t(`team.sort.${s}`)}</option>`)}
      </select>
    </label>
  </div>`;
}

/** A row's team facts: 未読, 担当, 待ち時間, 返信遅れ (nothing from a server without them). */
export function renderRowTeam(item: TeamSummary, t: Translate, dayMinutes: number): TemplateResult | typeof nothing {
  if (item.assignee === undefined && item.waitingMinutes == null && !item.unread) return nothing;
  return html`<span class="team">
    ${item.unread ? html`<span class="dot unread-mark">● ${t('team.unread')}</span>` : nothing}
    ${item.assignee !== undefined
      ? html`<span class="assignee">${item.assignee ? t('team.assigneeOf', { name: item.assignee.name }) : t('team.unassigned')}</span>`
      : nothing}
    ${item.waitingMinutes != null
      ? html`<span class="waiting">${t('team.waiting', { time: formatWaiting(item.waitingMinutes, dayMinutes, t) })}</span>`
      : nothing}
    ${item.overdue ? html`<span class="overdue">${t('team.overdue')}</span>` : nothing}
  </span>`;
}

/** The thread header's 担当者 (with [自分が担当する] and the picker) and who else is on it. */
export function renderTeamHeader(c: TeamController, d: TeamDetail, selfId: string, t: Translate): TemplateResult {
  const current = d.assignee?.id ?? '';
  // the assignee stays choosable even before the members' list has them
  const members = c.staff.some((m) => m.id === current) || !d.assignee ? c.staff : [...c.staff, d.assignee];
  return html`<div class="assignee-bar" part="assignee">
      <label
        >${t('team.assignee')}
        <select class="assignee-picker" ?disabled=${c.busy} @change=${(e: Event) => c.assign(d.id, (e.target as HTMLSelectElement).value || null)}>
          <option value="" ?selected=${!current}>${t('team.unassigned')}</option>
          ${members.map((m) => html`<option value=${m.id} ?selected=${m.id === current}>${m.name}</option>`)}
        </select>
      </label>
      ${current !== selfId
        ? html`<button type="button" class="assign-me" part="assign-me-button" ?disabled=${c.busy} @click=${() => c.assign(d.id, selfId)}>
            ${t('team.assignMe')}
          </button>`
        : nothing}
    </div>
    <p class="presence" part="presence" role="status">
      ${c.presence.map((p) => html`<span>${t(p.state === 'typing' ? 'team.typing' : 'team.viewing', { name: p.staffName })}</span> `)}
    </p>
    ${c.error ? html`<p class="error team-error" role="alert">${c.error}</p>` : nothing}`;
}

/** 社内メモ: yellow cards labelled as such, the author's own with [削除], and the add form. */
export function renderNotes(c: TeamController, selfId: string, t: Translate, lang: Lang): TemplateResult {
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const area = form.querySelector('textarea')!;
    if (area.value.trim() && (await c.addNote(area.value))) area.value = '';
  };
  return html`<section class="notes" part="notes" aria-labelledby="notes-heading">
    <h3 id="notes-heading">${t('notes.heading')}</h3>
    ${c.notes.length
      ? html`<ul>
          ${c.notes.map(
            (n) => html`<li class="note" part="note" data-id=${n.id}>
              <div class="note-head">
                <span class="note-label">${t('notes.heading')}</span>
                <span class="note-author">${n.authorName}</span>
                <time datetime=${n.createdAt}>${formatDateTime(n.createdAt, lang)}</time>
                ${n.authorId === selfId
                  ? html`<button type="button" class="delete-note" aria-label=${t('notes.deleteLabel', { name: n.authorName })} @click=${() => c.deleteNote(n.id)}>
                      ${t('notes.delete')}
                    </button>`
                  : nothing}
              </div>
              <p class="note-body">${n.body}</p>
            </li>`,
          )}
        </ul>`
      : html`<p class="muted">${t('notes.empty')}</p>`}
    <form class="note-form" @submit=${onSubmit}>
      <label for="note-text">${t('notes.label')}</label>
      <textarea id="note-text" class="note-text" maxlength="2000"></textarea>
      <button type="submit" class="add-note" ?disabled=${c.busy}>${t('notes.add')}</button>
    </form>
  </section>`;
}
