// Unit tests for the shared clock: every 30 s once started, every second while a countdown holds it.
import { afterEach, describe, expect, it, vi } from "vitest";
import { Clock } from "./clock.svelte";

describe("clock", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("ticks every 30 s, every second while held, and slows down once released", () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const clock = new Clock();
    const stop = clock.start();
    expect(clock.tickMs).toBe(30_000);
    const release = clock.everySecond();
    const release2 = clock.everySecond();
    expect(clock.tickMs).toBe(1_000);
    vi.advanceTimersByTime(3_000);
    expect(clock.now).toBe(3_000);
    release();
    release();
    expect(clock.tickMs).toBe(1_000);
    release2();
    expect(clock.tickMs).toBe(30_000);
    vi.advanceTimersByTime(1_000);
    expect(clock.now).toBe(3_000);
    vi.advanceTimersByTime(29_000);
    expect(clock.now).toBe(33_000);
    stop();
    expect(clock.tickMs).toBe(0);
  });

  it("ticks every second while held even when not started", () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const clock = new Clock();
    const release = clock.everySecond();
    vi.advanceTimersByTime(2_000);
    expect(clock.now).toBe(2_000);
    release();
    expect(clock.tickMs).toBe(0);
  });

  it("follows the server's time: deadlines are counted on its clock", () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.parse("2026-12-01T10:00:00Z"));
    const clock = new Clock();
    clock.sync("2026-01-05T09:00:00.000Z");
    expect(clock.now).toBe(Date.parse("2026-01-05T09:00:00Z"));
    const release = clock.everySecond();
    vi.advanceTimersByTime(5_000);
    expect(clock.now).toBe(Date.parse("2026-01-05T09:00:05Z"));
    // An unreadable time changes nothing.
    clock.sync("soon");
    expect(clock.now).toBe(Date.parse("2026-01-05T09:00:05Z"));
    release();
  });
});
