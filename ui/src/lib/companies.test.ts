// Unit tests for companies: the Settings form's create body and partial PATCH, a row's summary, the
// company picker's filter, the details panel's company store and the API client's company calls.
import { describe, expect, it } from "vitest";
import { ApiClient, type FetchLike } from "./api/client";
import type { Company, Page } from "./api/types";
import {
  companyCreateBody,
  companyDraft,
  companyDraftErrors,
  companyMatches,
  companyPatch,
  companySummary,
  filterCompanies,
  pickerChoices,
} from "./companies";
import { CompanyDirectory, type CompanyApi } from "./companies.svelte";

function company(fields: Partial<Company> = {}): Company {
  return {
    id: "c1",
    name: "Acme",
    createdAt: "2025-01-01T00:00:00Z",
    updatedAt: "2025-01-01T00:00:00Z",
    domains: ["acme.test"],
    industry: "Retail",
    tags: ["Key account"],
    ...fields,
  };
}

describe("company form", () => {
  it("starts from the company's attributes, or empty", () => {
    expect(companyDraft(company())).toMatchObject({ name: "Acme", industry: "Retail", country: "", notes: "", domains: ["acme.test"], tags: ["Key account"] });
    expect(companyDraft(null)).toMatchObject({ name: "", vatNumber: "", domains: [], tags: [] });
  });

  it("needs a name and keeps texts and lists within the server's limits", () => {
    const draft = companyDraft(company());
    expect(companyDraftErrors(draft)).toEqual({});
    expect(companyDraftErrors({ ...draft, name: "  " })).toHaveProperty("name");
    expect(companyDraftErrors({ ...draft, name: "x".repeat(201) })).toHaveProperty("name");
    expect(companyDraftErrors({ ...draft, notes: "x".repeat(501) })).toHaveProperty("notes");
    expect(companyDraftErrors({ ...draft, domains: Array.from({ length: 101 }, (_, i) => `d${i}.test`) })).toHaveProperty("domains");
  });

  it("creates with the name and what is filled in", () => {
    const draft = { ...companyDraft(null), name: " Globex ", country: " DK ", segment: "  ", domains: ["globex.test", "GLOBEX.test", " "], tags: [] };
    expect(companyCreateBody(draft)).toEqual({ name: "Globex", country: "DK", domains: ["globex.test"] });
    expect(companyCreateBody({ ...companyDraft(null), name: "Initech" })).toEqual({ name: "Initech" });
  });

  it("patches only what changed: emptied as null, lists whole, the name never cleared", () => {
    const c = company({ notes: "Pays late" });
    expect(companyPatch(c, companyDraft(c))).toBeNull();
    expect(companyPatch(c, { ...companyDraft(c), name: " Acme ", industry: "Retail " })).toBeNull();
    expect(companyPatch(c, { ...companyDraft(c), name: "Acme Inc", notes: "", segment: "Enterprise" })).toEqual({
      name: "Acme Inc",
      notes: null,
      segment: "Enterprise",
    });
    expect(companyPatch(c, { ...companyDraft(c), name: "" })).toBeNull();
    expect(companyPatch(c, { ...companyDraft(c), domains: ["acme.test", "acme.example"], tags: [] })).toEqual({
      domains: ["acme.test", "acme.example"],
      tags: null,
    });
  });

  it("summarises a row with its domains, industry, segment and country", () => {
    expect(companySummary(company({ country: "DK" }))).toBe("acme.test · Retail · DK");
    expect(companySummary(company({ domains: ["a.test", "b.test"], industry: null }))).toBe("a.test, b.test");
    expect(companySummary({ name: "Bare" })).toBe("");
  });
});

describe("company picker", () => {
  const list = [
    company({ id: "c1", name: "Acme", domains: ["acme.test"] }),
    company({ id: "c2", name: "Globex Corporation", domains: ["globex.test"], externalId: "crm-42" }),
    company({ id: "c3", name: "Initech", domains: [] }),
  ];

  it("matches every word against the name, a domain or the external id, ignoring case", () => {
    expect(filterCompanies(list, "").map((c) => c.id)).toEqual(["c1", "c2", "c3"]);
    expect(filterCompanies(list, "  ").map((c) => c.id)).toEqual(["c1", "c2", "c3"]);
    expect(filterCompanies(list, "GLOB").map((c) => c.id)).toEqual(["c2"]);
    expect(filterCompanies(list, "acme.test").map((c) => c.id)).toEqual(["c1"]);
    expect(filterCompanies(list, "crm-42").map((c) => c.id)).toEqual(["c2"]);
    expect(filterCompanies(list, "globex corp").map((c) => c.id)).toEqual(["c2"]);
    expect(filterCompanies(list, "globex acme")).toEqual([]);
    expect(companyMatches(list[2], "tech")).toBe(true);
  });

  it("keeps the picked company first when the filter leaves it out", () => {
    expect(pickerChoices(list, "glob", list[0]).map((c) => c.id)).toEqual(["c1", "c2"]);
    expect(pickerChoices(list, "glob", list[1]).map((c) => c.id)).toEqual(["c2"]);
    expect(pickerChoices(list, "", null).map((c) => c.id)).toEqual(["c1", "c2", "c3"]);
    const unlisted = company({ id: "c9", name: "Zeta" });
    expect(pickerChoices(list, "", unlisted).map((c) => c.id)).toEqual(["c9", "c1", "c2", "c3"]);
  });
});

