// HTTP client for the Switchboard API: auth header, {data}/{meta} envelopes, paging and error messages.
import type {
  Activity,
  Preferences,
  PreferencesBody,
  Agent,
  AgentPresence,
  AgentStatus,
  AgentWork,
  AnonymizationRequest,
  AttributeValue,
  AttributeValueDto,
  AudioFile,
  Assignee,
  SavedView,
  BulkAction,
  BulkOutcome,
  CapacitySettings,
  HandlingSettings,
  Channel,
  Company,
  CompanyDetails,
  CompanyPatch,
  ConditionCatalogue,
  ContactEndpoint,
  Conversation,
  ConversationSla,
  ConversationSort,
  ConversationStatus,
  CreateAgent,
  CreateAttribute,
  CreateEndpoint,
  CreateLinked,
  CreateSlaPolicy,
  CreateStatus,
  CreateWorkingHours,
  EmailSettings,
  EmailSettingsBody,
  CustomAttribute,
  DeliveryLog,
  DeliveryStatus,
  EndUser,
  EndUserChange,
  Flow,
  IssuedLink,
  IssuedToken,
  LinkInfo,
  Me,
  Message,
  Metadata,
  Note,
  Page,
  PatchAgent,
  PatchCapacity,
  PatchCapacitySettings,
  PatchQueue,
  PatchQueueWorkingHours,
  PatchSlaPolicy,
  PatchStatus,
  PatchWorkingHours,
  PositionPreview,
  PositionPreviewBody,
  Priority,
  Queue,
  QueueMember,
  QueueSenders,
  QueueWorkingHours,
  Rating,
  Route,
  RouteBody,
  SearchHit,
  SendersSettings,
  SessionInfo,
  SignedIn,
  SlaPolicy,
  SlaState,
  SubscriptionBody,
  Tag,
  Team,
  TokenInfo,
  VoiceLanguage,
  WaitingStrategy,
  WaitingStrategyBody,
  WebhookSubscription,
  WorkingHours,
  WebhookFormatEntry,
} from "./types";

/** An API failure; `message` is the server's own `{"message"}` text when it sent one. */
export class ApiError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  apiBase: string;
  token: string;
  fetch?: FetchLike;
  /** Called on any 401, before the error is thrown. */
  onUnauthorized?: () => void;
}

export interface ConversationQuery {
  statuses?: ConversationStatus[];
  queueId?: string | null;
  agentId?: string | null;
  unassigned?: boolean;
  /** Only conversations whose notes named this agent. */
  mentioned?: string | null;
  channel?: Channel | null;
  priority?: Priority | null;
  tagId?: string | null;
  sla?: SlaState | null;
  /** Left out for the default order (latest activity first). */
  sort?: ConversationSort | null;
  pageLimit?: number;
}

export interface ConversationPatch {
  status?: ConversationStatus;
  priority?: Priority;
  topic?: string;
  summary?: string;
}

export interface SearchParams {
  query: string;
  exactMatch?: boolean;
  pageLimit?: number;
}

/** Attribute id → new value (a string for Text, a list of options for Select), null to clear. */
export type AttributePatch = Record<string, AttributeValue | null>;

/** Cap on pages followed by listAll, so a server bug can't loop us forever. */
const MAX_PAGES = 50;

/** An end user's conversations per page in the details panel ("More" fetches the next). */
export const END_USER_CONVERSATIONS_PAGE = 10;

/** Agents per page in the Settings list ("Load more" fetches the next). */
export const AGENTS_PAGE_LIMIT = 50;

/** Companies per page, by name (Settings list and the customer's company picker). */
export const COMPANIES_PAGE_LIMIT = 50;

interface ListEnvelope<T> {
  data: T[];
  meta?: { next?: string | null };
}

export class ApiClient {
  readonly apiBase: string;
  private readonly token: string;
  private readonly fetchImpl: FetchLike;
  private readonly onUnauthorized?: () => void;

  constructor(options: ApiClientOptions) {
    this.apiBase = options.apiBase.replace(/\/+$/, "");
    this.token = options.token;
    // Bind so the global fetch keeps its `this` (calling it unbound throws in browsers).
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.onUnauthorized = options.onUnauthorized;
  }

  /** Absolute or same-origin URL for an API path like "/v1/me". */
  url(path: string): string {
    return this.apiBase + path;
  }

  /**
   * Turns a `meta.next` value into an API path. Only the path and query are kept, so the token is
   * always sent to the configured server even if it reports its own address differently.
   */
  resolveNext(next: string, requestPath: string): string {
    if (next.startsWith("?")) {
      return requestPath.split("?")[0] + next;
    }
    const base = new URL(requestPath, "http://api.invalid");
    const u = new URL(next, base);
    return u.pathname + u.search;
  }

