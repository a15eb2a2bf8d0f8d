// Non-blocking notifications (mainly API error messages) shown in a corner stack.
import { errorMessage, isAbort } from "./api/client";

export interface Toast {
  id: number;
  kind: "error" | "info";
  message: string;
}

const DISMISS_AFTER_MS = 8000;
const MAX_TOASTS = 4;

class ToastStore {
  items = $state.raw<Toast[]>([]);
  private nextId = 1;

  push(message: string, kind: Toast["kind"] = "error"): void {
    // Collapse repeats of the message already on screen.
    if (this.items.some((t) => t.message === message && t.kind === kind)) return;
    const toast: Toast = { id: this.nextId++, kind, message };
    this.items = [...this.items, toast].slice(-MAX_TOASTS);
    setTimeout(() => this.dismiss(toast.id), DISMISS_AFTER_MS);
  }

  /** Shows the message carried by an error (the server's `message` for API errors). */
  error(err: unknown): void {
    if (isAbort(err)) return;
    this.push(errorMessage(err), "error");
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new ToastStore();
