// Non-blocking notifications (mainly API error messages) shown in a corner stack.
import { errorMessage, isAbort } from "./api/client";

export interface Toast {
  id: number;
  kind: "error" | "info";
  message: string;
  /** A button on the toast (Undo), offered while the toast shows. */
  action?: { label: string; run: () => void };
}

/** How long an Undo is offered. */
export const UNDO_MS = 5000;

const DISMISS_AFTER_MS = 8000;
const MAX_TOASTS = 4;

class ToastStore {
  items = $state.raw<Toast[]>([]);
  private nextId = 1;

  push(message: string, kind: Toast["kind"] = "error"): void {
    // Collapse repeats of the message already on screen.
    if (this.items.some((t) => t.message === message && t.kind === kind)) return;
    this.add({ id: this.nextId++, kind, message }, DISMISS_AFTER_MS);
  }

  /** A notice with an Undo button, shown for five seconds; the undo runs at most once. */
  undoable(message: string, undo: () => void): void {
    let done = false;
    const toast: Toast = {
      id: this.nextId++,
      kind: "info",
      message,
      action: {
        label: "Undo",
        run: () => {
          this.dismiss(toast.id);
          if (done) return;
          done = true;
          undo();
        },
      },
    };
    this.add(toast, UNDO_MS);
  }

  private add(toast: Toast, ms: number): void {
    this.items = [...this.items, toast].slice(-MAX_TOASTS);
    setTimeout(() => this.dismiss(toast.id), ms);
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