  /** Performs a request and returns the parsed JSON body (undefined for empty bodies such as 204). */
  async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    const init: RequestInit & { headers: Record<string, string> } = { method, headers, signal };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return readJson<T>(await this.send(path, init));
  }

  /**
   * Sends a request with the auth header and answers the response when it is a success. A network
   * failure becomes an ApiError with status 0, an error status an ApiError with the server's message
   * (a 401 calls onUnauthorized first); aborts pass through.
   */
  private async send(path: string, init: RequestInit & { headers: Record<string, string> }): Promise<Response> {
    // Signing in and links need no token: a client made without one sends none.
    if (this.token) init.headers.Authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(path), init);
    } catch (err) {
      if (isAbort(err)) throw err;
      throw new ApiError(0, "Cannot reach the Switchboard server. Check your connection and try again.");
    }
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized?.();
      throw await errorFromResponse(response);
    }
    return response;
  }

  async getOne<T>(path: string): Promise<T> {
    const body = await this.request<{ data: T }>("GET", path);
    return unwrapData(body);
  }

  async getPage<T>(path: string): Promise<Page<T>> {
    const body = await this.request<ListEnvelope<T>>("GET", path);
    const items = unwrapData(body);
    if (!Array.isArray(items)) throw new ApiError(200, "The server sent a list that could not be read.");
    const next = body.meta?.next;
    return { items, next: next ? this.resolveNext(next, path) : undefined };
  }

  /** Follows meta.next until the last page. For small reference lists (agents, queues, tags). */
  async listAll<T>(path: string): Promise<T[]> {
    const all: T[] = [];
    let next: string | undefined = path;
    for (let i = 0; next && i < MAX_PAGES; i++) {
      const page: Page<T> = await this.getPage<T>(next);
      all.push(...page.items);
      next = page.next;
    }
    return all;
  }

  // --- Reference data -------------------------------------------------------------------------

  /** The server's time (SLA countdowns run on it). */
  async serverTime(): Promise<string> {
    return unwrapData(await this.request<{ data: { now: string } }>("GET", "/v1/time")).now;
  }

  me(): Promise<Me> {
    return this.getOne<Me>("/v1/me");
  }

  agents(): Promise<Agent[]> {
    return this.listAll<Agent>("/v1/agents");
  }

  queues(): Promise<Queue[]> {
    return this.listAll<Queue>("/v1/queues");
  }

  tags(): Promise<Tag[]> {
    return this.listAll<Tag>("/v1/tags");
  }

  endUser(id: string): Promise<EndUser> {
    return this.getOne<EndUser>(`/v1/endusers/${enc(id)}`);
  }

  // --- End users (the customers who request conversations) -----------------------------------

  /**
   * Changes the given fields; an empty string clears one. `person` is a partial change (null
   * clears an attribute) and `companyId` null takes them out of their company.
   */
  async patchEndUser(id: string, body: EndUserChange): Promise<EndUser> {
    return unwrapData(await this.request<{ data: EndUser }>("PATCH", `/v1/endusers/${enc(id)}`, body));
  }

  /** The first page of the end user's conversations, latest activity first; further pages via conversationsPage(next). */
  endUserConversations(id: string, pageLimit = END_USER_CONVERSATIONS_PAGE): Promise<Page<Conversation>> {
    return this.getPage<Conversation>(`/v1/endusers/${enc(id)}/conversations?pageLimit=${pageLimit}`);
  }

  /**
   * Sets (or, with null, clears) Contact attribute values; resolves to every value the end user
   * now has (the server has no other way to read them).
   */
  async setEndUserAttributes(id: string, patch: AttributePatch): Promise<AttributeValueDto[]> {
    const path = `/v1/endusers/${enc(id)}/custom-attributes`;
    const values = unwrapData(await this.request<{ data: AttributeValueDto[] }>("PATCH", path, patch));
    return Array.isArray(values) ? values : [];
  }

  /** Erases the end user's personal details and attribute values (not their conversations). */
  async anonymizeEndUser(id: string): Promise<AnonymizationRequest> {
    return unwrapData(await this.request<{ data: AnonymizationRequest }>("PATCH", `/v1/endusers/${enc(id)}/anonymize`));
  }

  // --- Companies (the organisations customers belong to) ---------------------------------------

  /** A page of companies by name; pass a page's `next` for the following one. */
  companiesPage(path = `/v1/companies?pageLimit=${COMPANIES_PAGE_LIMIT}`): Promise<Page<Company>> {
    return this.getPage<Company>(path);
  }

  company(id: string): Promise<Company> {
    return this.getOne<Company>(`/v1/companies/${enc(id)}`);
  }

  async createCompany(body: CompanyDetails): Promise<Company> {
    return unwrapData(await this.request<{ data: Company }>("POST", "/v1/companies", body));
  }

  /** Sets the attributes given (null clears one); the rest stay. */
  async patchCompany(id: string, body: CompanyPatch): Promise<Company> {
    return unwrapData(await this.request<{ data: Company }>("PATCH", `/v1/companies/${enc(id)}`, body));
  }

  /** Deletes a company; its people stay, in no company. */
  async deleteCompany(id: string): Promise<void> {
    await this.request<void>("DELETE", `/v1/companies/${enc(id)}`);
  }

  /** The company's people (the server lists at most 1,000). */
  companyPeople(id: string): Promise<EndUser[]> {
    return this.listAll<EndUser>(`/v1/companies/${enc(id)}/endusers`);
  }

  // --- Conversations --------------------------------------------------------------------------

  conversations(query: ConversationQuery): Promise<Page<Conversation>> {
    return this.getPage<Conversation>(conversationListPath(query));
  }

  /** Fetches a page by the path a previous page's `next` resolved to. */
  conversationsPage(path: string): Promise<Page<Conversation>> {
    return this.getPage<Conversation>(path);
  }

  conversation(id: number): Promise<Conversation> {
    return this.getOne<Conversation>(`/v1/conversations/${id}`);
  }

  /** How many conversations the caller reaches match these filters (a view's count). */
  async conversationCount(query: ConversationQuery): Promise<number> {
    const params = conversationParams({ ...query, sort: null });
    return (await this.getOne<{ count: number }>(`/v1/conversations/count?${params.toString()}`)).count;
  }

  /** The caller's saved inbox views, in their order. */
  savedViews(): Promise<SavedView[]> {
    return this.listAll<SavedView>("/v1/me/views");
  }

  async saveView(name: string, query: string): Promise<SavedView> {
    return unwrapData(await this.request<{ data: SavedView }>("POST", "/v1/me/views", { name, query }));
  }

  async deleteView(id: string): Promise<void> {
    await this.request<void>("DELETE", `/v1/me/views/${id}`);
  }

  /** Applies one action to several conversations; each has its own outcome. */
  async bulk(ids: number[], action: BulkAction): Promise<BulkOutcome[]> {
    const body = await this.request<{ data: BulkOutcome[] }>("POST", "/v1/conversations/bulk", { conversationIds: ids, action });
    return body.data;
  }

  /** Waiting until `until`, then Open again (or when the customer writes). */
  async snooze(id: number, until: string): Promise<Conversation> {
    return unwrapData(await this.request<{ data: Conversation }>("PUT", `/v1/conversations/${id}/snooze`, { until }));
  }

  async wake(id: number): Promise<Conversation> {
    return unwrapData(await this.request<{ data: Conversation }>("DELETE", `/v1/conversations/${id}/snooze`));
  }

  async updateConversation(id: number, patch: ConversationPatch): Promise<Conversation> {
    const body = await this.request<{ data: Conversation }>("PATCH", `/v1/conversations/${id}`, patch);
    return unwrapData(body);
  }

  messages(id: number): Promise<Message[]> {
    return this.listAll<Message>(`/v1/conversations/${id}/messages`);
  }

  async sendMessage(id: number, agentId: string, text: string): Promise<Message> {
    const body = await this.request<{ data: Message }>("POST", `/v1/conversations/${id}/messages`, {
      content: { _type: "Text", value: text },
      _type: "Outbound",
      agentId,
    });
    return unwrapData(body);
  }

  notes(id: number): Promise<Note[]> {
    return this.listAll<Note>(`/v1/conversations/${id}/notes`);
  }

  /** Adds a note; `mentions` are the agents it names (each is told). */
  async addNote(id: number, message: string, mentions: string[] = []): Promise<Note> {
    const body = await this.request<{ data: Note }>("POST", `/v1/conversations/${id}/notes`, {
      message,
      ...(mentions.length > 0 ? { mentions } : {}),
    });
    return unwrapData(body);
  }

  conversationTags(id: number): Promise<Tag[]> {
    return this.listAll<Tag>(`/v1/conversations/${id}/tags`);
  }

  async addTag(id: number, tagId: string): Promise<void> {
    await this.request<void>("PUT", `/v1/conversations/${id}/tags/${enc(tagId)}`);
  }

  async removeTag(id: number, tagId: string): Promise<void> {
    await this.request<void>("DELETE", `/v1/conversations/${id}/tags/${enc(tagId)}`);
  }

  async claim(id: number, agentId: string, force = false): Promise<void> {
    await this.request<void>("PUT", `/v1/conversations/${id}/claim`, { agentId, force });
  }

  async close(id: number, userId: string): Promise<void> {
    await this.request<void>("PUT", `/v1/conversations/${id}/close`, { userId });
  }

  /** Who the conversation can be handed to: the current agent first, then by reach, room and name. */
  assignees(id: number): Promise<Assignee[]> {
    return this.listAll<Assignee>(`/v1/conversations/${id}/assignees`);
  }

  handlingSettings(): Promise<HandlingSettings> {
    return this.getOne<HandlingSettings>("/v1/settings/handling");
  }

  async saveHandlingSettings(body: HandlingSettings): Promise<HandlingSettings> {
    return unwrapData(await this.request<{ data: HandlingSettings }>("PUT", "/v1/settings/handling", body));
  }

  async reopen(id: number, userId: string): Promise<void> {
    await this.request<void>("PUT", `/v1/conversations/${id}/reopen`, { userId });
  }

  /** Merges conversation `id` into `targetId`; answers the target. */
  async merge(id: number, targetId: number, userId: string): Promise<Conversation> {
    const body = { targetConversationId: targetId, userId };
    return unwrapData(await this.request<{ data: Conversation }>("POST", `/v1/conversations/${id}/merge`, body));
  }

  async transferToQueue(id: number, queueId: string, userId: string): Promise<void> {
    await this.request<void>("PUT", `/v1/conversations/${id}/transfer/queue`, { queueId, userId });
  }

  async anonymizeConversation(id: number, force: boolean): Promise<AnonymizationRequest> {
    const path = `/v1/conversations/${id}/anonymize${force ? "?force=true" : ""}`;
    return unwrapData(await this.request<{ data: AnonymizationRequest }>("PATCH", path));
  }

  async anonymizeMessage(id: number, messageId: string): Promise<AnonymizationRequest> {
    const path = `/v1/conversations/${id}/messages/${enc(messageId)}/anonymize`;
    return unwrapData(await this.request<{ data: AnonymizationRequest }>("PATCH", path));
  }

  // --- Conversation details -------------------------------------------------------------------

  metadata(id: number): Promise<Metadata> {
    return this.getOne<Metadata>(`/v1/conversations/${id}/metadata`);
  }

  async setMetadata(id: number, metadata: Metadata): Promise<Metadata> {
    return unwrapData(await this.request<{ data: Metadata }>("PUT", `/v1/conversations/${id}/metadata`, metadata));
  }

  /** Every custom attribute definition (both entity types, archived ones included). */
  customAttributes(): Promise<CustomAttribute[]> {
    return this.listAll<CustomAttribute>("/v1/custom-attributes");
  }

  async setConversationAttributes(id: number, patch: AttributePatch): Promise<void> {
    await this.request<unknown>("PATCH", `/v1/conversations/${id}/custom-attributes`, patch);
  }

  /** Side conversations and follow-ups created from this conversation. */
  linked(id: number): Promise<Conversation[]> {
    return this.listAll<Conversation>(`/v1/conversations/${id}/linked`);
  }

  /** Creates a side conversation or follow-up; resolves to the new conversation's id. */
  async createLinked(id: number, body: CreateLinked): Promise<number> {
    const created = unwrapData(await this.request<{ data: { id: number } }>("POST", `/v1/conversations/${id}/linked`, body));
    return created.id;
  }

  ratings(id: number): Promise<Rating[]> {
    return this.listAll<Rating>(`/v1/conversations/${id}/ratings`);
  }

  activity(id: number): Promise<Activity[]> {
    return this.listAll<Activity>(`/v1/conversations/${id}/activitylog`);
  }

  // --- Search ---------------------------------------------------------------------------------

  search(params: SearchParams): Promise<Page<SearchHit>> {
    return this.getPage<SearchHit>(searchPath(params));
  }

  /** Fetches a further page of results by the path a previous page's `next` resolved to. */
  searchPage(path: string): Promise<Page<SearchHit>> {
    return this.getPage<SearchHit>(path);
  }

  // --- Catalogues (what the forms offer, served so the UI keeps no copies) --------------------

  /** The condition builder's built-in attributes (picker order) with their operators, the custom attributes' operators and every operator. */
  conditionCatalogue(): Promise<ConditionCatalogue> {
    return this.getOne<ConditionCatalogue>("/v1/catalogues/conditions");
  }

  /** The webhook formats, each with the events a subscription in it may list. */
  webhookFormats(): Promise<WebhookFormatEntry[]> {
    return this.listAll<WebhookFormatEntry>("/v1/catalogues/webhook-events");
  }

  /** The text-to-speech languages with their voices and how each says a queue position. */
  voiceLanguages(): Promise<VoiceLanguage[]> {
    return this.listAll<VoiceLanguage>("/v1/catalogues/voices");
  }

  /**
   * An announcement as a caller at `position` hears it: its position placeholders said in the
   * language (400 with the server's message for an unknown language or a position out of range).
   */
  async positionPreview(body: PositionPreviewBody, signal?: AbortSignal): Promise<string> {
    const preview = unwrapData(await this.request<{ data: PositionPreview }>("POST", "/v1/catalogues/position-preview", body, signal));
    return preview.text;
  }

  // --- Setup: agents -------------------------------------------------------------------------

  /** A page of agents (all user types, disabled ones included); pass a page's `next` for the following one. */
  agentsPage(path = `/v1/agents?pageLimit=${AGENTS_PAGE_LIMIT}`): Promise<Page<Agent>> {
    return this.getPage<Agent>(path);
  }

  agent(id: string): Promise<Agent> {
    return this.getOne<Agent>(`/v1/agents/${enc(id)}`);
  }

  async createAgent(body: CreateAgent): Promise<Agent> {
    return unwrapData(await this.request<{ data: Agent }>("POST", "/v1/agents", body));
  }

  async patchAgent(id: string, body: PatchAgent): Promise<Agent> {
    return unwrapData(await this.request<{ data: Agent }>("PATCH", `/v1/agents/${enc(id)}`, body));
  }

  /** Takes an agent out of service: disabled, removed from queues and teams, tokens revoked. */
  async deleteAgent(id: string): Promise<void> {
    await this.request<void>("DELETE", `/v1/agents/${enc(id)}`);
  }

  /**
   * Issues an API token for the agent; the server never shows it again. Without a name it gets
   * the first free "API token N"; a name in use is refused unless `replace` (which revokes it).
   */
  async issueToken(id: string, name?: string, replace = false): Promise<IssuedToken> {
    const body = name === undefined ? undefined : { name, replace };
    return unwrapData(await this.request<{ data: IssuedToken }>("POST", `/v1/agents/${enc(id)}/tokens`, body));
  }

  /** The agent's API tokens with their last use. */
  apiTokens(id: string): Promise<TokenInfo[]> {
    return this.listAll<TokenInfo>(`/v1/agents/${enc(id)}/tokens`);
  }

  async revokeToken(agentId: string, tokenId: string): Promise<void> {
    await this.request<void>("DELETE", `/v1/agents/${enc(agentId)}/tokens/${enc(tokenId)}`);
  }

  /** A one-time link (7 days) where the agent sets their first password. */
  /** The caller's own choices (the per-user sound mute). */
  async preferences(): Promise<Preferences> {
    return unwrapData(await this.request<{ data: Preferences }>("GET", "/v1/me/preferences"));
  }

  async setPreferences(body: PreferencesBody): Promise<Preferences> {
    return unwrapData(await this.request<{ data: Preferences }>("PATCH", "/v1/me/preferences", body));
  }

  async invite(id: string): Promise<IssuedLink> {
    return unwrapData(await this.request<{ data: IssuedLink }>("POST", `/v1/agents/${enc(id)}/invite`));
  }

  /** A one-time link (24 hours) where the agent sets a new password; their sessions end when used. */
  async passwordReset(id: string): Promise<IssuedLink> {
    return unwrapData(await this.request<{ data: IssuedLink }>("POST", `/v1/agents/${enc(id)}/password-reset`));
  }

  // --- Email ---------------------------------------------------------------------------------

  emailSettings(): Promise<EmailSettings> {
    return this.getOne<EmailSettings>("/v1/settings/email");
  }

  async saveEmailSettings(body: EmailSettingsBody): Promise<EmailSettings> {
    return unwrapData(await this.request<{ data: EmailSettings }>("PUT", "/v1/settings/email", body));
  }

  async clearEmailSettings(): Promise<void> {
    await this.request<void>("DELETE", "/v1/settings/email");
  }

  /** Sends a test message; answers the address it went to. */
  async sendTestEmail(to?: string): Promise<string> {
    const body = to ? { to } : {};
    return unwrapData(await this.request<{ data: { to: string } }>("POST", "/v1/settings/email/test", body)).to;
  }

  // --- Signing in -----------------------------------------------------------------------------

  /** Signs in with email and password (needs no token). */
  async signIn(email: string, password: string): Promise<SignedIn> {
    return unwrapData(await this.request<{ data: SignedIn }>("POST", "/v1/auth/sign-in", { email, password }));
  }

  /** Ends the session this client signs in with. */
  async signOut(): Promise<void> {
    await this.request<void>("POST", "/v1/auth/sign-out");
  }

  /** What an invite or reset link is for (needs no token). */
  linkInfo(token: string): Promise<LinkInfo> {
    return this.getOne<LinkInfo>(`/v1/auth/links/${enc(token)}`);
  }

  /** Sets the password through a link, once, and begins a session. */
  async useLink(token: string, password: string): Promise<SignedIn> {
    return unwrapData(await this.request<{ data: SignedIn }>("POST", `/v1/auth/links/${enc(token)}`, { password }));
  }

  /** The caller's sessions: browsers and the desktop app. */
  sessions(): Promise<SessionInfo[]> {
    return this.listAll<SessionInfo>("/v1/me/sessions");
  }

  async revokeSession(id: string): Promise<void> {
    await this.request<void>("DELETE", `/v1/me/sessions/${enc(id)}`);
  }

  /** Changes the caller's password; their other sessions end. */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await this.request<void>("PUT", "/v1/me/password", { currentPassword, newPassword });
  }

  presence(): Promise<AgentPresence[]> {
    return this.listAll<AgentPresence>("/v1/agents/presence");
  }

  // --- Setup: queues --------------------------------------------------------------------------

  /** Creates a queue; without a name the server calls it "Queue #N". */
  async createQueue(name?: string): Promise<Queue> {
    const body = name && name.trim() ? { name: name.trim() } : {};
    return unwrapData(await this.request<{ data: Queue }>("POST", "/v1/queues", body));
  }

  async patchQueue(id: string, body: PatchQueue): Promise<Queue> {
    return unwrapData(await this.request<{ data: Queue }>("PATCH", `/v1/queues/${enc(id)}`, body));
  }

  queueMembers(id: string): Promise<QueueMember[]> {
    return this.listAll<QueueMember>(`/v1/queues/${enc(id)}/members`);
  }

  async addQueueMembers(id: string, agentIds: string[]): Promise<QueueMember[]> {
    return unwrapData(await this.request<{ data: QueueMember[] }>("PATCH", `/v1/queues/${enc(id)}/members`, { agentIds }));
  }

  async removeQueueMembers(id: string, agentIds: string[]): Promise<QueueMember[]> {
    return unwrapData(await this.request<{ data: QueueMember[] }>("DELETE", `/v1/queues/${enc(id)}/members`, { agentIds }));
  }

  /** Deletes a queue; the server refuses (409, with its reason) while it is in use. */
  async deleteQueue(id: string): Promise<void> {
    await this.request<void>("DELETE", `/v1/queues/${enc(id)}`);
  }

  queueSenders(id: string): Promise<QueueSenders> {
    return this.getOne<QueueSenders>(`/v1/queues/${enc(id)}/senders`);
  }

  /** Replaces the queue's senders; the answer is what the server kept (trimmed, without repeats). */
  async setQueueSenders(id: string, body: QueueSenders): Promise<QueueSenders> {
    return unwrapData(await this.request<{ data: QueueSenders }>("PUT", `/v1/queues/${enc(id)}/senders`, body));
  }

  /** The installation-wide "Select senders for each queue" switch. */
  sendersSettings(): Promise<SendersSettings> {
    return this.getOne<SendersSettings>("/v1/settings/senders");
  }

  async setSendersSettings(perQueue: boolean): Promise<SendersSettings> {
    return unwrapData(await this.request<{ data: SendersSettings }>("PUT", "/v1/settings/senders", { perQueue }));
  }

  // --- Setup: working hours -------------------------------------------------------------------

  /** Every working-hours period, by name, with whether it is open now and when it next opens. */
  workingHours(): Promise<WorkingHours[]> {
    return this.listAll<WorkingHours>("/v1/working-hours");
  }

  /** Creates a period; without a name the server calls it "Working hours #N" (409 for a name taken). */
  async createWorkingHours(body: CreateWorkingHours): Promise<WorkingHours> {
    return unwrapData(await this.request<{ data: WorkingHours }>("POST", "/v1/working-hours", body));
  }

  /** Changes a period; `days` and `holidays` replace the whole value when given. */
  async updateWorkingHours(id: string, body: PatchWorkingHours): Promise<WorkingHours> {
    return unwrapData(await this.request<{ data: WorkingHours }>("PATCH", `/v1/working-hours/${enc(id)}`, body));
  }

  /** Deletes a period; the server refuses (409, naming them) while queues keep it. */
  async deleteWorkingHours(id: string): Promise<void> {
    await this.request<void>("DELETE", `/v1/working-hours/${enc(id)}`);
  }

  /** A queue's period (absent: always open), its away message and whether it is open now. */
  queueWorkingHours(queueId: string): Promise<QueueWorkingHours> {
    return this.getOne<QueueWorkingHours>(`/v1/queues/${enc(queueId)}/working-hours`);
  }

  /** Changes a queue's period (null: always open) and away message; absent fields are kept. */
  async setQueueWorkingHours(queueId: string, body: PatchQueueWorkingHours): Promise<QueueWorkingHours> {
    return unwrapData(await this.request<{ data: QueueWorkingHours }>("PATCH", `/v1/queues/${enc(queueId)}/working-hours`, body));
  }

  // --- Setup: waiting strategies and audio files ---------------------------------------------

  /** Every waiting strategy (messaging and voice), by name. */
  waitingStrategies(): Promise<WaitingStrategy[]> {
    return this.listAll<WaitingStrategy>("/v1/waiting-strategies");
  }

  /**
   * Creates a strategy: exactly one of `messaging` and `voice`; without a name the server calls it
   * "Waiting strategy #N" (409 for a name taken or a sender another strategy of the kind serves).
   */
  async createWaitingStrategy(body: WaitingStrategyBody): Promise<WaitingStrategy> {
    return unwrapData(await this.request<{ data: WaitingStrategy }>("POST", "/v1/waiting-strategies", body));
  }

  /** Changes a strategy; absent fields are kept, `messaging` / `voice` and `senders` replace the whole value. */
  async updateWaitingStrategy(id: string, body: WaitingStrategyBody): Promise<WaitingStrategy> {
    return unwrapData(await this.request<{ data: WaitingStrategy }>("PATCH", `/v1/waiting-strategies/${enc(id)}`, body));
  }

  async deleteWaitingStrategy(id: string): Promise<void> {
    await this.request<void>("DELETE", `/v1/waiting-strategies/${enc(id)}`);
  }

  /** The uploaded audio files, oldest first. */
  audioFiles(): Promise<AudioFile[]> {
    return this.listAll<AudioFile>("/v1/audio-files");
  }

  /**
   * Uploads an audio file: the bytes are the body, sent with their own Content-Type (an audio type,
   * at most 4 MB; the caller checks both first, the server again).
   */
  async uploadAudioFile(file: Blob, name: string, contentType: string = file.type): Promise<AudioFile> {
    const headers: Record<string, string> = { Accept: "application/json", "Content-Type": contentType };
    const response = await this.send(`/v1/audio-files?name=${enc(name)}`, { method: "POST", headers, body: file });
    return unwrapData(await readJson<{ data: AudioFile }>(response));
  }

  /** The file's bytes (with its type), e.g. for an <audio> preview through a blob URL. */
  async audioFileBlob(id: string, signal?: AbortSignal): Promise<Blob> {
    const response = await this.send(`/v1/audio-files/${enc(id)}`, { method: "GET", headers: { Accept: "audio/*" }, signal });
    return response.blob();
  }

  /** Deletes a file; the server refuses (409, naming them) while voice strategies play it. */
  async deleteAudioFile(id: string): Promise<void> {
    await this.request<void>("DELETE", `/v1/audio-files/${enc(id)}`);
  }

  // --- Agent statuses, capacity and live work state ------------------------------------------

  /** The statuses agents can be in (deleted custom ones only when asked for). */
  agentStatuses(includeDeleted = false): Promise<AgentStatus[]> {
    return this.listAll<AgentStatus>(`/v1/agent-statuses${includeDeleted ? "?includeDeleted=true" : ""}`);
  }

  async createAgentStatus(body: CreateStatus): Promise<AgentStatus> {
    return unwrapData(await this.request<{ data: AgentStatus }>("POST", "/v1/agent-statuses", body));
  }

  async patchAgentStatus(id: string, body: PatchStatus): Promise<AgentStatus> {
    return unwrapData(await this.request<{ data: AgentStatus }>("PATCH", `/v1/agent-statuses/${enc(id)}`, body));
  }

  /** Deletes a custom status; agents in it move to their group's default status. */
  async deleteAgentStatus(id: string): Promise<void> {
    await this.request<void>("DELETE", `/v1/agent-statuses/${enc(id)}`);
  }

  /** Every enabled agent's status, capacity and occupancy. */
  agentsWork(): Promise<AgentWork[]> {
    return this.listAll<AgentWork>("/v1/agents/status");
  }

  agentWork(agentId: string): Promise<AgentWork> {
    return this.getOne<AgentWork>(`/v1/agents/${enc(agentId)}/status`);
  }

  async setAgentStatus(agentId: string, statusId: string): Promise<AgentWork> {
    return unwrapData(await this.request<{ data: AgentWork }>("PUT", `/v1/agents/${enc(agentId)}/status`, { statusId }));
  }

  /** A number sets the agent's own capacity for a group; null goes back to the default. */
  async patchAgentCapacity(agentId: string, body: PatchCapacity): Promise<AgentWork> {
    return unwrapData(await this.request<{ data: AgentWork }>("PATCH", `/v1/agents/${enc(agentId)}/capacity`, body));
  }

  capacitySettings(): Promise<CapacitySettings> {
    return this.getOne<CapacitySettings>("/v1/settings/capacity");
  }

  async patchCapacitySettings(body: PatchCapacitySettings): Promise<CapacitySettings> {
    return unwrapData(await this.request<{ data: CapacitySettings }>("PATCH", "/v1/settings/capacity", body));
  }

  /** Counted statuses back to the default (Open and Waiting count, Solved doesn't). */
  async resetCapacitySettings(): Promise<CapacitySettings> {
    return unwrapData(await this.request<{ data: CapacitySettings }>("POST", "/v1/settings/capacity/reset"));
  }

  // --- Setup: teams ---------------------------------------------------------------------------

  teams(): Promise<Team[]> {
    return this.listAll<Team>("/v1/teams");
  }

  async createTeam(name: string): Promise<Team> {
    return unwrapData(await this.request<{ data: Team }>("POST", "/v1/teams", { name }));
  }

  async deleteTeam(id: string): Promise<void> {
    await this.request<void>("DELETE", `/v1/teams/${enc(id)}`);
  }

  teamMembers(id: string): Promise<Agent[]> {
    return this.listAll<Agent>(`/v1/teams/${enc(id)}/agents`);
  }

  async addTeamMembers(id: string, agentIds: string[]): Promise<Agent[]> {
    return unwrapData(await this.request<{ data: Agent[] }>("PATCH", `/v1/teams/${enc(id)}/agents`, { agentIds }));
  }

  async removeTeamMembers(id: string, agentIds: string[]): Promise<Agent[]> {
    return unwrapData(await this.request<{ data: Agent[] }>("DELETE", `/v1/teams/${enc(id)}/agents`, { agentIds }));
  }

  // --- Setup: tags and custom attributes ------------------------------------------------------

  async createTag(name: string, color: string | null): Promise<Tag> {
    return unwrapData(await this.request<{ data: Tag }>("POST", "/v1/tags", { name, color }));
  }

  async setTagActive(id: string, active: boolean): Promise<void> {
    await this.request<void>("PATCH", `/v1/tags/${enc(id)}/${active ? "activate" : "deactivate"}`);
  }

  async createCustomAttribute(body: CreateAttribute): Promise<CustomAttribute> {
    return unwrapData(await this.request<{ data: CustomAttribute }>("POST", "/v1/custom-attributes", body));
  }

  async setAttributeArchived(id: string, isArchived: boolean): Promise<CustomAttribute> {
    const path = `/v1/custom-attributes/${enc(id)}`;
    return unwrapData(await this.request<{ data: CustomAttribute }>("PATCH", path, { isArchived }));
  }

  // --- Setup: contact endpoints and flows -----------------------------------------------------

  contactEndpoints(): Promise<ContactEndpoint[]> {
    return this.listAll<ContactEndpoint>("/v1/contact-endpoints");
  }

  async createContactEndpoint(body: CreateEndpoint): Promise<ContactEndpoint> {
    return unwrapData(await this.request<{ data: ContactEndpoint }>("POST", "/v1/contact-endpoints", body));
  }

  /** The id is the address itself (a phone number starts with "+"), so it is always URL-encoded. */
  async deleteContactEndpoint(id: string): Promise<void> {
    await this.request<void>("DELETE", `/v1/contact-endpoints/${enc(id)}`);
  }

  flows(channel: Channel): Promise<Flow[]> {
    return this.listAll<Flow>(`/v1/conversations/flows?channel=${enc(channel)}`);
  }

  // --- Setup: routes --------------------------------------------------------------------------

  /** Every route, in routing order. */
  routes(): Promise<Route[]> {
    return this.listAll<Route>("/v1/routes");
  }

  async createRoute(body: RouteBody): Promise<Route> {
    return unwrapData(await this.request<{ data: Route }>("POST", "/v1/routes", body));
  }

  async patchRoute(id: string, body: RouteBody): Promise<Route> {
    return unwrapData(await this.request<{ data: Route }>("PATCH", `/v1/routes/${enc(id)}`, body));
  }

  async deleteRoute(id: string): Promise<void> {
    await this.request<void>("DELETE", `/v1/routes/${enc(id)}`);
  }

  /** Moves a route (0 is the top); the answer is the whole list in its new order. */
  async moveRoute(id: string, position: number): Promise<Route[]> {
    return unwrapData(await this.request<{ data: Route[] }>("PUT", `/v1/routes/${enc(id)}/position`, { position }));
  }

  // --- Setup: SLA policies --------------------------------------------------------------------

  /** Every SLA policy, in list order (the first that applies to a conversation wins). */
  slaPolicies(): Promise<SlaPolicy[]> {
    return this.listAll<SlaPolicy>("/v1/sla-policies");
  }

  /**
   * Creates a policy: without a name the server calls it "SLA policy #N", without a position it goes
   * last; severities without an id get one.
   */
  async createSlaPolicy(body: CreateSlaPolicy): Promise<SlaPolicy> {
    return unwrapData(await this.request<{ data: SlaPolicy }>("POST", "/v1/sla-policies", body));
  }

  /**
   * Changes a policy; absent fields are kept, `validFrom` / `validUntil` null clears them. Severities
   * keep their ids so conversations keep the severity chosen. Open conversations are recalculated.
   */
  async updateSlaPolicy(id: string, body: PatchSlaPolicy): Promise<SlaPolicy> {
    return unwrapData(await this.request<{ data: SlaPolicy }>("PATCH", `/v1/sla-policies/${enc(id)}`, body));
  }

  async deleteSlaPolicy(id: string): Promise<void> {
    await this.request<void>("DELETE", `/v1/sla-policies/${enc(id)}`);
  }

  /** Moves a policy (0 is the top); the answer is the whole list in its new order. */
  async moveSlaPolicy(id: string, position: number): Promise<SlaPolicy[]> {
    return unwrapData(await this.request<{ data: SlaPolicy[] }>("PUT", `/v1/sla-policies/${enc(id)}/position`, { position }));
  }

  /** A conversation's SLA: its policy, severity and metrics; null when no policy applies. */
  async conversationSla(id: number): Promise<ConversationSla | null> {
    return (await this.getOne<ConversationSla | null>(`/v1/conversations/${id}/sla`)) ?? null;
  }

  /** Sets a conversation's severity (409 when no policy applies or it is Closed; 400 for another policy's). */
  async setSeverity(id: number, severityId: string): Promise<ConversationSla> {
    return unwrapData(await this.request<{ data: ConversationSla }>("PATCH", `/v1/conversations/${id}/sla`, { severityId }));
  }

  // --- Setup: webhooks ------------------------------------------------------------------------

  webhooks(): Promise<WebhookSubscription[]> {
    return this.listAll<WebhookSubscription>("/v1/webhooks");
  }

  /** Creates a subscription; the answer carries the signing secret, shown this once. */
  async createWebhook(body: SubscriptionBody): Promise<WebhookSubscription> {
    return unwrapData(await this.request<{ data: WebhookSubscription }>("POST", "/v1/webhooks", body));
  }

  async patchWebhook(id: string, body: SubscriptionBody): Promise<WebhookSubscription> {
    return unwrapData(await this.request<{ data: WebhookSubscription }>("PATCH", `/v1/webhooks/${enc(id)}`, body));
  }

  async deleteWebhook(id: string): Promise<void> {
    await this.request<void>("DELETE", `/v1/webhooks/${enc(id)}`);
  }

  /** The subscription's latest deliveries, newest first. */
  deliveryStatuses(id: string, pageLimit = 100): Promise<DeliveryStatus[]> {
    return this.listAll<DeliveryStatus>(`/v1/webhooks/${enc(id)}/delivery-status?pageLimit=${pageLimit}`);
  }

  /** The subscription's latest delivery attempts, newest first. */
  deliveryLogs(id: string, pageLimit = 100): Promise<DeliveryLog[]> {
    return this.listAll<DeliveryLog>(`/v1/webhooks/${enc(id)}/delivery-logs?pageLimit=${pageLimit}`);
  }

  // --- Events ---------------------------------------------------------------------------------

  /** Opens the server-sent event stream; the caller reads the body. Non-2xx becomes an ApiError. */
  async openEvents(signal: AbortSignal): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.url("/v1/events"), {
        method: "GET",
        headers: { Accept: "text/event-stream", Authorization: `Bearer ${this.token}` },
        signal,
        cache: "no-store",
      });
    } catch (err) {
      if (isAbort(err)) throw err;
      throw new ApiError(0, "Cannot reach the Switchboard server.");
    }
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized?.();
      throw await errorFromResponse(response);
    }
    return response;
  }
}

