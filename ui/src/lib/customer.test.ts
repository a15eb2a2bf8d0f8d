// Unit tests for the Customer section: the edit form's PATCH body and checks, the requester's other
// conversations, and the section's store (fake API).
import { describe, expect, it } from "vitest";
import type { AttributeValueDto, Conversation, EndUser, Page } from "./api/types";
import {
  appendConversations,
  CUSTOMER_FIELDS,
  customerDraft,
  customerDraftErrors,
  customerEmailError,
  customerPatch,
  otherConversations,
  reloadPageLimit,
} from "./customer";
import { CustomerDetails, type CustomerApi } from "./customer.svelte";

function endUser(fields: Partial<EndUser> = {}): EndUser {
  return {
    id: "u1",
    createdAt: "2025-01-01T00:00:00Z",
    updatedAt: "2025-01-01T00:00:00Z",
    displayName: "Bob Stone",
    firstName: "Bob",
    lastName: null,
    email: "bob@example.com",
    phoneNumber: "+4512345678",
    externalId: undefined,
    person: {},
    ...fields,
  };
}

const conv = (id: number, extra: Partial<Conversation> = {}) => ({ id, shortId: id + 100, ...extra }) as Conversation;

describe("customer edit form", () => {
  it("starts from the end user's values, unset fields empty", () => {
    expect(customerDraft(endUser())).toEqual({
      displayName: "Bob Stone",
      firstName: "Bob",
      lastName: "",
      email: "bob@example.com",
      phoneNumber: "+4512345678",
      externalId: "",
    });
    expect(Object.values(customerDraft(null))).toEqual(CUSTOMER_FIELDS.map(() => ""));
  });

  it("sends only the changed fields, trimmed", () => {
    const user = endUser();
    const draft = { ...customerDraft(user), lastName: "  Stone ", email: " bob@example.com " };
    expect(customerPatch(user, draft)).toEqual({ lastName: "Stone" });
    expect(customerPatch(user, { ...customerDraft(user), externalId: "crm-7", displayName: "Robert" })).toEqual({
      displayName: "Robert",
      externalId: "crm-7",
    });
  });

  it("sends an emptied field as an empty string, which clears it", () => {
    const user = endUser();
    expect(customerPatch(user, { ...customerDraft(user), phoneNumber: "", email: "   " })).toEqual({ email: "", phoneNumber: "" });
  });

  it("sends nothing when nothing changed", () => {
    const user = endUser();
    expect(customerPatch(user, customerDraft(user))).toBeNull();
    // Whitespace only, or an empty field that was already unset, is no change.
    expect(customerPatch(user, { ...customerDraft(user), firstName: " Bob ", lastName: "  " })).toBeNull();
  });

  it("checks the email contains an @ before sending; empty is allowed", () => {
    expect(customerEmailError("")).toBeNull();
    expect(customerEmailError("   ")).toBeNull();
    expect(customerEmailError("a@b")).toBeNull();
    expect(customerEmailError("bob.example.com")).toMatch(/@/);
    expect(customerEmailError(`${"x".repeat(320)}@y`)).toMatch(/at most 320/);
    expect(customerDraftErrors({ ...customerDraft(endUser()), email: "nope" })).toHaveProperty("email");
    expect(customerDraftErrors(customerDraft(endUser()))).toEqual({});
  });
});

describe("other conversations", () => {
  it("leaves out the open conversation and keeps the order", () => {
    const list = [conv(5), conv(3), conv(9)];
    expect(otherConversations(list, 3).map((c) => c.id)).toEqual([5, 9]);
    expect(otherConversations(list, 42).map((c) => c.id)).toEqual([5, 3, 9]);
    expect(otherConversations(list, null).map((c) => c.id)).toEqual([5, 3, 9]);
    expect(otherConversations([conv(3)], 3)).toEqual([]);
  });

  it("lists a conversation once even if pages overlap", () => {
    expect(otherConversations([conv(1), conv(2), conv(1)], 7).map((c) => c.id)).toEqual([1, 2]);
    expect(appendConversations([conv(1), conv(2)], [conv(2), conv(3)]).map((c) => c.id)).toEqual([1, 2, 3]);
  });

  it("reloads as many whole pages as are shown", () => {
    expect(reloadPageLimit(0, 10)).toBe(10);
    expect(reloadPageLimit(7, 10)).toBe(10);
    expect(reloadPageLimit(10, 10)).toBe(10);
    expect(reloadPageLimit(11, 10)).toBe(20);
    expect(reloadPageLimit(5000, 10)).toBe(100);
  });
});

