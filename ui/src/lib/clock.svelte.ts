// A shared reactive "now" that ticks every 30 s so relative times in the UI stay current, and every
// second while something on screen counts down (SLA badges hold it with everySecond()).

const TICK_MS = 30_000;
const FAST_TICK_MS = 1_000;

export class Clock {
  now = $state(Date.now());
  private timer: ReturnType<typeof setInterval> | null = null;
  private period = 0;
  private started = false;
  /** How many holders want a tick every second. */
  private fastHolders = 0;

  start(): () => void {
    if (!this.started) {
      this.started = true;
      this.now = Date.now();
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
    this.now = Date.now();
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
    if (period > 0) this.timer = setInterval(() => (this.now = Date.now()), period);
  }
}

export const clock = new Clock();
