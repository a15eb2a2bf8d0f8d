//! `GET /v1/events`: every change, as server-sent events.

use crate::dto::{ts, Event as EventDto};
use crate::error::ApiResult;
use crate::extract::Caller;
use crate::AppState;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::{Stream, StreamExt};
use std::convert::Infallible;
use std::time::Duration;
use switchboard_service::Event as ServiceEvent;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_stream::wrappers::BroadcastStream;

fn to_sse(e: ServiceEvent) -> Event {
    let dto = EventDto {
        seq: e.seq,
        kind: crate::dto::EventType(e.kind.as_str()),
        conversation_id: e.conversation_id,
        queue_id: e.queue_id,
        agent_id: e.agent_id,
        direction: e.direction,
        initial: e.initial,
        status: e.status.map(|c| crate::dto::StatusChangeDto {
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
    Event::default().event(e.kind.as_str()).id(e.seq.to_string()).data(data)
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
    responses((status = 200, description = "text/event-stream of Event objects", content_type = "text/event-stream", body = EventDto)))]
pub async fn stream(
    State(s): State<AppState>,
    Caller(me): Caller,
) -> ApiResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
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
                    Some(Ok(Event::default().event("lagged").data(format!("{{\"missed\":{n}}}"))))
                }
            }
        }
    });
    // A first comment tells the client the stream is open before any change happens.
    let opening = futures::stream::once(async { Ok(Event::default().comment("connected")) });
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
