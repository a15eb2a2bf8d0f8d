//! Automatic assignment in the service: loads what the engine's rules need, applies their
//! decisions inside the triggering command's transaction, and keeps agents' Full Capacity state.
//!
//! Commands only note their triggers (`Work::triggers`); [`settle`] acts on them once, right
//! before the unit commits, when the conversations are in their final state. The store's single
//! writer makes this "one assignment run at a time".

use crate::capacity::{self, CapacitySettings};
use crate::events::EventKind;
use crate::work::Work;
use crate::Result;
use chrono::{DateTime, Utc};
use serde_json::json;
use std::collections::{HashMap, HashSet, VecDeque};
use switchboard_engine::activity::ActivityKind;
use switchboard_engine::assignment::{self as rules, AgentState, Offer, Waiting};
use switchboard_engine::capacity::{counts, Capacity, ChannelGroup, Occupancy};
use switchboard_engine::kinds::Status;
use switchboard_engine::status::StatusGroup;
use switchboard_store::assignment::{self as store, WaitingKey, WaitingRow};
use switchboard_store::queues::{self, Queue};
use switchboard_store::{conversations, statuses, Tx};
use uuid::Uuid;

/// Rows fetched per queue and round when serving one agent.
const PAGE: u32 = 64;

fn occupancy_of(holdings: &[(Channel3, u32)], counted: &CapacitySettings) -> Occupancy {
    let mut o = Occupancy::default();
    for &((group, status), n) in holdings {
        match group {
            // A call occupies its agent only while it lasts, that is while it is Open.
            ChannelGroup::Voice if status == Status::Open => o.voice += n,
            ChannelGroup::Voice => {}
            _ if !counts(status, counted.counted) => {}
            ChannelGroup::Email => o.email += n,
            ChannelGroup::LiveMessaging => o.live_messaging += n,
            ChannelGroup::LiveChat => o.live_chat += n,
        }
    }
    o
}

type Channel3 = (ChannelGroup, Status);

/// The enabled agents (all, or `only`) as the rules see them.
pub(crate) async fn agent_states(
    tx: &mut Tx,
    only: Option<&[Uuid]>,
    settings: &CapacitySettings,
) -> Result<Vec<AgentState>> {
    let works = statuses::work_of_agents(tx, only).await?;
    let mut held: HashMap<Uuid, Vec<(Channel3, u32)>> = HashMap::new();
    for (agent, channel, status, n) in store::holdings(tx, only).await? {
        held.entry(agent).or_default().push(((ChannelGroup::of(channel), status), n));
    }
    Ok(works
        .into_iter()
        .map(|w| AgentState {
            agent: w.user_id,
            group: w.group,
            capacity: Capacity::resolve(w.capacity, settings.defaults),
            occupancy: occupancy_of(held.get(&w.user_id).map(Vec::as_slice).unwrap_or(&[]), settings),
            waiting_since: w.last_assigned_at.unwrap_or(w.status_since),
        })
        .collect())
}

/// One agent's state (enabled agents only).
pub(crate) async fn agent_state(tx: &mut Tx, agent: Uuid, settings: &CapacitySettings) -> Result<Option<AgentState>> {
    Ok(agent_states(tx, Some(&[agent]), settings).await?.pop())
}

/// The members automatic assignment considers: everyone for the Default queue.
async fn members(tx: &mut Tx, queue: &Queue) -> Result<Option<Vec<Uuid>>> {
    if queue.is_default {
        return Ok(None);
    }
    Ok(Some(queues::members(tx, queue.id).await?.into_iter().map(|m| m.user_id).collect()))
}

fn waiting_of(row: &WaitingRow) -> Waiting {
    Waiting {
        conversation: row.id,
        priority: row.priority,
        created_at: row.created_at,
        group: ChannelGroup::of(row.channel),
    }
}

/// Gives conversations to agents: the rows, the history, the log and the events, written in
/// batches.
async fn give(work: &mut Work, given: &[(&WaitingRow, Uuid)]) -> Result<()> {
    if given.is_empty() {
        return Ok(());
    }
    let rows: Vec<store::Given> = given
        .iter()
        .map(|(r, agent)| store::Given { conversation: r.id, agent: *agent, requester: r.requester_id })
        .collect();
    store::assign_many(&mut work.tx, &rows, work.now).await?;
    work.log_many(given.iter().map(|(r, agent)| {
        (r.id, ActivityKind::ConversationAssigned, None, json!({ "agentId": agent, "automatic": true }))
    }))
    .await?;
    for (r, agent) in given {
        work.emit(EventKind::ConversationAssigned, r.id, Some(r.queue_id), Some(*agent), None);
        work.set_last_by(None);
        work.triggers.touched.push(*agent);
    }
    Ok(())
}

