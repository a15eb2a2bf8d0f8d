// Unit tests for the waiting-strategy logic: the server's languages and voices (a fixture shaped like
// its answer), the position placeholders, defaults, checks naming their field, bodies and changes,
// summaries, senders and the audio files' checks and sizes.
import { describe, expect, it } from "vitest";
import type { AudioFile, WaitingStrategy } from "./api/types";
import { VOICE_LANGUAGES as L } from "./test-catalogues";
import {
  applyStrategy,
  AUDIO_FILE_MAX_BYTES,
  audioContentType,
  audioFileError,
  defaultLanguage,
  defaultVoiceDraft,
  emptyStrategyDraft,
  fileLabel,
  firstStrategyError,
  formatSeconds,
  formatSize,
  hasErrors,
  insertAtCursor,
  languageLabel,
  languageOf,
  messagingBody,
  messagingDraft,
  messagingErrors,
  messagingPlan,
  messagingSummary,
  normalizeSenders,
  otherDefault,
  placeholderAvailable,
  placeholdersIn,
  placeholderUnavailableReason,
  planText,
  positionExamplesText,
  readPositionExamples,
  senderClash,
  sendersError,
  sendersSummary,
  sortStrategies,
  strategiesPlaying,
  strategyCreateBody,
  strategyDraft,
  strategyDraftErrors,
  strategyNameError,
  strategyPatch,
  strategySummary,
  uploadName,
  voiceBody,
  voiceDraft,
  voiceErrors,
  voiceMessageBody,
  voiceOf,
  voicesOf,
  voiceSummary,
  withLanguage,
  type MessagingDraft,
  type StrategyDraft,
  type VoiceDraft,
} from "./waiting";

function messaging(fields: Partial<WaitingStrategy> = {}): WaitingStrategy {
  return {
    id: "w1",
    name: "Support",
    kind: "Messaging",
    enabled: true,
    isDefault: false,
    senders: ["support@example.com"],
    messaging: {
      welcome: { enabled: true, text: "Hi! We got your message." },
      announcements: { enabled: true, text: "Still here.", intervalMinutes: 5, count: 6 },
      maximumWait: { enabled: true, text: "Sorry, closing.", minutes: 45 },
    },
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
    ...fields,
  };
}

function voice(fields: Partial<WaitingStrategy> = {}): WaitingStrategy {
  return {
    id: "v1",
    name: "Phones",
    kind: "Voice",
    enabled: true,
    isDefault: true,
    senders: ["+4570000000"],
    voice: {
      maximumWaitMinutes: 10,
      greeting: { enabled: true, source: "textToSpeech", text: "Welcome.", language: "en-US", voice: "Joanna", speechRate: 1 },
      holdMusic: { enabled: true, source: "file", fileId: "f1" },
      announcement: {
        enabled: true,
        source: "textToSpeech",
        text: "You are {{position.ordinal}} in line.",
        language: "en-US",
        voice: "Matthew",
        speechRate: 1.25,
        intervalSeconds: 60,
      },
    },
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
    ...fields,
  };
}

function messagingDraftWith(change: (d: MessagingDraft) => void): MessagingDraft {
  const d = messagingDraft(messaging().messaging);
  change(d);
  return d;
}

function voiceDraftWith(change: (d: VoiceDraft) => void): VoiceDraft {
  const d = voiceDraft(L, voice().voice);
  change(d);
  return d;
}

const files = [{ id: "f1" }, { id: "f2" }];

