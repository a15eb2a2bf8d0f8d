//! The contact center's directory: agents, end users, queues and their members, tags.

use crate::auth::{ensure_may_configure, principal};
use crate::{Result, Service, ServiceError};
use switchboard_engine::access::{self, Principal};
use switchboard_engine::content::validate_name;
use switchboard_engine::kinds::TagState;
use switchboard_engine::people::PersonDetails;
use switchboard_engine::user::{Role, Roles, UserType};
use switchboard_store::end_users::{self, EndUser};
use switchboard_store::queues::{self, Member, Queue};
use switchboard_store::tags::{self, Tag};
use switchboard_store::users::{self, User};
use switchboard_store::Tx;
use uuid::Uuid;

/// A page of results and the key of the last item, when more may follow.
#[derive(Debug, Clone)]
pub struct Page<T, K> {
    pub items: Vec<T>,
    pub next: Option<K>,
}

/// Builds a page from `limit + 1` fetched rows: the extra row only says that more exist.
pub(crate) fn page<T, K>(mut rows: Vec<T>, limit: u32, key: impl Fn(&T) -> K) -> Page<T, K> {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = if more { rows.last().map(key) } else { None };
    Page { items: rows, next }
}

fn clean(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn check_email(email: &Option<String>) -> Result<()> {
    match email {
        Some(e) if !e.contains('@') || e.len() > 320 => {
            Err(ServiceError::Invalid(format!("Invalid email address '{e}'")))
        }
        _ => Ok(()),
    }
}

/// A new agent, admin or bot.
#[derive(Debug, Clone, Default)]
pub struct NewAgent {
    pub display_name: String,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub user_type: Option<UserType>,
    pub roles: Option<Vec<Role>>,
}

/// Changes to an agent; unset fields stay. An empty string clears an optional field.
#[derive(Debug, Clone, Default)]
pub struct AgentChanges {
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub roles: Option<Vec<Role>>,
    pub enabled: Option<bool>,
}

/// Fields of an end user; on create every field is taken as given, on patch only the set ones.
#[derive(Debug, Clone, Default)]
pub struct EndUserFields {
    pub display_name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub external_id: Option<String>,
    /// Standard person attributes to set (null clears one); the others stay.
    pub person: Option<serde_json::Map<String, serde_json::Value>>,
    /// `Some(None)` takes the person out of their company.
    pub company_id: Option<Option<Uuid>>,
}

/// Checks that a company named in a request exists.
async fn check_company(tx: &mut Tx, company: Option<Uuid>) -> Result<()> {
    if let Some(id) = company {
        switchboard_store::companies::get(tx, id)
            .await?
            .ok_or_else(|| ServiceError::Invalid(format!("Company {id} does not exist")))?;
    }
    Ok(())
}

/// Queue settings a supervisor can change.
#[derive(Debug, Clone, Default)]
pub struct QueueChanges {
    pub name: Option<String>,
    pub auto_assignment: Option<bool>,
    pub notify_new_conversation: Option<bool>,
    pub notify_new_message: Option<bool>,
    pub notify_desktop: Option<bool>,
    pub notify_sound: Option<bool>,
    pub mode: Option<switchboard_engine::assignment::QueueMode>,
}

impl Service {
    // ---- agents ----

    pub async fn create_agent(&self, by: &User, input: NewAgent) -> Result<User> {
        ensure_may_configure(by)?;
        let user_type = input.user_type.unwrap_or(UserType::Agent);
        let default_roles = match user_type {
            UserType::Agent => vec![Role::Agent],
            UserType::Admin => vec![Role::Manager, Role::AnalyticsManager, Role::AccountManager],
            UserType::Bot => vec![],
        };
        let roles = Roles::new(input.roles.unwrap_or(default_roles))?;
        access::may_administer(principal(by), false, None, Principal { user_type, roles: &roles })?;
        let email = clean(input.email);
        check_email(&email)?;
        let mut work = self.work().await?;
        if let Some(e) = &email {
            if users::find_by_email(&mut work.tx, e).await?.is_some() {
                return Err(ServiceError::Conflict(format!("An agent with email {e} already exists")));
            }
        }
        let user = User {
            id: Uuid::new_v4(),
            user_type,
            display_name: validate_name("displayName", &input.display_name, 200)?,
            email,
            phone_number: clean(input.phone_number),
            first_name: clean(input.first_name),
            last_name: clean(input.last_name),
            roles,
            enabled: true,
            created_at: work.now,
        };
        users::insert(&mut work.tx, &user).await?;
        self.finish(work).await?;
        Ok(user)
    }

    /// Changes an agent's details, roles or enabled state. Nobody can disable themselves, so an
    /// installation always keeps someone able to change its setup.
    pub async fn patch_agent(&self, by: &User, id: Uuid, changes: AgentChanges) -> Result<User> {
        ensure_may_configure(by)?;
        let mut work = self.work().await?;
        let mut user = users::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Agent {id} not found")))?;
        // Who may change this user comes first, before any other rule is looked at.
        let new_roles = changes.roles.map(Roles::new).transpose()?;
        let after = Principal { user_type: user.user_type, roles: new_roles.as_ref().unwrap_or(&user.roles) };
        access::may_administer(principal(by), id == by.id, Some(principal(&user)), after)?;
        if let Some(name) = changes.display_name {
            user.display_name = validate_name("displayName", &name, 200)?;
        }
        if let Some(email) = changes.email {
            let email = clean(Some(email));
            check_email(&email)?;
            if let Some(e) = &email {
                if users::find_by_email(&mut work.tx, e).await?.is_some_and(|other| other.id != id) {
                    return Err(ServiceError::Conflict(format!("An agent with email {e} already exists")));
                }
            }
            user.email = email;
        }
        if let Some(v) = changes.phone_number {
            user.phone_number = clean(Some(v));
        }
        if let Some(v) = changes.first_name {
            user.first_name = clean(Some(v));
        }
        if let Some(v) = changes.last_name {
            user.last_name = clean(Some(v));
        }
        if let Some(roles) = new_roles {
            user.roles = roles;
        }
        if let Some(enabled) = changes.enabled {
            if !enabled && id == by.id {
                return Err(ServiceError::Conflict("You can't disable yourself".into()));
            }
            if !enabled && user.enabled && user.user_type == UserType::Admin {
                let admins = users::list(&mut work.tx, &[UserType::Admin], None, 1000).await?;
                if admins.iter().filter(|a| a.enabled).count() <= 1 {
                    return Err(ServiceError::Conflict("The last enabled admin can't be disabled".into()));
                }
            }
            user.enabled = enabled;
        }
        work.reach_changed = true;
        users::update(&mut work.tx, &user).await?;
        self.finish(work).await?;
        Ok(user)
    }

    pub async fn agent(&self, id: Uuid) -> Result<User> {
        let mut tx = self.store().read().await?;
        users::get(&mut tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Agent {id} not found")))
    }

    pub async fn agents(&self, after: Option<(i64, String)>, limit: u32) -> Result<Page<User, (i64, String)>> {
        let mut tx = self.store().read().await?;
        let rows = users::list(&mut tx, &[UserType::Agent, UserType::Admin, UserType::Bot], after, limit + 1).await?;
        Ok(page(rows, limit, |u| (u.created_at.timestamp_millis(), u.id.to_string())))
    }

    // ---- end users ----

    pub async fn create_end_user(&self, input: EndUserFields) -> Result<EndUser> {
        let email = clean(input.email);
        check_email(&email)?;
        let person = match &input.person {
            Some(patch) => PersonDetails::default().patched(patch)?,
            None => PersonDetails::default(),
        };
        let company_id = input.company_id.flatten();
        let mut work = self.work().await?;
        check_company(&mut work.tx, company_id).await?;
        let user = EndUser {
            id: Uuid::new_v4(),
            display_name: clean(input.display_name),
            first_name: clean(input.first_name),
            last_name: clean(input.last_name),
            email,
            phone_number: clean(input.phone_number),
            external_id: clean(input.external_id),
            person,
            company_id,
            created_at: work.now,
            updated_at: work.now,
            anonymized_at: None,
        };
        if let Some(ext) = &user.external_id {
            let taken = end_users::list(
                &mut work.tx,
                &end_users::Filter { external_id: Some(ext.clone()), ..Default::default() },
                None,
                1,
            )
            .await?;
            if !taken.is_empty() {
                return Err(ServiceError::Conflict(format!("An end user with externalId {ext} already exists")));
            }
        }
        end_users::insert(&mut work.tx, &user).await?;
        self.finish(work).await?;
        Ok(user)
    }

    pub async fn end_user(&self, id: Uuid) -> Result<EndUser> {
        let mut tx = self.store().read().await?;
        end_users::get(&mut tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("End user {id} not found")))
    }

    pub async fn end_users(
        &self,
        filter: &end_users::Filter,
        after: Option<(i64, String)>,
        limit: u32,
    ) -> Result<Page<EndUser, (i64, String)>> {
        let mut tx = self.store().read().await?;
        let rows = end_users::list(&mut tx, filter, after, limit + 1).await?;
        Ok(page(rows, limit, |u| (u.created_at.timestamp_millis(), u.id.to_string())))
    }

    /// Changes the given fields; an empty string clears a field.
    pub async fn patch_end_user(&self, id: Uuid, changes: EndUserFields) -> Result<EndUser> {
        let mut work = self.work().await?;
        let mut user = end_users::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("End user {id} not found")))?;
        let set = |field: &mut Option<String>, value: Option<String>| {
            if let Some(v) = value {
                *field = clean(Some(v));
            }
        };
        set(&mut user.display_name, changes.display_name);
        set(&mut user.first_name, changes.first_name);
        set(&mut user.last_name, changes.last_name);
        set(&mut user.email, changes.email);
        set(&mut user.phone_number, changes.phone_number);
        if let Some(patch) = &changes.person {
            user.person = user.person.patched(patch)?;
        }
        if let Some(company) = changes.company_id {
            check_company(&mut work.tx, company).await?;
            user.company_id = company;
        }
        if let Some(ext) = changes.external_id {
            let ext = clean(Some(ext));
            if let Some(e) = &ext {
                let others = end_users::list(
                    &mut work.tx,
                    &end_users::Filter { external_id: Some(e.clone()), ..Default::default() },
                    None,
                    2,
                )
                .await?;
                if others.iter().any(|o| o.id != id) {
                    return Err(ServiceError::Conflict(format!("An end user with externalId {e} already exists")));
                }
            }
            user.external_id = ext;
        }
        check_email(&user.email)?;
        user.updated_at = work.now;
        end_users::update(&mut work.tx, &user).await?;
        self.finish(work).await?;
        Ok(user)
    }

    // ---- queues ----

    pub async fn create_queue(&self, by: &User, name: Option<String>) -> Result<Queue> {
        ensure_may_configure(by)?;
        let mut work = self.work().await?;
        let name = match name {
            Some(n) => validate_name("name", &n, 200)?,
            // Supervisors rename later; a fresh queue gets a numbered placeholder name.
            None => {
                let mut n = queues::list(&mut work.tx).await?.len();
                while queues::name_taken(&mut work.tx, &format!("Queue #{n}")).await? {
                    n += 1;
                }
                format!("Queue #{n}")
            }
        };
        let queue = Queue {
            id: Uuid::new_v4(),
            name,
            is_default: false,
            auto_assignment: true,
            notify_new_conversation: true,
            notify_new_message: true,
            notify_desktop: true,
            notify_sound: true,
            mode: switchboard_engine::assignment::QueueMode::default(),
            created_at: work.now,
        };
        queues::insert(&mut work.tx, &queue).await?;
        // New queues keep the default working hours (existing ones keep theirs when it changes).
        if let Some(period_id) = crate::hours::default_period_id(&mut work.tx).await? {
            let hours = switchboard_store::hours::QueueHours { period_id: Some(period_id), ..Default::default() };
            switchboard_store::hours::set_of_queue(&mut work.tx, queue.id, &hours).await?;
        }
        self.finish(work).await?;
        Ok(queue)
    }

    pub async fn queue(&self, id: Uuid) -> Result<Queue> {
        let mut tx = self.store().read().await?;
        queues::get(&mut tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Queue {id} not found")))
    }

    pub async fn queues(&self) -> Result<Vec<Queue>> {
        let mut tx = self.store().read().await?;
        Ok(queues::list(&mut tx).await?)
    }

    pub async fn update_queue(&self, by: &User, id: Uuid, changes: QueueChanges) -> Result<Queue> {
        ensure_may_configure(by)?;
        let mut work = self.work().await?;
        let mut queue = queues::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Queue {id} not found")))?;
        if let Some(name) = changes.name {
            queue.name = validate_name("name", &name, 200)?;
        }
        if let Some(v) = changes.auto_assignment {
            if v && !queue.auto_assignment {
                // Turned on: the queue's waiting conversations go to its available agents.
                work.triggers.serve_everyone = true;
            }
            queue.auto_assignment = v;
        }
        if let Some(m) = changes.mode {
            queue.mode = m;
        }
        if let Some(v) = changes.notify_new_conversation {
            queue.notify_new_conversation = v;
        }
        if let Some(v) = changes.notify_new_message {
            queue.notify_new_message = v;
        }
        if let Some(v) = changes.notify_desktop {
            queue.notify_desktop = v;
        }
        if let Some(v) = changes.notify_sound {
            queue.notify_sound = v;
        }
        queues::update(&mut work.tx, &queue).await?;
        self.finish(work).await?;
        Ok(queue)
    }

    /// Adds agents to a queue. All or nothing: one unknown id or a bot refuses the whole request.
    pub async fn add_queue_members(&self, by: &User, queue_id: Uuid, agent_ids: &[Uuid]) -> Result<Vec<Member>> {
        ensure_may_configure(by)?;
        let mut work = self.work().await?;
        let queue = queues::get(&mut work.tx, queue_id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Queue {queue_id} not found")))?;
        for id in agent_ids {
            let user = users::get(&mut work.tx, *id)
                .await?
                .ok_or_else(|| ServiceError::Invalid(format!("Agent {id} not found")))?;
            if !user.user_type.handles_conversations() {
                return Err(ServiceError::Invalid(format!("User {id} is not agent/admin")));
            }
            if !queue.is_default {
                work.reach_changed = true;
                queues::add_member(&mut work.tx, queue_id, *id, work.now).await?;
                // A new member may take the queue's waiting work.
                work.triggers.serve.push(*id);
            }
        }
        let members = members_of(&mut work.tx, &queue).await?;
        self.finish(work).await?;
        Ok(members)
    }

    /// Removes agents from a queue. Everyone belongs to the Default queue, so it refuses.
    pub async fn remove_queue_members(&self, by: &User, queue_id: Uuid, agent_ids: &[Uuid]) -> Result<Vec<Member>> {
        ensure_may_configure(by)?;
        let mut work = self.work().await?;
        let queue = queues::get(&mut work.tx, queue_id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Queue {queue_id} not found")))?;
        if queue.is_default {
            return Err(ServiceError::Conflict(
                "Every agent belongs to the Default queue; members can't be removed from it".into(),
            ));
        }
        for id in agent_ids {
            work.reach_changed = true;
            queues::remove_member(&mut work.tx, queue_id, *id).await?;
        }
        let members = members_of(&mut work.tx, &queue).await?;
        self.finish(work).await?;
        Ok(members)
    }

    /// Deletes a queue that holds no active conversation (409 otherwise); the Default queue
    /// stays. Routes leading to it must be changed first.
    pub async fn delete_queue(&self, by: &User, id: Uuid) -> Result<()> {
        ensure_may_configure(by)?;
        let mut work = self.work().await?;
        let queue = queues::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Queue {id} not found")))?;
        if queue.is_default {
            return Err(ServiceError::Conflict("The Default queue can't be deleted".into()));
        }
        let active = queues::active_conversations(&mut work.tx, id).await?;
        if active > 0 {
            return Err(ServiceError::Conflict(format!(
                "Queue {} has {active} active conversation(s); only a queue without active conversations can be deleted",
                queue.name
            )));
        }
        let routes: Vec<String> = switchboard_store::routes::list(&mut work.tx)
            .await?
            .into_iter()
            .filter(|r| r.queue_id == id)
            .map(|r| r.name)
            .collect();
        if !routes.is_empty() {
            return Err(ServiceError::Conflict(format!(
                "Queue {} is the destination of route(s) {}; change or delete them first",
                queue.name,
                routes.join(", ")
            )));
        }
        work.reach_changed = true;
        queues::delete(&mut work.tx, id, work.now).await?;
        self.finish(work).await
    }

    /// Whether queues limit senders (the installation-wide switch; off by default).
    pub async fn senders_per_queue(&self) -> Result<bool> {
        let mut tx = self.store().read().await?;
        senders_switch(&mut tx).await
    }

    pub async fn set_senders_per_queue(&self, by: &User, on: bool) -> Result<bool> {
        ensure_may_configure(by)?;
        let mut work = self.work().await?;
        switchboard_store::settings::put(&mut work.tx, SENDERS_KEY, &serde_json::Value::Bool(on)).await?;
        self.finish(work).await?;
        Ok(on)
    }

    /// The queue's senders, the default first among equals (flagged).
    pub async fn queue_senders(&self, queue_id: Uuid) -> Result<Vec<queues::Sender>> {
        let mut tx = self.store().read().await?;
        queues::get(&mut tx, queue_id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Queue {queue_id} not found")))?;
        Ok(queues::senders(&mut tx, queue_id).await?)
    }

    /// Replaces the queue's senders. One is the default: the one named, else the first.
    pub async fn set_queue_senders(
        &self,
        by: &User,
        queue_id: Uuid,
        senders: Vec<String>,
        default: Option<String>,
    ) -> Result<Vec<queues::Sender>> {
        ensure_may_configure(by)?;
        let mut cleaned: Vec<String> = Vec::new();
        for s in senders {
            let s = validate_name("senders", &s, 320)?;
            if !cleaned.iter().any(|c| c.eq_ignore_ascii_case(&s)) {
                cleaned.push(s);
            }
        }
        let default =
            match default.map(|d| d.trim().to_owned()) {
                Some(d) => Some(cleaned.iter().find(|c| c.eq_ignore_ascii_case(&d)).cloned().ok_or_else(|| {
                    ServiceError::Invalid(format!("The default sender {d} is not among the senders"))
                })?),
                None => cleaned.first().cloned(),
            };
        let list: Vec<queues::Sender> = cleaned
            .into_iter()
            .map(|s| queues::Sender { is_default: Some(&s) == default.as_ref(), sender: s })
            .collect();
        let mut work = self.work().await?;
        queues::get(&mut work.tx, queue_id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Queue {queue_id} not found")))?;
        queues::set_senders(&mut work.tx, queue_id, &list).await?;
        self.finish(work).await?;
        Ok(list)
    }

    pub async fn queue_members(&self, queue_id: Uuid) -> Result<Vec<Member>> {
        let mut tx = self.store().read().await?;
        let queue = queues::get(&mut tx, queue_id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Queue {queue_id} not found")))?;
        members_of(&mut tx, &queue).await
    }

    /// The queues an agent belongs to (the Default queue included).
    pub async fn queues_of(&self, agent_id: Uuid) -> Result<Vec<Uuid>> {
        let mut tx = self.store().read().await?;
        let mut ids = queues::joined_by(&mut tx, agent_id).await?;
        if users::get(&mut tx, agent_id).await?.is_some_and(|u| u.user_type.handles_conversations()) {
            ids.insert(0, self.default_queue_id());
        }
        Ok(ids)
    }

    // ---- tags ----

    pub async fn create_tag(&self, by: &User, name: &str, color: Option<String>) -> Result<Tag> {
        ensure_may_configure(by)?;
        let name = validate_name("name", name, 100)?;
        let color = clean(color);
        if let Some(c) = &color {
            let hex = c.strip_prefix('#').unwrap_or("");
            if !(hex.len() == 6 || hex.len() == 3) || !hex.chars().all(|ch| ch.is_ascii_hexdigit()) {
                return Err(ServiceError::Invalid(format!("Invalid color '{c}'; use #RRGGBB")));
            }
        }
        let mut work = self.work().await?;
        if tags::list(&mut work.tx).await?.iter().any(|t| t.name.eq_ignore_ascii_case(&name)) {
            return Err(ServiceError::Conflict(format!("A tag named {name} already exists")));
        }
        let tag = Tag { id: Uuid::new_v4(), name, color, state: TagState::Active, created_at: work.now };
        tags::insert(&mut work.tx, &tag).await?;
        self.finish(work).await?;
        Ok(tag)
    }

    pub async fn set_tag_state(&self, by: &User, id: Uuid, state: TagState) -> Result<Tag> {
        ensure_may_configure(by)?;
        let mut work = self.work().await?;
        let mut tag =
            tags::get(&mut work.tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Tag {id} not found")))?;
        tags::set_state(&mut work.tx, id, state).await?;
        self.finish(work).await?;
        tag.state = state;
        Ok(tag)
    }

    pub async fn tag(&self, id: Uuid) -> Result<Tag> {
        let mut tx = self.store().read().await?;
        tags::get(&mut tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Tag {id} not found")))
    }

    pub async fn tags(&self) -> Result<Vec<Tag>> {
        let mut tx = self.store().read().await?;
        Ok(tags::list(&mut tx).await?)
    }
}

const SENDERS_KEY: &str = "senders.perQueue";

/// The "select senders for each queue" switch.
pub(crate) async fn senders_switch(tx: &mut Tx) -> Result<bool> {
    Ok(switchboard_store::settings::get(tx, SENDERS_KEY).await?.and_then(|v| v.as_bool()).unwrap_or(false))
}

/// Every agent and admin belongs to the Default queue without being added; other queues have
/// the members they were given.
pub(crate) async fn members_of(tx: &mut Tx, queue: &Queue) -> Result<Vec<Member>> {
    if !queue.is_default {
        return Ok(queues::members(tx, queue.id).await?);
    }
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let page = users::list(tx, &[UserType::Agent, UserType::Admin], after.clone(), 500).await?;
        let done = page.len() < 500;
        after = page.last().map(|u| (u.created_at.timestamp_millis(), u.id.to_string()));
        out.extend(
            page.into_iter()
                .filter(|u| u.user_type.handles_conversations())
                .map(|u| Member { user_id: u.id, added_at: u.created_at }),
        );
        if done {
            return Ok(out);
        }
    }
}

/// Whether the user belongs to the queue (see [`members_of`]).
pub(crate) async fn is_member(tx: &mut Tx, queue: &Queue, user: Uuid) -> Result<bool> {
    if queue.is_default {
        return Ok(users::get(tx, user).await?.is_some_and(|u| u.user_type.handles_conversations()));
    }
    Ok(queues::has_member(tx, queue.id, user).await?)
}

/// One item of a bulk request: the created or changed record, or why it was refused.
pub type Bulk<T> = std::result::Result<T, ServiceError>;

impl Service {
    /// Creates several agents; each refused item is reported and the others kept.
    pub async fn create_agents(&self, by: &User, inputs: Vec<NewAgent>) -> Result<Vec<Bulk<User>>> {
        ensure_may_configure(by)?;
        let mut out = Vec::with_capacity(inputs.len());
        for input in inputs {
            out.push(match self.create_agent(by, input).await {
                Err(ServiceError::Store(e)) => return Err(ServiceError::Store(e)),
                other => other,
            });
        }
        Ok(out)
    }

    /// Replaces an agent's details (Dixa's update): fields left out are cleared.
    pub async fn replace_agent(&self, by: &User, id: Uuid, input: NewAgent) -> Result<User> {
        let changes = AgentChanges {
            display_name: Some(input.display_name),
            email: Some(input.email.unwrap_or_default()),
            phone_number: Some(input.phone_number.unwrap_or_default()),
            first_name: Some(input.first_name.unwrap_or_default()),
            last_name: Some(input.last_name.unwrap_or_default()),
            roles: input.roles,
            enabled: None,
        };
        self.patch_agent(by, id, changes).await
    }

    /// Removes an agent from service: disabled, out of every queue and team, tokens revoked.
    /// The record stays, so conversations and logs keep their author.
    pub async fn delete_agent(&self, by: &User, id: Uuid) -> Result<()> {
        ensure_may_configure(by)?;
        if id == by.id {
            return Err(ServiceError::Conflict("You can't delete yourself".into()));
        }
        let mut work = self.work().await?;
        let mut user = users::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Agent {id} not found")))?;
        access::may_administer(principal(by), false, Some(principal(&user)), principal(&user))?;
        if user.user_type == UserType::Admin && user.enabled {
            let admins = users::list(&mut work.tx, &[UserType::Admin], None, 1000).await?;
            if admins.iter().filter(|a| a.enabled).count() <= 1 {
                return Err(ServiceError::Conflict("The last enabled admin can't be deleted".into()));
            }
        }
        user.enabled = false;
        users::update(&mut work.tx, &user).await?;
        for queue in queues::joined_by(&mut work.tx, id).await? {
            queues::remove_member(&mut work.tx, queue, id).await?;
        }
        work.reach_changed = true;
        switchboard_store::teams::leave_all(&mut work.tx, id).await?;
        switchboard_store::tokens::revoke_all(&mut work.tx, id).await?;
        self.finish(work).await
    }

    /// Creates several end users; each refused item is reported and the others kept.
    pub async fn create_end_users(&self, inputs: Vec<EndUserFields>) -> Result<Vec<Bulk<EndUser>>> {
        let mut out = Vec::with_capacity(inputs.len());
        for input in inputs {
            out.push(match self.create_end_user(input).await {
                Err(ServiceError::Store(e)) => return Err(ServiceError::Store(e)),
                other => other,
            });
        }
        Ok(out)
    }

    /// Patches several end users; each refused item is reported and the others kept.
    pub async fn patch_end_users(&self, changes: Vec<(Uuid, EndUserFields)>) -> Result<Vec<Bulk<EndUser>>> {
        let mut out = Vec::with_capacity(changes.len());
        for (id, fields) in changes {
            out.push(match self.patch_end_user(id, fields).await {
                Err(ServiceError::Store(e)) => return Err(ServiceError::Store(e)),
                other => other,
            });
        }
        Ok(out)
    }

    /// Replaces an end user's details (Dixa's update): fields left out are cleared.
    pub async fn replace_end_user(&self, id: Uuid, fields: EndUserFields) -> Result<EndUser> {
        let all = EndUserFields {
            display_name: Some(fields.display_name.unwrap_or_default()),
            first_name: Some(fields.first_name.unwrap_or_default()),
            last_name: Some(fields.last_name.unwrap_or_default()),
            email: Some(fields.email.unwrap_or_default()),
            phone_number: Some(fields.phone_number.unwrap_or_default()),
            external_id: Some(fields.external_id.unwrap_or_default()),
            // Person details and company are not part of Dixa's end user: kept unless given.
            person: fields.person,
            company_id: fields.company_id,
        };
        self.patch_end_user(id, all).await
    }

    /// The custom attribute values set on an end user.
    pub async fn end_user_attributes(
        &self,
        id: Uuid,
    ) -> Result<Vec<(switchboard_store::custom_attributes::Definition, switchboard_engine::attributes::AttributeValue)>>
    {
        let mut tx = self.store().read().await?;
        end_users::get(&mut tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("End user {id} not found")))?;
        Ok(switchboard_store::custom_attributes::values_of(
            &mut tx,
            switchboard_engine::attributes::AttributeEntity::Contact,
            &id.to_string(),
        )
        .await?)
    }
}
