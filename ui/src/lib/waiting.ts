// Waiting strategies: lookups in the text-to-speech languages and voices the server serves, the
// position placeholders (the server says how a position reads), the form's drafts, checks and
// bodies (a PATCH sends only what changed), one-line summaries for the list, senders, and the audio
// files' checks and sizes. The server checks all of it again. No Svelte here, so all of it is
// unit-tested.
import type {
  AudioFile,
  MessagingStrategy,
  VoiceAnnouncement,
  VoiceLanguage,
  VoiceMessage,
  VoiceStrategy,
  WaitingStrategy,
  WaitingStrategyBody,
  WaitingStrategyKind,
} from "./api/types";
import { normalizeList, sameList } from "./patch";

// --- Limits (the server's) ----------------------------------------------------------------------

/** Longest time a strategy sends messages for, longest maximum wait and longest announcements run. */
export const MAX_MINUTES = 60;
export const STRATEGY_NAME_MAX = 200;
/** Longest text of a message (messaging and text-to-speech). */
export const STRATEGY_TEXT_MAX = 2000;
export const MAX_SENDERS = 500;
/** Longest sender (an email address, a number or a widget id). */
export const SENDER_MAX = 320;
/** Shortest time between two voice announcements. */
export const MIN_ANNOUNCEMENT_SECONDS = 10;
export const SPEECH_RATE_MIN = 0.5;
export const SPEECH_RATE_MAX = 2;
export const SPEECH_RATE_NORMAL = 1;
/** Largest audio file: 4 MB. */
export const AUDIO_FILE_MAX_BYTES = 4 * 1024 * 1024;
export const AUDIO_NAME_MAX = 200;

export const KINDS: readonly WaitingStrategyKind[] = ["Messaging", "Voice"];

export const KIND_HINTS: Record<WaitingStrategyKind, string> = {
  Messaging: "Email, chat and messaging: a welcome, announcements and a maximum wait, as texts.",
  Voice: "Calls: a greeting, hold music, announcements of the caller's place and a maximum wait.",
};

// --- Help texts ---------------------------------------------------------------------------------

export const MESSAGING_HELP =
  "It starts when an unassigned conversation enters its queue, except while the queue is outside its working hours, and stops as soon as an agent gets the conversation.";
export const WELCOME_HELP = "Sent once, when an unassigned conversation enters the queue.";
export const ANNOUNCEMENTS_HELP =
  "Sent every interval while nobody has taken the conversation, the first one interval after it entered; at most an hour of them.";
export const MAXIMUM_WAIT_HELP =
  "After this long unassigned, the customer gets this message and the conversation is closed. Without a maximum wait the conversation stays open, and quiet after an hour.";
export const DEFAULT_HELP = "Serves conversations whose sender has no strategy of its own; one default for each kind.";
export const SENDERS_HELP =
  "The email addresses, phone numbers and widget ids it serves. Each sender has at most one strategy of each kind.";

export type VoiceMessageKey = "greeting" | "holdMusic" | "announcement" | "maximumWaitMessage";

export const VOICE_MESSAGE_KEYS: readonly VoiceMessageKey[] = ["greeting", "holdMusic", "announcement", "maximumWaitMessage"];

export const VOICE_MESSAGE_LABELS: Record<VoiceMessageKey, string> = {
  greeting: "Greeting",
  holdMusic: "Hold music",
  announcement: "Announcement",
  maximumWaitMessage: "Maximum-wait message",
};

export const VOICE_MESSAGE_HELP: Record<VoiceMessageKey, string> = {
  greeting: "Played once, when the call enters the queue.",
  holdMusic: "Played while the caller holds: an uploaded audio file.",
  announcement: "Played every interval while the caller holds; it can say the caller's place in the queue.",
  maximumWaitMessage: "Played when the maximum wait is reached, before the call ends.",
};

export const VOICE_MAXIMUM_WAIT_HELP = "How long a caller holds before the call ends, at most an hour.";

// --- Text-to-speech languages and voices --------------------------------------------------------
// `languages` is always the server's list (GET /v1/catalogues/voices), in its order.

/** The language a new voice message starts in: the server's first. */
export function defaultLanguage(languages: readonly VoiceLanguage[]): string {
  return languages[0]?.tag ?? "";
}

/** The offered language with this tag (any case), if any. */
export function languageOf(languages: readonly VoiceLanguage[], tag: string): VoiceLanguage | undefined {
  const wanted = tag.trim().toLowerCase();
  return languages.find((l) => l.tag.toLowerCase() === wanted);
}

/** "English (US)" for "en-US"; the tag itself for one not offered. */
export function languageLabel(languages: readonly VoiceLanguage[], tag: string): string {
  return languageOf(languages, tag)?.label ?? tag;
}

export function voicesOf(languages: readonly VoiceLanguage[], tag: string): readonly string[] {
  return languageOf(languages, tag)?.voices ?? [];
}

