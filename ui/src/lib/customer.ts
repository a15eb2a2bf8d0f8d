// Pure logic of the details panel's Customer section: the editable end-user fields, the PATCH body
// for an edit, the checks made before sending it, and the requester's other conversations.
import type { Conversation, EndUser, EndUserChange } from "./api/types";

/** The end-user fields an agent may edit, in display order. */
export type CustomerField = "displayName" | "firstName" | "lastName" | "email" | "phoneNumber" | "externalId";

export interface CustomerFieldInfo {
  key: CustomerField;
  label: string;
  /** The input type of the edit form. */
  type: "text" | "email" | "tel";
}

export const CUSTOMER_FIELDS: readonly CustomerFieldInfo[] = [
  { key: "displayName", label: "Display name", type: "text" },
  { key: "firstName", label: "First name", type: "text" },
  { key: "lastName", label: "Last name", type: "text" },
  { key: "email", label: "Email", type: "email" },
  { key: "phoneNumber", label: "Phone", type: "tel" },
  { key: "externalId", label: "External id", type: "text" },
];

/** The edit form's text per field (an unset field is ""). */
export type CustomerDraft = Record<CustomerField, string>;

/** The form's starting values for an end user. */
export function customerDraft(user: EndUser | null | undefined): CustomerDraft {
  const draft = {} as CustomerDraft;
  for (const { key } of CUSTOMER_FIELDS) draft[key] = user?.[key] ?? "";
  return draft;
}

/** The server keeps email addresses of at most this many characters. */
export const MAX_EMAIL_LENGTH = 320;

/** An optional email address: empty (clears it), or text containing an "@", as the server checks. */
export function customerEmailError(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  if (!v.includes("@")) return "Enter an email address containing “@”, like name@example.com.";
  if (v.length > MAX_EMAIL_LENGTH) return `Use at most ${MAX_EMAIL_LENGTH} characters.`;
  return null;
}

/** Problems that keep the form from being sent, by field (empty when it may be sent). */
export function customerDraftErrors(draft: CustomerDraft): Partial<Record<CustomerField, string>> {
  const errors: Partial<Record<CustomerField, string>> = {};
  const email = customerEmailError(draft.email);
  if (email) errors.email = email;
  return errors;
}

/**
 * The PATCH body: only the fields whose trimmed text differs from the end user's, an emptied field
 * as "" (which clears it on the server); null when nothing changed.
 */
export function customerPatch(user: EndUser, draft: CustomerDraft): EndUserChange | null {
  const patch: EndUserChange = {};
  for (const { key } of CUSTOMER_FIELDS) {
    const next = draft[key].trim();
    if (next !== (user[key] ?? "").trim()) patch[key] = next;
  }
  return Object.keys(patch).length > 0 ? patch : null;
}

/** The requester's conversations other than the open one, once each, in the order given (latest activity first). */
export function otherConversations(list: readonly Conversation[], openId: number | null | undefined): Conversation[] {
  const seen = new Set<number>();
  return list.filter((c) => {
    if (c.id === openId || seen.has(c.id)) return false;
    seen.add(c.id);
    return true;
  });
}

/** Appends a further page, leaving out conversations already listed (a reload may have moved them). */
export function appendConversations(existing: readonly Conversation[], page: readonly Conversation[]): Conversation[] {
  const seen = new Set(existing.map((c) => c.id));
  return [...existing, ...page.filter((c) => !seen.has(c.id))];
}

/**
 * The page size for reloading the list: as many as are shown (whole pages of `pageSize`), so a
 * reload doesn't fold away pages the user opened with "More"; at most `max`.
 */
export function reloadPageLimit(shown: number, pageSize: number, max = 100): number {
  const pages = Math.max(1, Math.ceil(shown / pageSize));
  return Math.min(max, pages * pageSize);
}