/** Builds `/v1/conversations?status=..&queueId=..&agentId=..&pageLimit=..`. */
export function conversationListPath(query: ConversationQuery): string {
  const params = conversationParams(query);
  params.set("pageLimit", String(query.pageLimit ?? 50));
  return `/v1/conversations?${params.toString()}`;
}

/** The list's filters and order as query parameters (the list, its count and saved views share them). */
export function conversationParams(query: ConversationQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const status of query.statuses ?? []) params.append("status", status);
  if (query.queueId) params.set("queueId", query.queueId);
  if (query.agentId) params.set("agentId", query.agentId);
  if (query.unassigned) params.set("unassigned", "true");
  if (query.mentioned) params.set("mentioned", query.mentioned);
  if (query.channel) params.set("channel", query.channel);
  if (query.priority) params.set("priority", query.priority);
  if (query.tagId) params.set("tagId", query.tagId);
  if (query.sla) params.set("sla", query.sla);
  if (query.sort && query.sort !== "Latest") params.set("sort", query.sort);
  return params;
}

/** Builds `/v1/search/conversations?query=..&exactMatch=..&pageLimit=..`. */
export function searchPath(params: SearchParams): string {
  const q = new URLSearchParams();
  q.set("query", params.query);
  q.set("exactMatch", params.exactMatch ? "true" : "false");
  q.set("pageLimit", String(params.pageLimit ?? 25));
  return `/v1/search/conversations?${q.toString()}`;
}

