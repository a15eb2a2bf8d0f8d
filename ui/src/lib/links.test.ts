import { describe, expect, it } from "vitest";
import { linkParts } from "./links";

describe("linkParts", () => {
  it("turns web addresses into links and leaves the rest as text", () => {
    expect(linkParts("See https://example.com/a?b=1, then reply.")).toEqual([
      { text: "See " },
      { text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
      { text: ", then reply." },
    ]);
    expect(linkParts("go to www.example.com.")).toEqual([
      { text: "go to " },
      { text: "www.example.com", href: "https://www.example.com" },
      { text: "." },
    ]);
    expect(linkParts("(https://en.wikipedia.org/wiki/Foo_(bar))")).toEqual([
      { text: "(" },
      { text: "https://en.wikipedia.org/wiki/Foo_(bar)", href: "https://en.wikipedia.org/wiki/Foo_(bar)" },
      { text: ")" },
    ]);
    expect(linkParts("no links here")).toEqual([{ text: "no links here" }]);
    // Other schemes stay text: nothing the customer writes can run in the page.
    expect(linkParts("javascript:alert(1) data:text/html,x")).toEqual([{ text: "javascript:alert(1) data:text/html,x" }]);
  });
});