/** The voice as the language spells it, if it is one of the language's (any case). */
export function voiceOf(languages: readonly VoiceLanguage[], tag: string, voice: string): string | undefined {
  const wanted = voice.trim().toLowerCase();
  return voicesOf(languages, tag).find((v) => v.toLowerCase() === wanted);
}

// --- Position placeholders ----------------------------------------------------------------------

export type PositionForm = "ordinal" | "cardinal" | "adaptive";

export const POSITION_FORMS: readonly PositionForm[] = ["ordinal", "cardinal", "adaptive"];

export const PLACEHOLDERS: Record<PositionForm, string> = {
  ordinal: "{{position.ordinal}}",
  cardinal: "{{position.cardinal}}",
  adaptive: "{{position.adaptive}}",
};

export const POSITION_FORM_LABELS: Record<PositionForm, string> = {
  ordinal: "Ordinal",
  cardinal: "Number",
  adaptive: "Adaptive",
};

/** The position the preview says. */
export const PREVIEW_POSITION = 3;

/** Whether a language can say a form of the position: ordinal words only where the server says so. */
export function placeholderAvailable(languages: readonly VoiceLanguage[], tag: string, form: PositionForm): boolean {
  const language = languageOf(languages, tag);
  if (!language) return false;
  return form !== "ordinal" || language.ordinalWords;
}

/** Why a placeholder button is greyed out, or null when it is not. */
export function placeholderUnavailableReason(languages: readonly VoiceLanguage[], tag: string, form: PositionForm): string | null {
  if (placeholderAvailable(languages, tag, form)) return null;
  if (!languageOf(languages, tag)) return "Choose a language first.";
  return `${languageLabel(languages, tag)} has no ordinal words: use the number or the adaptive form.`;
}

/** The placeholders a text uses. */
export function placeholdersIn(text: string): PositionForm[] {
  return POSITION_FORMS.filter((f) => text.includes(PLACEHOLDERS[f]));
}

/** The text with `insert` in place of the selection from `start` to `end`, and where the cursor goes. */
export function insertAtCursor(
  text: string,
  start: number | null,
  end: number | null,
  insert: string,
): { text: string; cursor: number } {
  const from = Math.max(0, Math.min(start ?? text.length, text.length));
  const to = Math.max(from, Math.min(end ?? from, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), cursor: from + insert.length };
}

/** How a language says the example position in each form ("third", "3", "3rd"), as the server said it. */
export type PositionExamples = Record<PositionForm, string>;

/** What the server is asked to say for the examples: every placeholder, one a line. */
export function positionExamplesText(): string {
  return POSITION_FORMS.map((f) => PLACEHOLDERS[f]).join("\n");
}

/** The examples from the server's answer to positionExamplesText(); null when it can't be read. */
export function readPositionExamples(text: string): PositionExamples | null {
  const lines = text.split("\n");
  if (lines.length !== POSITION_FORMS.length || lines.some((l) => !l.trim())) return null;
  return Object.fromEntries(POSITION_FORMS.map((f, i) => [f, lines[i].trim()])) as PositionExamples;
}

// --- Drafts -------------------------------------------------------------------------------------

/** Number fields hold null while empty (as a number input gives them). */
export interface MessagingDraft {
  welcome: { enabled: boolean; text: string };
  announcements: { enabled: boolean; text: string; intervalMinutes: number | null; count: number | null };
  maximumWait: { enabled: boolean; text: string; minutes: number | null };
}

export type AudioSourceKind = "textToSpeech" | "file";

/** A voice message: both sources' settings are kept, so switching back and forth loses nothing. */
export interface VoiceMessageDraft {
  enabled: boolean;
  source: AudioSourceKind;
  text: string;
  language: string;
  voice: string;
  speechRate: number;
  /** "" while no file is chosen. */
  fileId: string;
}

export interface VoiceAnnouncementDraft extends VoiceMessageDraft {
  intervalSeconds: number | null;
}

export interface VoiceDraft {
  maximumWaitMinutes: number | null;
  greeting: VoiceMessageDraft;
  holdMusic: VoiceMessageDraft;
  announcement: VoiceAnnouncementDraft;
  maximumWaitMessage: VoiceMessageDraft;
}

export interface StrategyDraft {
  kind: WaitingStrategyKind;
  name: string;
  enabled: boolean;
  isDefault: boolean;
  senders: string[];
  /** Only the kind's own part is sent. */
  messaging: MessagingDraft;
  voice: VoiceDraft;
}

/** What a new messaging strategy starts with: a welcome; announcements and a maximum wait ready to switch on. */
export function defaultMessagingDraft(): MessagingDraft {
  return {
    welcome: { enabled: true, text: "Thanks for your message! We have received it and will be with you as soon as we can." },
    announcements: {
      enabled: false,
      text: "We are still here and will answer as soon as an agent is free. Thanks for waiting.",
      intervalMinutes: 5,
      count: 6,
    },
    maximumWait: {
      enabled: false,
      text: "Sorry, nobody could get to your message in time, so we have closed this conversation. Write to us again any time.",
      minutes: 45,
    },
  };
}