/** Reads `{"message": "..."}` from an error response, falling back to the HTTP status. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let message = "";
  try {
    const text = await response.text();
    if (text) {
      try {
        const body = JSON.parse(text) as unknown;
        if (body && typeof body === "object" && "message" in body) {
          const m = (body as { message: unknown }).message;
          if (typeof m === "string") message = m;
        }
      } catch {
        // Not JSON: fall through to the status-based message.
      }
    }
  } catch {
    // Body unreadable: fall through.
  }
  if (!message) message = fallbackMessage(response.status, response.statusText);
  return new ApiError(response.status, message);
}

function fallbackMessage(status: number, statusText: string): string {
  if (status === 401) return "Your session is no longer valid. Sign in again.";
  if (status === 403) return "You are not allowed to do that.";
  if (status === 404) return "Not found.";
  if (status >= 500) return `The server had a problem (${status}). Try again.`;
  return `Request failed (${status}${statusText ? " " + statusText : ""}).`;
}

/** The parsed JSON body of a successful response; undefined for an empty one (such as 204). */
async function readJson<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (text.trim() === "") return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, "The server sent a response that could not be read.");
  }
}

function unwrapData<T>(body: { data: T } | undefined): T {
  if (!body || typeof body !== "object" || !("data" in body)) {
    throw new ApiError(200, "The server sent a response that could not be read.");
  }
  return body.data;
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

export function isAbort(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { name?: string }).name === "AbortError";
}

/** A user-facing message for anything thrown by the client or elsewhere. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  if (typeof err === "string" && err) return err;
  return "Something went wrong.";
}
