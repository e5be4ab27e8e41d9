/**
 * The inbox's team wiring (DESIGN.md §2b): the team state (members, presence, 社内メモ) following the
 * inquiry shown, this member's id from the token, and 一括操作 on the ticked rows.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiClient } from '../core/api-client.ts';
import { decodeTokenClaims } from '../core/token.ts';
import { TeamController, type TeamDetail } from '../team/team-controller.ts';
import { LazyBulk } from './inbox-bulk.ts';

export interface InboxTeamOptions {
  api: () => ApiClient;
  token: () => string;
  fail: (error: unknown) => string;
  /** after a team action: the list, the counts and the thread are read again */
  changed: () => void;
  /** the element's messages, which the bulk bar's join when it arrives */
  messages: { ja: Record<string, string>; en: Record<string, string> };
}

export class InboxTeam implements ReactiveController {
  readonly team: TeamController;
  /** 一括操作, fetched on the first ticked row. */
  readonly bulk: LazyBulk;
  /** The detail the team state was last given. */
  #detail: unknown = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: InboxTeamOptions,
  ) {
    host.addController(this);
    this.team = new TeamController(host, { api: options.api, selfId: () => this.selfId, fail: options.fail, onChanged: options.changed });
    this.bulk = new LazyBulk(host, { api: options.api, fail: options.fail, done: options.changed, messages: options.messages });
  }

  /** This member's id: the token's `sub`, else its `staff`. */
  get selfId(): string {
    const claims = decodeTokenClaims(this.options.token());
    return String(claims.sub ?? claims.staff ?? '');
  }

  /** The team state follows the inquiry shown (presence, notes, read). */
  follow(detail: TeamDetail | null): void {
    // off the page (a late answer still renders it): nobody is here
    if (detail === this.#detail || !this.host.isConnected) return;
    this.#detail = detail;
    this.team.open(detail);
  }

  hostDisconnected(): void {
    // the team controller said `left`: a return to the page starts the inquiry's presence again
    this.#detail = null;
  }
}
