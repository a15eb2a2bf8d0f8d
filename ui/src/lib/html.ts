// Converts HTML message bodies to plain text for safe display (never injected as markup).

const BLOCK_TAGS = new Set([
  "P", "DIV", "LI", "UL", "OL", "TR", "TABLE", "BLOCKQUOTE", "PRE",
  "H1", "H2", "H3", "H4", "H5", "H6", "SECTION", "ARTICLE", "HEADER", "FOOTER",
]);

/** Plain text of an HTML fragment, keeping line breaks from <br> and block elements. */
export function htmlToText(html: string): string {
  if (typeof DOMParser !== "undefined") {
    // DOMParser documents have no browsing context: scripts don't run and resources don't load.
    const doc = new DOMParser().parseFromString(html, "text/html");
    doc.querySelectorAll("script, style, head, template").forEach((el) => el.remove());
    let out = "";
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        out += (node.textContent ?? "").replace(/\s+/g, " ");
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      const el = node as Element;
      if (el.tagName === "BR") {
        out += "\n";
        return;
      }
      const block = BLOCK_TAGS.has(el.tagName);
      if (block && out && !out.endsWith("\n")) out += "\n";
      el.childNodes.forEach(walk);
      if (block && !out.endsWith("\n")) out += "\n";
    };
    walk(doc.body);
    return tidy(out);
  }
  return tidy(
    html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, "")
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/(p|div|li|tr|h[1-6]|blockquote|pre)>/gi, "\n")
      .replace(/<[^>]+>/g, "")
      .replace(/&nbsp;/g, " ")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&"),
  );
}

function tidy(text: string): string {
  return text
    .split("\n")
    .map((l) => l.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Only http(s) links are rendered as links; anything else (javascript:, data:) is shown as text.
 * Relative URLs resolve against the API base when there is one (the desktop window's own origin
 * is tauri://localhost), else against the page.
 */
export function safeHref(url: string, apiBase = ""): string | null {
  try {
    const base = apiBase ? apiBase + "/" : typeof location !== "undefined" ? location.href : "http://localhost/";
    const u = new URL(url, base);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

/** A readable name for an attachment: its prettyName, else the last path segment of its URL. */
export function attachmentName(att: { url: string; prettyName?: string | null }): string {
  if (att.prettyName) return att.prettyName;
  try {
    const u = new URL(att.url, "http://localhost/");
    const last = u.pathname.split("/").filter(Boolean).pop();
    return last ? decodeURIComponent(last) : "Attachment";
  } catch {
    return "Attachment";
  }
}
