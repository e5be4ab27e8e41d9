/** Styles of shop-settings: the shared theme plus the element's own rules. */
import { css } from 'lit';
import { themeStyles } from '../core/styles.ts';

export const shopSettingsStyles = [
  themeStyles,
  css`
    h2 {
      font-size: 1.15em;
      margin: calc(var(--_space) * 2) 0 var(--_space);
    }
    h2.title {
      margin-top: 0;
    }
    h3 {
      font-size: 1.05em;
      margin: calc(var(--_space) * 2) 0 var(--_space);
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space);
    }
    h4 {
      margin: 0 0 4px;
      font-size: 1em;
    }
    form,
    .account {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: calc(var(--_space) * 1.5);
      margin-bottom: calc(var(--_space) * 2);
    }
    form h2 {
      margin-top: 0;
    }
    .account h3 {
      margin-top: 0;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 240px), 1fr));
      gap: var(--_space) calc(var(--_space) * 2);
    }
    .field {
      display: grid;
      gap: 4px;
      align-content: start;
      min-width: 0;
    }
    .field.wide {
      grid-column: 1 / -1;
    }
    label {
      font-weight: 600;
    }
    label.check,
    label.day {
      font-weight: normal;
      display: inline-flex;
      align-items: center;
      gap: 4px;
      margin: 4px 12px 4px 0;
    }
    input:not([type='checkbox']),
    textarea {
      width: 100%;
      min-width: 0;
    }
    textarea {
      font-family: ui-monospace, monospace;
      font-size: 0.85em;
    }
    fieldset {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      margin: var(--_space) 0;
      padding: var(--_space) calc(var(--_space) * 1.5);
      min-width: 0;
    }
    legend {
      font-weight: 600;
      padding: 0 4px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: end;
    }
    .row > .field {
      flex: 1 1 140px;
    }
    .row > input {
      flex: 1 1 160px;
      width: auto;
    }
    .holidays {
      list-style: none;
      padding: 0;
      margin: 4px 0 0;
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
    }
    .holidays li {
      border: 1px solid var(--_border);
      border-radius: 999px;
      padding: 0 4px 0 10px;
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    button.link {
      border: none;
      background: none;
      min-height: 24px;
      padding: 0 6px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      margin-top: var(--_space);
    }
    .field-error {
      color: var(--_danger);
      margin: 0;
      font-size: 0.9em;
    }
    .notice {
      border: 1px solid var(--_border);
      border-left: 4px solid var(--_accent);
      background: var(--_surface);
      border-radius: var(--_radius);
      padding: var(--_space) 12px;
      margin: var(--_space) 0;
    }
    .notice.warn {
      border-left-color: var(--_danger);
      background: var(--_warning-bg);
    }
    .note {
      margin-top: var(--_space);
    }
    .note p {
      margin: 0;
    }
    .note.ok {
      color: var(--_success);
    }
    .note.error {
      color: var(--_danger);
    }
    .note.last-error {
      border-left: 4px solid var(--_danger);
      background: var(--_warning-bg);
      padding: var(--_space) 12px;
      border-radius: var(--_radius);
      color: var(--_text);
    }
    details.raw {
      color: var(--_muted);
      font-size: 0.9em;
    }
    code {
      overflow-wrap: anywhere;
    }
    .setup {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space) 12px;
      margin: var(--_space) 0;
    }
    .steps {
      margin: 4px 0;
      padding-left: 1.6em;
    }
    .facts {
      margin: var(--_space) 0;
      display: grid;
      gap: 6px;
    }
    .fact {
      display: grid;
      grid-template-columns: minmax(0, 14em) minmax(0, 1fr);
      gap: var(--_space);
    }
    @media (max-width: 640px) {
      .fact {
        grid-template-columns: minmax(0, 1fr);
        gap: 0;
      }
    }
    dt {
      color: var(--_muted);
      font-weight: 600;
    }
    dd {
      margin: 0;
      min-width: 0;
    }
    .why {
      margin: 4px 0;
    }
    .ok {
      color: var(--_success);
    }
    .warn-text {
      color: var(--_danger);
      font-weight: 600;
    }
    .health {
      font-size: 0.85em;
      font-weight: 600;
      border-radius: 999px;
      padding: 0 8px;
      border: 1px solid currentColor;
      color: var(--_danger);
    }
    .health.ok {
      color: var(--_success);
    }
    .health.not_configured {
      color: var(--_muted);
    }
  `,
];