describe("languages and voices", () => {
  it("offers the server's languages with their voices", () => {
    expect(defaultLanguage(L)).toBe("en-US");
    expect(defaultLanguage([])).toBe("");
    expect(voicesOf(L, "en-US")).toEqual(["Joanna", "Matthew", "Joanna (neural)", "Matthew (neural)"]);
    expect(voicesOf(L, "de-DE")).toEqual(["Marlene", "Hans", "Vicki (neural)"]);
    // A language the server doesn't offer has no voices.
    expect(voicesOf(L, "en-GB")).toEqual([]);
    expect(languageOf(L, " de-de ")?.tag).toBe("de-DE");
    expect(languageLabel(L, "de-DE")).toBe("German");
    expect(languageLabel(L, "sv-SE")).toBe("sv-SE");
    expect(voiceOf(L, "en-US", " matthew (NEURAL) ")).toBe("Matthew (neural)");
    expect(voiceOf(L, "de-DE", "Matthew")).toBeUndefined();
    // Whatever the server serves, nothing else.
    const served = [{ tag: "sv-SE", label: "Swedish", voices: ["Astrid"], ordinalWords: false, ordinalMark: ":e" }];
    expect(voicesOf(served, "sv-SE")).toEqual(["Astrid"]);
    expect(voicesOf(served, "en-US")).toEqual([]);
  });

  it("keeps the voice when the language has it, else takes the language's first", () => {
    const m = defaultVoiceDraft(L).greeting;
    expect(withLanguage(L, { ...m, voice: "Matthew" }, "en-US").voice).toBe("Matthew");
    expect(withLanguage(L, { ...m, voice: "Matthew" }, "de-DE")).toMatchObject({ language: "de-DE", voice: "Marlene" });
    expect(withLanguage(L, { ...m, voice: "Matthew" }, "xx-XX").voice).toBe("");
  });
});

describe("position placeholders", () => {
  it("offers ordinal words only in the languages the server says have them", () => {
    expect(placeholderAvailable(L, "en-US", "ordinal")).toBe(true);
    expect(placeholderAvailable(L, "de-DE", "ordinal")).toBe(false);
    for (const tag of ["en-US", "de-DE"]) {
      expect(placeholderAvailable(L, tag, "cardinal")).toBe(true);
      expect(placeholderAvailable(L, tag, "adaptive")).toBe(true);
    }
    expect(placeholderUnavailableReason(L, "de-DE", "ordinal")).toBe("German has no ordinal words: use the number or the adaptive form.");
    expect(placeholderUnavailableReason(L, "en-US", "ordinal")).toBeNull();
    expect(placeholderAvailable(L, "", "cardinal")).toBe(false);
    expect(placeholderUnavailableReason(L, "fr-FR", "cardinal")).toBe("Choose a language first.");
  });

  it("finds the placeholders a text uses", () => {
    const text = "You are {{position.ordinal}} in line ({{position.cardinal}}, {{position.adaptive}}).";
    expect(placeholdersIn(text)).toEqual(["ordinal", "cardinal", "adaptive"]);
    expect(placeholdersIn("{{position.cardinal}}")).toEqual(["cardinal"]);
    expect(placeholdersIn("No placeholders")).toEqual([]);
  });

  it("asks the server for every form at once and reads its answer back", () => {
    expect(positionExamplesText()).toBe("{{position.ordinal}}\n{{position.cardinal}}\n{{position.adaptive}}");
    expect(readPositionExamples("third\n3\n3rd")).toEqual({ ordinal: "third", cardinal: "3", adaptive: "3rd" });
    expect(readPositionExamples("third\n3\n3.")).toEqual({ ordinal: "third", cardinal: "3", adaptive: "3." });
    expect(readPositionExamples("third 3 3rd")).toBeNull();
    expect(readPositionExamples("third\n\n3rd")).toBeNull();
  });

  it("inserts at the cursor, in place of a selection", () => {
    expect(insertAtCursor("You are  in line", 8, 8, "{{position.cardinal}}")).toEqual({
      text: "You are {{position.cardinal}} in line",
      cursor: 29,
    });
    expect(insertAtCursor("You are X in line", 8, 9, "{{x}}")).toEqual({ text: "You are {{x}} in line", cursor: 13 });
    expect(insertAtCursor("End", null, null, "!")).toEqual({ text: "End!", cursor: 4 });
    expect(insertAtCursor("ab", 10, 20, "!")).toEqual({ text: "ab!", cursor: 3 });
  });
});

