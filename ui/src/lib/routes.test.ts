// Unit tests for the route and condition logic, on a catalogue shaped like the server's answer.
import { describe, expect, it } from "vitest";
import type { ConditionCatalogue, ConditionSpec, CustomAttribute, Route } from "./api/types";
import {
  addCondition,
  addGroup,
  allowedOperators,
  attributeCatalog,
  changeAttribute,
  changeOperator,
  cleanGroups,
  coerceValue,
  conditionError,
  conditionsSummary,
  conditionSummary,
  dropTarget,
  EMPTY_CATALOG,
  emptyRouteDraft,
  findAttribute,
  formatList,
  keyboardMoveTarget,
  moveItem,
  newCondition,
  operatorAllowed,
  parseListInput,
  removeCondition,
  routeCreateBody,
  routeDraft,
  routeDraftErrors,
  routePatch,
  sortRoutes,
  valueKind,
} from "./routes";
import { CONDITION_CATALOGUE } from "./test-catalogues";

function attr(identifier: string, entityType: CustomAttribute["entityType"], isArchived = false): CustomAttribute {
  return {
    id: `id-${identifier}`,
    identifier,
    entityType,
    isArchived,
    label: identifier.toUpperCase(),
    createdAt: "2024-01-01T00:00:00Z",
    inputDefinition: { _type: "Text", options: [] },
  };
}

const catalog = attributeCatalog(CONDITION_CATALOGUE, [
  attr("order_no", "Conversation"),
  attr("vip", "Contact"),
  attr("old", "Contact", true),
  attr("tier", "Company"),
]);

function route(over: Partial<Route> = {}): Route {
  return {
    id: "r1",
    name: "VIP email",
    enabled: true,
    position: 0,
    conditions: [[{ attribute: "channel", operator: "is", value: "Email" }]],
    queueId: "q1",
    priority: "High",
    createdAt: "2024-01-01T00:00:00Z",
    updatedAt: "2024-01-01T00:00:00Z",
    ...over,
  };
}

