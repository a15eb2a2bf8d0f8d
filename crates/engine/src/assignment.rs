//! Automatic assignment: which available agent gets a conversation (the Weighted Sum Method of
//! workload and unserved time, or the sticky agent), and the order of bulk assignment.

use crate::capacity::{self, Capacity, ChannelGroup, Occupancy};
use crate::kinds::Priority;
use crate::status::StatusGroup;
use crate::Timestamp;
use std::collections::HashSet;
use uuid::Uuid;

/// An agent as automatic assignment sees them: a member of the queue being served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentState {
    pub agent: Uuid,
    /// The group of the status the agent chose (Full Capacity is derived from occupancy).
    pub group: StatusGroup,
    pub capacity: Capacity,
    pub occupancy: Occupancy,
    /// Since when the agent has gone without an assignment: their latest assignment, or when
    /// they last became available if they never had one.
    pub waiting_since: Timestamp,
}

impl AgentState {
    pub fn is_full(&self) -> bool {
        capacity::is_full(self.occupancy, self.capacity)
    }

    /// Whether automatic assignment may give this agent a new conversation of `group`. Chats:
    /// an Available status, under Full Capacity, room in the channel group. Calls: an Available
    /// status and no call in progress (Full Capacity counts chats only).
    pub fn eligible_for(&self, group: ChannelGroup) -> bool {
        if self.group != StatusGroup::Available || !capacity::has_room(self.occupancy, self.capacity, group) {
            return false;
        }
        group == ChannelGroup::Voice || !self.is_full()
    }

    fn candidate(&self, now: Timestamp) -> Candidate {
        let unserved = (now - self.waiting_since).num_seconds().max(0);
        Candidate {
            agent: self.agent,
            live_chat: (self.occupancy.live_chat, self.capacity.live_chat),
            live_messaging: (self.occupancy.live_messaging, self.capacity.live_messaging),
            unserved_seconds: u64::try_from(unserved).unwrap_or(0),
        }
    }

    /// Whether bulk assignment may still go on for this agent at all.
    pub fn wants_more(&self) -> bool {
        self.group == StatusGroup::Available && !self.is_full()
    }

    /// Bulk assignment's step: takes the conversation if the agent may have it (and was never
    /// assigned to it before), counting it toward their occupancy.
    pub fn offer(&mut self, w: &Waiting, assigned_before: bool, now: Timestamp) -> bool {
        if !self.wants_more() || assigned_before || !self.eligible_for(w.group) {
            return false;
        }
        self.take(w.group, now);
        true
    }

    fn take(&mut self, group: ChannelGroup, now: Timestamp) {
        match group {
            ChannelGroup::Email => self.occupancy.email += 1,
            ChannelGroup::LiveMessaging => self.occupancy.live_messaging += 1,
            ChannelGroup::LiveChat => self.occupancy.live_chat += 1,
            ChannelGroup::Voice => self.occupancy.voice += 1,
        }
        self.waiting_since = now;
    }
}

/// A conversation to place, and who may not get it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub group: ChannelGroup,
    /// Agents who were assigned to it before.
    pub excluded: HashSet<Uuid>,
    /// The agent who last talked to this customer and when, when the queue asks for them.
    pub sticky: Option<(Uuid, Timestamp, StickyWindow)>,
}

/// Single assignment: the sticky agent when the queue asks for one and they are eligible (chats
/// only; calls go by the Weighted Sum Method), otherwise the Weighted Sum Method's pick.
pub fn decide(offer: &Offer, members: &[AgentState], now: Timestamp) -> Option<Uuid> {
    let eligible: Vec<&AgentState> =
        members.iter().filter(|a| a.eligible_for(offer.group) && !offer.excluded.contains(&a.agent)).collect();
    let candidates: Vec<Candidate> = eligible.iter().map(|a| a.candidate(now)).collect();
    if offer.group != ChannelGroup::Voice {
        if let Some((agent, at, window)) = offer.sticky {
            if let Some(a) = sticky(Some((agent, at)), window, now, &candidates) {
                return Some(a);
            }
        }
    }
    pick(&candidates)
}