function voiceMessage(
  languages: readonly VoiceLanguage[],
  enabled: boolean,
  text: string,
  language: string,
  source: AudioSourceKind = "textToSpeech",
): VoiceMessageDraft {
  return { enabled, source, text, language, voice: voicesOf(languages, language)[0] ?? "", speechRate: SPEECH_RATE_NORMAL, fileId: "" };
}

/**
 * What a new voice strategy starts with: a greeting, an announcement of the caller's place (in
 * ordinal words where the language has them, else the number) and a maximum-wait message, in
 * `language` (the server's first language when it offers no such one).
 */
export function defaultVoiceDraft(languages: readonly VoiceLanguage[], language?: string): VoiceDraft {
  const chosen = (language !== undefined ? languageOf(languages, language) : undefined) ?? languageOf(languages, defaultLanguage(languages));
  const lang = chosen?.tag ?? "";
  const position = chosen?.ordinalWords ? PLACEHOLDERS.ordinal : PLACEHOLDERS.cardinal;
  return {
    maximumWaitMinutes: 10,
    greeting: voiceMessage(languages, true, "Thank you for calling. Please hold, and the next available agent will be with you.", lang),
    holdMusic: voiceMessage(languages, false, "", lang, "file"),
    announcement: {
      // "You are third in line", or "You are number 3 in line" where ordinal words can't be said.
      ...voiceMessage(
        languages,
        true,
        chosen?.ordinalWords ? `You are ${position} in line. Thank you for holding.` : `You are number ${position} in line. Thank you for holding.`,
        lang,
      ),
      intervalSeconds: 60,
    },
    maximumWaitMessage: voiceMessage(languages, true, "We are sorry, all our agents are still busy. Please call again later.", lang),
  };
}

/** A new strategy of a kind: enabled, no senders, not the default, the kind's starting messages. */
export function emptyStrategyDraft(languages: readonly VoiceLanguage[], kind: WaitingStrategyKind): StrategyDraft {
  return {
    kind,
    name: "",
    enabled: true,
    isDefault: false,
    senders: [],
    messaging: defaultMessagingDraft(),
    voice: defaultVoiceDraft(languages),
  };
}

export function messagingDraft(m: MessagingStrategy | null | undefined): MessagingDraft {
  const d = defaultMessagingDraft();
  if (!m) return d;
  return {
    welcome: { enabled: m.welcome?.enabled ?? false, text: m.welcome?.text ?? "" },
    announcements: {
      enabled: m.announcements?.enabled ?? false,
      text: m.announcements?.text ?? "",
      intervalMinutes: m.announcements?.intervalMinutes ?? d.announcements.intervalMinutes,
      count: m.announcements?.count ?? d.announcements.count,
    },
    maximumWait: {
      enabled: m.maximumWait?.enabled ?? false,
      text: m.maximumWait?.text ?? "",
      minutes: m.maximumWait?.minutes ?? MAX_MINUTES,
    },
  };
}

/** A saved voice message as a draft; an absent one is switched off and empty. */
export function voiceMessageDraft(
  languages: readonly VoiceLanguage[],
  m: VoiceMessage | VoiceAnnouncement | null | undefined,
  defaultSource: AudioSourceKind = "textToSpeech",
): VoiceMessageDraft {
  const d = voiceMessage(languages, false, "", defaultLanguage(languages), defaultSource);
  if (!m) return d;
  if (m.source === "file") return { ...d, enabled: m.enabled, source: "file", fileId: m.fileId };
  const language = languageOf(languages, m.language)?.tag ?? m.language;
  return {
    ...d,
    enabled: m.enabled,
    source: "textToSpeech",
    text: m.text,
    language,
    voice: voiceOf(languages, language, m.voice) ?? m.voice,
    speechRate: m.speechRate ?? SPEECH_RATE_NORMAL,
  };
}

export function voiceDraft(languages: readonly VoiceLanguage[], v: VoiceStrategy | null | undefined): VoiceDraft {
  if (!v) return defaultVoiceDraft(languages);
  return {
    maximumWaitMinutes: v.maximumWaitMinutes,
    greeting: voiceMessageDraft(languages, v.greeting),
    holdMusic: { ...voiceMessageDraft(languages, v.holdMusic, "file"), source: "file" },
    announcement: { ...voiceMessageDraft(languages, v.announcement), intervalSeconds: v.announcement?.intervalSeconds ?? 60 },
    maximumWaitMessage: voiceMessageDraft(languages, v.maximumWaitMessage),
  };
}

/** The draft of a saved strategy; the other kind's part starts as a new one's (never sent). */
export function strategyDraft(languages: readonly VoiceLanguage[], s: WaitingStrategy): StrategyDraft {
  return {
    kind: s.kind,
    name: s.name,
    enabled: s.enabled,
    isDefault: s.isDefault,
    senders: [...s.senders],
    messaging: s.kind === "Messaging" ? messagingDraft(s.messaging) : defaultMessagingDraft(),
    voice: s.kind === "Voice" ? voiceDraft(languages, s.voice) : defaultVoiceDraft(languages),
  };
}

