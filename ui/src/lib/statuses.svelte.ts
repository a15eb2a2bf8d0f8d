// Reactive agent status state: the signed-in agent's own status (header switcher) and the live
// work board of Settings, both kept current from AgentStatusChanged and assignment events.
import type { AgentStatus, AgentWork } from "./api/types";
import type { LiveEvent } from "./events";
import { applyStatusEvent, changesLoad, choosableStatuses, statusViewOf, upsertWork, type StatusView } from "./statuses";

/** The slice of the API client the status stores need (a fake in tests). */
export interface StatusApi {
  agentStatuses(includeDeleted?: boolean): Promise<AgentStatus[]>;
  agentWork(agentId: string): Promise<AgentWork>;
  agentsWork(): Promise<AgentWork[]>;
  setAgentStatus(agentId: string, statusId: string): Promise<AgentWork>;
}

/** The signed-in agent's status: what the header shows and the statuses they may pick. */
export class MyStatusStore {
  /** Null until loaded (or when it could not be). */
  view = $state.raw<StatusView | null>(null);
  statuses = $state.raw<AgentStatus[]>([]);
  choices = $derived(choosableStatuses(this.statuses));
  /** The status id being set. */
  busyId = $state<string | null>(null);

  constructor(
    private readonly api: Pick<StatusApi, "agentStatuses" | "agentWork" | "setAgentStatus">,
    readonly agentId: string,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** Loads the agent's status and the statuses to pick from. */
  async load(): Promise<void> {
    const [work, statuses] = await Promise.allSettled([this.api.agentWork(this.agentId), this.api.agentStatuses()]);
    if (work.status === "fulfilled") this.view = statusViewOf(work.value);
    else this.onError(work.reason);
    if (statuses.status === "fulfilled") this.statuses = statuses.value;
    else this.onError(statuses.reason);
  }

  /** Reloads the statuses to pick from (they may have been renamed or added), quietly. */
  async loadStatuses(): Promise<void> {
    try {
      this.statuses = await this.api.agentStatuses();
    } catch {
      // The list already shown stays; choosing reports any real problem.
    }
  }

  /** Sets the agent's status; resolves true when the server took it. */
  async choose(statusId: string): Promise<boolean> {
    if (this.busyId) return false;
    this.busyId = statusId;
    try {
      this.view = statusViewOf(await this.api.setAgentStatus(this.agentId, statusId));
      return true;
    } catch (err) {
      this.onError(err);
      return false;
    } finally {
      this.busyId = null;
    }
  }

  /** Follows the live stream: the agent's own status changes, and a reload after missed events. */
  handle(live: LiveEvent): void {
    if (live.kind === "agentStatus") {
      if (live.event.agentId !== this.agentId) return;
      this.view = live.event.status;
      if (!this.statuses.some((s) => s.id === live.event.status.statusId)) void this.loadStatuses();
    } else if (live.kind === "resync") {
      void this.load();
    }
  }
}

/** How long the board waits for a burst of assignment events to end before reloading. */
export const BOARD_RELOAD_DELAY_MS = 800;

/** Every agent's work state for the Settings board. */
export class BoardStore {
  works = $state.raw<AgentWork[]>([]);
  statuses = $state.raw<AgentStatus[]>([]);
  choices = $derived(choosableStatuses(this.statuses));
  loaded = $state(false);
  loading = $state(false);
  /** The agent whose status is being set. */
  busyAgentId = $state<string | null>(null);

  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by every full load, so a row fetched before it doesn't undo it. */
  private generation = 0;

  constructor(
    private readonly api: StatusApi,
    private readonly onError: (err: unknown) => void = () => {},
    private readonly delayMs = BOARD_RELOAD_DELAY_MS,
  ) {}

  /** Loads every agent's work state (and the statuses); `report` false keeps polls quiet. */
  async load(report = true): Promise<void> {
    const gen = ++this.generation;
    this.loading = true;
    try {
      const [works, statuses] = await Promise.all([this.api.agentsWork(), this.api.agentStatuses()]);
      if (gen !== this.generation) return;
      this.works = works;
      this.statuses = statuses;
    } catch (err) {
      if (report && gen === this.generation) this.onError(err);
    } finally {
      if (gen === this.generation) {
        this.loading = false;
        this.loaded = true;
      }
    }
  }

  /** Refetches one agent's row. */
  async reloadRow(agentId: string): Promise<void> {
    const gen = this.generation;
    try {
      const work = await this.api.agentWork(agentId);
      if (gen === this.generation) this.works = upsertWork(this.works, work);
    } catch {
      // A disabled or deleted agent: the next full load drops the row.
    }
  }

  /** Reloads the statuses to pick from, quietly. */
  async reloadStatuses(): Promise<void> {
    try {
      this.statuses = await this.api.agentStatuses();
    } catch {
      // The next full load tries again.
    }
  }

  /** Reloads the whole board once a burst of events is over. */
  scheduleReload(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.load(false);
    }, this.delayMs);
  }

  /** Sets an agent's status; resolves true when the server took it. */
  async setStatus(agentId: string, statusId: string): Promise<boolean> {
    if (this.busyAgentId) return false;
    this.busyAgentId = agentId;
    try {
      this.works = upsertWork(this.works, await this.api.setAgentStatus(agentId, statusId));
      return true;
    } catch (err) {
      this.onError(err);
      return false;
    } finally {
      this.busyAgentId = null;
    }
  }

  /** Follows the live stream: status changes show at once (then the row is refetched), assignments reload the board. */
  handle(live: LiveEvent): void {
    if (live.kind === "agentStatus") {
      const { event } = live;
      const known = this.works.some((w) => w.agentId === event.agentId);
      if (known) this.works = this.works.map((w) => applyStatusEvent(w, event, this.statuses));
      void this.reloadRow(event.agentId);
      // A status created since the board loaded: the status menus need it.
      if (!this.statuses.some((s) => s.id === event.status.statusId)) void this.reloadStatuses();
    } else if (live.kind === "conversation") {
      if (changesLoad(live.event.type)) this.scheduleReload();
    } else {
      this.scheduleReload();
    }
  }

  /** Stops a pending reload (the board was closed). */
  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
