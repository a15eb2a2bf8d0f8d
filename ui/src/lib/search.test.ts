// Unit tests for search: query normalization, result merging, the search request path, and the
// store's debouncing, paging, stale-answer handling and clearing (fake API).
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, searchPath, type SearchParams } from "./api/client";
import type { Conversation, Page, SearchHit } from "./api/types";
import { mergeResults, normalizeQuery, type SearchResult } from "./search";
import { SearchStore, type SearchApi } from "./search.svelte";

function hit(id: number, extra: Partial<SearchHit> = {}): SearchHit {
  return { id, _type: "ConversationSearchHit", highlights: {}, innerHits: [], ...extra };
}

function conv(id: number, extra: Partial<Conversation> = {}): Conversation {
  return { id, shortId: id + 100, status: "Open", subject: `Subject ${id}`, ...extra } as Conversation;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A fake API answering searches from a script: query → pages (first, then by `next` path). */
function fakeApi(pages: Record<string, Page<SearchHit>>, missing: number[] = []) {
  const searches: SearchParams[] = [];
  const pageCalls: string[] = [];
  const conversationCalls: number[] = [];
  const api: SearchApi = {
    search: async (params) => {
      searches.push(params);
      const page = pages[`${params.query}|${params.exactMatch ? "exact" : "any"}`];
      if (!page) throw new ApiError(400, "bad query");
      return page;
    },
    searchPage: async (path) => {
      pageCalls.push(path);
      return pages[path] ?? { items: [] };
    },
    conversation: async (id) => {
      conversationCalls.push(id);
      if (missing.includes(id)) throw new ApiError(404, "Not found.");
      return conv(id);
    },
  };
  return { api, searches, pageCalls, conversationCalls };
}

const ids = (results: SearchResult[]) => results.map((r) => r.hit.id);

afterEach(() => {
  vi.useRealTimers();
});

describe("search helpers", () => {
  it("normalizes queries", () => {
    expect(normalizeQuery("  refund   please ")).toBe("refund please");
    expect(normalizeQuery(" \t\n")).toBe("");
    expect(normalizeQuery("#123")).toBe("#123");
  });

  it("merges further pages without duplicates, keeping the first copy", () => {
    const a = { hit: hit(1), conversation: conv(1) };
    const b = { hit: hit(2), conversation: null };
    const again = { hit: hit(1), conversation: conv(1, { subject: "later" }) };
    const merged = mergeResults([a, b], [again, { hit: hit(3), conversation: conv(3) }]);
    expect(ids(merged)).toEqual([1, 2, 3]);
    expect(merged[0]).toBe(a);
  });

  it("builds the search request path", () => {
    expect(searchPath({ query: "late refund", exactMatch: true, pageLimit: 10 })).toBe(
      "/v1/search/conversations?query=late+refund&exactMatch=true&pageLimit=10",
    );
    expect(searchPath({ query: "#12 & more" })).toBe("/v1/search/conversations?query=%2312+%26+more&exactMatch=false&pageLimit=25");
  });
});

describe("SearchStore", () => {
  it("searches after a pause in typing, once, with the last text", async () => {
    vi.useFakeTimers();
    const { api, searches } = fakeApi({ "refund|any": { items: [hit(1), hit(2)] } });
    const store = new SearchStore(api, () => {}, { debounceMs: 200 });
    store.setText("ref");
    store.setText("refu");
    store.setText(" refund ");
    expect(store.active).toBe(true);
    expect(store.loading).toBe(true);
    await vi.advanceTimersByTimeAsync(199);
    expect(searches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.runAllTimersAsync();
    expect(searches).toEqual([{ query: "refund", exactMatch: false, pageLimit: 25 }]);
    expect(store.query).toBe("refund");
    expect(ids(store.results)).toEqual([1, 2]);
    expect(store.results[0].conversation?.shortId).toBe(101);
    expect(store.loaded).toBe(true);
    expect(store.loading).toBe(false);
  });

  it("submits at once and re-runs when Exact changes", async () => {
    const { api, searches } = fakeApi({
      "late refund|any": { items: [hit(1), hit(2)] },
      "late refund|exact": { items: [hit(2)] },
    });
    const store = new SearchStore(api, () => {}, { debounceMs: 10_000 });
    store.setText("late refund");
    await store.submit();
    expect(ids(store.results)).toEqual([1, 2]);
    await store.setExact(true);
    expect(searches.map((s) => s.exactMatch)).toEqual([false, true]);
    expect(ids(store.results)).toEqual([2]);
  });

  it("does not search when Exact changes with an empty box", async () => {
    const { api, searches } = fakeApi({});
    const store = new SearchStore(api);
    await store.setExact(true);
    expect(store.exact).toBe(true);
    expect(searches).toEqual([]);
    expect(store.active).toBe(false);
  });

  it("pages with meta.next and skips repeated hits", async () => {
    const { api, pageCalls } = fakeApi({
      "a|any": { items: [hit(1), hit(2)], next: "/v1/search/conversations?query=a&pageKey=k1" },
      "/v1/search/conversations?query=a&pageKey=k1": { items: [hit(2), hit(3)], next: "/v1/search/conversations?query=a&pageKey=k2" },
      "/v1/search/conversations?query=a&pageKey=k2": { items: [hit(4)] },
    });
    const store = new SearchStore(api);
    store.setText("a");
    await store.submit();
    expect(store.hasMore).toBe(true);
    await store.loadMore();
    expect(ids(store.results)).toEqual([1, 2, 3]);
    await store.loadMore();
    expect(ids(store.results)).toEqual([1, 2, 3, 4]);
    expect(store.hasMore).toBe(false);
    await store.loadMore();
    expect(pageCalls).toHaveLength(2);
  });

  it("keeps hits whose conversation can't be loaded, without a conversation", async () => {
    const { api } = fakeApi({ "x|any": { items: [hit(1), hit(2)] } }, [2]);
    const store = new SearchStore(api);
    store.setText("x");
    await store.submit();
    expect(store.results.map((r) => r.conversation?.id ?? null)).toEqual([1, null]);
  });

  it("ignores an answer that arrives after the query changed", async () => {
    const slow = deferred<Page<SearchHit>>();
    const searches: string[] = [];
    const api: SearchApi = {
      search: (p) => {
        searches.push(p.query);
        return p.query === "old" ? slow.promise : Promise.resolve({ items: [hit(9)] });
      },
      searchPage: async () => ({ items: [] }),
      conversation: async (id) => conv(id),
    };
    const store = new SearchStore(api);
    store.setText("old");
    const first = store.submit();
    store.setText("new");
    await store.submit();
    slow.resolve({ items: [hit(1)] });
    await first;
    expect(searches).toEqual(["old", "new"]);
    expect(store.query).toBe("new");
    expect(ids(store.results)).toEqual([9]);
  });

  it("clearing leaves search mode, cancels a pending search and drops late answers", async () => {
    vi.useFakeTimers();
    const slow = deferred<Page<SearchHit>>();
    let calls = 0;
    const api: SearchApi = {
      search: () => {
        calls++;
        return slow.promise;
      },
      searchPage: async () => ({ items: [] }),
      conversation: async (id) => conv(id),
    };
    const store = new SearchStore(api, () => {}, { debounceMs: 100 });
    store.setText("abc");
    store.clear();
    await vi.runAllTimersAsync();
    expect(calls).toBe(0);
    expect(store.active).toBe(false);

    store.setText("abc");
    const running = store.submit();
    store.clear();
    slow.resolve({ items: [hit(1)] });
    await running;
    expect(store.text).toBe("");
    expect(store.results).toEqual([]);
    expect(store.loading).toBe(false);
    expect(store.loaded).toBe(false);
  });

  it("an emptied box leaves search mode at once", async () => {
    const { api } = fakeApi({ "a|any": { items: [hit(1)] } });
    const store = new SearchStore(api);
    store.setText("a");
    await store.submit();
    store.setText("   ");
    expect(store.active).toBe(false);
    expect(store.results).toEqual([]);
    expect(store.loading).toBe(false);
  });

  it("reports a failed search and shows no results", async () => {
    const errors: unknown[] = [];
    const { api } = fakeApi({});
    const store = new SearchStore(api, (e) => errors.push(e));
    store.setText("nothing scripted");
    await store.submit();
    expect(errors).toHaveLength(1);
    expect((errors[0] as ApiError).message).toBe("bad query");
    expect(store.results).toEqual([]);
    expect(store.loaded).toBe(true);
  });

  it("refreshes a listed conversation after an event, and only listed ones", async () => {
    const { api, conversationCalls } = fakeApi({ "a|any": { items: [hit(1)] } });
    const store = new SearchStore(api);
    store.setText("a");
    await store.submit();
    conversationCalls.length = 0;
    await store.refreshConversation(5);
    expect(conversationCalls).toEqual([]);
    const before = store.results[0];
    await store.refreshConversation(1);
    expect(conversationCalls).toEqual([1]);
    expect(store.results[0]).not.toBe(before);
    expect(store.results[0].hit).toBe(before.hit);
  });
});
