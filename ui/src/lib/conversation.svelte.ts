// Reactive store for the open conversation: the conversation itself, its messages, notes and tags.
import { ApiError } from "./api/client";
import type { Conversation, ConversationSla, Message, Note, Tag } from "./api/types";
import { timeValue } from "./time";

/** The slice of the API client this store reads with (a fake in tests). */
export interface ConversationApi {
  conversation(id: number): Promise<Conversation>;
  messages(id: number): Promise<Message[]>;
  notes(id: number): Promise<Note[]>;
  conversationTags(id: number): Promise<Tag[]>;
  /** The SLA alone (refreshSla falls back to a full reload without it). */
  conversationSla?(id: number): Promise<ConversationSla | null>;
}

/** Something loaded alongside the open conversation (the details panel), following its lifecycle. */
export interface ConversationCompanion {
  open(id: number): void;
  close(): void;
  reload(): Promise<void>;
}

export type TimelineItem =
  | { kind: "message"; key: string; at: number; message: Message }
  | { kind: "note"; key: string; at: number; note: Note };

/** Messages and notes in one list, oldest first; at equal times messages come before notes. */
export function buildTimeline(messages: readonly Message[], notes: readonly Note[]): TimelineItem[] {
  const items: TimelineItem[] = [
    ...messages.map((m, i) => ({ kind: "message" as const, key: `m:${m.id}:${i}`, at: timeValue(m.createdAt), message: m })),
    ...notes.map((n, i) => ({ kind: "note" as const, key: `n:${n.id}:${i}`, at: timeValue(n.createdAt), note: n })),
  ];
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.at - b.item.at || (a.item.kind === b.item.kind ? a.index - b.index : a.item.kind === "message" ? -1 : 1))
    .map(({ item }) => item);
}

export class OpenConversation {
  id = $state<number | null>(null);
  conversation = $state.raw<Conversation | null>(null);
  messages = $state.raw<Message[]>([]);
  notes = $state.raw<Note[]>([]);
  tags = $state.raw<Tag[]>([]);
  /** True until the first load of the current id finishes. */
  loading = $state(false);
  /** The conversation doesn't exist or isn't visible to us. */
  missing = $state(false);

  timeline = $derived(buildTimeline(this.messages, this.notes));

  private inflight: Promise<void> | null = null;
  private dirty = false;
  /** Bumped whenever a different conversation is opened (or closed), orphaning older reloads. */
  private openGeneration = 0;

  constructor(
    private readonly api: ConversationApi,
    private readonly onError: (err: unknown) => void = () => {},
    private readonly companion?: ConversationCompanion,
  ) {}

  open(id: number): Promise<void> {
    if (this.id === id) return this.reload();
    this.companion?.open(id);
    this.openGeneration++;
    this.id = id;
    this.conversation = null;
    this.messages = [];
    this.notes = [];
    this.tags = [];
    this.missing = false;
    this.loading = true;
    this.inflight = null;
    this.dirty = false;
    return this.reload();
  }

  close(): void {
    this.companion?.close();
    this.openGeneration++;
    this.id = null;
    this.conversation = null;
    this.messages = [];
    this.notes = [];
    this.tags = [];
    this.loading = false;
    this.missing = false;
    this.inflight = null;
    this.dirty = false;
  }

  /**
   * Reloads everything (and the companion, which coalesces on its own); overlapping calls are
   * coalesced into at most one extra round.
   */
  reload(): Promise<void> {
    if (this.id !== null) void this.companion?.reload();
    if (this.inflight) {
      this.dirty = true;
      return this.inflight;
    }
    const gen = this.openGeneration;
    const task = (async () => {
      try {
        do {
          this.dirty = false;
          await this.loadOnce();
        } while (this.dirty && this.openGeneration === gen);
      } finally {
        if (this.openGeneration === gen) this.inflight = null;
      }
    })();
    this.inflight = task;
    return task;
  }

  /** Replaces the conversation with a fresher copy (e.g. a PATCH response). */
  setConversation(conv: Conversation): void {
    if (conv.id === this.id) this.conversation = conv;
  }

  /** Replaces the SLA of conversation `id` (absent when no policy applies any more). */
  setSla(id: number, sla: ConversationSla | null): void {
    const conv = this.conversation;
    if (!conv || conv.id !== id || this.id !== id) return;
    const next: Conversation = { ...conv };
    if (sla) next.sla = sla;
    else delete next.sla;
    this.conversation = next;
  }

  /**
   * Refetches only the SLA (after ConversationSlaUpdated / ConversationSlaBreached); a full reload
   * when the API can't read it alone or a reload is under way. A conversation gone from view is
   * left to the next reload.
   */
  async refreshSla(): Promise<void> {
    const id = this.id;
    if (id === null) return;
    // A reload on its way may have read the SLA before the change: it goes round once more.
    if (!this.api.conversationSla || this.inflight) return this.reload();
    try {
      const sla = await this.api.conversationSla(id);
      this.setSla(id, sla);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 403)) return;
      this.onError(err);
    }
  }

  addMessage(message: Message): void {
    if (!this.messages.some((m) => m.id === message.id)) this.messages = [...this.messages, message];
  }

  addNote(note: Note): void {
    if (!this.notes.some((n) => n.id === note.id)) this.notes = [...this.notes, note];
  }

  private async loadOnce(): Promise<void> {
    const id = this.id;
    if (id === null) return;
    const [conv, messages, notes, tags] = await Promise.allSettled([
      this.api.conversation(id),
      this.api.messages(id),
      this.api.notes(id),
      this.api.conversationTags(id),
    ]);
    if (this.id !== id) return;
    this.loading = false;
    if (conv.status === "fulfilled") {
      this.conversation = conv.value;
      this.missing = false;
    } else if (conv.reason instanceof ApiError && (conv.reason.status === 404 || conv.reason.status === 403)) {
      this.missing = true;
      this.conversation = null;
    }
    if (messages.status === "fulfilled") this.messages = messages.value;
    if (notes.status === "fulfilled") this.notes = notes.value;
    if (tags.status === "fulfilled") this.tags = tags.value;
    // Report the first failure only; they usually share a cause.
    const failed = [conv, messages, notes, tags].find((r) => r.status === "rejected");
    if (failed && !this.missing) this.onError((failed as PromiseRejectedResult).reason);
  }
}
