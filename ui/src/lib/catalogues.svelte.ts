// What the Settings forms offer, as the server serves it (the UI keeps no copies): the condition
// builder's attributes and operators, the text-to-speech languages, how each language says a queue
// position, the preview of an announcement as a caller hears it, and the webhook formats' events.
import { SvelteMap } from "svelte/reactivity";
import { errorMessage, isAbort } from "./api/client";
import type { ConditionCatalogue, PositionPreviewBody, VoiceLanguage, WebhookFormatEntry } from "./api/types";
import { PREVIEW_POSITION, positionExamplesText, readPositionExamples, type PositionExamples } from "./waiting";

/** What the stores ask the server for (an ApiClient does). */
export interface CatalogueSource {
  conditionCatalogue(): Promise<ConditionCatalogue>;
  voiceLanguages(): Promise<VoiceLanguage[]>;
  webhookFormats(): Promise<WebhookFormatEntry[]>;
  positionPreview(body: PositionPreviewBody, signal?: AbortSignal): Promise<string>;
}

/** One served catalogue: fetched once, on first use; after a failure, the next use tries again. */
export class Catalogue<T> {
  /** The answer; null until it arrived. */
  value = $state.raw<T | null>(null);
  /** Why the last try failed; null when it didn't (or while trying again). */
  error = $state<string | null>(null);
  loading = $state(false);

  private pending: Promise<T | null> | null = null;

  constructor(
    private readonly fetchIt: () => Promise<T>,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** The catalogue arrived, or the last try failed: what waits on it can show which. */
  get settled(): boolean {
    return this.value !== null || this.error !== null;
  }

  /** Resolves to the catalogue (fetched only the first time), or null when it could not be had. */
  load(): Promise<T | null> {
    if (this.value !== null) return Promise.resolve(this.value);
    if (this.pending) return this.pending;
    this.loading = true;
    this.error = null;
    const pending = this.fetchIt().then(
      (value) => {
        this.value = value;
        return value;
      },
      (err: unknown) => {
        this.error = errorMessage(err);
        this.onError(err);
        return null;
      },
    );
    this.pending = pending;
    void pending.finally(() => {
      this.loading = false;
      this.pending = null;
    });
    return pending;
  }
}

/** The session's catalogues, shared by every Settings section that needs them. */
export class Catalogues {
  readonly conditions: Catalogue<ConditionCatalogue>;
  readonly voices: Catalogue<VoiceLanguage[]>;
  readonly webhooks: Catalogue<WebhookFormatEntry[]>;
  /** How each language says a queue position, by language tag, once asked for. */
  readonly examples = new SvelteMap<string, PositionExamples>();

  private readonly asked = new Set<string>();

  constructor(
    private readonly source: CatalogueSource,
    onError: (err: unknown) => void = () => {},
  ) {
    this.conditions = new Catalogue(() => source.conditionCatalogue(), onError);
    this.voices = new Catalogue(() => source.voiceLanguages(), onError);
    this.webhooks = new Catalogue(() => source.webhookFormats(), onError);
  }

  /**
   * Asks the server, once per language, how it says the example position in each form ("third",
   * "3", "3rd"): examples(tag) then has them. A failure leaves them out (the buttons say less) and
   * lets a later call try again.
   */
  async loadExamples(tag: string): Promise<void> {
    if (!tag || this.asked.has(tag)) return;
    this.asked.add(tag);
    try {
      const text = await this.source.positionPreview({ text: positionExamplesText(), language: tag, position: PREVIEW_POSITION });
      const examples = readPositionExamples(text);
      if (examples) this.examples.set(tag, examples);
      else this.asked.delete(tag);
    } catch {
      this.asked.delete(tag);
    }
  }
}

/**
 * The preview of an announcement as a caller hears it, asked of the server a moment after the
 * text or language last changed; only the latest request's answer (or its error) is shown.
 */
export class PositionPreviewer {
  /** The announcement as said; null when there is nothing to preview or it failed. */
  text = $state<string | null>(null);
  /** The server's message when it refused (an unknown language…). */
  error = $state<string | null>(null);
  /** A request is waiting for its pause to end or for its answer. */
  pending = $state(false);

  private timer: ReturnType<typeof setTimeout> | undefined;
  private controller: AbortController | undefined;
  /** The request whose answer is shown; older answers are dropped. */
  private latest = 0;
  /** What was last asked for, so asking the same again does nothing. */
  private key: string | null = null;

  constructor(
    private readonly fetchPreview: (body: PositionPreviewBody, signal: AbortSignal) => Promise<string>,
    private readonly delayMs = 300,
  ) {}

  /** Previews `body` after the pause (the one before is dropped); null clears the preview. */
  request(body: PositionPreviewBody | null): void {
    const key = body ? JSON.stringify([body.text, body.language, body.position]) : null;
    if (key === this.key) return;
    this.key = key;
    this.cancel();
    const id = ++this.latest;
    if (!body) {
      this.text = null;
      this.error = null;
      this.pending = false;
      return;
    }
    this.pending = true;
    this.timer = setTimeout(() => void this.send(id, body), this.delayMs);
  }

  /** Stops what is on its way (when the form closes). */
  dispose(): void {
    this.cancel();
    this.latest++;
    this.key = null;
  }

  private cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.controller?.abort();
    this.controller = undefined;
  }

  private async send(id: number, body: PositionPreviewBody): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    try {
      const text = await this.fetchPreview(body, controller.signal);
      if (id !== this.latest) return;
      this.text = text;
      this.error = null;
    } catch (err) {
      if (id !== this.latest || isAbort(err)) return;
      this.text = null;
      this.error = errorMessage(err);
      // The same text may be tried again after a failure.
      this.key = null;
    } finally {
      if (id === this.latest) {
        this.pending = false;
        this.controller = undefined;
      }
    }
  }
}
