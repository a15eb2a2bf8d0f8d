// @mentions in notes: the name being typed after "@", putting a chosen name in, and which
// chosen agents the text still names when it is sent.

export interface MentionCandidate {
  id: string;
  name: string;
}

/** The "@…" being typed just before the caret: where its "@" is and the text after it. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0) return null;
  // "@" starts a word (not an email address), and the query is short and on one line.
  if (at > 0 && !/\s/.test(before[at - 1])) return null;
  const query = before.slice(at + 1);
  if (query.length > 30 || /[\n@]/.test(query) || /\s{2}/.test(query)) return null;
  return { start: at, query };
}

/** Candidates whose name has a word starting with the query (any case), at most `limit`. */
export function matchCandidates(all: readonly MentionCandidate[], query: string, limit = 8): MentionCandidate[] {
  const q = query.trim().toLowerCase();
  return all
    .filter((c) => {
      const name = c.name.toLowerCase();
      return !q || name.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q));
    })
    .slice(0, limit);
}

/** The text with "@Name " in place of the "@query" from `start` to `caret`, and the new caret. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/** The chosen agents whose "@Name" is still in the text, each once. */
export function mentionsIn(text: string, chosen: readonly MentionCandidate[]): string[] {
  const out: string[] = [];
  for (const c of chosen) if (text.includes(`@${c.name}`) && !out.includes(c.id)) out.push(c.id);
  return out;
}
