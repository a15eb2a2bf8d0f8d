// Pure logic of the searchable pickers: which options a filter shows, and keyboard movement
// that never chooses anything by itself.

export interface PickerOption {
  id: string;
  label: string;
  /** Extra words the filter matches (an email, a status). */
  keywords?: string;
  /** A second line: status and load, a description. */
  detail?: string;
  /** Shown but not choosable; `hint` says why. */
  disabled?: boolean;
  hint?: string;
  /** The value in force now (marked, still choosable where it makes sense). */
  current?: boolean;
}

/** Options whose label or keywords contain every word of the query (case-insensitive). */
export function filterOptions(options: readonly PickerOption[], query: string): PickerOption[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...options];
  return options.filter((o) => {
    const text = `${o.label} ${o.keywords ?? ""}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** The first choosable option's index, or -1. */
export function firstEnabled(options: readonly PickerOption[]): number {
  return options.findIndex((o) => !o.disabled);
}

/**
 * The index the highlight moves to: `delta` steps (±1), or to the first/last for "home"/"end",
 * skipping disabled options and stopping at the ends. Moving only highlights: choosing takes
 * Enter or a click.
 */
export function moveActive(options: readonly PickerOption[], from: number, step: 1 | -1 | "home" | "end"): number {
  if (options.length === 0) return -1;
  if (step === "home") return firstEnabled(options);
  if (step === "end") {
    for (let i = options.length - 1; i >= 0; i--) if (!options[i].disabled) return i;
    return -1;
  }
  for (let i = from + step; i >= 0 && i < options.length; i += step) {
    if (!options[i].disabled) return i;
  }
  return from;
}
