/** Styles of template-admin: the shared theme plus the element's own rules. */
import { css } from 'lit';
import { themeStyles } from '../core/styles.ts';
export const templateAdminStyles = [
  themeStyles,
  css`
    h2 {
      font-size: 1.15em;
      margin: 0 0 var(--_space);
    }
    .toolbar {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: var(--_space);
      margin-bottom: var(--_space);
      flex-wrap: wrap;
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      text-align: left;
      padding: 6px 8px;
      border-bottom: 1px solid var(--_border);
    }
    th {
      background: var(--_surface);
      font-weight: 600;
    }
    td.actions {
      white-space: nowrap;
      text-align: right;
      width: 1%;
    }
    td.actions button + button {
      margin-left: 6px;
    }
    form {
      display: grid;
      gap: calc(var(--_space) * 1.5);
      max-width: 720px;
    }
    .field {
      display: grid;
      gap: 4px;
    }
    label {
      font-weight: 600;
    }
    .req {
      color: var(--_danger);
      font-weight: normal;
      margin-left: 4px;
    }
    input,
    textarea {
      width: 100%;
    }
    textarea {
      min-height: 10em;
      resize: vertical;
    }
    [aria-invalid='true'] {
      border-color: var(--_danger);
    }
    .field-error {
      color: var(--_danger);
      font-size: 0.9em;
      margin: 0;
    }
    .placeholders {
      background: var(--_surface);
      border-radius: var(--_radius);
      padding: var(--_space) calc(var(--_space) * 1.5);
    }
    .placeholders p {
      white-space: pre-line;
      margin: 0 0 var(--_space);
    }
    .placeholders ul {
      list-style: none;
      padding: 0;
      margin: 0 0 var(--_space);
      display: grid;
      gap: 6px;
    }
    .placeholders li {
      display: flex;
      gap: 8px;
      align-items: center;
    }
    button.token {
      font-family: inherit;
      background: var(--_bg);
      min-width: 14em;
      text-align: left;
    }
    .example {
      white-space: pre-line;
      margin: 0;
    }
    .buttons {
      display: flex;
      gap: var(--_space);
      justify-content: flex-end;
    }
    .notice {
      color: var(--_success);
      margin: 0;
    }
    dialog {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      color: var(--_text);
      max-width: 28em;
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.35);
    }
    dialog h3 {
      margin: 0 0 var(--_space);
      font-size: 1.05em;
    }
  `,
];