/// An agent the rules may pick: already filtered to the eligible ones (Available group, room in
/// the conversation's channel group, member of the queue, never assigned to this conversation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub agent: Uuid,
    /// Occupancy / capacity of Live Chat and Live Messaging, as fractions.
    pub live_chat: (u32, u32),
    pub live_messaging: (u32, u32),
    /// Seconds since the agent's last assignment.
    pub unserved_seconds: u64,
}

/// Hundredths, rounded half up: `n / d` to two decimals, as the guide computes each step.
fn hundredths(n: u128, d: u128) -> u128 {
    (n * 200 + d) / (2 * d)
}

/// The workload in whole percent, rounded half up: the mean of the Live Chat and Live Messaging
/// occupancy percentages, over the groups the agent has capacity in (none: 0).
pub fn workload(c: &Candidate) -> u128 {
    let groups: Vec<(u128, u128)> = [c.live_chat, c.live_messaging]
        .into_iter()
        .filter(|(_, cap)| *cap > 0)
        .map(|(occ, cap)| (u128::from(occ) * 100, u128::from(cap)))
        .collect();
    if groups.is_empty() {
        return 0;
    }
    // The sum of occ/cap percentages over a common denominator, divided by the number of groups.
    let den: u128 = groups.iter().map(|(_, d)| d).product();
    let num: u128 = groups.iter().map(|(n, d)| n * (den / d)).sum();
    let den = den * groups.len() as u128;
    (2 * num + den) / (2 * den)
}

/// A candidate's score in hundredths, computed step by step as the guide does: normalize
/// (minimum workload / workload; unserved / maximum unserved), round to two decimals, weigh each
/// by 0.5, round again, add. A workload of 0 is the best possible (normalized 1); when nobody
/// has waited at all, unserved time gives everyone 0.
pub fn scores(candidates: &[Candidate]) -> Vec<(Uuid, u128)> {
    let workloads: Vec<u128> = candidates.iter().map(workload).collect();
    let min_workload = workloads.iter().copied().min().unwrap_or(0);
    let max_unserved = candidates.iter().map(|c| u128::from(c.unserved_seconds)).max().unwrap_or(0);
    candidates
        .iter()
        .zip(&workloads)
        .map(|(c, &w)| {
            let w_norm = if w == 0 { 100 } else { hundredths(min_workload, w) };
            let u_norm = if max_unserved == 0 { 0 } else { hundredths(u128::from(c.unserved_seconds), max_unserved) };
            // × 0.5 in hundredths: half of a hundredths value, rounded half up.
            let half = |x: u128| x.div_ceil(2);
            (c.agent, half(w_norm) + half(u_norm))
        })
        .collect()
}

/// The agent the Weighted Sum Method picks. Ties go to the agent who waited longer, then to the
/// lower workload, then to the lower id, so the choice never depends on input order.
pub fn pick(candidates: &[Candidate]) -> Option<Uuid> {
    let scored = scores(candidates);
    candidates
        .iter()
        .zip(scored)
        .max_by(|(a, (_, sa)), (b, (_, sb))| {
            sa.cmp(sb)
                .then(a.unserved_seconds.cmp(&b.unserved_seconds))
                .then(workload(b).cmp(&workload(a)))
                .then(b.agent.cmp(&a.agent))
        })
        .map(|(c, _)| c.agent)
}

/// How far back the sticky agent may have talked to the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StickyWindow {
    Days30,
    Days60,
    Year,
    Ever,
}

/// How a queue picks an agent for a new conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueueMode {
    /// Any available member, by the Weighted Sum Method.
    #[default]
    AnyAvailable,
    /// The member who last interacted with the customer within the window, when eligible.
    LastInteracted(StickyWindow),
}

impl QueueMode {
    pub fn sticky_window(self) -> Option<StickyWindow> {
        match self {
            QueueMode::AnyAvailable => None,
            QueueMode::LastInteracted(w) => Some(w),
        }
    }
}

