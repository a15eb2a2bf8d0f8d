// Partial changes of standard attributes (people and companies): which keys a PATCH sends
// (unchanged → absent, emptied → null), lists as the server keeps them, and calendar dates.

/** The server keeps texts, and each item of a list, of at most this many characters. */
export const MAX_ATTRIBUTE_TEXT = 500;

/** The server keeps lists (tags, domains) of at most this many items. */
export const MAX_LIST_ITEMS = 100;

/**
 * A list as the server keeps it: items trimmed, empty ones dropped, and repeats that differ only
 * in case left out (the first spelling stays).
 */
export function normalizeList(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const item = value.trim();
    const key = item.toLowerCase();
    if (!item || seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/** Typed or pasted text as list items: commas and line breaks separate them. */
export function splitListInput(text: string): string[] {
  return normalizeList(text.split(/[,\r\n]+/));
}

/** The list with the typed items appended (those already listed, in any case, are not repeated). */
export function addToList(list: readonly string[], text: string): string[] {
  return normalizeList([...list, ...splitListInput(text)]);
}

export function removeFromList(list: readonly string[], item: string): string[] {
  return list.filter((x) => x !== item);
}

/** Whether two lists hold the same items, spelt the same, in the same order (once normalised). */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  const x = normalizeList(a);
  const y = normalizeList(b);
  return x.length === y.length && x.every((item, i) => item === y[i]);
}

/**
 * Why typed text can't be added to a list, or null (nothing typed is no error: there is nothing to
 * add). The limits are the attribute lists' unless given (senders, for one, are longer).
 */
export function listInputError(
  list: readonly string[],
  text: string,
  maxItems: number = MAX_LIST_ITEMS,
  maxLength: number = MAX_ATTRIBUTE_TEXT,
): string | null {
  const items = splitListInput(text);
  if (items.length === 0) return null;
  const long = items.find((item) => [...item].length > maxLength);
  if (long !== undefined) return `Use at most ${maxLength} characters per item.`;
  const listed = new Set(list.map((x) => x.trim().toLowerCase()));
  const fresh = items.filter((item) => !listed.has(item.toLowerCase()));
  if (fresh.length === 0) return items.length === 1 ? `“${items[0]}” is already listed.` : "These are already listed.";
  if (normalizeList(list).length + fresh.length > maxItems) return `A list holds at most ${maxItems} items.`;
  return null;
}

/** An optional text attribute: at most MAX_ATTRIBUTE_TEXT characters once trimmed. */
export function textError(value: string): string | null {
  return [...value.trim()].length > MAX_ATTRIBUTE_TEXT ? `Use at most ${MAX_ATTRIBUTE_TEXT} characters.` : null;
}

/**
 * What a PATCH sends for a text attribute: undefined (left out) when the trimmed text is what the
 * server has, null when it was emptied, else the trimmed text.
 */
export function textChange(before: string | null | undefined, after: string): string | null | undefined {
  const next = after.trim();
  if (next === (before ?? "").trim()) return undefined;
  return next === "" ? null : next;
}

/** What a PATCH sends for a list: undefined when unchanged, null when emptied, else the normalised list. */
export function listChange(before: readonly string[] | null | undefined, after: readonly string[]): string[] | null | undefined {
  const next = normalizeList(after);
  if (sameList(before ?? [], next)) return undefined;
  return next.length === 0 ? null : next;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Whether text is a real calendar day written YYYY-MM-DD (2024-02-29 is, 2023-02-29 isn't). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const days = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/** An optional date: empty, or a real day as YYYY-MM-DD. */
export function dateError(value: string): string | null {
  const v = value.trim();
  if (!v || isCalendarDate(v)) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? "That day doesn't exist." : "Enter a date as YYYY-MM-DD.";
}
