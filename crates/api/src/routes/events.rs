//! `GET /v1/events`: every change, as server-sent events.

use crate::dto::ts;
use crate::error::ApiResult;
use crate::extract::Caller;
use crate::AppState;
use axum::extract::State;
use axum::response::sse::{self, KeepAlive, Sse};
use futures::{Stream, StreamExt};
use serde::Serialize;
use std::convert::Infallible;
use std::time::Duration;
use switchboard_engine::kinds::Direction;
use switchboard_service::alerts::Alert;
use switchboard_service::{Event as ServiceEvent, EventKind};
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_stream::wrappers::BroadcastStream;
use utoipa::ToSchema;
use uuid::Uuid;

/// The `type` of a conversation event: the service's conversation kinds, documented from the
/// service's own list so the document never lags behind it.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct ConversationEventType(pub &'static str);

impl utoipa::PartialSchema for ConversationEventType {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(EventKind::ALL.iter().filter(|k| !k.about_agent()).map(|k| k.as_str())))
            .description(Some("What changed in the conversation (Dixa's event names, and the SLA events)"))
            .into()
    }
}

impl utoipa::ToSchema for ConversationEventType {}

/// The `type` of an agent event.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct AgentEventType(pub &'static str);

impl utoipa::PartialSchema for AgentEventType {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(EventKind::ALL.iter().filter(|k| k.about_agent()).map(|k| k.as_str())))
            .description(Some("What changed about the agent"))
            .into()
    }
}

impl utoipa::ToSchema for AgentEventType {}

/// A change to a conversation.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConversationEvent {
    pub seq: u64,
    #[serde(rename = "type")]
    pub kind: ConversationEventType,
    pub conversation_id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue_id: Option<Uuid>,
    /// The agent it concerns: the assignee, or the one unassigned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<Uuid>,
    /// Set on ConversationMessageAdded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// True for the message that came with the conversation's creation.
    pub initial: bool,
    /// The user whose action it was, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_id: Option<Uuid>,
    /// What this event means for the subscriber: new work for them (a new conversation in one of
    /// their queues, a customer's message in a conversation assigned to them), as the desktop app
    /// shows it. Never for their own doing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert: Option<AlertDto>,
    pub at: String,
}

/// An alert for the subscriber: a notification to show and whether to play the new-work sound
/// (the queue's switches and the subscriber's own mute decide).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AlertDto {
    pub title: String,
    pub body: String,
    /// Show a notification.
    pub notify: bool,
    /// Play the sound.
    pub sound: bool,
}

/// A change to an agent: their status or capacity state.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AgentEvent {
    pub seq: u64,
    #[serde(rename = "type")]
    pub kind: AgentEventType,
    pub agent_id: Uuid,
    /// The agent's status after the change.
    pub status: StatusChangeDto,
    pub at: String,
}

/// An event of the stream `GET /v1/events` (the `data` of each server-sent event), told apart by
/// its `type`.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Event {
    Conversation(ConversationEvent),
    Agent(AgentEvent),
}

impl utoipa::PartialSchema for Event {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{Discriminator, OneOfBuilder, Ref};
        let target = |k: &EventKind| {
            let shape = if k.about_agent() { "AgentEvent" } else { "ConversationEvent" };
            (k.as_str().to_owned(), format!("#/components/schemas/{shape}"))
        };
        OneOfBuilder::new()
            .item(Ref::from_schema_name("ConversationEvent"))
            .item(Ref::from_schema_name("AgentEvent"))
            .discriminator(Some(Discriminator::with_mapping("type", EventKind::ALL.iter().map(target))))
            .description(Some("One change; its `type` says which and what it carries"))
            .into()
    }
}

impl utoipa::ToSchema for Event {
    fn schemas(schemas: &mut Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)>) {
        use utoipa::PartialSchema;
        schemas.push(("ConversationEvent".into(), ConversationEvent::schema()));
        schemas.push(("AgentEvent".into(), AgentEvent::schema()));
        schemas.push(("StatusChangeDto".into(), StatusChangeDto::schema()));
        schemas.push(("AlertDto".into(), AlertDto::schema()));
        schemas.push(("ConversationEventType".into(), ConversationEventType::schema()));
        schemas.push(("AgentEventType".into(), AgentEventType::schema()));
    }
}

/// An agent's status as AgentStatusChanged carries it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusChangeDto {
    pub status_id: Uuid,
    pub name: String,
    pub group: switchboard_engine::status::StatusGroup,
    /// Full Capacity while an agent who chose an Available status is full; else the chosen one.
    pub shown_status_id: Uuid,
    pub shown_name: String,
    pub shown_group: switchboard_engine::status::StatusGroup,
    pub full_capacity: bool,
}