/** Another language: the voice is kept when the language has it, else its first voice is taken. */
export function withLanguage<T extends VoiceMessageDraft>(languages: readonly VoiceLanguage[], m: T, tag: string): T {
  return { ...m, language: tag, voice: voiceOf(languages, tag, m.voice) ?? voicesOf(languages, tag)[0] ?? "" };
}

// --- Senders ------------------------------------------------------------------------------------

/** Senders as the server keeps them: trimmed, empty ones dropped, repeats in another case left out. */
export function normalizeSenders(senders: readonly string[]): string[] {
  return normalizeList(senders);
}

/**
 * The first sender another strategy of the same kind already serves, with that strategy's name
 * (the server refuses it with a 409).
 */
export function senderClash(
  senders: readonly string[],
  strategies: readonly Pick<WaitingStrategy, "id" | "name" | "kind" | "senders">[],
  kind: WaitingStrategyKind,
  exceptId?: string,
): { sender: string; strategy: string } | null {
  for (const sender of normalizeSenders(senders)) {
    const wanted = sender.toLowerCase();
    const other = strategies.find((s) => s.id !== exceptId && s.kind === kind && s.senders.some((x) => x.trim().toLowerCase() === wanted));
    if (other) return { sender, strategy: other.name };
  }
  return null;
}

export function sendersError(
  senders: readonly string[],
  strategies: readonly Pick<WaitingStrategy, "id" | "name" | "kind" | "senders">[],
  kind: WaitingStrategyKind,
  exceptId?: string,
): string | null {
  const list = normalizeSenders(senders);
  if (list.length > MAX_SENDERS) return `Use at most ${MAX_SENDERS} senders (${list.length} now).`;
  const long = list.find((s) => [...s].length > SENDER_MAX);
  if (long !== undefined) return `“${long.slice(0, 40)}…” is longer than ${SENDER_MAX} characters.`;
  const clash = senderClash(list, strategies, kind, exceptId);
  if (clash) return `${clash.sender} already has a ${kind.toLowerCase()} strategy: ${clash.strategy} (one strategy per sender).`;
  return null;
}

/** "No senders", "support@x.io", "a@x.io, b@x.io, +45 70 00 00 00 and 2 more". */
export function sendersSummary(senders: readonly string[], shown = 3): string {
  if (senders.length === 0) return "No senders";
  const head = senders.slice(0, shown).join(", ");
  const rest = senders.length - shown;
  return rest > 0 ? `${head} and ${rest} more` : head;
}

// --- Checks -------------------------------------------------------------------------------------

type MessageField = "text" | "language" | "voice" | "speechRate" | "fileId";

/** Where a problem is: a field of the form. */
export type StrategyErrorKey =
  | "name"
  | "senders"
  | "messaging"
  | "welcome.text"
  | "announcements.text"
  | "announcements.intervalMinutes"
  | "announcements.count"
  | "announcements.total"
  | "maximumWait.text"
  | "maximumWait.minutes"
  | "voice"
  | "voice.maximumWaitMinutes"
  | `${VoiceMessageKey}.${MessageField}`
  | "announcement.intervalSeconds";

/** The form's problems by field; empty when there are none. */
export type StrategyErrors = Partial<Record<StrategyErrorKey, string>>;

function textError(enabled: boolean, text: string, missing: string): string | null {
  const length = [...text.trim()].length;
  if (enabled && length === 0) return missing;
  if (length > STRATEGY_TEXT_MAX) return `Use at most ${STRATEGY_TEXT_MAX} characters (${length} now).`;
  return null;
}

