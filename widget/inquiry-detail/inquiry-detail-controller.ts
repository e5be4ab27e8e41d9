/**
 * The inbox's open inquiry: loading it, keeping it current (server events, and a poll while a reply is
 * 送信中), and its four actions (reply, retry, complete, reopen). A Lit reactive controller: the host
 * renders it with renderInquiryDetail() and says which inquiry to show; loads go through one @lit/task,
 * so only the latest answer is ever shown.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from '../core/task.ts';
import type { InquiryDetail, InquiryStatus, MessageView, ReplyAccepted } from '../../shared/api.ts';
import type { ApiClient } from '../core/api-client.ts';
import { emit } from '../core/events.ts';

const POLL_FIRST_MS = 2000;
const POLL_MAX_MS = 15_000;

export interface InquiryDetailOptions {
  api: () => ApiClient;
  /** The staff member's name shown on a reply until the server lists it. */
  staffName: () => string | null;
  /** A failure's sentence (the host also announces it as goq-error). */
  fail: (error: unknown) => string;
  /** The inquiry's own sentence for a failed load ("could not be loaded"). */
  loadFailedText: () => string;
  /** The inquiry changed status or got a reply: the host's list and counts follow. */
  onChanged: () => void;
  /** Opened by the host (not from the list): show the tab of the inquiry's status. */
  onFollow: (status: InquiryStatus) => void;
  /** What the view needs besides the inquiry (the reply composer's module): the inquiry shows once both are in. */
  ready?: () => Promise<unknown>;
}

interface LoadRun {
  id: string;
  /** a refresh of the one shown: no loading state, failures stay silent */
  quiet: boolean;
}

export class InquiryDetailController implements ReactiveController {
  /** The inquiry shown, with replies still being sent that the server has not listed yet. */
  detail: InquiryDetail | null = null;
  /** Why the last load failed ('' when it did not). */
  loadError = '';
  /** Why the last action (retry, complete, reopen) failed. */
  actionError = '';
  /** A completion change is on its way. */
  busy = false;
  /** [完了する] on a Yahoo! inquiry asks first: completing it cannot be undone there. */
  confirmingComplete = false;

  /** The inquiry the host asked for ('' for none): answers for any other are dropped. */
  #wanted = '';
  #localIds = 0;
  #pollTimer: ReturnType<typeof setTimeout> | null = null;
  #pollDelay = POLL_FIRST_MS;

