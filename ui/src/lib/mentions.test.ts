import { describe, expect, it } from "vitest";
import { insertMention, matchCandidates, mentionQuery, mentionsIn } from "./mentions";

describe("mentions", () => {
  it("finds the @name being typed, not email addresses", () => {
    expect(mentionQuery("Hi @bo", 6)).toEqual({ start: 3, query: "bo" });
    expect(mentionQuery("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQuery("Hi @Bob Le", 10)).toEqual({ start: 3, query: "Bob Le" });
    expect(mentionQuery("mail ann@example.com", 20)).toBeNull();
    expect(mentionQuery("no mention", 10)).toBeNull();
    expect(mentionQuery("@bob\nnext", 9)).toBeNull();
  });

  it("matches word beginnings and puts the name in", () => {
    const all = [{ id: "1", name: "Bob Lee" }, { id: "2", name: "Ann Bobbit" }, { id: "3", name: "Cy" }];
    expect(matchCandidates(all, "bo").map((c) => c.id)).toEqual(["1", "2"]);
    expect(matchCandidates(all, "lee").map((c) => c.id)).toEqual(["1"]);
    expect(matchCandidates(all, "").length).toBe(3);
    expect(insertMention("Hi @bo thanks", 3, 6, "Bob Lee")).toEqual({ text: "Hi @Bob Lee  thanks", caret: 12 });
    expect(mentionsIn("@Bob Lee and @Cy", all)).toEqual(["1", "3"]);
    expect(mentionsIn("nobody", all)).toEqual([]);
  });
});
