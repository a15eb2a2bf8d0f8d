// Unit tests for search highlight rendering: only the server's highlight strings become markup,
// and nothing but the `<em class="highlight">` marks survives in them.
import { describe, expect, it } from "vitest";
import type { SearchHit } from "./api/types";
import { hitView, safeHighlightHtml } from "./highlight";

describe("safeHighlightHtml", () => {
  it("keeps the server's marks and escaped text as they are", () => {
    const s = 'My <em class="highlight">refund</em> for &lt;order&gt; &amp; &quot;more&quot; &#39;x&#39;…';
    expect(safeHighlightHtml(s)).toBe(s);
  });

  it("escapes any other tag or attribute", () => {
    expect(safeHighlightHtml('<img src=x onerror="alert(1)">hi')).toBe('&lt;img src=x onerror="alert(1)"&gt;hi');
    // Not exactly the server's mark, so escaped; its closer then has no opener and is dropped.
    expect(safeHighlightHtml('<em class="highlight" onclick="x">a</em>')).toBe('&lt;em class="highlight" onclick="x"&gt;a');
    expect(safeHighlightHtml("<script>alert(1)</script>")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(safeHighlightHtml("<EM class=\"highlight\">x</EM>")).toBe('&lt;EM class="highlight"&gt;x&lt;/EM&gt;');
  });

  it("escapes stray ampersands but keeps entities", () => {
    expect(safeHighlightHtml("Q&A &copy; &#169; &#xA9; &bogus")).toBe("Q&amp;A &copy; &#169; &#xA9; &amp;bogus");
  });

  it("balances marks: no nesting, stray closers dropped, an open mark closed", () => {
    const open = '<em class="highlight">';
    expect(safeHighlightHtml(`${open}a${open}b</em>c`)).toBe(`${open}ab</em>c`);
    expect(safeHighlightHtml("a</em>b")).toBe("ab");
    expect(safeHighlightHtml(`${open}tail`)).toBe(`${open}tail</em>`);
  });
});

describe("hitView", () => {
  const hit = (extra: Partial<SearchHit>): SearchHit => ({ id: 7, _type: "ConversationSearchHit", highlights: {}, innerHits: [], ...extra });

  it("takes markup only from the highlight strings, sanitized", () => {
    const view = hitView(
      hit({
        highlights: { subject: ['Late <em class="highlight">refund</em><img src=x>'] },
        innerHits: [
          { id: "m1", _type: "Message", highlight: { text: 'the <em class="highlight">refund</em>' } },
          { id: "n1", _type: "Note", highlight: { text: "<b>note</b>" } },
        ],
      }),
    );
    expect(view.subjectHtml).toBe('Late <em class="highlight">refund</em>&lt;img src=x&gt;');
    expect(view.snippets).toEqual([
      { key: "m1:0", kind: "Message", html: 'the <em class="highlight">refund</em>' },
      { key: "n1:1", kind: "Note", html: "&lt;b&gt;note&lt;/b&gt;" },
    ]);
    expect(view.more).toBe(0);
  });

  it("has no subject markup when the subject didn't match (the title is then plain text)", () => {
    expect(hitView(hit({})).subjectHtml).toBeNull();
    expect(hitView(hit({ highlights: { subject: [""] } })).subjectHtml).toBeNull();
  });

  it("limits snippets and counts the rest", () => {
    const innerHits = Array.from({ length: 5 }, (_, i) => ({ id: `m${i}`, _type: "Message", highlight: { text: `t${i}` } }));
    const view = hitView(hit({ innerHits }), 2);
    expect(view.snippets.map((s) => s.html)).toEqual(["t0", "t1"]);
    expect(view.more).toBe(3);
  });
});
