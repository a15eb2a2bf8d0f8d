// Pure logic of companies: the Settings form's values, its checks, the create body and the
// partial PATCH for an edit, a row's summary, and the customer's company picker (filtering the
// pages loaded so far).
import type { Company, CompanyDetails, CompanyPatch } from "./api/types";
import { listChange, MAX_LIST_ITEMS, normalizeList, textChange, textError } from "./patch";
import { nameError } from "./settings";

/** The company attributes edited as text; the name is required, the others optional. */
export type CompanyTextField =
  | "name"
  | "accountManager"
  | "customerStage"
  | "industry"
  | "segment"
  | "country"
  | "externalId"
  | "vatNumber"
  | "notes";

export interface CompanyFieldInfo {
  key: CompanyTextField;
  label: string;
}

/** The optional text attributes in display order (the name comes first, the notes last, apart). */
export const COMPANY_TEXT_FIELDS: readonly CompanyFieldInfo[] = [
  { key: "accountManager", label: "Account manager" },
  { key: "customerStage", label: "Customer stage" },
  { key: "industry", label: "Industry" },
  { key: "segment", label: "Segment" },
  { key: "country", label: "Country" },
  { key: "externalId", label: "External id" },
  { key: "vatNumber", label: "VAT number" },
];

/** The longest company name the server keeps. */
export const COMPANY_NAME_MAX = 200;

export type CompanyDraft = Record<CompanyTextField, string> & { domains: string[]; tags: string[] };

export type CompanyDraftField = CompanyTextField | "domains" | "tags";

const ALL_TEXT: readonly CompanyTextField[] = ["name", ...COMPANY_TEXT_FIELDS.map((f) => f.key), "notes"];

/** The form's starting values: a company's, or empty for a new one. */
export function companyDraft(company?: CompanyDetails | null): CompanyDraft {
  const draft = { domains: normalizeList(company?.domains ?? []), tags: normalizeList(company?.tags ?? []) } as CompanyDraft;
  for (const key of ALL_TEXT) draft[key] = company?.[key] ?? "";
  return draft;
}

/** Problems that keep the form from being sent, by field (empty when it may be sent). */
export function companyDraftErrors(draft: CompanyDraft): Partial<Record<CompanyDraftField, string>> {
  const errors: Partial<Record<CompanyDraftField, string>> = {};
  const name = nameError(draft.name, COMPANY_NAME_MAX);
  if (name) errors.name = name;
  for (const key of ALL_TEXT) {
    const error = key === "name" ? null : textError(draft[key]);
    if (error) errors[key] = error;
  }
  for (const key of ["domains", "tags"] as const) {
    if (normalizeList(draft[key]).length > MAX_LIST_ITEMS) errors[key] = `Use at most ${MAX_LIST_ITEMS} items.`;
  }
  return errors;
}

/** The POST body: the name and the attributes that are filled in. */
export function companyCreateBody(draft: CompanyDraft): CompanyDetails {
  const body: CompanyDetails = { name: draft.name.trim() };
  for (const key of ALL_TEXT) {
    const value = draft[key].trim();
    if (key !== "name" && value) body[key] = value;
  }
  const domains = normalizeList(draft.domains);
  if (domains.length > 0) body.domains = domains;
  const tags = normalizeList(draft.tags);
  if (tags.length > 0) body.tags = tags;
  return body;
}

/** The PATCH body: only what changed, a cleared attribute as null (never the name); null when nothing changed. */
export function companyPatch(company: CompanyDetails, draft: CompanyDraft): CompanyPatch | null {
  const patch: CompanyPatch = {};
  const name = draft.name.trim();
  if (name && name !== company.name) patch.name = name;
  for (const key of ALL_TEXT) {
    if (key === "name") continue;
    const change = textChange(company[key], draft[key]);
    if (change !== undefined) patch[key] = change;
  }
  const domains = listChange(company.domains, draft.domains);
  if (domains !== undefined) patch.domains = domains;
  const tags = listChange(company.tags, draft.tags);
  if (tags !== undefined) patch.tags = tags;
  return Object.keys(patch).length > 0 ? patch : null;
}

/** A row's second line: domains, industry, segment and country that are set ("" when none). */
export function companySummary(company: CompanyDetails): string {
  const parts = [(company.domains ?? []).join(", "), company.industry, company.segment, company.country];
  return parts
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(" · ");
}

/** Whether a company matches the picker's filter: every word in its name, a domain or its external id. */
export function companyMatches(company: Company, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [company.name, ...(company.domains ?? []), company.externalId ?? ""].join("\n").toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** The companies loaded so far that match the filter, in the server's order (by name). */
export function filterCompanies(companies: readonly Company[], query: string): Company[] {
  return companies.filter((c) => companyMatches(c, query));
}

/**
 * The picker's choices: the matching companies, with the one picked kept first when the filter
 * (or paging) leaves it out, so the choice stays visible.
 */
export function pickerChoices(companies: readonly Company[], query: string, picked: Company | null | undefined): Company[] {
  const matches = filterCompanies(companies, query);
  if (!picked || matches.some((c) => c.id === picked.id)) return matches;
  return [picked, ...matches];
}