function wholeNumber(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

/** The name: optional for a new strategy (the server numbers it), required when editing; unique in any case. */
export function strategyNameError(
  name: string,
  strategies: readonly Pick<WaitingStrategy, "id" | "name">[],
  exceptId?: string,
): string | null {
  const v = name.trim();
  if (!v) return exceptId ? "Enter a name." : null;
  if ([...v].length > STRATEGY_NAME_MAX) return `Use at most ${STRATEGY_NAME_MAX} characters.`;
  const wanted = v.toLowerCase();
  const clash = strategies.find((s) => s.id !== exceptId && s.name.trim().toLowerCase() === wanted);
  return clash ? `A waiting strategy named ${clash.name} already exists.` : null;
}

export function messagingErrors(d: MessagingDraft): StrategyErrors {
  const e: StrategyErrors = {};
  if (!d.welcome.enabled && !d.announcements.enabled && !d.maximumWait.enabled) {
    e.messaging = "Switch on at least one of the welcome, the announcements and the maximum wait.";
  }
  const welcome = textError(d.welcome.enabled, d.welcome.text, "Write the welcome message, or switch it off.");
  if (welcome) e["welcome.text"] = welcome;
  const a = d.announcements;
  const announcement = textError(a.enabled, a.text, "Write the announcement, or switch announcements off.");
  if (announcement) e["announcements.text"] = announcement;
  const intervalOk = wholeNumber(a.intervalMinutes) && a.intervalMinutes >= 1;
  const countOk = wholeNumber(a.count) && a.count >= 1;
  if (!intervalOk) e["announcements.intervalMinutes"] = "Enter the interval as a whole number of minutes, at least 1.";
  if (!countOk) e["announcements.count"] = "Enter how many to send, at least 1.";
  if (intervalOk && countOk && a.intervalMinutes! * a.count! > MAX_MINUTES) {
    e["announcements.total"] =
      `interval × count may not pass ${MAX_MINUTES} minutes (${a.intervalMinutes} × ${a.count} = ${a.intervalMinutes! * a.count!}).`;
  }
  const m = d.maximumWait;
  const maxText = textError(m.enabled, m.text, "Write the message sent at the maximum wait, or switch it off.");
  if (maxText) e["maximumWait.text"] = maxText;
  if (!wholeNumber(m.minutes) || m.minutes < 1 || m.minutes > MAX_MINUTES) {
    e["maximumWait.minutes"] = `Enter the maximum wait in whole minutes, 1 to ${MAX_MINUTES}.`;
  }
  return e;
}

/** Whether a voice message goes in the body: switched on, or off with something to keep. */
export function voiceMessageKept(m: VoiceMessageDraft): boolean {
  if (m.enabled) return true;
  return m.source === "file" ? m.fileId !== "" : m.text.trim() !== "";
}

/**
 * A voice message's problems (none for one left out of the body). `files` are the uploaded files,
 * when known, to notice a chosen file that was deleted.
 */
export function voiceMessageErrors(
  languages: readonly VoiceLanguage[],
  key: VoiceMessageKey,
  m: VoiceMessageDraft,
  files?: readonly Pick<AudioFile, "id">[],
): StrategyErrors {
  const e: StrategyErrors = {};
  if (!voiceMessageKept(m)) return e;
  if (m.source === "file" || key === "holdMusic") {
    if (!m.fileId) {
      e[`${key}.fileId`] =
        key === "holdMusic" ? "Choose the music, an uploaded audio file, or switch it off." : "Choose an audio file, or switch it off.";
    } else if (files && !files.some((f) => f.id === m.fileId)) {
      e[`${key}.fileId`] = "The chosen audio file no longer exists: choose another.";
    }
    return e;
  }
  const text = textError(true, m.text, "Write what to say, or switch it off.");
  if (text) e[`${key}.text`] = text;
  const language = languageOf(languages, m.language);
  if (!language) e[`${key}.language`] = "Choose a language.";
  else if (!voiceOf(languages, language.tag, m.voice)) {
    e[`${key}.voice`] = `Choose one of the ${language.label} voices: ${language.voices.join(", ")}.`;
  }
  if (!(m.speechRate >= SPEECH_RATE_MIN && m.speechRate <= SPEECH_RATE_MAX)) {
    e[`${key}.speechRate`] = `The speech rate goes from ${SPEECH_RATE_MIN} to ${SPEECH_RATE_MAX.toFixed(1)}.`;
  }
  if (!text) {
    const used = placeholdersIn(m.text);
    if (used.length > 0 && key !== "announcement") {
      e[`${key}.text`] = "The position placeholders work only in the announcement.";
    } else if (used.includes("ordinal") && language && !language.ordinalWords) {
      e[`${key}.text`] = `${language.label} has no ordinal words: use ${PLACEHOLDERS.cardinal} or ${PLACEHOLDERS.adaptive}.`;
    }
  }
  return e;
}

export function voiceErrors(languages: readonly VoiceLanguage[], d: VoiceDraft, files?: readonly Pick<AudioFile, "id">[]): StrategyErrors {
  let e: StrategyErrors = {};
  const any = VOICE_MESSAGE_KEYS.some((k) => d[k].enabled);
  if (!any) e.voice = "Switch on at least one of the greeting, the hold music, the announcement and the maximum-wait message.";
  if (!wholeNumber(d.maximumWaitMinutes) || d.maximumWaitMinutes < 1 || d.maximumWaitMinutes > MAX_MINUTES) {
    e["voice.maximumWaitMinutes"] = `Enter the maximum wait in whole minutes, 1 to ${MAX_MINUTES}.`;
  }
  for (const key of VOICE_MESSAGE_KEYS) e = { ...e, ...voiceMessageErrors(languages, key, d[key], files) };
  const s = d.announcement.intervalSeconds;
  if (voiceMessageKept(d.announcement) && (!wholeNumber(s) || s < MIN_ANNOUNCEMENT_SECONDS)) {
    e["announcement.intervalSeconds"] = `Enter the interval in whole seconds, at least ${MIN_ANNOUNCEMENT_SECONDS}.`;
  }
  return e;
}

/** Every problem of the form: the name, the senders and the kind's own part. */
export function strategyDraftErrors(
  languages: readonly VoiceLanguage[],
  d: StrategyDraft,
  strategies: readonly WaitingStrategy[],
  exceptId?: string,
  files?: readonly Pick<AudioFile, "id">[],
): StrategyErrors {
  const e: StrategyErrors = {};
  const name = strategyNameError(d.name, strategies, exceptId);
  if (name) e.name = name;
  const senders = sendersError(d.senders, strategies, d.kind, exceptId);
  if (senders) e.senders = senders;
  return { ...e, ...(d.kind === "Messaging" ? messagingErrors(d.messaging) : voiceErrors(languages, d.voice, files)) };
}

export function hasErrors(e: StrategyErrors): boolean {
  return Object.keys(e).length > 0;
}

/** The order problems are reported in, as the form shows the fields, and what each is called. */
const ERROR_PLACES: readonly [StrategyErrorKey, string][] = [
  ["name", "Name"],
  ["senders", "Senders"],
  ["messaging", "Messages"],
  ["welcome.text", "Welcome"],
  ["announcements.text", "Announcements"],
  ["announcements.intervalMinutes", "Announcements"],
  ["announcements.count", "Announcements"],
  ["announcements.total", "Announcements"],
  ["maximumWait.text", "Maximum wait"],
  ["maximumWait.minutes", "Maximum wait"],
  ["voice", "Messages"],
  ["voice.maximumWaitMinutes", "Maximum wait"],
  ...VOICE_MESSAGE_KEYS.flatMap((key) => {
    const fields: MessageField[] = ["text", "language", "voice", "speechRate", "fileId"];
    const places: [StrategyErrorKey, string][] = fields.map((f) => [`${key}.${f}` as StrategyErrorKey, VOICE_MESSAGE_LABELS[key]]);
    if (key === "announcement") places.push(["announcement.intervalSeconds", VOICE_MESSAGE_LABELS.announcement]);
    return places;
  }),
];

/** The form's first problem, naming where it is: "Announcements: interval × count may not pass 60 minutes (…)". */
export function firstStrategyError(e: StrategyErrors): string | null {
  for (const [key, label] of ERROR_PLACES) {
    const message = e[key];
    if (message) return `${label}: ${message}`;
  }
  return null;
}

// --- Bodies -------------------------------------------------------------------------------------

/** The messaging part as the server takes it (texts trimmed; numbers checked beforehand). */
export function messagingBody(d: MessagingDraft): MessagingStrategy {
  return {
    welcome: { enabled: d.welcome.enabled, text: d.welcome.text.trim() },
    announcements: {
      enabled: d.announcements.enabled,
      text: d.announcements.text.trim(),
      intervalMinutes: d.announcements.intervalMinutes ?? 0,
      count: d.announcements.count ?? 0,
    },
    maximumWait: { enabled: d.maximumWait.enabled, text: d.maximumWait.text.trim(), minutes: d.maximumWait.minutes ?? 0 },
  };
}

/** Speech rates to two decimals, as the slider steps. */
function rate(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A voice message as the server takes it (only the chosen source), or null when it is left out. */
export function voiceMessageBody(m: VoiceMessageDraft, fileOnly = false): VoiceMessage | null {
  if (!voiceMessageKept(m)) return null;
  if (fileOnly || m.source === "file") return { enabled: m.enabled, source: "file", fileId: m.fileId };
  return {
    enabled: m.enabled,
    source: "textToSpeech",
    text: m.text.trim(),
    language: m.language,
    voice: m.voice,
    speechRate: rate(m.speechRate),
  };
}

/** The voice part as the server takes it; messages left out are absent. */
export function voiceBody(d: VoiceDraft): VoiceStrategy {
  const body: VoiceStrategy = { maximumWaitMinutes: d.maximumWaitMinutes ?? 0 };
  const greeting = voiceMessageBody(d.greeting);
  if (greeting) body.greeting = greeting;
  const holdMusic = voiceMessageBody(d.holdMusic, true);
  if (holdMusic) body.holdMusic = holdMusic;
  const announcement = voiceMessageBody(d.announcement);
  if (announcement) body.announcement = { ...announcement, intervalSeconds: d.announcement.intervalSeconds ?? 0 };
  const maximumWaitMessage = voiceMessageBody(d.maximumWaitMessage);
  if (maximumWaitMessage) body.maximumWaitMessage = maximumWaitMessage;
  return body;
}

/** The POST body: the kind's part only; an empty name is left out so the server numbers it. */
export function strategyCreateBody(d: StrategyDraft): WaitingStrategyBody {
  const body: WaitingStrategyBody = {};
  const name = d.name.trim();
  if (name) body.name = name;
  body.enabled = d.enabled;
  body.isDefault = d.isDefault;
  body.senders = normalizeSenders(d.senders);
  if (d.kind === "Messaging") body.messaging = messagingBody(d.messaging);
  else body.voice = voiceBody(d.voice);
  return body;
}

/**
 * The PATCH body with only what changed (senders and the messaging or voice part whole, as the
 * server replaces them); null when nothing did. The saved part goes through the same conversion,
 * so unchanged settings compare equal whatever their spelling on the server.
 */
export function strategyPatch(languages: readonly VoiceLanguage[], s: WaitingStrategy, d: StrategyDraft): WaitingStrategyBody | null {
  const patch: WaitingStrategyBody = {};
  const name = d.name.trim();
  if (name !== s.name) patch.name = name;
  if (d.enabled !== s.enabled) patch.enabled = d.enabled;
  if (d.isDefault !== s.isDefault) patch.isDefault = d.isDefault;
  const senders = normalizeSenders(d.senders);
  if (!sameList(senders, s.senders)) patch.senders = senders;
  if (s.kind === "Messaging") {
    const messaging = messagingBody(d.messaging);
    if (JSON.stringify(messaging) !== JSON.stringify(messagingBody(messagingDraft(s.messaging)))) patch.messaging = messaging;
  } else {
    const voice = voiceBody(d.voice);
    if (JSON.stringify(voice) !== JSON.stringify(voiceBody(voiceDraft(languages, s.voice)))) patch.voice = voice;
  }
  return Object.keys(patch).length > 0 ? patch : null;
}

// --- Lists and summaries ------------------------------------------------------------------------

/** By name (any case), as the server lists them. */
export function sortStrategies<T extends { name: string }>(strategies: readonly T[]): T[] {
  return [...strategies].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.name.localeCompare(b.name));
}

/**
 * The list after a strategy was created or changed: replaced or added, by name; when it is the
 * default now, the kind's previous default has lost the mark (as on the server).
 */
export function applyStrategy(strategies: readonly WaitingStrategy[], changed: WaitingStrategy): WaitingStrategy[] {
  const others = strategies
    .filter((s) => s.id !== changed.id)
    .map((s) => (changed.isDefault && s.isDefault && s.kind === changed.kind ? { ...s, isDefault: false } : s));
  return sortStrategies([...others, changed]);
}

/** The kind's default strategy other than `exceptId`, if any. */
export function otherDefault<T extends Pick<WaitingStrategy, "id" | "kind" | "isDefault">>(
  strategies: readonly T[],
  kind: WaitingStrategyKind,
  exceptId?: string,
): T | undefined {
  return strategies.find((s) => s.isDefault && s.kind === kind && s.id !== exceptId);
}

function capitalize(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** "45 s", "1 min", "1 min 30 s". */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const min = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s === 0 ? `${min} min` : `${min} min ${s} s`;
}

/** "Welcome · every 5 min ×6 · closes after 45 min"; "Nothing switched on". */
export function messagingSummary(m: MessagingStrategy | null | undefined): string {
  const parts: string[] = [];
  if (m?.welcome?.enabled) parts.push("welcome");
  if (m?.announcements?.enabled) parts.push(`every ${m.announcements.intervalMinutes} min ×${m.announcements.count}`);
  if (m?.maximumWait?.enabled) parts.push(`closes after ${m.maximumWait.minutes} min`);
  return parts.length > 0 ? capitalize(parts.join(" · ")) : "Nothing switched on";
}

/** "Greeting · hold music · announcement every 1 min · ends after 10 min with a message". */
export function voiceSummary(v: VoiceStrategy | null | undefined): string {
  if (!v) return "Nothing switched on";
  const parts: string[] = [];
  if (v.greeting?.enabled) parts.push("greeting");
  if (v.holdMusic?.enabled) parts.push("hold music");
  if (v.announcement?.enabled) {
    const position = v.announcement.source === "textToSpeech" && placeholdersIn(v.announcement.text).length > 0;
    parts.push(`${position ? "place in line" : "announcement"} every ${formatSeconds(v.announcement.intervalSeconds)}`);
  }
  parts.push(`ends after ${v.maximumWaitMinutes} min${v.maximumWaitMessage?.enabled ? " with a message" : ""}`);
  return capitalize(parts.join(" · "));
}

export function strategySummary(s: Pick<WaitingStrategy, "kind" | "messaging" | "voice">): string {
  return s.kind === "Messaging" ? messagingSummary(s.messaging) : voiceSummary(s.voice);
}

export interface PlanStep {
  /** Minutes after the conversation entered the queue. */
  minutes: number;
  step: "announcement" | "maximumWait";
}

/**
 * What a messaging strategy sends after the welcome, as the server plans it: announcements strictly
 * before the maximum wait (or up to an hour without one), then the maximum wait.
 */
export function messagingPlan(m: MessagingStrategy): PlanStep[] {
  const maxOn = !!m.maximumWait?.enabled;
  const limit = maxOn ? (m.maximumWait?.minutes ?? MAX_MINUTES) : MAX_MINUTES;
  const out: PlanStep[] = [];
  const a = m.announcements;
  if (a?.enabled && a.intervalMinutes >= 1) {
    for (let n = 1; n <= a.count; n++) {
      const at = n * a.intervalMinutes;
      if (maxOn ? at >= limit : at > limit) break;
      out.push({ minutes: at, step: "announcement" });
    }
  }
  if (maxOn) out.push({ minutes: limit, step: "maximumWait" });
  return out;
}

function minutesList(values: readonly number[]): string {
  if (values.length <= 4) return values.join(", ");
  return `${values[0]}, ${values[1]} … ${values[values.length - 1]}`;
}

/**
 * The timing of a valid messaging draft in words, e.g. "Announcements at 5, 10 … 40 min, then
 * closed at 45 min." or "Announcements at 10, 20, 30 min, then the conversation stays open and
 * quiet."; null while the draft has problems or sends nothing after the welcome.
 */
export function planText(d: MessagingDraft): string | null {
  if (hasErrors(messagingErrors(d))) return null;
  const m = messagingBody(d);
  const plan = messagingPlan(m);
  const times = plan.filter((p) => p.step === "announcement").map((p) => p.minutes);
  const end = plan.find((p) => p.step === "maximumWait");
  const parts: string[] = [];
  if (times.length > 0) parts.push(`Announcements at ${minutesList(times)} min`);
  if (end) parts.push(`${times.length > 0 ? "then closed" : "Closed"} at ${end.minutes} min`);
  else if (times.length > 0) parts.push("then the conversation stays open and quiet");
  if (parts.length === 0) return null;
  let text = parts.join(", ") + ".";
  const a = d.announcements;
  const dropped = a.enabled ? (a.count ?? 0) - times.length : 0;
  if (dropped > 0) text += ` The maximum wait comes before the last ${dropped === 1 ? "announcement" : `${dropped} announcements`}.`;
  return text;
}

// --- Audio files --------------------------------------------------------------------------------

/** Types by file extension, for files the browser gives no type. */
const AUDIO_TYPES: Record<string, string> = {
  mp3: "audio/mpeg",
  wav: "audio/wav",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  opus: "audio/opus",
  m4a: "audio/mp4",
  aac: "audio/aac",
  flac: "audio/flac",
  weba: "audio/webm",
};

/** The accept attribute of the file input. */
export const AUDIO_ACCEPT = "audio/*";

/** A file's type: the browser's, else from its extension ("" when neither says). */
export function audioContentType(file: { name: string; type: string }): string {
  const type = file.type.trim().toLowerCase();
  if (type) return type;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name.trim())?.[1]?.toLowerCase() ?? "";
  return AUDIO_TYPES[ext] ?? "";
}