/// The event as the stream sends it; None for an event whose shape is broken (never published).
fn to_dto(e: ServiceEvent, alert: Option<Alert>) -> Option<Event> {
    let at = ts(e.at);
    if e.kind.about_agent() {
        let c = e.status?;
        return Some(Event::Agent(AgentEvent {
            seq: e.seq,
            kind: AgentEventType(e.kind.as_str()),
            agent_id: e.agent_id?,
            status: StatusChangeDto {
                status_id: c.status_id,
                name: c.name,
                group: c.group,
                shown_status_id: c.shown_status_id,
                shown_name: c.shown_name,
                shown_group: c.shown_group,
                full_capacity: c.full_capacity,
            },
            at,
        }));
    }
    Some(Event::Conversation(ConversationEvent {
        seq: e.seq,
        kind: ConversationEventType(e.kind.as_str()),
        conversation_id: e.conversation_id?,
        queue_id: e.queue_id,
        agent_id: e.agent_id,
        direction: e.direction,
        initial: e.initial,
        by_id: e.by,
        alert: alert.map(|a| AlertDto { title: a.title, body: a.body, notify: a.desktop, sound: a.sound }),
        at,
    }))
}

fn to_sse(e: ServiceEvent, alert: Option<Alert>) -> Option<sse::Event> {
    let (kind, seq) = (e.kind.as_str(), e.seq);
    let data = serde_json::to_string(&to_dto(e, alert)?).ok()?;
    Some(sse::Event::default().event(kind).id(seq.to_string()).data(data))
}

/// Presence for the life of a stream; when the stream ends, a check is scheduled that signs the
/// agent out if no window of theirs comes back.
struct Online {
    connection: Option<switchboard_service::presence::Connection>,
    service: switchboard_service::Service,
    agent: uuid::Uuid,
}

impl Drop for Online {
    fn drop(&mut self) {
        drop(self.connection.take());
        let (service, agent) = (self.service.clone(), self.agent);
        // Dropped inside the runtime (the stream ends there); outside it there is nothing to do.
        if let Ok(handle) = tokio::runtime::Handle::try_current() {
            handle.spawn(async move {
                if let Err(e) = service.agent_disconnected(agent).await {
                    tracing::warn!(error = %e, "scheduling the sign-out check failed");
                }
            });
        }
    }
}

/// Each event is `event: <type>` with a JSON `data` (see the `Event` schema). A subscriber too
/// slow to keep up gets a `lagged` event saying how many it missed, and should reload.
#[utoipa::path(get, path = "/v1/events", tag = "Events",
    responses((status = 200, description = "text/event-stream of Event objects", content_type = "text/event-stream", body = Event)))]
pub async fn stream(
    State(s): State<AppState>,
    Caller(me): Caller,
) -> ApiResult<Sse<impl Stream<Item = Result<sse::Event, Infallible>>>> {
    // An agent hears about their queues' conversations and their own, as they are when each
    // event is published; managers about all. The service decides.
    let viewer = std::sync::Arc::new(tokio::sync::Mutex::new(s.service.viewer(&me).await?));
    // The agent is online while this stream is open; the guard lives as long as the stream.
    let connection = std::sync::Arc::new(Online {
        connection: Some(s.service.presence().connect(me.id, s.service.clock().now())),
        service: s.service.clone(),
        agent: me.id,
    });
    let (service, subscriber) = (s.service.clone(), me.id);
    let events = BroadcastStream::new(s.service.events().subscribe()).filter_map(move |item| {
        let viewer = viewer.clone();
        let online = connection.clone();
        let service = service.clone();
        async move {
            let _online = online;
            match item {
                Ok(e) => {
                    if !viewer.lock().await.sees(&e).await {
                        return None;
                    }
                    // An alert that can't be prepared is left out; the change itself still goes.
                    let alert = service.alert_for(&e, subscriber).await.unwrap_or_else(|err| {
                        tracing::warn!(error = %err, "could not prepare an alert");
                        None
                    });
                    to_sse(e, alert).map(Ok)
                }
                Err(BroadcastStreamRecvError::Lagged(n)) => {
                    Some(Ok(sse::Event::default().event("lagged").data(format!("{{\"missed\":{n}}}"))))
                }
            }
        }
    });
    // A first comment tells the client the stream is open before any change happens.
    let opening = futures::stream::once(async { Ok(sse::Event::default().comment("connected")) });
    let stopping = s.stopping.clone();
    let stop = async move {
        // Ends the stream when the server stops; without a stop signal it runs until the client leaves.
        match stopping {
            Some(mut rx) => {
                let _ = rx.wait_for(|v| *v).await;
            }
            None => std::future::pending::<()>().await,
        }
    };
    Ok(Sse::new(opening.chain(events).take_until(stop)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new().routes(routes!(stream))
}
