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
use switchboard_service::Event as ServiceEvent;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_stream::wrappers::BroadcastStream;
use utoipa::ToSchema;
use uuid::Uuid;

/// What an event says changed: one of the service's event kinds, documented from the service's
/// own list so the document never lags behind it.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct EventType(pub &'static str);

impl utoipa::PartialSchema for EventType {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use switchboard_service::EventKind;
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(EventKind::ALL.iter().map(|k| k.as_str())))
            .description(Some("What changed (Dixa's event names, and the SLA and agent status events)"))
            .into()
    }
}

impl utoipa::ToSchema for EventType {}

/// An event of the stream `GET /v1/events` (the `data` of each server-sent event).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub seq: u64,
    #[serde(rename = "type")]
    pub kind: EventType,
    /// Set on conversation events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// True for the message that came with the conversation's creation.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub initial: bool,
    /// The agent's status after an AgentStatusChanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusChangeDto>,
    pub at: String,
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

fn to_sse(e: ServiceEvent) -> sse::Event {
    let dto = Event {
        seq: e.seq,
        kind: EventType(e.kind.as_str()),
        conversation_id: e.conversation_id,
        queue_id: e.queue_id,
        agent_id: e.agent_id,
        direction: e.direction,
        initial: e.initial,
        status: e.status.map(|c| StatusChangeDto {
            status_id: c.status_id,
            name: c.name,
            group: c.group,
            shown_status_id: c.shown_status_id,
            shown_name: c.shown_name,
            shown_group: c.shown_group,
            full_capacity: c.full_capacity,
        }),
        at: ts(e.at),
    };
    let data = serde_json::to_string(&dto).unwrap_or_else(|_| "{}".to_owned());
    sse::Event::default().event(e.kind.as_str()).id(e.seq.to_string()).data(data)
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
    let events = BroadcastStream::new(s.service.events().subscribe()).filter_map(move |item| {
        let viewer = viewer.clone();
        let online = connection.clone();
        async move {
            let _online = online;
            match item {
                Ok(e) => viewer.lock().await.sees(&e).await.then(|| Ok(to_sse(e))),
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