describe("defaults", () => {
  it("starts each kind valid, with messages to switch on", () => {
    const m = emptyStrategyDraft(L, "Messaging");
    expect(m).toMatchObject({ kind: "Messaging", name: "", enabled: true, isDefault: false, senders: [] });
    expect(m.messaging.welcome.enabled).toBe(true);
    expect(m.messaging.announcements).toMatchObject({ enabled: false, intervalMinutes: 5, count: 6 });
    expect(m.messaging.maximumWait).toMatchObject({ enabled: false, minutes: 45 });
    expect(strategyDraftErrors(L, m, [])).toEqual({});
    const v = emptyStrategyDraft(L, "Voice");
    expect(strategyDraftErrors(L, v, [])).toEqual({});
    expect(v.voice.greeting).toMatchObject({ enabled: true, source: "textToSpeech", language: "en-US", voice: "Joanna", speechRate: 1 });
    expect(v.voice.holdMusic).toMatchObject({ enabled: false, source: "file", fileId: "" });
    expect(v.voice.announcement.text).toContain("{{position.ordinal}}");
    // A language without ordinal words starts with the number.
    expect(defaultVoiceDraft(L, "de-DE").announcement).toMatchObject({ language: "de-DE", voice: "Marlene" });
    expect(defaultVoiceDraft(L, "de-DE").announcement.text).toContain("{{position.cardinal}}");
    expect(defaultVoiceDraft(L, "de-DE").announcement.text).not.toContain("{{position.ordinal}}");
    // New messages start in the server's first language; one it doesn't offer falls back to it.
    const germanFirst = [...L].reverse();
    expect(emptyStrategyDraft(germanFirst, "Voice").voice.greeting).toMatchObject({ language: "de-DE", voice: "Marlene" });
    expect(emptyStrategyDraft(germanFirst, "Voice").voice.announcement.text).toContain("{{position.cardinal}}");
    expect(defaultVoiceDraft(L, "fr-FR").greeting).toMatchObject({ language: "en-US", voice: "Joanna" });
  });
});

describe("messaging checks", () => {
  it("needs one block switched on, and text in the ones that are", () => {
    const none = messagingDraftWith((d) => {
      d.welcome.enabled = false;
      d.announcements.enabled = false;
      d.maximumWait.enabled = false;
    });
    expect(messagingErrors(none).messaging).toMatch(/at least one/);
    const empty = messagingDraftWith((d) => (d.welcome.text = "   "));
    expect(firstStrategyError(messagingErrors(empty))).toBe("Welcome: Write the welcome message, or switch it off.");
    // Switched off, an empty text is fine.
    expect(messagingErrors(messagingDraftWith((d) => Object.assign(d.welcome, { enabled: false, text: "" })))).toEqual({});
    const long = messagingDraftWith((d) => (d.maximumWait.text = "x".repeat(2001)));
    expect(firstStrategyError(messagingErrors(long))).toBe("Maximum wait: Use at most 2000 characters (2001 now).");
  });

  it("keeps announcements within the hour, naming the numbers", () => {
    const over = messagingDraftWith((d) => Object.assign(d.announcements, { intervalMinutes: 5, count: 13 }));
    expect(firstStrategyError(messagingErrors(over))).toBe("Announcements: interval × count may not pass 60 minutes (5 × 13 = 65).");
    expect(messagingErrors(messagingDraftWith((d) => Object.assign(d.announcements, { intervalMinutes: 1, count: 60 })))).toEqual({});
    const zero = messagingErrors(messagingDraftWith((d) => (d.announcements.intervalMinutes = 0)));
    expect(zero["announcements.intervalMinutes"]).toMatch(/at least 1/);
    const empty = messagingErrors(messagingDraftWith((d) => (d.announcements.count = null)));
    expect(empty["announcements.count"]).toMatch(/at least 1/);
    const fraction = messagingErrors(messagingDraftWith((d) => (d.announcements.intervalMinutes = 2.5)));
    expect(fraction["announcements.intervalMinutes"]).toBeDefined();
    // The server checks the numbers even when announcements are off.
    const off = messagingDraftWith((d) => Object.assign(d.announcements, { enabled: false, intervalMinutes: 10, count: 10 }));
    expect(hasErrors(messagingErrors(off))).toBe(true);
  });

  it("keeps the maximum wait between 1 and 60 minutes", () => {
    for (const minutes of [0, 61, null]) {
      const e = messagingErrors(messagingDraftWith((d) => (d.maximumWait.minutes = minutes)));
      expect(firstStrategyError(e)).toBe("Maximum wait: Enter the maximum wait in whole minutes, 1 to 60.");
    }
    expect(messagingErrors(messagingDraftWith((d) => (d.maximumWait.minutes = 60)))).toEqual({});
  });
});

