//! Customer ratings of a conversation: offered by an agent, then submitted by the customer.

use serde::{Deserialize, Serialize};

/// The kind of rating offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum RatingType {
    /// Customer satisfaction, 1 (worst) to 5 (best).
    Csat,
    ThumbsUpOrDown,
}

impl RatingType {
    pub fn as_str(self) -> &'static str {
        match self {
            RatingType::Csat => "Csat",
            RatingType::ThumbsUpOrDown => "ThumbsUpOrDown",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "Csat" => Some(RatingType::Csat),
            "ThumbsUpOrDown" => Some(RatingType::ThumbsUpOrDown),
            _ => None,
        }
    }
}

/// Where a rating stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum RatingStatus {
    Offered,
    Rated,
}

impl RatingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RatingStatus::Offered => "Offered",
            RatingStatus::Rated => "Rated",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "Offered" => Some(RatingStatus::Offered),
            "Rated" => Some(RatingStatus::Rated),
            _ => None,
        }
    }
}

/// A submitted result: `{"value": 4, "_type": "Csat"}` or `{"value": "ThumbsUp", "_type": "ThumbsUpOrDown"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "_type")]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum RatingResult {
    Csat { value: i64 },
    ThumbsUpOrDown { value: Thumb },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum Thumb {
    ThumbsUp,
    ThumbsDown,
}

impl RatingResult {
    pub fn rating_type(&self) -> RatingType {
        match self {
            RatingResult::Csat { .. } => RatingType::Csat,
            RatingResult::ThumbsUpOrDown { .. } => RatingType::ThumbsUpOrDown,
        }
    }

    /// The stored score: 1–5 for Csat, 1 (up) or 0 (down) for thumbs.
    pub fn score(&self) -> i64 {
        match self {
            RatingResult::Csat { value } => *value,
            RatingResult::ThumbsUpOrDown { value: Thumb::ThumbsUp } => 1,
            RatingResult::ThumbsUpOrDown { value: Thumb::ThumbsDown } => 0,
        }
    }

    pub fn from_score(kind: RatingType, score: i64) -> Self {
        match kind {
            RatingType::Csat => RatingResult::Csat { value: score },
            RatingType::ThumbsUpOrDown => {
                RatingResult::ThumbsUpOrDown { value: if score > 0 { Thumb::ThumbsUp } else { Thumb::ThumbsDown } }
            }
        }
    }
}

/// Why a submission is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RatingError {
    #[error("This rating was already submitted")]
    AlreadyRated,
    #[error("The rating was offered as {offered} but the result is {given}")]
    WrongType { offered: &'static str, given: &'static str },
    #[error("A Csat rating is between 1 and 5, not {0}")]
    OutOfRange(i64),
    #[error("The comment is too long (at most 2000 characters)")]
    CommentTooLong,
}

/// Checks a customer's result against the offer.
pub fn submit(
    offered: RatingType,
    status: RatingStatus,
    result: &RatingResult,
    comment: Option<&str>,
) -> Result<(), RatingError> {
    if status == RatingStatus::Rated {
        return Err(RatingError::AlreadyRated);
    }
    if result.rating_type() != offered {
        return Err(RatingError::WrongType { offered: offered.as_str(), given: result.rating_type().as_str() });
    }
    if let RatingResult::Csat { value } = result {
        if !(1..=5).contains(value) {
            return Err(RatingError::OutOfRange(*value));
        }
    }
    if comment.is_some_and(|c| c.chars().count() > 2000) {
        return Err(RatingError::CommentTooLong);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csat_is_one_to_five() {
        for v in 1..=5 {
            assert_eq!(submit(RatingType::Csat, RatingStatus::Offered, &RatingResult::Csat { value: v }, None), Ok(()));
        }
        assert_eq!(
            submit(RatingType::Csat, RatingStatus::Offered, &RatingResult::Csat { value: 6 }, None),
            Err(RatingError::OutOfRange(6))
        );
        assert_eq!(
            submit(RatingType::Csat, RatingStatus::Offered, &RatingResult::Csat { value: 0 }, None),
            Err(RatingError::OutOfRange(0))
        );
    }

    #[test]
    fn a_result_must_match_the_offer_and_comes_once() {
        let up = RatingResult::ThumbsUpOrDown { value: Thumb::ThumbsUp };
        assert!(matches!(
            submit(RatingType::Csat, RatingStatus::Offered, &up, None),
            Err(RatingError::WrongType { .. })
        ));
        assert_eq!(submit(RatingType::ThumbsUpOrDown, RatingStatus::Rated, &up, None), Err(RatingError::AlreadyRated));
        assert_eq!(up.score(), 1);
        assert_eq!(
            RatingResult::from_score(RatingType::ThumbsUpOrDown, 0),
            RatingResult::ThumbsUpOrDown { value: Thumb::ThumbsDown }
        );
    }

    #[test]
    fn results_use_dixas_shape() {
        let r: RatingResult = serde_json::from_str(r#"{"value": 4, "_type": "Csat"}"#).unwrap();
        assert_eq!(r, RatingResult::Csat { value: 4 });
    }
}
