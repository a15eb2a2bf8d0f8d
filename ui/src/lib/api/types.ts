// The UI's names for the API types; everything imports from here, never from schema.d.ts directly.
import type { components } from "./schema";
import { Priority as PriorityValues, Status } from "./enums";

type Schemas = components["schemas"];

export type Agent = Schemas["Agent"];
/** The signed-in user (GET /v1/me): their Agent record plus what the server lets them do. */
export type Me = Schemas["Me"];
export type Permission = Schemas["Permission"];
/** A session just begun by signing in or by a link: its bearer token (shown once) and who it is. */
export type SignedIn = Schemas["SignedIn"];
/** One of the caller's sessions (a browser signed in with a password, or the desktop app). */
export type SessionInfo = Schemas["Session"];
/** What an invite or reset link is for, before its password is set. */
export type LinkInfo = Schemas["LinkDto"];
/** An invite or reset link just made: its secret and the UI path that uses it. */
export type IssuedLink = Schemas["IssuedLinkDto"];
/** The SMTP setup as read back (GET /v1/settings/email): never the password. */
export type EmailSettings = Schemas["EmailSettings"];
export type EmailSettingsBody = Schemas["EmailSettingsBody"];
export type SmtpSecurity = Schemas["SmtpSecurity"];
/** A named API token as listed (never the secret). */
export type TokenInfo = Schemas["TokenInfo"];
/** The caller's own choices, which follow them to every window. */
export type Preferences = Schemas["PreferencesDto"];
export type PreferencesBody = Schemas["PreferencesBody"];
/** An API token just issued: the secret, shown this once. */
export type IssuedToken = Schemas["IssuedToken"];
/** An agent one conversation can be handed to, with status, load and reach (the assignment picker). */
export type Assignee = Schemas["AssigneeDto"];
/** A saved inbox view: a name and the list's query string. */
export type SavedView = Schemas["ViewDto"];
/** What to do to a selection of conversations (POST /v1/conversations/bulk), told apart by `_type`. */
export type BulkAction = Schemas["BulkActionBody"];
/** One conversation's outcome of a bulk change. */
export type BulkOutcome = Schemas["BulkOutcome"];
/** How agents pick up conversations (GET/PUT /v1/settings/handling). */
export type HandlingSettings = Schemas["HandlingSettings"];
export type EndUser = Schemas["EndUser"];
export type EndUserBody = Schemas["EndUserBody"];
export type Queue = Schemas["Queue"];
export type Tag = Schemas["Tag"];
export type Conversation = Schemas["Conversation"];
export type Message = Schemas["Message"];
export type Note = Schemas["Note"];
export type ServerEvent = Schemas["Event"];
/** A webhook format and the events a subscription in it may list (GET /v1/catalogues/webhook-events). */
export type WebhookFormatEntry = Schemas["WebhookFormatEntry"];
export type SearchHit = Schemas["ConversationSearchHit"];
export type InnerHit = Schemas["InnerHit"];
export type CustomAttribute = Schemas["CustomAttribute"];
export type AttributeValue = Schemas["AttributeValue"];
export type AttributeValueDto = Schemas["AttributeValueDto"];
export type Rating = Schemas["Rating"];
export type Activity = Schemas["Activity"];
export type LinkType = Schemas["LinkType"];
export type CreateLinked = Schemas["CreateLinked"];
export type AnonymizationRequest = Schemas["AnonymizationRequest"];

// People and companies: the standard attributes of end users and the companies they belong to.
export type PersonDetails = Schemas["PersonDetails"];
export type Gender = Schemas["Gender"];
export type Company = Schemas["Company"];
export type CompanyDetails = Schemas["CompanyDetails"];

/** A partial change of attributes: a key set to a value sets it, null clears it, absent keys stay. */
export type AttributeChange<T> = { [K in keyof T]?: Exclude<T[K], undefined> | null };
export type PersonPatch = AttributeChange<PersonDetails>;
/** A company's partial change; its name can be changed but not cleared. */
export type CompanyPatch = Omit<AttributeChange<CompanyDetails>, "name"> & { name?: string };
/** The end-user PATCH body with `person` as a partial change (the schema leaves it an open object). */
export type EndUserChange = Omit<EndUserBody, "person"> & { person?: PersonPatch };

// Setup and directory (the Settings area).
export type Role = Schemas["Role"];
export type UserType = Schemas["UserType"];
export type CreateAgent = Schemas["CreateAgent"];
export type PatchAgent = Schemas["PatchAgent"];
export type AgentPresence = Schemas["AgentPresence"];
export type QueueNotifications = Schemas["QueueNotifications"];
export type PatchQueue = Schemas["PatchQueue"];
export type QueueMember = Schemas["QueueMember"];
export type Team = Schemas["Team"];
export type TagState = Schemas["TagState"];
export type AttributeKind = Schemas["AttributeKind"];
export type AttributeEntity = Schemas["AttributeEntity"];
export type CreateAttribute = Schemas["CreateAttribute"];
export type ContactEndpoint = Schemas["ContactEndpoint"];
export type EndpointKind = Schemas["EndpointKind"];
export type CreateEndpoint = Schemas["CreateEndpoint"];
export type Channel = Schemas["Channel"];
export type Flow = Schemas["Flow"];
export type WebhookSubscription = Schemas["WebhookSubscription"];
export type SubscriptionBody = Schemas["SubscriptionBody"];
export type DeliveryStatus = Schemas["DeliveryStatus"];
export type DeliveryLog = Schemas["DeliveryLog"];
export type Route = Schemas["RouteDto"];
export type RouteBody = Schemas["RouteBody"];
export type ConditionSpec = Schemas["ConditionSpec"];
/** The condition builder's offer (GET /v1/catalogues/conditions): built-in attributes and operators. */
export type ConditionCatalogue = Schemas["ConditionCatalogue"];
export type ConditionAttribute = Schemas["ConditionAttribute"];
/** How a condition's value is entered and sent: text, channel, boolean, tags, queues, date, gender or list. */
export type ValueKind = Schemas["ValueKind"];
export type AssignmentMode = Schemas["AssignmentMode"];
export type StickyWindow = Schemas["StickyWindow"];
export type QueueSenders = Schemas["QueueSenders"];
export type SendersSettings = Schemas["SendersSettings"];

