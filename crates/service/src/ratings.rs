//! Ratings: an agent offers one, the customer submits a result.

use crate::{Result, Service, ServiceError};
use chrono::{DateTime, Utc};
use switchboard_engine::rating::{self, RatingResult, RatingStatus, RatingType};
use switchboard_store::ratings::{self, Rating};
use switchboard_store::users::User;
use switchboard_store::{end_users, users};
use uuid::Uuid;

/// A rating offer: who is asked (the end user), about whom (the agent), and how.
#[derive(Debug, Clone)]
pub struct Offer {
    pub user_id: Uuid,
    pub agent_id: Uuid,
    pub rating_type: RatingType,
    pub offered_at: Option<DateTime<Utc>>,
}

/// The customer's answer.
#[derive(Debug, Clone)]
pub struct Submission {
    pub user_id: Uuid,
    pub result: RatingResult,
    pub comment: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
}

impl Service {
    pub async fn offer_rating(&self, by: &User, conversation: i64, offer: Offer) -> Result<Rating> {
        let mut work = self.work().await?;
        crate::access::reach_conversation(&mut work.tx, by, conversation, self.default_queue_id()).await?;
        end_users::get(&mut work.tx, offer.user_id)
            .await?
            .ok_or_else(|| ServiceError::Unknown(format!("End user {} not found", offer.user_id)))?;
        users::get(&mut work.tx, offer.agent_id)
            .await?
            .ok_or_else(|| ServiceError::Unknown(format!("Agent {} not found", offer.agent_id)))?;
        let r = Rating {
            id: Uuid::new_v4(),
            conversation_id: conversation,
            user_id: offer.user_id.to_string(),
            agent_id: offer.agent_id.to_string(),
            rating_type: offer.rating_type,
            status: RatingStatus::Offered,
            score: None,
            comment: None,
            offered_at: offer.offered_at.unwrap_or(work.now),
            submitted_at: None,
        };
        ratings::insert(&mut work.tx, &r).await?;
        self.finish(work).await?;
        Ok(r)
    }

    pub async fn submit_rating(&self, by: &User, conversation: i64, rating_id: Uuid, s: Submission) -> Result<Rating> {
        let mut work = self.work().await?;
        crate::access::reach_conversation(&mut work.tx, by, conversation, self.default_queue_id()).await?;
        let mut r = ratings::get(&mut work.tx, conversation, rating_id).await?.ok_or_else(|| {
            ServiceError::NotFound(format!("Rating {rating_id} not found in conversation {conversation}"))
        })?;
        if r.user_id != s.user_id.to_string() {
            return Err(switchboard_engine::RuleError::RatingOfSomeoneElse.into());
        }
        let comment = s.comment.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
        rating::submit(r.rating_type, r.status, &s.result, comment.as_deref())
            .map_err(switchboard_engine::RuleError::from)?;
        r.status = RatingStatus::Rated;
        r.score = Some(s.result.score());
        r.comment = comment;
        r.submitted_at = Some(s.submitted_at.unwrap_or(work.now));
        ratings::update(&mut work.tx, &r).await?;
        self.finish(work).await?;
        Ok(r)
    }

    pub async fn ratings(&self, by: &User, conversation: i64) -> Result<Vec<Rating>> {
        let mut tx = self.store().read().await?;
        crate::access::reach_conversation(&mut tx, by, conversation, self.default_queue_id()).await?;
        Ok(ratings::of_conversation(&mut tx, conversation).await?)
    }
}