describe("allowed operators", () => {
  it("follows the server's table", () => {
    expect(allowedOperators(catalog, "channel")).toEqual(["is", "is not"]);
    expect(allowedOperators(catalog, "content")).toEqual(["is", "is not", "contains", "starts with"]);
    expect(allowedOperators(catalog, "conversationTags")).toEqual(["in list", "not in list"]);
    expect(allowedOperators(catalog, "isVisitor")).toEqual(["is", "is not"]);
    expect(allowedOperators(catalog, "to")).toEqual(["is", "is not"]);
    expect(allowedOperators(catalog, "person.city")).toEqual(["is", "is not", "contains", "starts with"]);
    expect(allowedOperators(catalog, "person.birthDate")).toEqual(["is", "is not", "before", "after", "before or on", "after or on"]);
    expect(allowedOperators(catalog, "person.customerTags")).toEqual(["contains", "does not contain"]);
    expect(allowedOperators(catalog, "person.gender")).toEqual(["is", "is not"]);
    expect(allowedOperators(catalog, "company.domains")).toEqual(["contains", "does not contain"]);
    expect(allowedOperators(catalog, "company.vatNumber")).toEqual(["is", "is not", "contains", "starts with"]);
    expect(allowedOperators(catalog, "email.cc")).toEqual(["contains", "does not contain"]);
    expect(allowedOperators(catalog, "email.to")).toEqual(["in list", "not in list"]);
    expect(allowedOperators(catalog, "email.routedToRecipient")).toEqual(["is", "is not"]);
    expect(allowedOperators(catalog, "email.subject")).toEqual(["is", "is not", "contains", "does not contain", "starts with"]);
    expect(allowedOperators(catalog, "senderQueues")).toEqual(["in list", "not in list"]);
  });

  it("builds custom attributes from the definitions, without archived ones", () => {
    const ids = catalog.attributes.map((a) => a.id);
    expect(ids).toContain("custom.conversation.order_no");
    expect(ids).toContain("custom.person.vip");
    expect(ids).not.toContain("custom.person.old");
    expect(ids).toContain("custom.company.tier");
    expect(catalog.attributes.find((a) => a.id === "custom.company.tier")).toMatchObject({ group: "Custom (company)", label: "TIER" });
    // After the server's attributes, in their order, then by group and label.
    expect(ids.slice(0, CONDITION_CATALOGUE.attributes.length)).toEqual(CONDITION_CATALOGUE.attributes.map((a) => a.id));
    expect(ids.slice(CONDITION_CATALOGUE.attributes.length)).toEqual([
      "custom.company.tier",
      "custom.conversation.order_no",
      "custom.person.vip",
    ]);
    expect(allowedOperators(catalog, "custom.person.vip")).toEqual([
      "is",
      "is not",
      "contains",
      "does not contain",
      "starts with",
      "in list",
      "not in list",
    ]);
    // Archived or not loaded yet: still the custom operators.
    expect(allowedOperators(catalog, "custom.person.old")).toContain("in list");
  });

  it("takes the custom attributes' operators from the server", () => {
    const server: ConditionCatalogue = { ...CONDITION_CATALOGUE, customOperators: ["is", "in list"] };
    const own = attributeCatalog(server, [attr("vip", "Contact")]);
    expect(allowedOperators(own, "custom.person.vip")).toEqual(["is", "in list"]);
    // Not loaded yet (or archived): the server's custom operators too.
    expect(allowedOperators(own, "custom.conversation.unknown")).toEqual(["is", "in list"]);
    expect(operatorAllowed(own, "custom.person.vip", "contains")).toBe(false);
    expect(findAttribute(own, "custom.person.vip")).toMatchObject({ label: "VIP", group: "Custom (person)", value: "text" });
  });

  it("offers only what the server's catalogue says, in its order", () => {
    const server: ConditionCatalogue = {
      attributes: [
        { id: "person.city", label: "Town", group: "Person", operators: ["is"], value: "text" },
        { id: "channel", label: "Channel", group: "Conversation", operators: ["is not"], value: "channel" },
      ],
      customOperators: [],
      operators: ["is", "is not"],
    };
    const own = attributeCatalog(server);
    expect(own.attributes.map((a) => a.id)).toEqual(["person.city", "channel"]);
    expect(allowedOperators(own, "person.city")).toEqual(["is"]);
    expect(operatorAllowed(own, "person.city", "contains")).toBe(false);
    expect(conditionSummary(own, { attribute: "person.city", operator: "is", value: "Oslo" })).toBe("Person town is “Oslo”");
    // The first attribute and its first operator start a new condition.
    expect(newCondition(own)).toEqual({ attribute: "person.city", operator: "is", value: "" });
    // Attributes the server doesn't list take every operator it names.
    expect(allowedOperators(own, "content")).toEqual(["is", "is not"]);
  });

  it("reads conditions before the catalogue arrived by their ids", () => {
    expect(conditionsSummary(EMPTY_CATALOG, [[{ attribute: "person.city", operator: "is", value: "Oslo" }]])).toBe("person.city is “Oslo”");
    expect(newCondition(EMPTY_CATALOG)).toEqual({ attribute: "", operator: "", value: "" });
  });

  it("refuses what the server refuses", () => {
    expect(operatorAllowed(catalog, "channel", "contains")).toBe(false);
    expect(operatorAllowed(catalog, "channel", "is")).toBe(true);
    expect(conditionError(catalog, { attribute: "channel", operator: "contains", value: "Email" })).toMatch(/can't be used/);
  });

  it("keeps unknown attributes editable", () => {
    expect(findAttribute(catalog, "apple.thing").label).toBe("apple.thing");
    expect(allowedOperators(catalog, "apple.thing")).toEqual(CONDITION_CATALOGUE.operators);
  });
});

describe("value shapes", () => {
  it("picks the input per attribute and operator", () => {
    expect(valueKind(catalog, "channel", "is")).toBe("channel");
    expect(valueKind(catalog, "isVisitor", "is not")).toBe("boolean");
    expect(valueKind(catalog, "person.birthDate", "before")).toBe("date");
    expect(valueKind(catalog, "person.gender", "is")).toBe("gender");
    expect(valueKind(catalog, "conversationTags", "in list")).toBe("tags");
    expect(valueKind(catalog, "senderQueues", "not in list")).toBe("queues");
    expect(valueKind(catalog, "email.to", "in list")).toBe("list");
    expect(valueKind(catalog, "custom.person.vip", "in list")).toBe("list");
    expect(valueKind(catalog, "custom.person.vip", "is")).toBe("text");
    expect(valueKind(catalog, "email.subject", "contains")).toBe("text");
  });

  it("coerces values when the kind changes", () => {
    expect(coerceValue("a", "list")).toEqual(["a"]);
    expect(coerceValue(["a", "b"], "text")).toBe("a");
    expect(coerceValue("x", "channel")).toBe("Email");
    expect(coerceValue("Sms", "channel")).toBe("Sms");
    expect(coerceValue("false", "boolean")).toBe(false);
    expect(coerceValue(true, "text")).toBe("");
    expect(coerceValue("nope", "date")).toBe("");
    expect(coerceValue("Female", "gender")).toBe("Female");
  });

  it("keeps the operator when allowed and clears the value on attribute changes", () => {
    const c: ConditionSpec = { attribute: "content", operator: "contains", value: "refund" };
    expect(changeAttribute(catalog, c, "from")).toEqual({ attribute: "from", operator: "contains", value: "" });
    expect(changeAttribute(catalog, c, "channel")).toEqual({ attribute: "channel", operator: "is", value: "Email" });
    expect(changeAttribute(catalog, c, "isVisitor")).toEqual({ attribute: "isVisitor", operator: "is", value: true });
    expect(changeAttribute(catalog, c, "conversationTags")).toEqual({ attribute: "conversationTags", operator: "in list", value: [] });
    expect(changeAttribute(catalog, c, "content")).toBe(c);
    const custom: ConditionSpec = { attribute: "custom.person.vip", operator: "is", value: "gold" };
    expect(changeOperator(catalog, custom, "in list")).toEqual({ ...custom, operator: "in list", value: ["gold"] });
  });

  it("starts a condition with a valid operator and an empty value", () => {
    const c = newCondition(catalog);
    expect(c).toEqual({ attribute: "channel", operator: "is", value: "Email" });
    expect(operatorAllowed(catalog, c.attribute, c.operator)).toBe(true);
    expect(conditionError(catalog, { attribute: "content", operator: "is", value: "" })).toBe("Enter a value.");
    expect(conditionError(catalog, { attribute: "email.to", operator: "in list", value: [" "] })).toBe("Add at least one value.");
    expect(conditionError(catalog, { attribute: "person.birthDate", operator: "after", value: "1990-04-25" })).toBeNull();
    expect(conditionError(catalog, { attribute: "isVisitor", operator: "is", value: false })).toBeNull();
  });

  it("round-trips the list input while typing", () => {
    for (const text of ["a", "a, b", "a, ", ""]) expect(formatList(parseListInput(text))).toBe(text);
    expect(cleanGroups([[{ attribute: "email.to", operator: "in list", value: parseListInput("a@x.dk, , b@x.dk") }]])).toEqual([
      [{ attribute: "email.to", operator: "in list", value: ["a@x.dk", "b@x.dk"] }],
    ]);
  });
});

describe("summaries", () => {
  it("reads one condition", () => {
    expect(conditionSummary(catalog, { attribute: "channel", operator: "is", value: "WidgetChat" })).toBe("Channel is Chat widget");
    expect(conditionSummary(catalog, { attribute: "person.city", operator: "starts with", value: "Aar" })).toBe("Person city starts with “Aar”");
    expect(conditionSummary(catalog, { attribute: "isVisitor", operator: "is", value: false })).toBe("Is visitor is no");
    expect(conditionSummary(catalog, { attribute: "conversationTags", operator: "in list", value: ["VIP", "Refund"] })).toBe(
      "Conversation tags in list VIP, Refund",
    );
  });

  it("joins conditions with and, groups with OR", () => {
    const a: ConditionSpec = { attribute: "channel", operator: "is", value: "Email" };
    const b: ConditionSpec = { attribute: "email.subject", operator: "contains", value: "invoice" };
    const c: ConditionSpec = { attribute: "isVisitor", operator: "is", value: true };
    expect(conditionsSummary(catalog, [])).toBe("Every conversation");
    // Sender-queue conditions hold ids; summaries show the queues' names.
    const senders: ConditionSpec = { attribute: "senderQueues", operator: "in list", value: ["q-1", "q-gone"] };
    expect(conditionsSummary(catalog, [[senders]], (id) => (id === "q-1" ? "Billing" : undefined))).toBe(
      "Sender queues in list Billing, q-gone",
    );
    expect(conditionsSummary(catalog, [[a, b]])).toBe("Channel is Email and Email subject contains “invoice”");
    expect(conditionsSummary(catalog, [[a, b], [c]])).toBe("(Channel is Email and Email subject contains “invoice”) OR Is visitor is yes");
  });
});

describe("drafts and bodies", () => {
  it("creates with priority only when chosen", () => {
    const d = { ...emptyRouteDraft("q1"), name: " Sales ", groups: [[], [{ attribute: "to", operator: "is", value: " x " }]] };
    expect(routeCreateBody(d)).toEqual({ name: "Sales", enabled: true, queueId: "q1", conditions: [[{ attribute: "to", operator: "is", value: "x" }]] });
    expect(routeCreateBody({ ...d, priority: "Urgent" }).priority).toBe("Urgent");
  });

  it("patches only what changed, null clears the priority", () => {
    const r = route();
    expect(routePatch(r, routeDraft(r))).toBeNull();
    expect(routePatch(r, { ...routeDraft(r), priority: "" })).toEqual({ priority: null });
    expect(routePatch(r, { ...routeDraft(r), enabled: false, queueId: "q2" })).toEqual({ enabled: false, queueId: "q2" });
    expect(routePatch(r, { ...routeDraft(r), groups: [] })).toEqual({ conditions: [] });
  });

  it("checks name, queue and conditions", () => {
    const e = routeDraftErrors(catalog, { ...emptyRouteDraft(), groups: [[{ attribute: "content", operator: "is", value: "" }]] });
    expect(e.name).toBeTruthy();
    expect(e.queue).toBeTruthy();
    expect(e.conditions).toEqual([["Enter a value."]]);
    expect(e.any).toBe(true);
    expect(routeDraftErrors(catalog, routeDraft(route())).any).toBe(false);
  });

  it("adds and removes conditions and groups", () => {
    const a: ConditionSpec = { attribute: "to", operator: "is", value: "a" };
    const b: ConditionSpec = { attribute: "to", operator: "is", value: "b" };
    let groups = addGroup([], a);
    groups = addCondition(groups, 0, b);
    groups = addGroup(groups, a);
    expect(groups).toEqual([[a, b], [a]]);
    expect(removeCondition(groups, 1, 0)).toEqual([[a, b]]);
    expect(removeCondition(groups, 0, 0)).toEqual([[b], [a]]);
  });
});

describe("reordering", () => {
  const list = ["a", "b", "c", "d"].map((id, position) => ({ id, position }));

  it("moves an item and renumbers positions", () => {
    expect(moveItem(list, "c", 0).map((x) => `${x.id}${x.position}`)).toEqual(["c0", "a1", "b2", "d3"]);
    expect(moveItem(list, "a", 2).map((x) => x.id)).toEqual(["b", "c", "a", "d"]);
    expect(moveItem(list, "a", 99).map((x) => x.id)).toEqual(["b", "c", "d", "a"]);
    expect(moveItem(list, "zz", 0)).toEqual(list);
  });

  it("moves with Alt+arrows within the ends", () => {
    expect(keyboardMoveTarget("ArrowUp", 2, 4)).toBe(1);
    expect(keyboardMoveTarget("ArrowUp", 0, 4)).toBeNull();
    expect(keyboardMoveTarget("ArrowDown", 2, 4)).toBe(3);
    expect(keyboardMoveTarget("ArrowDown", 3, 4)).toBeNull();
    expect(keyboardMoveTarget("Enter", 1, 4)).toBeNull();
  });

  it("drops before or after the row under the pointer", () => {
    expect(dropTarget(0, 2, false)).toBe(1);
    expect(dropTarget(0, 2, true)).toBe(2);
    expect(dropTarget(3, 0, false)).toBe(0);
    expect(dropTarget(3, 1, true)).toBe(2);
    expect(dropTarget(1, 1, true)).toBeNull();
    expect(dropTarget(1, 2, false)).toBeNull();
    expect(dropTarget(1, 0, true)).toBeNull();
  });

  it("sorts by position", () => {
    const routes = [route({ id: "x", position: 2 }), route({ id: "y", position: 0 }), route({ id: "z", position: 1 })];
    expect(sortRoutes(routes).map((r) => r.id)).toEqual(["y", "z", "x"]);
  });
});

describe("summaries read as people say them", () => {
  it("keeps an acronym's capitals and lowers an ordinary word", () => {
    const catalog = attributeCatalog(CONDITION_CATALOGUE, []);
    expect(conditionSummary(catalog, { attribute: "company.vatNumber", operator: "starts with", value: "DK" })).toBe(
      "Company VAT number starts with “DK”",
    );
    expect(conditionSummary(catalog, { attribute: "person.birthDate", operator: "before", value: "1990-01-01" })).toContain(
      "Person birth date before",
    );
  });
});
