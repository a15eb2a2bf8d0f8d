// Unit tests for the customer's profile: the form's starting values and checks, the partial PATCH
// body (person attributes and company) and the attributes shown.
import { describe, expect, it } from "vitest";
import type { EndUser } from "./api/types";
import { PERSON_TEXT_FIELDS, personDraft, personDraftErrors, personPatch, profileChange, profileRows } from "./person";

function endUser(fields: Partial<EndUser> = {}): EndUser {
  return {
    id: "u1",
    createdAt: "2025-01-01T00:00:00Z",
    updatedAt: "2025-01-01T00:00:00Z",
    displayName: "Bob Stone",
    person: { city: "Oslo", country: "Norway", birthDate: "1990-05-17", gender: "Male", tags: ["VIP", "Gold"] },
    companyId: "c1",
    ...fields,
  };
}

describe("profile form", () => {
  it("starts from the end user's attributes, unset ones empty", () => {
    const draft = personDraft(endUser());
    expect(draft).toMatchObject({ city: "Oslo", country: "Norway", birthDate: "1990-05-17", gender: "Male", tags: ["VIP", "Gold"], companyId: "c1" });
    expect(draft.address).toBe("");
    expect(draft.type).toBe("");
    const empty = personDraft(endUser({ person: {}, companyId: null }));
    expect(empty).toMatchObject({ birthDate: "", gender: "", tags: [], companyId: "" });
    for (const { key } of PERSON_TEXT_FIELDS) expect(empty[key]).toBe("");
    expect(personDraft(null).companyId).toBe("");
  });

  it("sends nothing when nothing changed (whitespace and repeated tags are no change)", () => {
    const user = endUser();
    expect(profileChange(user, personDraft(user))).toBeNull();
    const draft = { ...personDraft(user), city: " Oslo ", address: "  ", tags: ["VIP", " Gold", "vip"] };
    expect(profileChange(user, draft)).toBeNull();
  });

  it("sends only the changed attributes, trimmed", () => {
    const user = endUser();
    const draft = { ...personDraft(user), city: " Bergen ", nickName: "Bobby" };
    expect(profileChange(user, draft)).toEqual({ person: { city: "Bergen", nickName: "Bobby" } });
  });

  it("clears emptied attributes with null", () => {
    const user = endUser();
    const draft = { ...personDraft(user), country: "", birthDate: "", gender: "" as const, tags: [] };
    expect(personPatch(user.person, draft)).toEqual({ country: null, birthDate: null, gender: null, tags: null });
  });

  it("sends a changed tag list whole, normalised", () => {
    const user = endUser();
    expect(personPatch(user.person, { ...personDraft(user), tags: ["VIP", "Gold", " Churn risk "] })).toEqual({
      tags: ["VIP", "Gold", "Churn risk"],
    });
    expect(personPatch(user.person, { ...personDraft(user), tags: ["Gold"] })).toEqual({ tags: ["Gold"] });
    expect(personPatch({}, { ...personDraft(endUser({ person: {} })), tags: ["new"] })).toEqual({ tags: ["new"] });
  });

  it("sets, changes and clears the gender and the birth date", () => {
    const none = endUser({ person: {} });
    expect(personPatch(none.person, { ...personDraft(none), gender: "Female", birthDate: "2000-02-29" })).toEqual({
      gender: "Female",
      birthDate: "2000-02-29",
    });
    const user = endUser();
    expect(personPatch(user.person, { ...personDraft(user), gender: "Female" })).toEqual({ gender: "Female" });
  });

  it("moves the customer to another company, or out of theirs with null", () => {
    const user = endUser();
    expect(profileChange(user, { ...personDraft(user), companyId: "c2" })).toEqual({ companyId: "c2" });
    expect(profileChange(user, { ...personDraft(user), companyId: "" })).toEqual({ companyId: null });
    const loose = endUser({ companyId: undefined });
    expect(profileChange(loose, personDraft(loose))).toBeNull();
    expect(profileChange(loose, { ...personDraft(loose), companyId: "c1", city: "" })).toEqual({ companyId: "c1", person: { city: null } });
  });

  it("checks dates, long texts and the number of tags before sending", () => {
    const draft = personDraft(endUser());
    expect(personDraftErrors(draft)).toEqual({});
    expect(personDraftErrors({ ...draft, birthDate: "2023-02-29" })).toHaveProperty("birthDate");
    expect(personDraftErrors({ ...draft, birthDate: "" })).toEqual({});
    expect(personDraftErrors({ ...draft, address: "x".repeat(501) })).toHaveProperty("address");
    expect(personDraftErrors({ ...draft, tags: Array.from({ length: 101 }, (_, i) => `t${i}`) })).toHaveProperty("tags");
  });
});

describe("profile view", () => {
  it("lists the attributes that are set, in form order, birth date and gender last", () => {
    const rows = profileRows({ country: "Norway", city: " Oslo ", gender: "Male", birthDate: "1990-05-17", address: "  ", tags: ["VIP"] });
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ["city", "Oslo"],
      ["country", "Norway"],
      ["birthDate", "1990-05-17"],
      ["gender", "Male"],
    ]);
    expect(profileRows({})).toEqual([]);
    expect(profileRows(undefined)).toEqual([]);
  });
});
