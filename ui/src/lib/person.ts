// Pure logic of the customer's profile in the details panel: the standard person attributes and
// the company as a form, the checks made before sending, the partial PATCH body and what is shown.
import type { EndUser, EndUserChange, Gender, PersonDetails, PersonPatch } from "./api/types";
import { Gender as Genders } from "./api/enums";
import { dateError, listChange, MAX_LIST_ITEMS, normalizeList, textChange, textError } from "./patch";

/** The person attributes edited as plain text. */
export type PersonTextField =
  | "middleName"
  | "nickName"
  | "address"
  | "city"
  | "country"
  | "preferredService"
  | "type"
  | "integrations"
  | "modifiedFrom";

export interface PersonFieldInfo {
  key: PersonTextField;
  label: string;
  /** Takes the form's whole width (longer values). */
  wide?: boolean;
}

/** The text attributes in display order. */
export const PERSON_TEXT_FIELDS: readonly PersonFieldInfo[] = [
  { key: "middleName", label: "Middle name" },
  { key: "nickName", label: "Nickname" },
  { key: "address", label: "Address", wide: true },
  { key: "city", label: "City" },
  { key: "country", label: "Country" },
  { key: "preferredService", label: "Preferred service" },
  { key: "type", label: "Type" },
  { key: "integrations", label: "Integrations" },
  { key: "modifiedFrom", label: "Modified from" },
];

export const GENDERS: readonly Gender[] = Genders;

/** The profile form's values: texts ("" is unset), the birth date as YYYY-MM-DD, tags, and the company ("" is none). */
export type PersonDraft = Record<PersonTextField, string> & {
  birthDate: string;
  gender: Gender | "";
  tags: string[];
  companyId: string;
};

export type PersonDraftField = PersonTextField | "birthDate" | "tags";

/** The form's starting values for an end user. */
export function personDraft(user: EndUser | null | undefined): PersonDraft {
  const person: PersonDetails = user?.person ?? {};
  const draft = {
    birthDate: person.birthDate ?? "",
    gender: person.gender ?? "",
    tags: normalizeList(person.tags ?? []),
    companyId: user?.companyId ?? "",
  } as PersonDraft;
  for (const { key } of PERSON_TEXT_FIELDS) draft[key] = person[key] ?? "";
  return draft;
}

/** Problems that keep the form from being sent, by field (empty when it may be sent). */
export function personDraftErrors(draft: PersonDraft): Partial<Record<PersonDraftField, string>> {
  const errors: Partial<Record<PersonDraftField, string>> = {};
  for (const { key } of PERSON_TEXT_FIELDS) {
    const error = textError(draft[key]);
    if (error) errors[key] = error;
  }
  const date = dateError(draft.birthDate);
  if (date) errors.birthDate = date;
  if (normalizeList(draft.tags).length > MAX_LIST_ITEMS) errors.tags = `Use at most ${MAX_LIST_ITEMS} tags.`;
  return errors;
}

/** The person part of the PATCH: only changed attributes, a cleared one as null; null when nothing changed. */
export function personPatch(person: PersonDetails, draft: PersonDraft): PersonPatch | null {
  const patch: PersonPatch = {};
  for (const { key } of PERSON_TEXT_FIELDS) {
    const change = textChange(person[key], draft[key]);
    if (change !== undefined) patch[key] = change;
  }
  const birthDate = textChange(person.birthDate, draft.birthDate);
  if (birthDate !== undefined) patch.birthDate = birthDate;
  const before = person.gender ?? null;
  const gender = draft.gender === "" ? null : draft.gender;
  if (gender !== before) patch.gender = gender;
  const tags = listChange(person.tags, draft.tags);
  if (tags !== undefined) patch.tags = tags;
  return Object.keys(patch).length > 0 ? patch : null;
}

/** The whole PATCH body of the profile form (person attributes and company); null when nothing changed. */
export function profileChange(user: EndUser, draft: PersonDraft): EndUserChange | null {
  const body: EndUserChange = {};
  const person = personPatch(user.person ?? {}, draft);
  if (person) body.person = person;
  const company = draft.companyId || null;
  if (company !== (user.companyId ?? null)) body.companyId = company;
  return Object.keys(body).length > 0 ? body : null;
}

export interface ProfileRow {
  key: PersonTextField | "birthDate" | "gender";
  label: string;
  value: string;
}

/** The attributes that are set, as label and value, in form order (tags and the company are shown apart). */
export function profileRows(person: PersonDetails | null | undefined): ProfileRow[] {
  const p = person ?? {};
  const rows: ProfileRow[] = [];
  const add = (key: ProfileRow["key"], label: string, value: string | null | undefined) => {
    const v = value?.trim();
    if (v) rows.push({ key, label, value: v });
  };
  for (const field of PERSON_TEXT_FIELDS) add(field.key, field.label, p[field.key]);
  add("birthDate", "Birth date", p.birthDate);
  add("gender", "Gender", p.gender);
  return rows;
}
