// Unit tests for the theme: the system's preference until the user chooses, the choice kept, and
// the document told each time.
import { describe, expect, it } from "vitest";
import { nextChoice, readChoice, resolveTheme, ThemeStore, type Theme, type ThemeHost } from "./theme.svelte";

function host(stored: string | null, systemDark: boolean) {
  const values = new Map<string, string>();
  if (stored !== null) values.set("switchboard.theme", stored);
  const applied: Theme[] = [];
  let listener: ((e: { matches: boolean }) => void) | null = null;
  const h: ThemeHost = {
    storage: { getItem: (k) => values.get(k) ?? null, setItem: (k, v) => void values.set(k, v) },
    media: {
      matches: systemDark,
      addEventListener: (_: string, l: unknown) => {
        listener = l as (e: { matches: boolean }) => void;
      },
    } as ThemeHost["media"],
    apply: (t) => void applied.push(t),
  };
  return { h, values, applied, systemChanges: (dark: boolean) => listener?.({ matches: dark }) };
}

describe("theme", () => {
  it("resolves a choice against the system", () => {
    expect(resolveTheme("system", true)).toBe("dark");
    expect(resolveTheme("system", false)).toBe("light");
    expect(resolveTheme("light", true)).toBe("light");
    expect(readChoice("dark")).toBe("dark");
    expect(readChoice("sepia")).toBe("system");
    expect(readChoice(null)).toBe("system");
    expect([nextChoice("system"), nextChoice("light"), nextChoice("dark")]).toEqual(["light", "dark", "system"]);
  });

  it("follows the system until the user chooses, and keeps the choice", () => {
    const t = host(null, true);
    const store = new ThemeStore(t.h);
    expect(t.applied).toEqual(["dark"]);
    t.systemChanges(false);
    expect(store.theme).toBe("light");
    expect(t.applied.at(-1)).toBe("light");
    store.choose("dark");
    expect(t.values.get("switchboard.theme")).toBe("dark");
    t.systemChanges(false);
    expect(t.applied.at(-1)).toBe("dark");
    expect(new ThemeStore(t.h).choice).toBe("dark");
  });
});