/// Single assignment: finds an agent for one unassigned conversation, if its queue assigns
/// automatically and its status occupies agents.
async fn offer(work: &mut Work, id: i64, settings: &CapacitySettings) -> Result<()> {
    let Some(c) = conversations::get(&mut work.tx, id).await? else { return Ok(()) };
    if c.assignment.is_some() || c.status == Status::Closed || !counts(c.status, settings.counted) {
        return Ok(());
    }
    let Some(queue) = (match c.queue_id {
        Some(q) => queues::get(&mut work.tx, q).await?,
        None => None,
    }) else {
        return Ok(());
    };
    // Outside working hours the conversation waits for the opening's bulk assignment.
    if !queue.auto_assignment || !crate::hours::queue_is_open(&mut work.tx, queue.id, work.now).await? {
        return Ok(());
    }
    let only = members(&mut work.tx, &queue).await?;
    if only.as_ref().is_some_and(Vec::is_empty) {
        return Ok(());
    }
    let states = agent_states(&mut work.tx, only.as_deref(), settings).await?;
    let sticky = match queue.mode.sticky_window() {
        Some(w) => store::last_for_requester(&mut work.tx, c.requester_id, c.id).await?.map(|(a, t)| (a, t, w)),
        None => None,
    };
    let offer = Offer {
        group: ChannelGroup::of(c.channel),
        excluded: store::assignees(&mut work.tx, c.id).await?.into_iter().collect(),
        sticky,
    };
    if let Some(agent) = rules::decide(&offer, &states, work.now) {
        let row = WaitingRow {
            id: c.id,
            queue_id: queue.id,
            requester_id: c.requester_id,
            channel: c.channel,
            priority: c.priority,
            created_at: c.created_at,
        };
        give(work, &[(&row, agent)]).await?;
    }
    Ok(())
}

/// The queues an agent takes work from automatically: theirs and the Default queue, with
/// automatic assignment on and within their working hours.
async fn serving_queues(tx: &mut Tx, agent: Uuid, now: DateTime<Utc>) -> Result<Vec<Uuid>> {
    let mut candidates = Vec::new();
    if let Some(d) = queues::default_queue(tx).await? {
        if d.auto_assignment {
            candidates.push(d.id);
        }
    }
    for q in queues::joined_by(tx, agent).await? {
        if queues::get(tx, q).await?.is_some_and(|q| q.auto_assignment && !q.is_default) {
            candidates.push(q);
        }
    }
    let mut out = Vec::with_capacity(candidates.len());
    for q in candidates {
        if crate::hours::queue_is_open(tx, q, now).await? {
            out.push(q);
        }
    }
    Ok(out)
}

/// One queue's waiting conversations, fetched a page at a time.
struct Lane {
    queue: Uuid,
    buffer: VecDeque<WaitingRow>,
    after: Option<WaitingKey>,
    exhausted: bool,
}

/// Bulk assignment for one agent: the waiting conversations of their queues, most urgent then
/// oldest first across all of them, until they are full.
async fn serve(work: &mut Work, agent: Uuid, settings: &CapacitySettings) -> Result<()> {
    let Some(mut state) = agent_state(&mut work.tx, agent, settings).await? else { return Ok(()) };
    if !state.wants_more() {
        return Ok(());
    }
    let before: HashSet<i64> = store::earlier_of_agent_waiting(&mut work.tx, agent).await?.into_iter().collect();
    let counted = settings.counted_statuses();
    let mut lanes: Vec<Lane> = serving_queues(&mut work.tx, agent, work.now)
        .await?
        .into_iter()
        .map(|queue| Lane { queue, buffer: VecDeque::new(), after: None, exhausted: false })
        .collect();
    let mut taken: Vec<WaitingRow> = Vec::new();
    while state.wants_more() {
        for lane in lanes.iter_mut().filter(|l| l.buffer.is_empty() && !l.exhausted) {
            let rows = store::waiting(&mut work.tx, lane.queue, &counted, lane.after, PAGE).await?;
            lane.exhausted = rows.len() < PAGE as usize;
            lane.after = rows.last().map(WaitingRow::key);
            lane.buffer.extend(rows);
        }
        // The head that comes first in bulk order, across the agent's queues.
        let Some(next) =
            lanes.iter_mut().filter(|l| !l.buffer.is_empty()).min_by_key(|l| l.buffer.front().map(WaitingRow::key))
        else {
            break;
        };
        let Some(row) = next.buffer.pop_front() else { break };
        if state.offer(&waiting_of(&row), before.contains(&row.id), work.now) {
            taken.push(row);
        }
    }
    let given: Vec<(&WaitingRow, Uuid)> = taken.iter().map(|r| (r, agent)).collect();
    give(work, &given).await
}