describe("voice checks", () => {
  it("accepts a saved strategy as it is", () => {
    expect(voiceErrors(L, voiceDraft(L, voice().voice), files)).toEqual({});
  });

  it("needs one message switched on and a maximum wait of at most an hour", () => {
    const none = voiceDraftWith((d) => {
      for (const m of [d.greeting, d.holdMusic, d.announcement, d.maximumWaitMessage]) m.enabled = false;
    });
    expect(firstStrategyError(voiceErrors(L, none))).toMatch(/^Messages: Switch on at least one of the greeting/);
    expect(firstStrategyError(voiceErrors(L, voiceDraftWith((d) => (d.maximumWaitMinutes = 61))))).toBe(
      "Maximum wait: Enter the maximum wait in whole minutes, 1 to 60.",
    );
  });

  it("names a missing text, a voice the language hasn't, a rate out of range and a missing file", () => {
    const text = voiceErrors(L, voiceDraftWith((d) => (d.greeting.text = " ")));
    expect(firstStrategyError(text)).toBe("Greeting: Write what to say, or switch it off.");
    const voiceOfOther = voiceErrors(L, voiceDraftWith((d) => (d.greeting.voice = "Amy")));
    expect(voiceOfOther["greeting.voice"]).toBe("Choose one of the English (US) voices: Joanna, Matthew, Joanna (neural), Matthew (neural).");
    const rate = voiceErrors(L, voiceDraftWith((d) => (d.announcement.speechRate = 2.5)));
    expect(firstStrategyError(rate)).toBe("Announcement: The speech rate goes from 0.5 to 2.0.");
    const noFile = voiceErrors(L, voiceDraftWith((d) => (d.holdMusic.fileId = "")));
    expect(firstStrategyError(noFile)).toMatch(/^Hold music: Choose the music/);
    const gone = voiceErrors(L, voiceDraftWith((d) => (d.holdMusic.fileId = "deleted")), files);
    expect(gone["holdMusic.fileId"]).toMatch(/no longer exists/);
    // Without the file list, a file isn't judged.
    expect(voiceErrors(L, voiceDraftWith((d) => (d.holdMusic.fileId = "deleted")))).toEqual({});
    const seconds = voiceErrors(L, voiceDraftWith((d) => (d.announcement.intervalSeconds = 5)));
    expect(firstStrategyError(seconds)).toBe("Announcement: Enter the interval in whole seconds, at least 10.");
  });

  it("allows the position only in the announcement, and ordinal words only where the server has them", () => {
    const greeting = voiceErrors(L, voiceDraftWith((d) => (d.greeting.text = "You are {{position.cardinal}}.")));
    expect(firstStrategyError(greeting)).toBe("Greeting: The position placeholders work only in the announcement.");
    const german = voiceErrors(L, voiceDraftWith((d) => (d.announcement = { ...withLanguage(L, d.announcement, "de-DE") })));
    expect(german["announcement.voice"]).toBeUndefined();
    expect(firstStrategyError(german)).toBe("Announcement: German has no ordinal words: use {{position.cardinal}} or {{position.adaptive}}.");
    const adaptive = voiceDraftWith((d) => {
      d.announcement = withLanguage(L, d.announcement, "de-DE");
      d.announcement.text = "Sie sind {{position.adaptive}}.";
    });
    expect(voiceErrors(L, adaptive)).toEqual({});
    // With ordinal words served for German, they are fine.
    const served = L.map((l) => (l.tag === "de-DE" ? { ...l, ordinalWords: true } : l));
    expect(voiceErrors(served, voiceDraftWith((d) => (d.announcement = withLanguage(served, d.announcement, "de-DE"))))).toEqual({});
    // A language the server doesn't offer is refused.
    const gone = voiceErrors(L, voiceDraftWith((d) => (d.announcement = withLanguage(L, d.announcement, "fr-FR"))));
    expect(firstStrategyError(gone)).toBe("Announcement: Choose a language.");
  });

  it("leaves a message switched off without content out, unchecked", () => {
    const d = voiceDraftWith((v) => {
      v.maximumWaitMessage.enabled = false;
      v.maximumWaitMessage.text = "";
      v.maximumWaitMessage.voice = "nobody";
    });
    expect(voiceErrors(L, d)).toEqual({});
    expect(voiceBody(d).maximumWaitMessage).toBeUndefined();
  });
});

