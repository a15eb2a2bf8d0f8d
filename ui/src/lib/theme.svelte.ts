// Light or dark: the user's choice (kept in this browser), or the system's when they chose
// "system". The document's data-theme attribute picks the colour tokens in app.css.
import { browserStorage } from "./config";

export type ThemeChoice = "system" | "light" | "dark";
export type Theme = "light" | "dark";

export const THEME_CHOICES: readonly ThemeChoice[] = ["system", "light", "dark"];

const KEY = "switchboard.theme";

export const THEME_LABELS: Record<ThemeChoice, string> = { system: "System", light: "Light", dark: "Dark" };

/** The theme shown for a choice, given whether the system prefers dark. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  if (choice === "system") return systemDark ? "dark" : "light";
  return choice;
}

/** The stored choice; anything else (nothing stored, an old value) reads as "system". */
export function readChoice(stored: string | null): ThemeChoice {
  return THEME_CHOICES.find((c) => c === stored) ?? "system";
}

/** The choice after `choice`, in the order a toggle steps through them. */
export function nextChoice(choice: ThemeChoice): ThemeChoice {
  return THEME_CHOICES[(THEME_CHOICES.indexOf(choice) + 1) % THEME_CHOICES.length];
}

/** What the store needs of the browser (replaced in tests). */
export interface ThemeHost {
  storage: Pick<Storage, "getItem" | "setItem"> | null;
  /** The system's dark preference, and a way to hear it change. */
  media: Pick<MediaQueryList, "matches" | "addEventListener"> | null;
  apply(theme: Theme): void;
}

function browserHost(): ThemeHost {
  return {
    storage: browserStorage(),
    media: typeof window.matchMedia === "function" ? window.matchMedia("(prefers-color-scheme: dark)") : null,
    apply: (theme) => {
      document.documentElement.dataset.theme = theme;
    },
  };
}

/** The theme of this browser: follows the system until the user chooses, and applies itself. */
export class ThemeStore {
  choice = $state<ThemeChoice>("system");
  systemDark = $state(false);
  readonly theme: Theme = $derived(resolveTheme(this.choice, this.systemDark));

  constructor(private readonly host: ThemeHost = browserHost()) {
    this.choice = readChoice(host.storage?.getItem(KEY) ?? null);
    this.systemDark = host.media?.matches ?? false;
    host.media?.addEventListener("change", (e) => {
      this.systemDark = (e as MediaQueryListEvent).matches;
      this.host.apply(this.theme);
    });
    host.apply(this.theme);
  }

  choose(choice: ThemeChoice): void {
    this.choice = choice;
    try {
      this.host.storage?.setItem(KEY, choice);
    } catch {
      // Not kept across reloads, still applied now.
    }
    this.host.apply(this.theme);
  }
}

let shared: ThemeStore | null = null;

/** The page's one theme store (made, and applied, on first use). */
export function theme(): ThemeStore {
  shared ??= new ThemeStore();
  return shared;
}
