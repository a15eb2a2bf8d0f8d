// Search highlights: the server's HTML-escaped snippets with `<em class="highlight">` marks. These
// strings are the only HTML the UI renders, and only after safeHighlightHtml lets nothing else through.
import type { SearchHit } from "./api/types";

const OPEN = '<em class="highlight">';
const CLOSE = "</em>";
const ENTITY = /^&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/;

/**
 * Markup for one server highlight string. The highlight marks are kept (balanced, never nested);
 * any other `<`, `>` or stray `&` is escaped, so even a malformed string can't add elements or
 * attributes. Well-formed entities (`&amp;`, `&lt;`, `&#39;` ...) are kept as the server sent them.
 */
export function safeHighlightHtml(text: string): string {
  let out = "";
  let open = false;
  let i = 0;
  while (i < text.length) {
    if (text.startsWith(OPEN, i)) {
      if (!open) out += OPEN;
      open = true;
      i += OPEN.length;
      continue;
    }
    if (text.startsWith(CLOSE, i)) {
      if (open) out += CLOSE;
      open = false;
      i += CLOSE.length;
      continue;
    }
    const c = text[i];
    if (c === "&") {
      const entity = ENTITY.exec(text.slice(i, i + 40));
      if (entity) {
        out += entity[0];
        i += entity[0].length;
        continue;
      }
      out += "&amp;";
    } else if (c === "<") out += "&lt;";
    else if (c === ">") out += "&gt;";
    else out += c;
    i++;
  }
  if (open) out += CLOSE;
  return out;
}

export interface Snippet {
  key: string;
  /** Where the match is: a message or a note. */
  kind: "Message" | "Note";
  /** Sanitized highlight markup (see safeHighlightHtml). */
  html: string;
}

export interface HitView {
  /** Sanitized highlighted subject, or null when the subject didn't match. */
  subjectHtml: string | null;
  snippets: Snippet[];
  /** Matches not shown as snippets. */
  more: number;
}

/** What a search result shows from the hit itself; every markup string comes from the server's highlights. */
export function hitView(hit: SearchHit, maxSnippets = 3): HitView {
  const subject = (hit.highlights?.subject ?? []).find((s) => typeof s === "string" && s.trim() !== "");
  const inner = (hit.innerHits ?? []).filter((h) => typeof h?.highlight?.text === "string" && h.highlight.text !== "");
  return {
    subjectHtml: subject === undefined ? null : safeHighlightHtml(subject),
    snippets: inner.slice(0, maxSnippets).map((h, i) => ({
      key: `${h.id}:${i}`,
      kind: h._type === "Note" ? "Note" : "Message",
      html: safeHighlightHtml(h.highlight.text),
    })),
    more: Math.max(0, inner.length - maxSnippets),
  };
}