describe("names and senders", () => {
  const list = [messaging(), voice()];

  it("takes an optional name for a new strategy, a unique one in any case", () => {
    expect(strategyNameError("", list)).toBeNull();
    expect(strategyNameError("", list, "w1")).toBe("Enter a name.");
    expect(strategyNameError(" support ", list)).toBe("A waiting strategy named Support already exists.");
    expect(strategyNameError("Support", list, "w1")).toBeNull();
    expect(strategyNameError("x".repeat(201), list)).toBe("Use at most 200 characters.");
  });

  it("normalises senders and refuses one another strategy of the kind serves", () => {
    expect(normalizeSenders([" a@x.io ", "A@X.IO", "", "+45 1"])).toEqual(["a@x.io", "+45 1"]);
    expect(senderClash(["SUPPORT@example.com"], list, "Messaging")).toEqual({ sender: "SUPPORT@example.com", strategy: "Support" });
    // Another kind may serve the same sender, and a strategy doesn't clash with itself.
    expect(senderClash(["support@example.com"], list, "Voice")).toBeNull();
    expect(senderClash(["support@example.com"], list, "Messaging", "w1")).toBeNull();
    expect(sendersError(["support@example.com"], list, "Messaging")).toBe(
      "support@example.com already has a messaging strategy: Support (one strategy per sender).",
    );
    expect(sendersError(Array.from({ length: 501 }, (_, i) => `s${i}`), [], "Voice")).toBe("Use at most 500 senders (501 now).");
    expect(sendersError(["x".repeat(321)], [], "Voice")).toMatch(/longer than 320 characters/);
    const d: StrategyDraft = { ...emptyStrategyDraft(L, "Messaging"), senders: ["support@example.com"] };
    expect(firstStrategyError(strategyDraftErrors(L, d, list))).toMatch(/^Senders: support@example.com already has/);
  });

  it("sums up senders", () => {
    expect(sendersSummary([])).toBe("No senders");
    expect(sendersSummary(["a", "b"])).toBe("a, b");
    expect(sendersSummary(["a", "b", "c", "d", "e"])).toBe("a, b, c and 2 more");
  });
});