// Working hours (periods with a time zone, intervals per weekday and holidays) and each queue's
// period and away message.
export type WorkingHours = Schemas["WorkingHours"];
export type CreateWorkingHours = Schemas["CreateWorkingHours"];
export type PatchWorkingHours = Schemas["PatchWorkingHours"];
export type WeekSpec = Schemas["WeekSpec"];
export type IntervalSpec = Schemas["IntervalSpec"];
export type HolidaySpec = Schemas["HolidaySpec"];
export type QueueWorkingHours = Schemas["QueueWorkingHours"];
export type PatchQueueWorkingHours = Schemas["PatchQueueWorkingHours"];
export type AwayMessage = Schemas["AwayMessageDto"];
export type AwayMessageChanges = Schemas["AwayMessageChanges"];

// Waiting strategies (what customers get while they wait: messaging texts, or voice messages by
// text-to-speech or uploaded audio files) and what sent an automated message.
export type WaitingStrategy = Schemas["WaitingStrategy"];
export type WaitingStrategyBody = Schemas["WaitingStrategyBody"];
export type WaitingStrategyKind = Schemas["WaitingStrategyKind"];
export type MessagingStrategy = Schemas["MessagingStrategy"];
export type WelcomeMessage = Schemas["WelcomeMessage"];
export type Announcements = Schemas["Announcements"];
export type MaximumWait = Schemas["MaximumWait"];
export type VoiceStrategy = Schemas["VoiceStrategy"];
export type VoiceMessage = Schemas["VoiceMessage"];
export type VoiceAnnouncement = Schemas["VoiceAnnouncement"];
export type AudioSource = Schemas["AudioSource"];
export type AudioFile = Schemas["AudioFileDto"];
export type Automation = Schemas["Automation"];
/** A text-to-speech language (GET /v1/catalogues/voices): its voices and how it says a queue position. */
export type VoiceLanguage = Schemas["VoiceLanguage"];
export type PositionPreviewBody = Schemas["PositionPreviewBody"];
export type PositionPreview = Schemas["PositionPreview"];

// SLA policies (an ordered list: conditions, queues, validity, severities with their times) and each
// conversation's SLA (its policy, severity and the state of every metric).
export type SlaPolicy = Schemas["SlaPolicy"];
export type CreateSlaPolicy = Schemas["CreateSlaPolicy"];
export type PatchSlaPolicy = Schemas["PatchSlaPolicy"];
export type Severity = Schemas["Severity"];
export type Coverage = Schemas["Coverage"];
export type ConversationSla = Schemas["ConversationSla"];
export type SeverityChoice = Schemas["SeverityChoice"];
export type MetricState = Schemas["MetricState"];
export type Metric = Schemas["Metric"];
export type MetricStatus = Schemas["MetricStatus"];
export type SlaBreach = Schemas["SlaBreach"];

// Agent statuses, capacity and the live work state.
export type StatusGroup = Schemas["StatusGroup"];
export type AgentStatus = Schemas["AgentStatusDto"];
export type CreateStatus = Schemas["CreateStatus"];
export type PatchStatus = Schemas["PatchStatus"];
export type AgentWork = Schemas["AgentWorkDto"];
export type Capacity = Schemas["CapacityDto"];
export type OwnCapacity = Schemas["OwnCapacityDto"];
export type Occupancy = Schemas["OccupancyDto"];
export type PatchCapacity = Schemas["PatchCapacity"];
export type CapacitySettings = Schemas["CapacitySettingsDto"];
export type PatchCapacitySettings = Schemas["PatchCapacitySettings"];
export type CountedStatuses = Schemas["CountedStatusesDto"];
export type StatusChange = Schemas["StatusChangeDto"];

export type ConversationStatus = Conversation["status"];
export type Priority = Conversation["priority"];
/** The channel groups capacity is counted in. */
export type ChannelGroup = Schemas["ChannelGroup"];
/** The orders an inbox list can be read in. */
export type ConversationSort = Schemas["ConversationSort"];
/** Where a conversation's SLA stands, as an inbox filter. */
export type SlaState = Schemas["SlaState"];
export type Direction = Message["direction"];
export type EventType = ServerEvent["type"];

/** A conversation event of the stream: one that names its conversation. */
export type ConversationEvent = Schemas["ConversationEvent"];

/** An agent's status changed (chosen by someone, or Full Capacity on or off). */
export type AgentStatusEvent = Schemas["AgentEvent"];
export type Attachment = Message["attachments"][number];

/** A conversation's metadata: any JSON object (the schema leaves its values open). */
export type Metadata = Record<string, unknown>;

/** Every conversation status, in workflow order (the server's list). */
export const STATUSES: readonly ConversationStatus[] = Status;
/** The statuses a conversation can be set to directly (closing is an action of its own). */
export const SETTABLE_STATUSES: readonly ConversationStatus[] = Status.filter((s) => s !== "Closed");

/** Every priority, lowest first (the server's list). */
export const PRIORITIES: readonly Priority[] = PriorityValues;

/** A page of a list endpoint: the items plus the URL of the next page, if any. */
export interface Page<T> {
  items: T[];
  next?: string;
}
