// Runtime configuration: where the API is and which token to use (desktop shell injection or browser storage).

/** What the desktop shell injects as `window.__SWITCHBOARD__` before the page loads. */
export interface InjectedConfig {
  apiBase: string;
  token: string;
}

declare global {
  interface Window {
    __SWITCHBOARD__?: InjectedConfig;
  }
}

export const TOKEN_STORAGE_KEY = "switchboard.token";

export interface RuntimeConfig {
  /** Prefix for API paths, without trailing slash; "" means same origin. */
  apiBase: string;
  /** Bearer token, or null when the user still has to sign in. */
  token: string | null;
  /** True inside the desktop shell: the token is managed there, so there is no sign-in or sign-out. */
  desktop: boolean;
}

/** Minimal view of localStorage, so tests and storage-less contexts can pass a stand-in. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function normalizeApiBase(base: string | undefined | null): string {
  return (base ?? "").trim().replace(/\/+$/, "");
}

/** Reads the configuration from the injected object if present, else from browser storage. */
export function readRuntimeConfig(injected: InjectedConfig | undefined, storage: TokenStorage | null): RuntimeConfig {
  if (injected && typeof injected === "object") {
    const token = typeof injected.token === "string" && injected.token !== "" ? injected.token : null;
    return { apiBase: normalizeApiBase(injected.apiBase), token, desktop: true };
  }
  return { apiBase: "", token: readStoredToken(storage), desktop: false };
}

export function readStoredToken(storage: TokenStorage | null): string | null {
  try {
    const token = storage?.getItem(TOKEN_STORAGE_KEY);
    return token ? token : null;
  } catch {
    return null;
  }
}

export function storeToken(storage: TokenStorage | null, token: string | null): void {
  try {
    if (token) storage?.setItem(TOKEN_STORAGE_KEY, token);
    else storage?.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // Storage can be unavailable (private mode, sandboxing); the session then lasts until reload.
  }
}

/** The browser's localStorage, or null where touching it throws. */
export function browserStorage(): TokenStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}