describe("bodies", () => {
  it("creates with the kind's part only, no name when left empty, senders normalised", () => {
    const d = emptyStrategyDraft(L, "Messaging");
    d.senders = [" a@x.io", "A@x.io", "b@x.io"];
    d.messaging.welcome.text = "  Hello  ";
    const body = strategyCreateBody(d);
    expect(body).toEqual({
      enabled: true,
      isDefault: false,
      senders: ["a@x.io", "b@x.io"],
      messaging: {
        welcome: { enabled: true, text: "Hello" },
        announcements: { enabled: false, text: d.messaging.announcements.text, intervalMinutes: 5, count: 6 },
        maximumWait: { enabled: false, text: d.messaging.maximumWait.text, minutes: 45 },
      },
    });
    expect("voice" in body).toBe(false);
    expect(strategyCreateBody({ ...d, name: " Chat " }).name).toBe("Chat");
  });

  it("sends voice messages by their chosen source, hold music as a file, empty ones left out", () => {
    const d = emptyStrategyDraft(L, "Voice");
    d.voice.greeting = { ...d.voice.greeting, source: "file", fileId: "f2" };
    d.voice.holdMusic = { ...d.voice.holdMusic, enabled: true, fileId: "f1" };
    d.voice.announcement.speechRate = 1.2500001;
    d.voice.maximumWaitMessage = { ...d.voice.maximumWaitMessage, enabled: false, text: "" };
    const body = strategyCreateBody(d);
    expect("messaging" in body).toBe(false);
    expect(body.voice).toEqual({
      maximumWaitMinutes: 10,
      greeting: { enabled: true, source: "file", fileId: "f2" },
      holdMusic: { enabled: true, source: "file", fileId: "f1" },
      announcement: {
        enabled: true,
        source: "textToSpeech",
        text: d.voice.announcement.text,
        language: "en-US",
        voice: "Joanna",
        speechRate: 1.25,
        intervalSeconds: 60,
      },
    });
    // Switched off with text: kept, so switching it on again finds it.
    expect(voiceMessageBody({ ...d.voice.greeting, source: "textToSpeech", enabled: false, text: "Hi" })).toMatchObject({
      enabled: false,
      text: "Hi",
    });
  });

  it("patches only what changed, the messaging or voice part whole", () => {
    const s = messaging();
    expect(strategyPatch(L, s, strategyDraft(L, s))).toBeNull();
    const renamed = { ...strategyDraft(L, s), name: " Chat " };
    expect(strategyPatch(L, s, renamed)).toEqual({ name: "Chat" });
    expect(strategyPatch(L, s, { ...strategyDraft(L, s), enabled: false, isDefault: true })).toEqual({ enabled: false, isDefault: true });
    expect(strategyPatch(L, s, { ...strategyDraft(L, s), senders: ["support@example.com", " chat-widget "] })).toEqual({
      senders: ["support@example.com", "chat-widget"],
    });
    // Spelling the same senders again changes nothing.
    expect(strategyPatch(L, s, { ...strategyDraft(L, s), senders: [" support@example.com", "SUPPORT@example.com"] })).toBeNull();
    const texts = strategyDraft(L, s);
    texts.messaging.announcements.count = 4;
    expect(strategyPatch(L, s, texts)).toEqual({ messaging: { ...s.messaging, announcements: { ...s.messaging!.announcements!, count: 4 } } });
  });

  it("finds an unchanged voice strategy unchanged, whatever the server's spelling", () => {
    const s = voice();
    expect(strategyPatch(L, s, strategyDraft(L, s))).toBeNull();
    const odd = voice({
      voice: { ...s.voice!, greeting: { enabled: true, source: "textToSpeech", text: "Welcome.", language: "en-us", voice: "joanna" } },
    });
    expect(strategyPatch(L, odd, strategyDraft(L, odd))).toBeNull();
    const changed = strategyDraft(L, s);
    changed.voice.maximumWaitMinutes = 15;
    const patch = strategyPatch(L, s, changed);
    expect(Object.keys(patch ?? {})).toEqual(["voice"]);
    expect(patch?.voice?.maximumWaitMinutes).toBe(15);
    expect(patch?.voice?.holdMusic).toEqual({ enabled: true, source: "file", fileId: "f1" });
    expect(patch?.voice?.maximumWaitMessage).toBeUndefined();
  });

  it("reads absent parts as switched off", () => {
    const d = voiceDraft(L, { maximumWaitMinutes: 5, holdMusic: { enabled: true, source: "file", fileId: "f1" } });
    expect(d.greeting).toMatchObject({ enabled: false, text: "", source: "textToSpeech" });
    expect(d.announcement).toMatchObject({ enabled: false, intervalSeconds: 60 });
    expect(voiceBody(d)).toEqual({ maximumWaitMinutes: 5, holdMusic: { enabled: true, source: "file", fileId: "f1" } });
    expect(messagingBody(messagingDraft({ welcome: { enabled: true, text: "Hi" } }))).toEqual({
      welcome: { enabled: true, text: "Hi" },
      announcements: { enabled: false, text: "", intervalMinutes: 5, count: 6 },
      maximumWait: { enabled: false, text: "", minutes: 60 },
    });
  });
});

