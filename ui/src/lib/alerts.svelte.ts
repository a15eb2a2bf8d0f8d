// The browser's alerts for new work: the server puts on each event the alert meant for this user;
// this shows it (Web Notification, the new-work sound), keeps the unread marks and puts their count
// in the tab title and favicon. Inside the desktop shell the shell notifies and plays the sound.
import { SvelteSet } from "svelte/reactivity";
import type { ApiClient } from "./api/client";
import type { ConversationEvent } from "./api/types";
import { faviconUrl, marksUnread, parseUnread, unreadStorageKey, unreadTitle } from "./alerts";

export type NotificationState = "granted" | "denied" | "default" | "unsupported";

const SOUND_URL = "/sounds/new-work.wav";
const BANNER_KEY = "switchboard.notifications.dismissed";

function notificationState(): NotificationState {
  return typeof Notification === "undefined" ? "unsupported" : (Notification.permission as NotificationState);
}

export class AlertCenter {
  readonly unread = new SvelteSet<number>();
  soundMuted = $state(false);
  permission = $state<NotificationState>(notificationState());
  bannerDismissed = $state(false);
  private readonly baseTitle: string;

  constructor(
    private readonly api: ApiClient,
    private readonly userId: string,
    /** The desktop shell shows notifications and plays the sound itself. */
    readonly native: boolean,
    private readonly onOpen: (id: number) => void,
  ) {
    this.baseTitle = document.title || "Switchboard";
    for (const id of parseUnread(localStorage.getItem(unreadStorageKey(userId)))) this.unread.add(id);
    this.bannerDismissed = localStorage.getItem(BANNER_KEY) === "1";
  }

  async load(): Promise<void> {
    try {
      this.soundMuted = (await this.api.preferences()).soundMuted;
    } catch {
      // The default (sound on) stands; the account page shows the failure when changed.
    }
  }

  /** An event of the stream: its alert, if it carries one for this user. */
  handle(event: ConversationEvent, openId: number | null): void {
    const alert = event.alert;
    if (!alert) return;
    if (marksUnread(event.conversationId, openId, document.visibilityState === "visible")) {
      this.unread.add(event.conversationId);
      this.save();
    }
    if (this.native) return;
    if (alert.sound) void new Audio(SOUND_URL).play().catch(() => {});
    if (alert.notify && this.permission === "granted") {
      const note = new Notification(alert.title, { body: alert.body, tag: `conversation-${event.conversationId}` });
      note.onclick = () => {
        window.focus();
        this.onOpen(event.conversationId);
        note.close();
      };
    }
  }

  /** The conversation was opened: it is read. */
  opened(id: number): void {
    if (this.unread.delete(id)) this.save();
  }

  /** Asks the browser once, from a button (browsers refuse a request made on load). */
  async askPermission(): Promise<void> {
    if (typeof Notification === "undefined") return;
    this.permission = (await Notification.requestPermission()) as NotificationState;
  }

  dismissBanner(): void {
    this.bannerDismissed = true;
    localStorage.setItem(BANNER_KEY, "1");
  }

  async setMuted(muted: boolean): Promise<void> {
    this.soundMuted = (await this.api.setPreferences({ soundMuted: muted })).soundMuted;
  }

  /** Plays the sound once, so the user hears what new work sounds like. */
  playTest(): void {
    void new Audio(SOUND_URL).play().catch(() => {});
  }

  /** Keeps the tab title and the favicon in step with the unread count; returns the undo. */
  show(): () => void {
    const count = this.unread.size;
    document.title = unreadTitle(this.baseTitle, count);
    let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (!link) {
      link = document.createElement("link");
      link.rel = "icon";
      document.head.appendChild(link);
    }
    link.href = faviconUrl(count);
    return () => {
      document.title = this.baseTitle;
    };
  }

  private save(): void {
    localStorage.setItem(unreadStorageKey(this.userId), JSON.stringify([...this.unread]));
  }
}
