/** Styles of reply-composer: the shared theme plus the element's own rules. */
import { css } from 'lit';
import { themeStyles } from '../core/styles.ts';
import { attachmentStyles } from './attachment-picker.styles.ts';
export const composerStyles = [
  themeStyles,
  attachmentStyles,
  css`
    :host {
      background: transparent;
    }
    .thread-changed {
      border: 2px solid var(--_danger);
      border-radius: var(--_radius);
      padding: var(--_space);
    }
    .new-messages {
      list-style: none;
      padding: 0;
    }
    .new-body {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      margin: 2px 0 8px;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
    }
    textarea {
      width: 100%;
      min-height: 9em;
      resize: vertical;
      line-height: 1.6;
    }
    textarea[aria-invalid='true'] {
      border-color: var(--_danger);
    }
    .limits {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      font-size: 0.85em;
    }
    .over {
      color: var(--_danger);
      font-weight: 600;
    }
    .warning {
      background: var(--_warning-bg);
      border-radius: var(--_radius);
      padding: 4px 8px;
      margin: 0;
    }
    ul.problems {
      margin: 0;
      padding-left: 1.2em;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      align-items: center;
      gap: 12px;
    }
    .label {
      font-weight: 600;
    }
    .picker {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 8px;
      align-items: end;
    }
    .picker label {
      display: flex;
      flex-direction: column;
      font-size: 0.85em;
      color: var(--_muted);
    }
  `,
];
