//! Service tests across a restart and through the timer scheduler with the manual clock.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

use chrono::{DateTime, Duration, Utc};
use switchboard_engine::content::Content;
use switchboard_engine::kinds::Direction;
use switchboard_service::conversations::NewConversation;
use switchboard_service::end_users::EndUserFields;
use switchboard_service::timeline::NewMessage;
use switchboard_service::{Bootstrap, Clock, Service};

fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T08:00:00Z").unwrap().to_utc()
}

#[tokio::test]
async fn everything_survives_a_restart_and_first_start_happens_once() {
    let dir = tempfile::tempdir().unwrap();
    let (service, boot) = Service::open(dir.path(), Clock::manual(start()), None).await.unwrap();
    let Bootstrap::CreatedWithGeneratedToken(token) = boot else { panic!("first start makes a token: {boot:?}") };
    let owner = service.authenticate(&token).await.unwrap().user;
    let ann = service
        .create_end_user(&owner, EndUserFields { display_name: Some("Ann".into()), ..Default::default() })
        .await
        .unwrap();
    let message = NewMessage {
        email: None,
        direction: Direction::Inbound,
        content: Content::Text { value: "Hello".into() },
        attachments: vec![],
        agent_id: None,
        external_id: Some("m-1".into()),
        created_at: None,
        automated: None,
    };
    let c = service
        .create_conversation(
            &owner,
            NewConversation { requester_id: ann.id, message: Some(message), ..Default::default() },
        )
        .await
        .unwrap();
    service.claim(&owner, c.id, owner.id, false).await.unwrap();
    let default_queue = service.default_queue_id();
    service.shutdown().await;
    drop(service);

    let (again, boot) = Service::open(dir.path(), Clock::manual(start()), Some("ignored".into())).await.unwrap();
    assert_eq!(boot, Bootstrap::Existing);
    assert_eq!(again.default_queue_id(), default_queue, "the Default queue is the same one");
    assert_eq!(again.authenticate(&token).await.unwrap().user.id, owner.id, "the token still works");
    assert!(again.authenticate("ignored").await.is_err(), "a later bootstrap token is not taken");
    let back = again.conversation(&owner, c.id).await.unwrap();
    assert_eq!(back.assignment.map(|a| a.agent_id), Some(owner.id));
    let messages = again.messages(&owner, c.id).await.unwrap();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].external_id.as_deref(), Some("m-1"));
    assert_eq!(again.activity_log(&owner, c.id).await.unwrap().len(), 3);
}

#[tokio::test]
async fn timers_fire_once_each_in_due_order_as_the_manual_clock_passes_them() {
    let dir = tempfile::tempdir().unwrap();
    let (service, _) = Service::open(dir.path(), Clock::manual(start()), Some("t".into())).await.unwrap();
    let payload = serde_json::json!({});
    let late = service.schedule("test", None, start() + Duration::minutes(30), &payload).await.unwrap();
    let early = service.schedule("test", None, start() + Duration::minutes(5), &payload).await.unwrap();
    let same_time = service.schedule("test", None, start() + Duration::minutes(5), &payload).await.unwrap();

    let (_, fired) = service.advance_clock(4 * 60).await.unwrap();
    assert!(fired.is_empty(), "nothing is due after 4 minutes");
    let (_, fired) = service.advance_clock(60).await.unwrap();
    assert_eq!(fired.iter().map(|f| f.id).collect::<Vec<_>>(), [early, same_time], "due order, then creation order");
    let (_, fired) = service.advance_clock(60).await.unwrap();
    assert!(fired.is_empty(), "a fired timer never fires again");
    assert_eq!(service.pending_timers().await.unwrap(), 1);
    service.shutdown().await;
    drop(service);

    // Restarted after its time: the overdue timer fires at start-up, once.
    let later = start() + Duration::hours(1);
    let (service, _) = Service::open(dir.path(), Clock::manual(later), None).await.unwrap();
    let fired = service.fire_due().await.unwrap();
    assert_eq!(fired.iter().map(|f| f.id).collect::<Vec<_>>(), [late]);
    assert!(service.fire_due().await.unwrap().is_empty());
    assert_eq!(service.pending_timers().await.unwrap(), 0);
}