/** "512 B", "1.5 KB", "4 MB", "3.2 MB" (1 KB is 1,024 bytes). */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value >= 100 ? Math.round(value).toString() : (Math.round(value * 10) / 10).toString();
  return `${shown} ${units[unit]}`;
}

/** Why a file can't be uploaded (its name, type or size), or null. */
export function audioFileError(file: { name: string; type: string; size: number }): string | null {
  const name = file.name.trim() || "The file";
  const type = audioContentType(file);
  if (!type.startsWith("audio/")) return `${name} is not an audio file${type ? ` (${type})` : ""}: choose an MP3, WAV or other audio file.`;
  if (file.size === 0) return `${name} is empty.`;
  if (file.size > AUDIO_FILE_MAX_BYTES) {
    const max = formatSize(AUDIO_FILE_MAX_BYTES);
    // Just over the limit rounds to it: then the bytes say it.
    const size = formatSize(file.size) === max ? `${file.size.toLocaleString("en-US")} bytes` : formatSize(file.size);
    const limit = formatSize(file.size) === max ? `${max} (${AUDIO_FILE_MAX_BYTES.toLocaleString("en-US")} bytes)` : max;
    return `${name} is ${size}: audio files may be at most ${limit}.`;
  }
  if ([...file.name.trim()].length > AUDIO_NAME_MAX) return `The file name may be at most ${AUDIO_NAME_MAX} characters.`;
  return null;
}

/** The name a file is uploaded under. */
export function uploadName(file: { name: string }): string {
  return file.name.trim() || "Audio file";
}

/** By name (any case). */
export function sortFiles<T extends { name: string }>(files: readonly T[]): T[] {
  return sortStrategies(files);
}

/** The names of the voice strategies that play a file. */
export function strategiesPlaying(strategies: readonly WaitingStrategy[], fileId: string): string[] {
  const plays = (s: WaitingStrategy) =>
    VOICE_MESSAGE_KEYS.some((k) => {
      const m = s.voice?.[k];
      return m?.source === "file" && m.fileId === fileId;
    });
  return strategies.filter((s) => s.kind === "Voice" && plays(s)).map((s) => s.name);
}

/** "Hold.mp3 (1.2 MB)". */
export function fileLabel(file: Pick<AudioFile, "name" | "size">): string {
  return `${file.name} (${formatSize(file.size)})`;
}