/// Bulk assignment for everyone at once: every queue (or `only` these) with automatic
/// assignment on and within working hours, every available agent, as the engine's plan orders
/// them.
async fn serve_everyone(work: &mut Work, settings: &CapacitySettings, only: Option<&[Uuid]>) -> Result<()> {
    let counted = settings.counted_statuses();
    let mut all_queues: Vec<Queue> = Vec::new();
    for q in queues::list(&mut work.tx).await? {
        if q.auto_assignment
            && only.is_none_or(|o| o.contains(&q.id))
            && crate::hours::queue_is_open(&mut work.tx, q.id, work.now).await?
        {
            all_queues.push(q);
        }
    }
    if all_queues.is_empty() {
        return Ok(());
    }
    let states = agent_states(&mut work.tx, None, settings).await?;
    work.triggers.touched.extend(states.iter().map(|s| s.agent));
    let mut rows: HashMap<i64, WaitingRow> = HashMap::new();
    let mut waiting: Vec<Vec<Waiting>> = Vec::with_capacity(all_queues.len());
    let mut member_of: HashMap<Uuid, Vec<usize>> = HashMap::new();
    for (i, q) in all_queues.iter().enumerate() {
        let list = store::waiting(&mut work.tx, q.id, &counted, None, u32::MAX).await?;
        waiting.push(list.iter().map(waiting_of).collect());
        rows.extend(list.into_iter().map(|r| (r.id, r)));
        match members(&mut work.tx, q).await? {
            None => states.iter().for_each(|s| member_of.entry(s.agent).or_default().push(i)),
            Some(ids) => ids.into_iter().for_each(|a| member_of.entry(a).or_default().push(i)),
        }
    }
    let before: HashSet<(i64, Uuid)> = store::earlier_assignees_of_waiting(&mut work.tx).await?.into_iter().collect();
    let agents: Vec<(AgentState, Vec<usize>)> = states
        .into_iter()
        .filter(AgentState::wants_more)
        .map(|s| {
            let qs = member_of.remove(&s.agent).unwrap_or_default();
            (s, qs)
        })
        .collect();
    let plan = rules::bulk_plan(agents, &waiting, |c, a| before.contains(&(c, a)), work.now);
    let given: Vec<(&WaitingRow, Uuid)> = plan.iter().filter_map(|(c, a)| rows.get(c).map(|r| (r, *a))).collect();
    give(work, &given).await
}

/// Records changes of agents' Full Capacity state: in the status log when it changes the status
/// they show, and as events.
async fn refresh(work: &mut Work, agents: &[Uuid], settings: &CapacitySettings) -> Result<()> {
    if agents.is_empty() {
        return Ok(());
    }
    let works = statuses::work_of_agents(&mut work.tx, Some(agents)).await?;
    let states = agent_states(&mut work.tx, Some(agents), settings).await?;
    // Both lists are in agent id order.
    for (w, state) in works.into_iter().zip(states) {
        let full = state.is_full();
        if switchboard_engine::status::capacity_change(w.full_capacity, full).is_none() {
            continue;
        }
        statuses::set_full_capacity(&mut work.tx, w.user_id, full).await?;
        if w.group == StatusGroup::Available {
            let shown = crate::unit::status::shown_status(&mut work.tx, w.status_id, full).await?;
            statuses::log(&mut work.tx, w.user_id, &shown, work.now).await?;
        }
        let change = crate::unit::status::status_change(&mut work.tx, w.user_id).await?;
        work.emit_status(w.user_id, change);
    }
    Ok(())
}

fn dedup<T: std::hash::Hash + Eq + Copy>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut seen = HashSet::new();
    items.into_iter().filter(|i| seen.insert(*i)).collect()
}

/// Acts on the unit's triggers: offers conversations, serves agents, then checks the Full
/// Capacity state of every agent whose occupancy changed.
pub(crate) async fn settle(work: &mut Work) -> Result<()> {
    if work.triggers.is_empty() {
        return Ok(());
    }
    let t = std::mem::take(&mut work.triggers);
    let settings = capacity::load(&mut work.tx).await?;
    for id in dedup(t.offer) {
        offer(work, id, &settings).await?;
    }
    if t.serve_everyone {
        serve_everyone(work, &settings, None).await?;
    } else if !t.opened_queues.is_empty() {
        let opened = dedup(t.opened_queues.iter().copied());
        serve_everyone(work, &settings, Some(&opened)).await?;
    }
    for agent in dedup(t.serve.iter().copied()) {
        serve(work, agent, &settings).await?;
    }
    let given = std::mem::take(&mut work.triggers.touched);
    let touched = dedup(t.touched.into_iter().chain(t.serve).chain(given));
    refresh(work, &touched, &settings).await
}