describe("CompanyDirectory", () => {
  function fakeApi() {
    const calls: string[] = [];
    const pages: Record<string, Page<Company>> = {};
    const companies: Record<string, Company> = {};
    const api: CompanyApi = {
      companiesPage: async (path) => {
        calls.push(`page ${path ?? "first"}`);
        return pages[path ?? "first"] ?? { items: [] };
      },
      company: async (id) => {
        calls.push(`company ${id}`);
        const c = companies[id];
        if (!c) throw Object.assign(new Error("Not found."), { status: 404 });
        return c;
      },
    };
    return { api, calls, pages, companies };
  }

  it("loads pages by name and follows meta.next with Load more", async () => {
    const { api, calls, pages } = fakeApi();
    pages.first = { items: [company({ id: "a", name: "A" })], next: "/v1/companies?pageKey=k" };
    pages["/v1/companies?pageKey=k"] = { items: [company({ id: "b", name: "B" })] };
    const dir = new CompanyDirectory(api);
    await dir.list.load();
    expect(dir.list.hasMore).toBe(true);
    await dir.list.loadMore();
    expect(dir.list.items.map((c) => c.id)).toEqual(["a", "b"]);
    expect(dir.list.hasMore).toBe(false);
    expect(calls).toEqual(["page first", "page /v1/companies?pageKey=k"]);
  });

  it("looks a company up by id once: from the loaded pages, else read", async () => {
    const { api, calls, pages, companies } = fakeApi();
    pages.first = { items: [company({ id: "a", name: "A" })] };
    companies.z = company({ id: "z", name: "Zeta" });
    const dir = new CompanyDirectory(api);
    await dir.list.load();
    expect(dir.company("a")?.name).toBe("A");
    expect(dir.company("z")).toBeUndefined();
    expect(dir.company("gone")).toBeUndefined();
    await Promise.resolve();
    await Promise.resolve();
    expect(dir.company("z")?.name).toBe("Zeta");
    expect(dir.company("gone")).toBeNull();
    expect(calls.filter((c) => c.startsWith("company"))).toEqual(["company z", "company gone"]);
  });

  it("remembers a changed company, in the list too", async () => {
    const { api, pages } = fakeApi();
    pages.first = { items: [company({ id: "a", name: "A" })] };
    const dir = new CompanyDirectory(api);
    await dir.list.load();
    dir.remember(company({ id: "a", name: "A2" }));
    dir.remember(company({ id: "q", name: "Q" }));
    expect(dir.company("a")?.name).toBe("A2");
    expect(dir.company("q")?.name).toBe("Q");
    expect(dir.list.items.map((c) => c.name)).toEqual(["A2"]);
  });
});

describe("ApiClient company calls", () => {
  interface Call {
    method: string;
    url: string;
    body: unknown;
  }

  function client(respond: (call: Call) => Response) {
    const calls: Call[] = [];
    const fetch: FetchLike = async (url, init) => {
      const call = { url: url.replace("http://h", ""), method: init?.method ?? "GET", body: init?.body ? JSON.parse(String(init.body)) : undefined };
      calls.push(call);
      return respond(call);
    };
    return { api: new ApiClient({ apiBase: "http://h", token: "t", fetch }), calls };
  }

  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

  it("pages companies, reads, creates, patches with null and deletes one, and lists its people", async () => {
    const { api, calls } = client((c) => {
      if (c.method === "DELETE") return new Response(null, { status: 204 });
      if (c.url.endsWith("/endusers")) return json(200, { data: [{ id: "u1" }] });
      if (c.url.startsWith("/v1/companies?")) return json(200, { data: [company()], meta: { next: "http://x/v1/companies?pageKey=k&pageLimit=50" } });
      return json(c.method === "POST" ? 201 : 200, { data: company() });
    });
    const page = await api.companiesPage();
    expect(page.next).toBe("/v1/companies?pageKey=k&pageLimit=50");
    await api.companiesPage(page.next);
    await api.company("c1");
    await api.createCompany({ name: "Acme", domains: ["acme.test"] });
    await api.patchCompany("c1", { notes: null, tags: ["VIP"] });
    await api.deleteCompany("c1");
    expect(await api.companyPeople("c1")).toEqual([{ id: "u1" }]);
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ["GET", "/v1/companies?pageLimit=50", undefined],
      ["GET", "/v1/companies?pageKey=k&pageLimit=50", undefined],
      ["GET", "/v1/companies/c1", undefined],
      ["POST", "/v1/companies", { name: "Acme", domains: ["acme.test"] }],
      ["PATCH", "/v1/companies/c1", { notes: null, tags: ["VIP"] }],
      ["DELETE", "/v1/companies/c1", undefined],
      ["GET", "/v1/companies/c1/endusers", undefined],
    ]);
  });

  it("patches an end user's person attributes and company, and shows a 400's message", async () => {
    const msg = "person.birthDate: input is out of range";
    const { api, calls } = client((c) =>
      (c.body as { person?: { birthDate?: string } }).person?.birthDate ? json(400, { message: msg }) : json(200, { data: { id: "u1" } }),
    );
    await api.patchEndUser("u1", { person: { city: "Oslo", tags: null }, companyId: null });
    await expect(api.patchEndUser("u1", { person: { birthDate: "1981-02-29" } })).rejects.toMatchObject({ status: 400, message: msg });
    expect(calls[0]).toEqual({ method: "PATCH", url: "/v1/endusers/u1", body: { person: { city: "Oslo", tags: null }, companyId: null } });
  });
});
