// A shared reactive "now" that ticks every 30 s so relative times in the UI stay current, and every
// second while something on screen counts down (SLA badges hold it with everySecond()). It follows
// the server's clock, not the computer's: deadlines are the server's, and the two may disagree.

const TICK_MS = 30_000;
const FAST_TICK_MS = 1_000;

export class Clock {
  now = $state(Date.now());
  /** How far the server's clock is ahead of this computer's, in milliseconds. */
  private offsetMs = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private period = 0;
  private started = false;
  /** How many holders want a tick every second. */
  private fastHolders = 0;

  start(): () => void {
    if (!this.started) {
      this.started = true;
      this.now = this.read();
      this.schedule();
    }
    return () => this.stop();
  }

  stop(): void {
    this.started = false;
    this.schedule();
  }

  /**
   * Ticks every second until the returned function is called (each holder releases once; the
   * clock slows down again when the last one has). Works whether or not start() was called.
   */
  everySecond(): () => void {
    this.fastHolders++;
    this.now = this.read();
    this.schedule();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.fastHolders--;
      this.schedule();
    };
  }

  /** The interval now in use in milliseconds, 0 when stopped. */
  get tickMs(): number {
    return this.timer === null ? 0 : this.period;
  }

  /** Runs the interval the holders need: 1 s for countdowns, 30 s once started, else none. */
  private schedule(): void {
    const period = this.fastHolders > 0 ? FAST_TICK_MS : this.started ? TICK_MS : 0;
    if (period === this.period && (period === 0) === (this.timer === null)) return;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.period = period;
    if (period > 0) this.timer = setInterval(() => (this.now = this.read()), period);
  }

  /** The server's time, as of this computer's clock and the last sync. */
  private read(): number {
    return Date.now() + this.offsetMs;
  }

  /**
   * Learns the server's time (from `/v1/time` or an event's `at`); an unreadable one is ignored.
   * `localMs` is when this computer received it.
   */
  sync(serverTime: string, localMs = Date.now()): void {
    const server = Date.parse(serverTime);
    if (!Number.isFinite(server)) return;
    this.offsetMs = server - localMs;
    this.now = this.read();
  }
}

export const clock = new Clock();
