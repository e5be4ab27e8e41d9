/** Styles of the inbox's detail view (rendered inside the inbox's shadow root). */
import { css } from 'lit';

export const detailStyles = css`
  .actions,
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  h2 {
    font-size: 1.15em;
    margin: 4px 0;
  }
  h3 {
    font-size: 1em;
  }
  .facts {
    margin: 0 0 8px;
    padding: 0;
    list-style: none;
    color: var(--_muted);
  }
  /* a Yahoo! inquiry number is 64 characters without a break */
  .facts li,
  h2 {
    overflow-wrap: anywhere;
    min-width: 0;
  }
  .complete[aria-disabled='true'] {
    color: var(--_success);
    border-color: var(--_success);
    font-weight: 700;
  }
  goq-reply-composer {
    margin-top: 16px;
  }
  .confirm-complete {
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_danger);
    background: var(--_warning-bg);
    border-radius: var(--_radius);
    padding: 8px 12px;
    margin: 8px 0;
  }
  .confirm-complete p,
  .no-reopen {
    margin: 4px 0;
  }
`;
