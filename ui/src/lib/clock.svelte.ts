// A shared reactive "now" that ticks every 30 s so relative times in the UI stay current.

const TICK_MS = 30_000;

class Clock {
  now = $state(Date.now());
  private timer: ReturnType<typeof setInterval> | null = null;

  start(): () => void {
    if (this.timer === null) {
      this.now = Date.now();
      this.timer = setInterval(() => (this.now = Date.now()), TICK_MS);
    }
    return () => this.stop();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}

export const clock = new Clock();
