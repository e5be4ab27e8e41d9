/** Styles of panel: the shared theme plus the element's own rules. */
import { css } from 'lit';
import { themeStyles } from '../core/styles.ts';
export const panelStyles = [
  themeStyles,
  css`
    section {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: calc(var(--_space) * 1.5);
    }
    h2 {
      font-size: 1.1em;
      margin: 0 0 var(--_space);
    }
    article + article {
      border-top: 1px solid var(--_border);
      margin-top: calc(var(--_space) * 2);
      padding-top: calc(var(--_space) * 2);
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 10px;
      margin-bottom: var(--_space);
    }
    h3 {
      font-size: 1em;
      margin: 0;
      flex: 1 1 auto;
    }
    .facts {
      font-size: 0.85em;
      color: var(--_muted);
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      margin: 0 0 var(--_space);
    }
    .actions {
      margin-top: var(--_space);
      display: flex;
      justify-content: flex-end;
    }
    .notice {
      margin: 0;
      padding: var(--_space);
      background: var(--_surface);
      border-radius: var(--_radius);
    }
    .state {
      display: flex;
      gap: var(--_space);
      align-items: center;
      margin: 0;
    }
  `,
];
