// Test fixtures shaped like the server's catalogues (GET /v1/catalogues/conditions,
// GET /v1/catalogues/voices and GET /v1/catalogues/webhook-events), as the server answers them. Only tests import this file.
import type { ConditionAttribute, ConditionCatalogue, VoiceLanguage, WebhookFormatEntry } from "./api/types";

const EXACT = ["is", "is not"];
const TEXT = ["is", "is not", "contains", "starts with"];
const LIST = ["in list", "not in list"];
const CONTAINS = ["contains", "does not contain"];
const DATE = ["is", "is not", "before", "after", "before or on", "after or on"];

function attribute(id: string, label: string, group: string, operators: string[], value: ConditionAttribute["value"] = "text"): ConditionAttribute {
  return { id, label, group, operators, value };
}

/** The `data` of GET /v1/catalogues/conditions. */
export const CONDITION_CATALOGUE: ConditionCatalogue = {
  attributes: [
    attribute("channel", "Channel", "Conversation", EXACT, "channel"),
    attribute("content", "Content", "Conversation", TEXT),
    attribute("conversationTags", "Conversation tags", "Conversation", LIST, "tags"),
    attribute("from", "From", "Conversation", TEXT),
    attribute("to", "To", "Conversation", EXACT),
    attribute("isVisitor", "Is visitor", "Conversation", EXACT, "boolean"),
    attribute("senderQueues", "Sender queues", "Conversation", LIST, "queues"),
    attribute("person.address", "Address", "Person", TEXT),
    attribute("person.birthDate", "Birth date", "Person", DATE, "date"),
    attribute("person.city", "City", "Person", TEXT),
    attribute("person.country", "Country", "Person", TEXT),
    attribute("person.customerTags", "Customer tags", "Person", CONTAINS),
    attribute("person.externalPersonId", "External id", "Person", TEXT),
    attribute("person.firstName", "First name", "Person", TEXT),
    attribute("person.gender", "Gender", "Person", EXACT, "gender"),
    attribute("person.integrations", "Integrations", "Person", TEXT),
    attribute("person.lastName", "Last name", "Person", TEXT),
    attribute("person.middleName", "Middle name", "Person", TEXT),
    attribute("person.modifiedFrom", "Modified from", "Person", TEXT),
    attribute("person.nickName", "Nickname", "Person", TEXT),
    attribute("person.preferredService", "Preferred service", "Person", TEXT),
    attribute("person.type", "Type", "Person", TEXT),
    attribute("company.accountManager", "Account manager", "Company", TEXT),
    attribute("company.country", "Country", "Company", TEXT),
    attribute("company.customerStage", "Customer stage", "Company", TEXT),
    attribute("company.domains", "Domains", "Company", CONTAINS),
    attribute("company.externalId", "External id", "Company", TEXT),
    attribute("company.industry", "Industry", "Company", TEXT),
    attribute("company.name", "Name", "Company", TEXT),
    attribute("company.notes", "Notes", "Company", TEXT),
    attribute("company.segment", "Segment", "Company", TEXT),
    attribute("company.tags", "Tags", "Company", TEXT),
    attribute("company.vatNumber", "VAT number", "Company", TEXT),
    attribute("email.from", "From", "Email", TEXT),
    attribute("email.to", "To", "Email", LIST, "list"),
    attribute("email.cc", "Cc", "Email", CONTAINS),
    attribute("email.bcc", "Bcc", "Email", CONTAINS),
    attribute("email.routedToRecipient", "Routed to recipient", "Email", EXACT),
    attribute("email.subject", "Subject", "Email", ["is", "is not", "contains", "does not contain", "starts with"]),
  ],
  customOperators: ["is", "is not", "contains", "does not contain", "starts with", "in list", "not in list"],
  operators: [
    "is",
    "is not",
    "contains",
    "does not contain",
    "starts with",
    "in list",
    "not in list",
    "before",
    "after",
    "before or on",
    "after or on",
  ],
};

/** The `data` of GET /v1/catalogues/voices (two of the server's languages: one with ordinal words, one without). */
export const VOICE_LANGUAGES: VoiceLanguage[] = [
  {
    tag: "en-US",
    label: "English (US)",
    voices: ["Joanna", "Matthew", "Joanna (neural)", "Matthew (neural)"],
    ordinalWords: true,
    ordinalMark: "english",
  },
  { tag: "de-DE", label: "German", voices: ["Marlene", "Hans", "Vicki (neural)"], ordinalWords: false, ordinalMark: "." },
];

/** The `data` of GET /v1/catalogues/webhook-events. */
export const WEBHOOK_FORMATS: WebhookFormatEntry[] = [
  {
    format: "Dixa",
    description: "Conversation events, in Dixa's format",
    events: [
      "ConversationCreated",
      "ConversationUpdated",
      "ConversationAssigned",
      "ConversationUnassigned",
      "ConversationTransferred",
      "ConversationClosed",
      "ConversationReopened",
      "ConversationTagAdded",
      "ConversationTagRemoved",
      "ConversationMessageAdded",
      "ConversationNoteAdded",
    ],
  },
  { format: "Interaction", description: "Agent interaction events (8x8 style)", events: ["AGENT_JOINED", "TEXT", "AGENT_LEFT"] },
];