describe("lists and summaries", () => {
  it("sums up a messaging strategy in one line", () => {
    expect(messagingSummary(messaging().messaging)).toBe("Welcome · every 5 min ×6 · closes after 45 min");
    const saved = messaging().messaging!;
    const onlyMax = { ...saved, welcome: { enabled: false, text: "" }, announcements: { ...saved.announcements!, enabled: false } };
    expect(messagingSummary(onlyMax)).toBe("Closes after 45 min");
    expect(messagingSummary(null)).toBe("Nothing switched on");
  });

  it("sums up a voice strategy in one line", () => {
    expect(voiceSummary(voice().voice)).toBe("Greeting · hold music · place in line every 1 min · ends after 10 min");
    const v = voice().voice!;
    expect(
      voiceSummary({
        ...v,
        greeting: null,
        announcement: { enabled: true, source: "textToSpeech", text: "Thanks for holding", language: "en-US", voice: "Joanna", intervalSeconds: 45 },
        maximumWaitMessage: { enabled: true, source: "file", fileId: "f2" },
      }),
    ).toBe("Hold music · announcement every 45 s · ends after 10 min with a message");
    expect(strategySummary(messaging())).toBe("Welcome · every 5 min ×6 · closes after 45 min");
    expect(formatSeconds(90)).toBe("1 min 30 s");
  });

  it("plans announcements before the maximum wait, as the server does", () => {
    const m = (interval: number, count: number, max: number | null) =>
      messagingBody(
        messagingDraftWith((d) => {
          Object.assign(d.announcements, { enabled: true, intervalMinutes: interval, count });
          Object.assign(d.maximumWait, { enabled: max !== null, minutes: max ?? 60 });
        }),
      );
    expect(messagingPlan(m(10, 5, 30))).toEqual([
      { minutes: 10, step: "announcement" },
      { minutes: 20, step: "announcement" },
      { minutes: 30, step: "maximumWait" },
    ]);
    expect(messagingPlan(m(15, 4, null)).map((p) => p.minutes)).toEqual([15, 30, 45, 60]);
    expect(messagingPlan(m(1, 60, null))).toHaveLength(60);
  });

  it("says when messages go out", () => {
    const d = (interval: number, count: number, max: number | null, announce = true) =>
      messagingDraftWith((x) => {
        Object.assign(x.announcements, { enabled: announce, intervalMinutes: interval, count });
        Object.assign(x.maximumWait, { enabled: max !== null, minutes: max ?? 60 });
      });
    expect(planText(d(10, 5, 30))).toBe("Announcements at 10, 20 min, then closed at 30 min. The maximum wait comes before the last 3 announcements.");
    expect(planText(d(15, 4, null))).toBe("Announcements at 15, 30, 45, 60 min, then the conversation stays open and quiet.");
    expect(planText(d(5, 6, 45))).toBe("Announcements at 5, 10 … 30 min, then closed at 45 min.");
    expect(planText(d(5, 6, 45, false))).toBe("Closed at 45 min.");
    expect(planText(d(5, 13, 45))).toBeNull();
    expect(planText(d(5, 6, null, false))).toBeNull();
  });

  it("keeps one default per kind and the list by name", () => {
    const chat = messaging({ id: "w2", name: "chat", isDefault: true });
    const list = [messaging(), chat, voice()];
    const next = applyStrategy(list, messaging({ name: "Billing", isDefault: true }));
    expect(next.map((s) => [s.name, s.isDefault])).toEqual([
      ["Billing", true],
      ["chat", false],
      ["Phones", true],
    ]);
    expect(otherDefault(next, "Messaging", "w1")).toBeUndefined();
    expect(otherDefault(next, "Voice")?.name).toBe("Phones");
    expect(sortStrategies([{ name: "b" }, { name: "Zeta" }, { name: "alpha" }]).map((s) => s.name)).toEqual(["alpha", "b", "Zeta"]);
  });
});

