// Server-sent events over fetch(): an incremental SSE frame parser and a reconnecting stream reader.

/** One dispatched SSE frame. `event` defaults to "message" as in EventSource. */
export interface SseFrame {
  event: string;
  data: string;
  id?: string;
}

/**
 * Incremental parser for the text/event-stream format. Feed it decoded text in arbitrary chunks;
 * it returns the frames completed by each chunk. Lines end with \n, \r\n or \r; lines starting
 * with ":" are comments; multiple `data:` lines are joined with "\n"; a blank line ends a frame.
 */
export class SseParser {
  private buffer = "";
  private dataLines: string[] = [];
  private eventName = "";
  private lastId: string | undefined;
  private sawField = false;

  feed(chunk: string): SseFrame[] {
    const frames: SseFrame[] = [];
    this.buffer += chunk;
    let start = 0;
    const buf = this.buffer;
    for (let i = 0; i < buf.length; i++) {
      const ch = buf[i];
      if (ch !== "\n" && ch !== "\r") continue;
      if (ch === "\r") {
        // A trailing \r may be the first half of \r\n split across chunks: wait for more input.
        if (i === buf.length - 1) break;
        this.processLine(buf.slice(start, i), frames);
        if (buf[i + 1] === "\n") i++;
      } else {
        this.processLine(buf.slice(start, i), frames);
      }
      start = i + 1;
    }
    this.buffer = buf.slice(start);
    return frames;
  }

  /** Drops any partial frame, e.g. after the connection was lost mid-frame. */
  reset(): void {
    this.buffer = "";
    this.dataLines = [];
    this.eventName = "";
    this.sawField = false;
  }

  private processLine(line: string, frames: SseFrame[]): void {
    if (line === "") {
      this.dispatch(frames);
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    let field: string;
    let value: string;
    if (colon === -1) {
      field = line;
      value = "";
    } else {
      field = line.slice(0, colon);
      value = line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
    }
    switch (field) {
      case "event":
        this.eventName = value;
        this.sawField = true;
        break;
      case "data":
        this.dataLines.push(value);
        this.sawField = true;
        break;
      case "id":
        if (!value.includes("\0")) this.lastId = value;
        break;
      default:
        // "retry" and unknown fields are ignored.
        break;
    }
  }

  private dispatch(frames: SseFrame[]): void {
    if (this.sawField && this.dataLines.length > 0) {
      const frame: SseFrame = { event: this.eventName || "message", data: this.dataLines.join("\n") };
      if (this.lastId !== undefined) frame.id = this.lastId;
      frames.push(frame);
    }
    this.dataLines = [];
    this.eventName = "";
    this.sawField = false;
  }
}

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "disconnected";

export interface EventStreamOptions {
  /** Opens the stream; must resolve to an ok Response with a body, or throw. */
  open: (signal: AbortSignal) => Promise<Response>;
  /** Called for every frame. */
  onFrame: (frame: SseFrame) => void;
  onState?: (state: ConnectionState) => void;
  /** Called each time a connection is established; `reconnected` is false only the first time. */
  onOpen?: (reconnected: boolean) => void;
  /** Called with errors that caused a disconnect (not aborts). */
  onError?: (err: unknown) => void;
  /** Whether to keep retrying after this error; defaults to always. */
  shouldRetry?: (err: unknown) => boolean;
  initialDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** Delay before reconnect attempt `attempt` (0-based): exponential with jitter, capped. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  // Full jitter on the upper half keeps clients from reconnecting in lockstep.
  return Math.round(exp / 2 + (random() * exp) / 2);
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * Keeps an SSE stream open until the returned stop function is called, reconnecting with
 * backoff whenever the connection fails or ends.
 */
export function runEventStream(options: EventStreamOptions): () => void {
  const controller = new AbortController();
  const signal = controller.signal;
  const initial = options.initialDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 30000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;

  void (async () => {
    let attempt = 0;
    let everConnected = false;
    options.onState?.("connecting");
    while (!signal.aborted) {
      const parser = new SseParser();
      try {
        const response = await options.open(signal);
        if (!response.body) throw new Error("The event stream has no body.");
        options.onState?.("connected");
        options.onOpen?.(everConnected);
        everConnected = true;
        attempt = 0;
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            for (const frame of parser.feed(decoder.decode(value, { stream: true }))) {
              try {
                options.onFrame(frame);
              } catch (err) {
                // A bad frame must not tear down the connection.
                console.error("Switchboard: failed to handle event", err);
              }
            }
          }
        } finally {
          reader.releaseLock();
        }
      } catch (err) {
        if (signal.aborted) break;
        options.onError?.(err);
        if (options.shouldRetry && !options.shouldRetry(err)) {
          options.onState?.("disconnected");
          break;
        }
      }
      if (signal.aborted) break;
      options.onState?.("reconnecting");
      await sleep(backoffDelay(attempt, initial, max, random), signal);
      attempt++;
    }
  })();

  return () => controller.abort();
}