describe("CustomerDetails", () => {
  function deferred<T>() {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  }

  function fakeApi() {
    const calls: string[] = [];
    const pages: Record<string, Page<Conversation>> = {};
    const api: CustomerApi = {
      endUser: async (id) => {
        calls.push(`endUser ${id}`);
        return endUser({ id, displayName: `User ${id}` });
      },
      endUserConversations: async (id, pageLimit) => {
        calls.push(`conversations ${id} ${pageLimit}`);
        return pages[id] ?? { items: [] };
      },
      conversationsPage: async (path) => {
        calls.push(`page ${path}`);
        return pages[path] ?? { items: [] };
      },
    };
    return { api, calls, pages };
  }

  it("loads the requester and the first page of their conversations", async () => {
    const { api, calls, pages } = fakeApi();
    pages.u1 = { items: [conv(1), conv(2)], next: "/p2" };
    const customer = new CustomerDetails(api);
    expect(customer.loaded).toBe(false);
    await customer.setRequester("u1");
    expect(customer.loaded).toBe(true);
    expect(customer.user?.displayName).toBe("User u1");
    expect(customer.conversations.map((c) => c.id)).toEqual([1, 2]);
    expect(customer.next).toBe("/p2");
    expect(calls.sort()).toEqual(["conversations u1 10", "endUser u1"]);

    // The same requester again changes nothing.
    calls.length = 0;
    await customer.setRequester("u1");
    expect(calls).toEqual([]);
  });

  it("follows meta.next with More, and a reload keeps as many as are shown", async () => {
    const { api, calls, pages } = fakeApi();
    pages.u1 = { items: Array.from({ length: 10 }, (_, i) => conv(i + 1)), next: "/p2" };
    pages["/p2"] = { items: [conv(10), conv(11), conv(12)] };
    const customer = new CustomerDetails(api);
    await customer.setRequester("u1");
    await customer.loadMore();
    expect(customer.conversations.map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(customer.next).toBeUndefined();
    calls.length = 0;
    await customer.loadMore();
    expect(calls).toEqual([]);
    await customer.reload();
    expect(calls).toContain("conversations u1 20");
  });

  it("switches requester: clears what is shown and drops late answers for the old one", async () => {
    const { api, pages } = fakeApi();
    const gate = deferred<EndUser>();
    const slow = api.endUser;
    api.endUser = (id) => (id === "u1" ? gate.promise : slow(id));
    pages.u2 = { items: [conv(7)] };
    const customer = new CustomerDetails(api);
    const first = customer.setRequester("u1");
    const second = customer.setRequester("u2");
    expect(customer.requesterId).toBe("u2");
    gate.resolve(endUser({ id: "u1", displayName: "Stale" }));
    await Promise.all([first, second]);
    expect(customer.user?.id).toBe("u2");
    expect(customer.conversations.map((c) => c.id)).toEqual([7]);
    customer.clear();
    expect(customer.requesterId).toBeNull();
    expect(customer.user).toBeNull();
    expect(customer.conversations).toEqual([]);
  });

  it("coalesces overlapping reloads into one extra round", async () => {
    const { api } = fakeApi();
    let userCalls = 0;
    const gate = deferred<EndUser>();
    api.endUser = (id) => {
      userCalls++;
      return userCalls === 1 ? gate.promise : Promise.resolve(endUser({ id }));
    };
    const customer = new CustomerDetails(api);
    const first = customer.setRequester("u1");
    void customer.reload();
    void customer.reload();
    gate.resolve(endUser());
    await first;
    expect(userCalls).toBe(2);
  });

  it("shows a customer out of reach as unavailable, and reports other failures once", async () => {
    const errors: unknown[] = [];
    const { api } = fakeApi();
    api.endUser = async () => {
      throw Object.assign(new Error("nope"), { status: 404 });
    };
    const customer = new CustomerDetails(api, (e) => errors.push(e));
    await customer.setRequester("u1");
    expect(customer.unavailable).toBe(true);
    expect(customer.user).toBeNull();
    expect(errors).toEqual([]);

    api.endUser = async () => {
      throw Object.assign(new Error("boom"), { status: 500 });
    };
    api.endUserConversations = async () => {
      throw Object.assign(new Error("boom again"), { status: 500 });
    };
    await customer.reload();
    expect(errors.map((e) => (e as Error).message)).toEqual(["boom"]);
  });

  it("remembers attribute values learnt from changes per customer, and forgets them on anonymizing", async () => {
    const { api, calls } = fakeApi();
    const customer = new CustomerDetails(api);
    await customer.setRequester("u1");
    expect(customer.attributeValues).toBeNull();
    const values: AttributeValueDto[] = [{ id: "a1", name: "Tier", identifier: "tier", value: "Gold" }];
    customer.setAttributeValues("u1", values);
    expect(customer.attributeValues).toEqual(values);
    await customer.setRequester("u2");
    expect(customer.attributeValues).toBeNull();
    await customer.setRequester("u1");
    expect(customer.attributeValues).toEqual(values);

    calls.length = 0;
    await customer.anonymized("u1");
    expect(customer.attributeValues).toBeNull();
    expect(calls).toContain("endUser u1");
  });

  it("takes a saved end user only for the requester shown", async () => {
    const { api } = fakeApi();
    const customer = new CustomerDetails(api);
    await customer.setRequester("u1");
    customer.setUser(endUser({ id: "u2", displayName: "Other" }));
    expect(customer.user?.displayName).toBe("User u1");
    customer.setUser(endUser({ id: "u1", displayName: "Renamed" }));
    expect(customer.user?.displayName).toBe("Renamed");
  });
});