describe("audio files", () => {
  const file = (name: string, type: string, size: number) => ({ name, type, size });

  it("takes audio of at most 4 MB, typed by the browser or by the extension", () => {
    expect(audioFileError(file("hold.mp3", "audio/mpeg", 1000))).toBeNull();
    expect(audioFileError(file("hold.mp3", "", 1000))).toBeNull();
    expect(audioContentType(file("Hold.MP3", "", 1))).toBe("audio/mpeg");
    expect(audioContentType(file("a.m4a", "", 1))).toBe("audio/mp4");
    expect(audioContentType(file("a.wav", "Audio/WAV", 1))).toBe("audio/wav");
    expect(audioFileError(file("notes.txt", "text/plain", 10))).toBe("notes.txt is not an audio file (text/plain): choose an MP3, WAV or other audio file.");
    expect(audioFileError(file("noext", "", 10))).toBe("noext is not an audio file: choose an MP3, WAV or other audio file.");
    expect(audioFileError(file("empty.wav", "audio/wav", 0))).toBe("empty.wav is empty.");
    expect(audioFileError(file("max.wav", "audio/wav", AUDIO_FILE_MAX_BYTES))).toBeNull();
    expect(audioFileError(file("big.wav", "audio/wav", AUDIO_FILE_MAX_BYTES + 1))).toBe(
      "big.wav is 4,194,305 bytes: audio files may be at most 4 MB (4,194,304 bytes).",
    );
    expect(audioFileError(file("huge.wav", "audio/wav", 5.5 * 1024 * 1024))).toBe("huge.wav is 5.5 MB: audio files may be at most 4 MB.");
    expect(audioFileError(file(`${"x".repeat(201)}.mp3`, "audio/mpeg", 1))).toMatch(/at most 200 characters/);
    expect(uploadName({ name: " hold.mp3 " })).toBe("hold.mp3");
  });

  it("formats sizes", () => {
    expect(formatSize(0)).toBe("0 B");
    expect(formatSize(512)).toBe("512 B");
    expect(formatSize(1024)).toBe("1 KB");
    expect(formatSize(1536)).toBe("1.5 KB");
    expect(formatSize(150 * 1024 + 300)).toBe("150 KB");
    expect(formatSize(AUDIO_FILE_MAX_BYTES)).toBe("4 MB");
    expect(formatSize(3.24 * 1024 * 1024)).toBe("3.2 MB");
    expect(fileLabel({ name: "hold.mp3", size: 2048 } as AudioFile)).toBe("hold.mp3 (2 KB)");
  });

  it("names the voice strategies that play a file", () => {
    const other = voice({ id: "v2", name: "Sales line", voice: { maximumWaitMinutes: 5, greeting: { enabled: false, source: "file", fileId: "f2" } } });
    expect(strategiesPlaying([messaging(), voice(), other], "f1")).toEqual(["Phones"]);
    expect(strategiesPlaying([messaging(), voice(), other], "f2")).toEqual(["Sales line"]);
    expect(strategiesPlaying([messaging(), voice(), other], "f3")).toEqual([]);
  });
});

describe("the default announcement", () => {
  it("says the place in words where the language can, else as a number", () => {
    expect(defaultVoiceDraft(L, "en-US").announcement.text).toBe("You are {{position.ordinal}} in line. Thank you for holding.");
    expect(defaultVoiceDraft(L, "de-DE").announcement.text).toBe("You are number {{position.cardinal}} in line. Thank you for holding.");
  });
});
