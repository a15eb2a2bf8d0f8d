//! Alerts for a signed-in agent: turns events into the notification and sound they deserve.

use crate::events::{Event, EventKind};
use crate::{Result, Service};
use switchboard_engine::alert::{self, AlertKind, QueueAlerts, Recipient, Trigger};
use switchboard_engine::content::preview;
use switchboard_engine::kinds::Direction;
use switchboard_store::users::{self, User};
use switchboard_store::{conversations, end_users, messages, preferences, queues};
use uuid::Uuid;

/// What to show and play.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub conversation_id: i64,
    pub title: String,
    pub body: String,
    pub desktop: bool,
    pub sound: bool,
}

const PREVIEW_CHARS: usize = 160;

impl Service {
    /// The alert `agent` should get for this event, if any.
    pub async fn alert_for(&self, event: &Event, agent: Uuid) -> Result<Option<Alert>> {
        if !matches!(
            event.kind,
            EventKind::ConversationCreated
                | EventKind::ConversationMessageAdded
                | EventKind::ConversationAssigned
                | EventKind::ConversationUnassigned
                | EventKind::ConversationNoteAdded
        ) {
            return Ok(None);
        }
        if event.kind == EventKind::ConversationNoteAdded && !event.mentions.contains(&agent) {
            return Ok(None);
        }
        // The event says where the conversation was and who had it when it happened; deciding on
        // that (not on the current row) keeps a quick reassignment from alerting the wrong agent.
        let (Some(queue_id), Some(conversation_id)) = (event.queue_id, event.conversation_id) else {
            return Ok(None);
        };
        let mut tx = self.store().read().await?;
        let Some(c) = conversations::get(&mut tx, conversation_id).await? else {
            return Ok(None);
        };
        let Some(queue) = queues::get(&mut tx, queue_id).await? else {
            return Ok(None);
        };
        let first = messages::of_conversation(&mut tx, c.id).await?;
        let by_customer = first.first().is_some_and(|m| m.direction == Direction::Inbound);
        let trigger = match (event.kind, event.direction) {
            (EventKind::ConversationCreated, _) => Trigger::ConversationCreated { by_customer },
            (EventKind::ConversationMessageAdded, Some(direction)) => {
                Trigger::MessageAdded { direction, with_creation: event.initial }
            }
            (EventKind::ConversationAssigned, _) => Trigger::Assigned,
            (EventKind::ConversationUnassigned, _) => Trigger::Unassigned,
            (EventKind::ConversationNoteAdded, _) => Trigger::Mentioned,
            _ => Trigger::Other,
        };
        let member = crate::unit::membership::is_member(&mut tx, &queue, agent).await?;
        let settings = QueueAlerts {
            new_conversation: queue.notify_new_conversation,
            new_message: queue.notify_new_message,
            desktop: queue.notify_desktop,
            sound: queue.notify_sound,
        };
        let sound_muted = preferences::get(&mut tx, agent).await?.sound_muted;
        let to = Recipient { agent, member_of_queue: member, sound_muted };
        let Some(decision) = alert::decide(trigger, to, event.by, event.agent_id, settings) else {
            return Ok(None);
        };
        let requester = end_users::get(&mut tx, c.requester_id).await?;
        let who = requester
            .and_then(|r| r.display_name.or(r.email).or(r.phone_number))
            .unwrap_or_else(|| "A customer".to_owned());
        let last = first.last();
        let text = last.map(|m| preview(m.content.value(), PREVIEW_CHARS));
        let about = match (c.subject.as_deref().or(c.topic.as_deref()), text.as_deref()) {
            (Some(subject), _) => format!("{who}: {subject}"),
            (None, Some(t)) => format!("{who}: {t}"),
            (None, None) => who.clone(),
        };
        let name = |u: Option<User>| u.map_or_else(|| "Someone".to_owned(), |u| u.display_name);
        let actor = match event.by {
            Some(id) => name(users::get(&mut tx, id).await?),
            None => "Someone".to_owned(),
        };
        let (title, body) = match decision.kind {
            AlertKind::NewConversation => (format!("New conversation in {}", queue.name), about),
            AlertKind::NewMessage => (format!("New message from {who}"), text.unwrap_or_default()),
            AlertKind::AssignedToYou => (format!("{actor} assigned you a conversation"), about),
            AlertKind::Mentioned => {
                // The newest note of the one who mentioned: the one the event is about.
                let notes = switchboard_store::notes::of_conversation(&mut tx, c.id).await?;
                let note = notes.iter().rev().find(|n| Some(n.author_id) == event.by);
                let text = note.map(|n| preview(&n.message, PREVIEW_CHARS)).unwrap_or_default();
                (format!("{actor} mentioned you"), format!("{who}: {text}"))
            }
            AlertKind::TakenFromYou => {
                // Said from where the conversation is now: taken by the actor, given to a
                // colleague, or back in the queue.
                let title = match c.assignment.map(|a| a.agent_id) {
                    Some(now) if Some(now) == event.by => format!("{actor} took over your conversation"),
                    Some(now) => {
                        format!("{actor} gave your conversation to {}", name(users::get(&mut tx, now).await?))
                    }
                    None => format!("{actor} unassigned your conversation"),
                };
                (title, about)
            }
        };
        Ok(Some(Alert { conversation_id: c.id, title, body, desktop: decision.desktop, sound: decision.sound }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agents::NewAgent;
    use crate::conversations::NewConversation;
    use crate::end_users::EndUserFields;
    use crate::unit::timeline::NewMessage;
    use crate::Clock;
    use switchboard_engine::content::Content;
    use switchboard_engine::kinds::Direction;
    use switchboard_store::Store;

    async fn service() -> Service {
        let store = Store::open_in_memory().await.unwrap();
        let start = chrono::DateTime::parse_from_rfc3339("2026-02-02T10:00:00Z").unwrap().to_utc();
        Service::with_store(store, Clock::manual(start), Some("t".into())).await.unwrap().0
    }

    fn inbound(text: &str) -> NewMessage {
        NewMessage {
            email: None,
            direction: Direction::Inbound,
            content: Content::Text { value: text.into() },
            attachments: vec![],
            agent_id: None,
            external_id: None,
            created_at: None,
            automated: None,
        }
    }

    #[tokio::test]
    async fn alerts_members_on_new_work_and_the_assignee_on_replies() {
        let s = service().await;
        let owner = s.owner().await.unwrap();
        let mut events = s.events().subscribe();
        let ann = s
            .create_end_user(&owner, EndUserFields { display_name: Some("Ann".into()), ..Default::default() })
            .await
            .unwrap();
        let c = s
            .create_conversation(
                &owner,
                NewConversation {
                    requester_id: ann.id,
                    message: Some(inbound("My order hasn't shipped")),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let created = events.recv().await.unwrap();
        let alert = s.alert_for(&created, owner.id).await.unwrap().unwrap();
        assert_eq!(alert.title, "New conversation in Default");
        assert_eq!(alert.body, "Ann: My order hasn't shipped");
        assert!(alert.desktop && alert.sound);
        let first_message = events.recv().await.unwrap();
        assert_eq!(s.alert_for(&first_message, owner.id).await.unwrap(), None);

        // A bot belongs to no queue: no alert.
        let bot = s
            .create_agent(
                &owner,
                NewAgent {
                    display_name: "Bot".into(),
                    user_type: Some(switchboard_engine::user::UserType::Bot),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(s.alert_for(&created, bot.id).await.unwrap(), None);

        s.claim(&owner, c.id, owner.id, false).await.unwrap();
        s.advance_clock(30).await.unwrap();
        s.add_message(&owner, c.id, inbound("<p>Any news?</p>")).await.unwrap();
        let mut reply = None;
        while let Ok(e) = events.try_recv() {
            if e.kind == EventKind::ConversationMessageAdded {
                reply = Some(e);
            }
        }
        let alert = s.alert_for(&reply.unwrap(), owner.id).await.unwrap().unwrap();
        assert_eq!(alert.title, "New message from Ann");
        assert_eq!(alert.body, "Any news?");
    }
}
