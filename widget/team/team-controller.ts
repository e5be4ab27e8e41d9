/**
 * The inbox's team state: the shop's members, who this member is (and the sort they keep), who else
 * is on the open inquiry (presence: a heartbeat every 5 s, `typing` while the draft changed in the
 * last few seconds; others' entries from `presence.updated`), its 社内メモ, its 担当者, and 未読.
 * Every call fails quietly into a sentence or nothing: the inbox works without the team routes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  InquiryDetail,
  InquirySummary,
  NoteView,
  PresenceState,
  PresenceUpdatedEvent,
  PresenceView,
  StaffList,
  StaffMember,
  StaffSelf,
  TeamFields,
} from '../../shared/api.ts';
import type { ApiClient } from '../core/api-client.ts';

export type TeamSummary = InquirySummary & Partial<TeamFields>;
export type TeamDetail = InquiryDetail & Partial<TeamFields> & { notes?: NoteView[]; presence?: PresenceView[] };

const HEARTBEAT_MS = 5000;
/** The draft changed this recently: 返信を作成中. */
const TYPING_MS = 4000;

export interface TeamOptions {
  api: () => ApiClient;
  /** this member's id (the token's `sub`, else `staff`) */
  selfId: () => string;
  fail: (error: unknown) => string;
  /** assignments, notes and reads changed something the list and the counts show */
  onChanged: () => void;
}

const path = (id: string, rest = '') => `/inquiries/${encodeURIComponent(id)}${rest}`;

export class TeamController implements ReactiveController {
  staff: StaffMember[] = [];
  me: StaffSelf | null = null;
  /** the others on the open inquiry (never this member) */
  presence: PresenceView[] = [];
  notes: NoteView[] = [];
  /** the last failed note or assignment, as a sentence */
  error = '';
  busy = false;

  #id = '';
  #readFor = '';
  #timer: ReturnType<typeof setInterval> | null = null;
  #typingTimer: ReturnType<typeof setTimeout> | null = null;
  #state: PresenceState = 'viewing';
  /** presence entries taken in so far, from events and heartbeat answers */
  #heard = 0;

  readonly #host: ReactiveControllerHost;
  readonly #o: TeamOptions;

  constructor(host: ReactiveControllerHost, options: TeamOptions) {
    this.#host = host;
    this.#o = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.open(null);
  }

  /** The members and this member's own preferences; resolves with them (null when unknown). */
  async load(): Promise<StaffSelf | null> {
    const [, me] = await Promise.allSettled([this.#loadStaff(), this.#o.api().get<StaffSelf>('/staff/me')]);
    this.me = me.status === 'fulfilled' ? me.value : null;
    this.#host.requestUpdate();
    return this.me;
  }

  /** The members for the pickers (read again with each inquiry opened: the team grows as members sign in). */
  async #loadStaff(): Promise<void> {
    try {
      this.staff = (await this.#o.api().get<StaffList>('/staff')).items;
      this.#host.requestUpdate();
    } catch {
      // the pickers keep the members known so far
    }
  }

  savePreferences(preferences: StaffSelf['preferences']): void {
    void this.#o.api().send('PUT', '/staff/me/preferences', preferences).catch(() => undefined);
  }

  /** The inquiry shown changed (another one, or the same one read again). */
  open(detail: TeamDetail | null): void {
    const id = detail?.id ?? '';
    const opened = id !== this.#id;
    if (opened) {
      if (this.#id) this.#beat('left', this.#id);
      this.#stopTimers();
      this.#id = id;
      this.#state = 'viewing';
      this.presence = [];
      this.notes = [];
      this.error = '';
      if (id) {
        void this.#loadStaff();
        this.#beat('viewing');
        this.#timer = setInterval(() => this.#beat(this.#state), HEARTBEAT_MS);
      }
    }
    if (!detail) return;
    if (detail.notes) this.notes = detail.notes;
    // Who is here comes with the inquiry when it opens; after that from events and heartbeat answers,
    // which are newer than a re-read detail's (a re-read sent before a member arrived would hide them).
    if (opened && detail.presence) this.presence = this.#others(detail.presence);
    // Opening the thread reads it (and again when a customer message arrives while it is open).
    const readKey = `${id}\n${detail.version ?? ''}`;
    if (detail.unread !== false && this.#readFor !== readKey) {
      this.#readFor = readKey;
      void this.#o
        .api()
        .send('POST', path(id, '/read'))
        .then(() => this.#o.onChanged(), () => undefined);
    }
  }

  /** The draft changed: 返信を作成中 now, 閲覧中 again a few seconds after the last change. */
  typed(): void {
    if (!this.#id) return;
    if (this.#typingTimer) clearTimeout(this.#typingTimer);
    this.#typingTimer = setTimeout(() => {
      this.#typingTimer = null;
      this.#state = 'viewing';
      this.#beat('viewing');
    }, TYPING_MS);
    if (this.#state !== 'typing') {
      this.#state = 'typing';
      this.#beat('typing');
    }
  }

  onPresence(event: PresenceUpdatedEvent): void {
    if (event?.inquiryId !== this.#id || !Array.isArray(event.members)) return;
    this.#heard++;
    this.presence = this.#others(event.members);
    this.#host.requestUpdate();
  }

  #others(members: PresenceView[]): PresenceView[] {
    const self = this.#o.selfId();
    return members.filter((m) => m.staffId !== self);
  }

  /** The event stream is up again (or for the first time): what it missed is asked for with a heartbeat. */
  streamUp(): void {
    this.#beat(this.#state);
  }

  /**
   * Sends a heartbeat; its answer is everyone on the inquiry now, so a page whose event stream opened
   * after another member's last change still shows them at once.
   */
  #beat(state: PresenceState | 'left', id = this.#id): void {
    if (!id) return;
    const heard = this.#heard;
    void this.#o
      .api()
      .send<{ members?: PresenceView[] }>('POST', path(id, '/presence'), { state })
      .then((answer) => {
        // an event heard meanwhile is as new as the answer or newer
        if (state !== 'left' && heard === this.#heard && Array.isArray(answer?.members)) this.onPresence({ inquiryId: id, members: answer.members });
      })
      .catch(() => undefined);
  }

  #stopTimers(): void {
    if (this.#timer) clearInterval(this.#timer);
    if (this.#typingTimer) clearTimeout(this.#typingTimer);
    this.#timer = this.#typingTimer = null;
  }

  async #act(run: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.error = '';
    this.#host.requestUpdate();
    try {
      await run();
      this.#o.onChanged();
      return true;
    } catch (error) {
      this.error = this.#o.fail(error);
      return false;
    } finally {
      this.busy = false;
      this.#host.requestUpdate();
    }
  }

  assign(inquiryId: string, staffId: string | null): Promise<boolean> {
    return this.#act(() => this.#o.api().send('PUT', path(inquiryId, '/assignee'), { staffId }));
  }

  addNote(body: string): Promise<boolean> {
    const id = this.#id;
    return this.#act(async () => {
      const note = await this.#o.api().send<NoteView>('POST', path(id, '/notes'), { body });
      if (this.#id === id && note?.id && !this.notes.some((n) => n.id === note.id)) this.notes = [...this.notes, note];
    });
  }

  deleteNote(noteId: string): Promise<boolean> {
    return this.#act(async () => {
      await this.#o.api().send('DELETE', `/notes/${encodeURIComponent(noteId)}`);
      this.notes = this.notes.filter((n) => n.id !== noteId);
    });
  }
}