impl StickyWindow {
    pub const ALL: [StickyWindow; 4] =
        [StickyWindow::Days30, StickyWindow::Days60, StickyWindow::Year, StickyWindow::Ever];

    pub fn as_str(self) -> &'static str {
        match self {
            StickyWindow::Days30 => "Days30",
            StickyWindow::Days60 => "Days60",
            StickyWindow::Year => "Year",
            StickyWindow::Ever => "Ever",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        StickyWindow::ALL.into_iter().find(|w| w.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// Whether an interaction at `at` is recent enough at `now`.
    pub fn covers(self, at: Timestamp, now: Timestamp) -> bool {
        let days = match self {
            StickyWindow::Days30 => 30,
            StickyWindow::Days60 => 60,
            StickyWindow::Year => 365,
            StickyWindow::Ever => return true,
        };
        now - at <= chrono::Duration::days(days)
    }
}

/// The sticky agent: the one who last interacted with the customer within the window, if they
/// are among the eligible candidates.
pub fn sticky(
    last: Option<(Uuid, Timestamp)>,
    window: StickyWindow,
    now: Timestamp,
    candidates: &[Candidate],
) -> Option<Uuid> {
    let (agent, at) = last?;
    (window.covers(at, now) && candidates.iter().any(|c| c.agent == agent)).then_some(agent)
}

/// An unassigned conversation waiting for bulk assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting {
    pub conversation: i64,
    pub priority: Priority,
    pub created_at: Timestamp,
    pub group: ChannelGroup,
}

/// Bulk assignment for one agent who became available: the waiting conversations of their
/// queues in [`bulk_order`], each one they may take, until they are full. `assigned_before`
/// says whether the agent had a conversation before (they never get it again). The agent's
/// occupancy is updated as conversations are taken.
pub fn bulk_for(
    agent: &mut AgentState,
    ordered: &[Waiting],
    assigned_before: impl Fn(i64) -> bool,
    now: Timestamp,
) -> Vec<i64> {
    let mut taken = Vec::new();
    for w in ordered {
        if !agent.wants_more() {
            break;
        }
        if agent.offer(w, assigned_before(w.conversation), now) {
            taken.push(w.conversation);
        }
    }
    taken
}

/// Bulk assignment for several agents at once (the start of working hours, a queue turning
/// automatic assignment on): the agent who has waited longest goes first (then the lower id),
/// each taking what [`bulk_for`] gives them from the conversations of their queues. `queues_of`
/// gives each agent's queues; `waiting` is each queue's conversations in [`bulk_order`].
pub fn bulk_plan(
    mut agents: Vec<(AgentState, Vec<usize>)>,
    waiting: &[Vec<Waiting>],
    assigned_before: impl Fn(i64, Uuid) -> bool,
    now: Timestamp,
) -> Vec<(i64, Uuid)> {
    agents.sort_by(|(a, _), (b, _)| a.waiting_since.cmp(&b.waiting_since).then(a.agent.cmp(&b.agent)));
    let mut done: HashSet<i64> = HashSet::new();
    // Per queue, the first position that may still be free: taken ones at the front are skipped once.
    let mut front: Vec<usize> = vec![0; waiting.len()];
    let mut out = Vec::new();
    for (agent, queues) in &mut agents {
        for &q in queues.iter() {
            while front[q] < waiting[q].len() && done.contains(&waiting[q][front[q]].conversation) {
                front[q] += 1;
            }
        }
        // Merge the agent's queues in bulk order, skipping what others took.
        let mut cursors: Vec<(usize, usize)> = queues.iter().map(|&q| (q, front[q])).collect();
        loop {
            if !agent.wants_more() {
                break;
            }
            let next = cursors
                .iter_mut()
                .filter_map(|(q, i)| {
                    while *i < waiting[*q].len() && done.contains(&waiting[*q][*i].conversation) {
                        *i += 1;
                    }
                    waiting[*q].get(*i).map(|w| (w, i))
                })
                .min_by(|(a, _), (b, _)| order_key(a).cmp(&order_key(b)));
            let Some((w, i)) = next else { break };
            let w = *w;
            *i += 1;
            if agent.offer(&w, assigned_before(w.conversation, agent.agent), now) {
                done.insert(w.conversation);
                out.push((w.conversation, agent.agent));
            }
        }
    }
    out
}

fn order_key(w: &Waiting) -> (std::cmp::Reverse<Priority>, Timestamp, i64) {
    (std::cmp::Reverse(w.priority), w.created_at, w.conversation)
}

/// Bulk assignment order: higher priority first, then older first (then lower id).
pub fn bulk_order(mut waiting: Vec<Waiting>) -> Vec<Waiting> {
    waiting.sort_by_key(order_key);
    waiting
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    /// The guide's worked table. Its first row gives Live Chat 5/10 and Live Messaging 4/20, which
    /// is a workload of 35 by its own formula, not the 20 the table uses; this test gives agent 1
    /// Live Chat 2/10 (20 %) and Live Messaging 4/20 (20 %), a workload of 20, and keeps the other
    /// rows as printed (agent 2: 1/5 and 5/10 = 35; agent 3: 15/20 and 1/5 = 47.5, shown as 48).
    fn guide_table() -> Vec<Candidate> {
        vec![
            Candidate { agent: id(1), live_chat: (2, 10), live_messaging: (4, 20), unserved_seconds: 10 },
            Candidate { agent: id(2), live_chat: (1, 5), live_messaging: (5, 10), unserved_seconds: 200 },
            Candidate { agent: id(3), live_chat: (15, 20), live_messaging: (1, 5), unserved_seconds: 300 },
        ]
    }

    #[test]
    fn the_guides_workloads() {
        let w: Vec<u128> = guide_table().iter().map(workload).collect();
        assert_eq!(w, [20, 35, 48]);
    }

    #[test]
    fn the_guides_worked_example_comes_out_exactly() {
        let s = scores(&guide_table());
        assert_eq!(s, [(id(1), 52), (id(2), 63), (id(3), 71)]);
        assert_eq!(pick(&guide_table()), Some(id(3)));
    }

    #[test]
    fn the_guides_two_agent_example_prefers_the_lower_ratio() {
        // Agent A: 2 of 4 (0.50); agent B: 3 of 8 (0.38); equal waiting: B.
        let a = Candidate { agent: id(1), live_chat: (2, 4), live_messaging: (0, 0), unserved_seconds: 60 };
        let b = Candidate { agent: id(2), live_chat: (3, 8), live_messaging: (0, 0), unserved_seconds: 60 };
        assert_eq!(pick(&[a, b]), Some(id(2)));
    }

    #[test]
    fn edges_are_deterministic() {
        // Nobody has work: workload 0 is the best for everyone; the longer wait wins.
        let idle =
            |n, wait| Candidate { agent: id(n), live_chat: (0, 5), live_messaging: (0, 5), unserved_seconds: wait };
        assert_eq!(scores(&[idle(1, 0), idle(2, 0)]), [(id(1), 50), (id(2), 50)]);
        assert_eq!(pick(&[idle(1, 30), idle(2, 90)]), Some(id(2)));
        // A perfect tie goes to the lower id, whatever the order given.
        assert_eq!(pick(&[idle(2, 0), idle(1, 0)]), Some(id(1)));
        assert_eq!(pick(&[idle(1, 0), idle(2, 0)]), Some(id(1)));
        assert_eq!(pick(&[]), None);
    }

    #[test]
    fn the_sticky_agent_within_the_window() {
        let now = chrono::Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
        let c = guide_table();
        let recent = Some((id(2), now - chrono::Duration::days(10)));
        let old = Some((id(2), now - chrono::Duration::days(45)));
        assert_eq!(sticky(recent, StickyWindow::Days30, now, &c), Some(id(2)));
        assert_eq!(sticky(old, StickyWindow::Days30, now, &c), None);
        assert_eq!(sticky(old, StickyWindow::Days60, now, &c), Some(id(2)));
        assert_eq!(sticky(Some((id(9), now)), StickyWindow::Ever, now, &c), None, "not eligible");
    }

    #[test]
    fn bulk_assignment_takes_urgent_then_oldest() {
        let t = |h| chrono::Utc.with_ymd_and_hms(2026, 3, 1, h, 0, 0).unwrap();
        let lm = ChannelGroup::LiveMessaging;
        let w = vec![
            Waiting { conversation: 1, priority: Priority::Normal, created_at: t(8), group: lm },
            Waiting { conversation: 2, priority: Priority::Urgent, created_at: t(10), group: lm },
            Waiting { conversation: 3, priority: Priority::Normal, created_at: t(7), group: lm },
            Waiting { conversation: 4, priority: Priority::High, created_at: t(9), group: lm },
        ];
        let order: Vec<i64> = bulk_order(w).iter().map(|x| x.conversation).collect();
        assert_eq!(order, [2, 4, 3, 1]);
    }

    fn at(h: u32, m: u32, sec: u32) -> Timestamp {
        chrono::Utc.with_ymd_and_hms(2026, 3, 2, h, m, sec).unwrap()
    }

    fn member(n: u128, lm: (u32, u32), lc: (u32, u32), waited: i64) -> AgentState {
        AgentState {
            agent: id(n),
            group: StatusGroup::Available,
            capacity: Capacity { email: 10, live_messaging: lm.1, live_chat: lc.1 },
            occupancy: Occupancy { email: 0, live_messaging: lm.0, live_chat: lc.0, voice: 0 },
            waiting_since: at(12, 0, 0) - chrono::Duration::seconds(waited),
        }
    }

    fn offer(group: ChannelGroup) -> Offer {
        Offer { group, excluded: HashSet::new(), sticky: None }
    }

    #[test]
    fn decide_weighs_the_eligible_members() {
        let now = at(12, 0, 0);
        // Workloads 20, 35 and 40 (agent 3's printed row, 15/20 and 1/5, is at 95 % and so at Full
        // Capacity: these rows keep it under), unserved 10, 200 and 300 seconds.
        let members =
            [member(1, (4, 20), (2, 10), 10), member(2, (5, 10), (1, 5), 200), member(3, (3, 10), (1, 2), 300)];
        assert!(members.iter().all(|m| !m.is_full()));
        assert_eq!(decide(&offer(ChannelGroup::LiveChat), &members, now), Some(id(3)));
        // Someone assigned before never gets it again.
        let mut again = offer(ChannelGroup::LiveChat);
        again.excluded.insert(id(3));
        assert_eq!(decide(&again, &members, now), Some(id(2)));
        // Busy, Away and Unavailable get no new conversations.
        for g in [StatusGroup::Busy, StatusGroup::Away, StatusGroup::Unavailable] {
            let mut m = members.clone();
            m[2].group = g;
            assert_eq!(decide(&offer(ChannelGroup::LiveChat), &m, now), Some(id(2)), "{g:?}");
        }
        // No room left in the conversation's group.
        let mut m = members.clone();
        m[2].occupancy.live_chat = 2;
        assert_eq!(decide(&offer(ChannelGroup::LiveChat), &m, now), Some(id(2)));
        assert_eq!(decide(&offer(ChannelGroup::LiveChat), &[], now), None);
    }

    #[test]
    fn full_capacity_blocks_chats_not_calls() {
        let now = at(12, 0, 0);
        // 75 % live chat + 20 % live messaging = 95 %: Full Capacity.
        let full = member(1, (1, 5), (15, 20), 500);
        assert!(full.is_full());
        assert!(!full.eligible_for(ChannelGroup::Email));
        assert!(full.eligible_for(ChannelGroup::Voice), "calls have their own capacity of one");
        let mut on_call = full.clone();
        on_call.occupancy.voice = 1;
        assert!(!on_call.eligible_for(ChannelGroup::Voice));
        let idle = member(2, (0, 5), (0, 5), 5);
        assert_eq!(decide(&offer(ChannelGroup::Email), &[full.clone(), idle.clone()], now), Some(id(2)));
        // For a call both are candidates; the Weighted Sum Method still prefers the idle agent's
        // workload of 0 (score 0.51) over the longer wait (0.50).
        assert_eq!(decide(&offer(ChannelGroup::Voice), &[full, idle], now), Some(id(2)));
    }

    #[test]
    fn the_sticky_agent_goes_first_when_eligible() {
        let now = at(12, 0, 0);
        let members = [member(1, (0, 5), (0, 5), 900), member(2, (3, 5), (0, 5), 5)];
        let mut o = offer(ChannelGroup::LiveMessaging);
        assert_eq!(decide(&o, &members, now), Some(id(1)));
        o.sticky = Some((id(2), now - chrono::Duration::days(3), StickyWindow::Days30));
        assert_eq!(decide(&o, &members, now), Some(id(2)));
        // Out of the window, or not eligible: the Weighted Sum Method decides.
        o.sticky = Some((id(2), now - chrono::Duration::days(40), StickyWindow::Days30));
        assert_eq!(decide(&o, &members, now), Some(id(1)));
        let mut busy = members.clone();
        busy[1].group = StatusGroup::Busy;
        o.sticky = Some((id(2), now, StickyWindow::Ever));
        assert_eq!(decide(&o, &busy, now), Some(id(1)));
        // Calls never go by the sticky agent.
        let mut call = offer(ChannelGroup::Voice);
        call.sticky = Some((id(2), now, StickyWindow::Ever));
        assert_eq!(decide(&call, &members, now), Some(id(1)));
    }

    #[test]
    fn bulk_takes_in_order_until_full() {
        let now = at(12, 0, 0);
        let t = |h| at(h, 0, 0);
        let lm = ChannelGroup::LiveMessaging;
        let waiting = bulk_order(vec![
            Waiting { conversation: 1, priority: Priority::Normal, created_at: t(8), group: lm },
            Waiting { conversation: 2, priority: Priority::Urgent, created_at: t(10), group: lm },
            Waiting { conversation: 3, priority: Priority::Normal, created_at: t(7), group: lm },
            Waiting { conversation: 4, priority: Priority::High, created_at: t(9), group: ChannelGroup::Email },
            Waiting { conversation: 5, priority: Priority::Low, created_at: t(6), group: lm },
        ]);
        // Live messaging 0/3, email 0/10, live chat 0/5: three live messaging conversations are
        // 100 %, Full Capacity, so the agent stops there.
        let mut agent = member(1, (0, 3), (0, 5), 60);
        let taken = bulk_for(&mut agent, &waiting, |c| c == 3, now);
        assert_eq!(taken, [2, 4, 1, 5], "urgent, high, then oldest normal; 3 was theirs before");
        assert!(agent.is_full());
        assert_eq!(agent.waiting_since, now);
        let mut away = member(2, (0, 3), (0, 5), 60);
        away.group = StatusGroup::Away;
        assert!(bulk_for(&mut away, &waiting, |_| false, now).is_empty());
    }

    #[test]
    fn bulk_plan_serves_the_longest_waiting_agent_first() {
        let now = at(12, 0, 0);
        let lm = ChannelGroup::LiveMessaging;
        let q0: Vec<Waiting> = (1..=5)
            .map(|n| Waiting { conversation: n, priority: Priority::Normal, created_at: at(8, n as u32, 0), group: lm })
            .collect();
        let q1 = vec![Waiting { conversation: 9, priority: Priority::Urgent, created_at: at(9, 0, 0), group: lm }];
        let agents = vec![(member(1, (0, 2), (0, 5), 10), vec![0]), (member(2, (0, 2), (0, 5), 900), vec![0, 1])];
        let plan = bulk_plan(agents, &[q0, q1], |_, _| false, now);
        // Agent 2 waited longer: the urgent one of queue 1, then the oldest of queue 0 (full at
        // 2 of 2); agent 1 then takes the next two.
        assert_eq!(plan, [(9, id(2)), (1, id(2)), (2, id(1)), (3, id(1))]);
    }
}
