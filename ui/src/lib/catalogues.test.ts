// Unit tests for the served catalogues: fetched once and shared, a failure reported and tried again,
// the position examples per language, and the debounced announcement preview (latest answer wins).
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./api/client";
import type { PositionPreviewBody } from "./api/types";
import { Catalogue, Catalogues, PositionPreviewer, type CatalogueSource } from "./catalogues.svelte";
import { CONDITION_CATALOGUE, VOICE_LANGUAGES, WEBHOOK_FORMATS } from "./test-catalogues";

function source(over: Partial<CatalogueSource> = {}): CatalogueSource & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    conditionCatalogue: async () => {
      calls.push("conditions");
      return CONDITION_CATALOGUE;
    },
    voiceLanguages: async () => {
      calls.push("voices");
      return VOICE_LANGUAGES;
    },
    webhookFormats: async () => {
      calls.push("webhooks");
      return WEBHOOK_FORMATS;
    },
    positionPreview: async (body) => {
      calls.push(`preview ${body.language} ${body.position}`);
      return body.language === "en-US" ? "third\n3\n3rd" : "third\n3\n3.";
    },
    ...over,
  };
}

describe("catalogues", () => {
  it("fetches each catalogue once, however many sections ask", async () => {
    const s = source();
    const catalogues = new Catalogues(s);
    expect(catalogues.conditions.value).toBeNull();
    expect(catalogues.conditions.settled).toBe(false);
    const [a, b] = await Promise.all([catalogues.conditions.load(), catalogues.conditions.load()]);
    expect(a).toBe(CONDITION_CATALOGUE);
    expect(b).toBe(CONDITION_CATALOGUE);
    expect(await catalogues.conditions.load()).toBe(CONDITION_CATALOGUE);
    expect(catalogues.conditions.value).toBe(CONDITION_CATALOGUE);
    expect(catalogues.conditions.settled).toBe(true);
    expect(await catalogues.voices.load()).toEqual(VOICE_LANGUAGES);
    expect(s.calls).toEqual(["conditions", "voices"]);
  });

  it("reports a failure with the server's message and tries again on the next use", async () => {
    let fail = true;
    const onError = vi.fn();
    const catalogue = new Catalogue(async () => {
      if (fail) throw new ApiError(403, "You are not allowed to do that.");
      return VOICE_LANGUAGES;
    }, onError);
    expect(await catalogue.load()).toBeNull();
    expect(catalogue.error).toBe("You are not allowed to do that.");
    expect(catalogue.settled).toBe(true);
    expect(catalogue.loading).toBe(false);
    expect(onError).toHaveBeenCalledTimes(1);
    fail = false;
    const again = catalogue.load();
    expect(catalogue.error).toBeNull();
    expect(catalogue.loading).toBe(true);
    expect(await again).toEqual(VOICE_LANGUAGES);
    expect(catalogue.value).toEqual(VOICE_LANGUAGES);
    expect(catalogue.error).toBeNull();
  });

  it("asks how each language says a position once, and keeps what the server said", async () => {
    const s = source();
    const catalogues = new Catalogues(s);
    await catalogues.loadExamples("en-US");
    await catalogues.loadExamples("en-US");
    await catalogues.loadExamples("de-DE");
    await catalogues.loadExamples("");
    expect(s.calls).toEqual(["preview en-US 3", "preview de-DE 3"]);
    expect(catalogues.examples.get("en-US")).toEqual({ ordinal: "third", cardinal: "3", adaptive: "3rd" });
    expect(catalogues.examples.get("de-DE")).toEqual({ ordinal: "third", cardinal: "3", adaptive: "3." });
  });

  it("leaves the examples out when the server refuses, and asks again later", async () => {
    let refuse = true;
    const s = source({
      positionPreview: async () => {
        if (refuse) throw new ApiError(400, "Unknown language 'xx-XX'");
        return "third\n3\n3rd";
      },
    });
    const catalogues = new Catalogues(s);
    await catalogues.loadExamples("xx-XX");
    expect(catalogues.examples.has("xx-XX")).toBe(false);
    refuse = false;
    await catalogues.loadExamples("xx-XX");
    expect(catalogues.examples.get("xx-XX")?.adaptive).toBe("3rd");
  });
});

describe("position preview", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const body = (text: string, language = "en-US"): PositionPreviewBody => ({ text, language, position: 3 });

  it("asks the server once typing pauses, and shows its text", async () => {
    vi.useFakeTimers();
    const asked: PositionPreviewBody[] = [];
    const previewer = new PositionPreviewer(async (b) => {
      asked.push(b);
      return b.text.replace("{{position.ordinal}}", "third");
    }, 300);
    previewer.request(body("You are {{position.ordinal}}"));
    previewer.request(body("You are {{position.ordinal}} in"));
    previewer.request(body("You are {{position.ordinal}} in line"));
    expect(previewer.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(299);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toEqual([body("You are {{position.ordinal}} in line")]);
    expect(previewer.text).toBe("You are third in line");
    expect(previewer.error).toBeNull();
    expect(previewer.pending).toBe(false);
    // The same again asks nothing.
    previewer.request(body("You are {{position.ordinal}} in line"));
    await vi.advanceTimersByTimeAsync(300);
    expect(asked).toHaveLength(1);
    // Another language is another preview.
    previewer.request(body("You are {{position.ordinal}} in line", "de-DE"));
    await vi.advanceTimersByTimeAsync(300);
    expect(asked).toHaveLength(2);
  });

  it("shows the server's message when it refuses, and clears when there is nothing to preview", async () => {
    vi.useFakeTimers();
    const previewer = new PositionPreviewer(async (b) => {
      if (b.language === "xx-XX") throw new ApiError(400, "Unknown language 'xx-XX'");
      return "3";
    }, 10);
    previewer.request(body("{{position.cardinal}}", "xx-XX"));
    await vi.advanceTimersByTimeAsync(10);
    expect(previewer.error).toBe("Unknown language 'xx-XX'");
    expect(previewer.text).toBeNull();
    previewer.request(body("{{position.cardinal}}"));
    await vi.advanceTimersByTimeAsync(10);
    expect(previewer.error).toBeNull();
    expect(previewer.text).toBe("3");
    previewer.request(null);
    expect(previewer.text).toBeNull();
    expect(previewer.pending).toBe(false);
  });

  it("drops an answer that a newer request overtook", async () => {
    vi.useFakeTimers();
    const answers: ((text: string) => void)[] = [];
    const signals: AbortSignal[] = [];
    const previewer = new PositionPreviewer(
      (_b, signal) =>
        new Promise<string>((resolve) => {
          signals.push(signal);
          answers.push(resolve);
        }),
      10,
    );
    previewer.request(body("first {{position.cardinal}}"));
    await vi.advanceTimersByTimeAsync(10);
    previewer.request(body("second {{position.cardinal}}"));
    expect(signals[0].aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(10);
    answers[1]("second 3");
    answers[0]("first 3");
    await vi.advanceTimersByTimeAsync(0);
    expect(previewer.text).toBe("second 3");
    previewer.dispose();
    previewer.request(body("third {{position.cardinal}}"));
    previewer.dispose();
    await vi.advanceTimersByTimeAsync(20);
    expect(answers).toHaveLength(2);
  });
});
