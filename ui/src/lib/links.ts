// Clickable links in plain text: web addresses become links (opened in a new window, with no
// access back to this one); everything else stays text. No markup is ever built from the text.

export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
/** Punctuation that ends a sentence rather than the address. */
const TRAILING = ".,;:!?)]}'\"";

/** The address without the sentence's punctuation after it; a ")" stays when it closes a "(" of the address. */
function trimEnd(url: string): string {
  let out = url;
  while (out && TRAILING.includes(out[out.length - 1])) {
    const opened = out.split("(").length - 1;
    const closed = out.split(")").length - 1;
    if (out.endsWith(")") && closed <= opened) break;
    out = out.slice(0, -1);
  }
  return out;
}

/** The text cut into plain parts and links (http, https and www. addresses only). */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const url = trimEnd(m[0]);
    const start = m.index ?? 0;
    if (!url) continue;
    if (start > last) parts.push({ text: text.slice(last, start) });
    const href = url.toLowerCase().startsWith("www.") ? `https://${url}` : url;
    parts.push({ text: url, href });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