  readonly #load: Task<[LoadRun], InquiryDetail | null>;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: InquiryDetailOptions;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    options: InquiryDetailOptions,
  ) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
    this.#load = new Task<[LoadRun], InquiryDetail | null>(host, {
      autoRun: false,
      task: async ([run], { signal }) => {
        try {
          const [detail] = await Promise.all([options.api().get<InquiryDetail>(`/inquiries/${encodeURIComponent(run.id)}`, signal), options.ready?.()]);
          return detail;
        } catch (error) {
          if (run.quiet || run.id !== this.#wanted) return null;
          this.loadError = `${options.loadFailedText()} ${options.fail(error)}`;
          throw error;
        }
      },
      onComplete: (detail) => {
        if (!detail || detail.id !== this.#wanted) return;
        const follow = this.#following;
        this.#following = false;
        this.#setDetail(detail);
        if (follow) options.onFollow(detail.status);
      },
    });
  }

  /** The latest non-quiet load asked to follow the inquiry's tab. */
  #following = false;

  hostDisconnected(): void {
    this.#stopPoll();
  }

  get id(): string {
    return this.#wanted;
  }

  /** Loading an inquiry not shown yet. */
  get loading(): boolean {
    return this.#load.status === TaskStatus.PENDING && this.detail === null;
  }

  /** Shows an inquiry; `follow`: switch the host to its status's tab once loaded. */
  show(id: string, { follow = false } = {}): void {
    this.#wanted = id;
    this.#following = follow;
    this.loadError = '';
    this.actionError = '';
    this.confirmingComplete = false;
    if (this.detail?.id !== id) this.detail = null;
    void this.#load.run([{ id, quiet: false }]);
  }

  /** Reads the inquiry shown again, quietly (after a change on the server). */
  refresh(): void {
    if (this.detail) void this.#load.run([{ id: this.detail.id, quiet: true }]);
  }

  close(): void {
    this.#wanted = '';
    this.detail = null;
    this.loadError = '';
    this.#stopPoll();
    this.#host.requestUpdate();
  }

  /** The server announced a change to an inquiry. */
  onInquiryUpdated(id: string): void {
    if (id !== this.detail?.id) return;
    this.#pollDelay = POLL_FIRST_MS;
    this.refresh();
  }

  #setDetail(detail: InquiryDetail): void {
    const local = this.detail?.id === detail.id ? this.detail.messages.filter((m) => m.id.startsWith('local-')) : [];
    this.detail = local.length ? { ...detail, messages: [...detail.messages, ...local] } : detail;
    this.#host.requestUpdate();
    this.#schedulePoll();
  }

  /** Replaces the messages of the inquiry shown, if it is still `id`. */
  #updateMessages(id: string, change: (messages: MessageView[]) => MessageView[]): boolean {
    if (this.detail?.id !== id) return false;
    this.detail = { ...this.detail, messages: change(this.detail.messages) };
    this.#host.requestUpdate();
    return true;
  }

  #stopPoll(): void {
    if (this.#pollTimer) clearTimeout(this.#pollTimer);
    this.#pollTimer = null;
  }

  /** While a reply of the open inquiry is 送信中, read it again now and then until its delivery changes. */
  #schedulePoll(reset = false): void {
    if (reset) this.#pollDelay = POLL_FIRST_MS;
    const pending = this.detail?.messages.some((m) => m.sender === 'shop' && m.delivery === 'pending' && !m.id.startsWith('local-'));
    this.#stopPoll();
    if (!pending || !this.#host.isConnected) {
      this.#pollDelay = POLL_FIRST_MS;
      return;
    }
    const id = this.detail!.id;
    this.#pollTimer = setTimeout(() => {
      this.#pollTimer = null;
      this.#pollDelay = Math.min(this.#pollDelay * 1.5, POLL_MAX_MS);
      if (this.detail?.id === id) this.refresh();
    }, this.#pollDelay);
  }

  /** Sends a reply: shown at once as 送信中, replaced by the server's message once accepted. */
  readonly submitReply = async (body: string, files: File[], options: { basedOn?: number; complete?: boolean } = {}): Promise<void> => {
    const detail = this.detail;
    if (!detail) throw new Error('no inquiry');
    const localId = `local-${++this.#localIds}`;
    const pending: MessageView = {
      id: localId,
      sender: 'shop',
      staffName: this.#options.staffName(),
      body,
      sentAt: new Date().toISOString(),
      delivery: 'pending',
      failureReason: null,
      attachments: [],
    };
    this.#updateMessages(detail.id, (messages) => [...messages, pending]);
    const form = new FormData();
    form.append('body', body);
    for (const file of files) form.append('files[]', file, file.name);
    // the thread version the draft was written against: the server refuses it (409) when the thread moved
    if (options.basedOn !== undefined) form.append('basedOn', String(options.basedOn));
    // 送信して完了: completed once the mall has the reply
    if (options.complete) form.append('complete', 'true');
    try {
      const { message } = await this.#options.api().send<ReplyAccepted>('POST', `/inquiries/${encodeURIComponent(detail.id)}/replies`, form);
      const shown = this.#updateMessages(detail.id, (messages) => [...messages.filter((m) => m.id !== localId && m.id !== message.id), message]);
      if (shown) this.#schedulePoll(true);
      emit(this.#host, 'goq-reply-sent', { inquiryId: detail.id, message });
      this.#options.onChanged();
    } catch (error) {
      this.#updateMessages(detail.id, (messages) => messages.filter((m) => m.id !== localId));
      // 409 thread_changed: the thread shows what arrived meanwhile
      if ((error as { status?: number }).status === 409) this.refresh();
      // the composer shows the refusal itself; the host page still hears of it
      this.#options.fail(error);
      throw error;
    }
  };

  /** Resends a failed reply. */
  async retry(messageId: string): Promise<void> {
    const detail = this.detail;
    if (!detail) return;
    this.#setActionError('');
    try {
      const { message } = await this.#options
        .api()
        .send<ReplyAccepted>('POST', `/inquiries/${encodeURIComponent(detail.id)}/replies/${encodeURIComponent(messageId)}/retry`);
      if (this.#updateMessages(detail.id, (messages) => messages.map((m) => (m.id === message.id ? message : m)))) this.#schedulePoll(true);
    } catch (error) {
      this.#setActionError(this.#options.fail(error));
    }
  }

  /** Completes the inquiry; a Yahoo! one only after confirmComplete() (the mall has no way back). */
  async complete(): Promise<void> {
    const detail = this.detail;
    if (!detail || detail.completed || this.busy) return;
    if (detail.mall === 'yahoo' && !this.confirmingComplete) {
      this.confirmingComplete = true;
      this.#host.requestUpdate();
      // the question takes the focus, so a keyboard user answers it next
      void (this.#host as unknown as { updateComplete: Promise<unknown> }).updateComplete.then(() =>
        this.#host.shadowRoot?.querySelector<HTMLButtonElement>('.confirm-complete .confirm')?.focus(),
      );
      return;
    }
    this.confirmingComplete = false;
    await this.#changeCompletion(detail, 'complete');
  }

  cancelComplete(): void {
    this.confirmingComplete = false;
    this.#host.requestUpdate();
  }

  async reopen(): Promise<void> {
    const detail = this.detail;
    if (detail && detail.canReopen && !this.busy) await this.#changeCompletion(detail, 'reopen');
  }

  #setActionError(text: string): void {
    this.actionError = text;
    this.#host.requestUpdate();
  }

  async #changeCompletion(detail: InquiryDetail, action: 'complete' | 'reopen'): Promise<void> {
    this.busy = true;
    this.#setActionError('');
    try {
      const updated = await this.#options.api().send<InquiryDetail>('POST', `/inquiries/${encodeURIComponent(detail.id)}/${action}`);
      if (this.detail?.id === detail.id) this.#setDetail(updated);
      emit(this.#host, action === 'complete' ? 'goq-completed' : 'goq-reopened', { inquiryId: detail.id });
      // The inquiry moves tabs: the list and the counts follow.
      this.#options.onChanged();
    } catch (error) {
      this.actionError = this.#options.fail(error);
    } finally {
      this.busy = false;
      this.#host.requestUpdate();
    }
  }
}
