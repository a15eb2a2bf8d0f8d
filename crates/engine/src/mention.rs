//! Mentions in notes: which agents a note may name, so that nobody is told about a conversation
//! they can't open.

use crate::error::RuleError;
use uuid::Uuid;

/// The most agents one note mentions.
pub const MAX_MENTIONS: usize = 20;

/// An agent a note names, as the service found them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub agent: Uuid,
    /// They exist, are enabled and handle conversations.
    pub handles: bool,
    /// They may read the conversation (it is theirs, or in their reach).
    pub may_read: bool,
}

/// The agents to tell, each once, in the order named; refuses the note when one can't be told.
pub fn check(candidates: &[Candidate]) -> Result<Vec<Uuid>, RuleError> {
    let mut out: Vec<Uuid> = Vec::new();
    for c in candidates {
        if out.contains(&c.agent) {
            continue;
        }
        if !c.handles {
            return Err(RuleError::UserNotAgentOrAdmin(c.agent));
        }
        if !c.may_read {
            return Err(RuleError::MentionOutOfReach(c.agent));
        }
        out.push(c.agent);
    }
    if out.len() > MAX_MENTIONS {
        return Err(RuleError::TooMany { field: "mentions", max: MAX_MENTIONS });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(n: u128, handles: bool, may_read: bool) -> Candidate {
        Candidate { agent: Uuid::from_u128(n), handles, may_read }
    }

    #[test]
    fn only_agents_who_can_open_the_conversation_are_named_each_once() {
        assert_eq!(
            check(&[c(1, true, true), c(2, true, true), c(1, true, true)]),
            Ok(vec![Uuid::from_u128(1), Uuid::from_u128(2)])
        );
        assert_eq!(
            check(&[c(1, true, true), c(3, true, false)]),
            Err(RuleError::MentionOutOfReach(Uuid::from_u128(3)))
        );
        assert_eq!(check(&[c(4, false, true)]), Err(RuleError::UserNotAgentOrAdmin(Uuid::from_u128(4))));
        let many: Vec<Candidate> = (0..21).map(|n| c(n, true, true)).collect();
        assert_eq!(check(&many), Err(RuleError::TooMany { field: "mentions", max: MAX_MENTIONS }));
        assert_eq!(check(&[]), Ok(vec![]));
    }
}
