// The persistence port of the connector: webhook deliveries, the durable per-ticket job queue, the
// audit log and a small settings table. Every method returns a Promise so that a PostgreSQL
// implementation can sit behind the same interface; SQLite (create-sqlite-store.ts) is the first one.
//
// Semantics every implementation keeps (and test/store/ checks):
// - recordDelivery dedupes by (helpdesk, accountId, deliveryId) and by (helpdesk, accountId, eventId)
//   with UNIQUE constraints, and in the same transaction enqueues the ticket's job or coalesces into
//   its queued one. Calls arriving together are group-committed: one transaction, one fsync; each
//   promise resolves only after that commit, and an error rejects the whole batch.
// - One job per ticket at a time: at most one 'queued' and one 'running' job per ticket (partial
//   unique indexes). A delivery for a ticket whose job is running opens a new queued job that cannot
//   be claimed until the running one has finished, so a ticket's events are handled in order.
// - claimJob hands out the runnable job that has been due longest, including running jobs whose lease
//   expired (their worker died); every claim counts an attempt, and a job whose lease expired after
//   maxAttempts claims goes dead instead of crashing workers forever.
// - When a job goes back to 'queued' (failJob with retryAt, retryJob, releaseJobsOf) while the ticket
//   already has another queued job, that one merges into it; deliveries stay in arrival order.
// - JSON values are stored as TEXT; times are epoch milliseconds.
// - Proposals and their numbering: see proposal-store.ts.
import type { HelpdeskKind } from './helpdesk-kind.js';
import type { ProposalStore } from './proposal-store.js';

// Re-exported so that the store's users keep importing the port's types from one file.
export type { HelpdeskKind } from './helpdesk-kind.js';
export type JobState = 'queued' | 'running' | 'done' | 'dead';
export type AuditKind = 'decision' | 'guard' | 'action' | 'error';

export interface DeliveryInput {
  readonly helpdesk: HelpdeskKind;
  readonly accountId: string;
  /** The helpdesk's id for this invocation (e.g. Zendesk `x-zendesk-webhook-invocation-id`). */
  readonly deliveryId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly ticketId: string;
  /** Epoch ms; also the moment the ticket's new job becomes runnable. */
  readonly receivedAt: number;
  /** The raw JSON body, kept for replay. */
  readonly payload: string;
}

export interface DeliveryResult {
  readonly status: 'accepted' | 'duplicate';
  /** The job that carries the delivery (for a duplicate: the job of the first copy, when known). */
  readonly jobId?: number;
}

export interface Job {
  readonly id: number;
  readonly helpdesk: HelpdeskKind;
  readonly accountId: string;
  readonly ticketId: string;
  readonly state: JobState;
  readonly attempts: number;
  readonly runAfter: number;
  readonly leaseOwner: string | null;
  readonly leaseUntil: number | null;
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface JobDelivery {
  readonly deliveryId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly payload: string;
  readonly receivedAt: number;
}

export interface JobWithDeliveries extends Job {
  /** In arrival order. */
  readonly deliveries: readonly JobDelivery[];
}

export interface ClaimOptions {
  readonly workerId: string;
  readonly now: number;
  readonly leaseMs: number;
}

export interface FailOptions {
  readonly error: string;
  /** Absent, or the job has used maxAttempts claims → the job goes dead. */
  readonly retryAt?: number;
}

export interface AuditCall {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
}

export interface AuditInput {
  readonly helpdesk: HelpdeskKind;
  readonly accountId: string;
  readonly ticketId: string;
  readonly jobId?: number;
  readonly eventIds: readonly string[];
  readonly kind: AuditKind;
  readonly outcome?: string;
  readonly rule?: string;
  readonly configHash: string;
  /** Any JSON-serialisable value (the verdict, or what a guard saw). */
  readonly verdict: unknown;
  /** What the worker compares to skip re-applying the same decision (loop guard). */
  readonly fingerprint?: string;
  readonly calls: readonly AuditCall[];
  readonly at: number;
  readonly actor?: string;
  readonly note?: string;
}

export interface AuditEntry extends Omit<AuditInput, 'jobId' | 'outcome' | 'rule' | 'fingerprint' | 'actor' | 'note'> {
  readonly id: number;
  readonly jobId: number | null;
  readonly outcome: string | null;
  readonly rule: string | null;
  readonly fingerprint: string | null;
  readonly actor: string | null;
  readonly note: string | null;
}

export interface ListAuditOptions {
  readonly helpdesk?: HelpdeskKind;
  readonly accountId?: string;
  readonly ticketId?: string;
  /** One entry by its id. */
  readonly id?: number;
  /** Only these kinds (`inscope decisions` reads 'decision' and 'guard'). */
  readonly kinds?: readonly AuditKind[];
  readonly outcome?: string;
  readonly rule?: string;
  /**
   * The decision's contract (id or name) or the ticket's organization (id or name), as the decision
   * recorded them in its verdict.
   */
  readonly organization?: string;
  /** Epoch ms, inclusive. */
  readonly since?: number;
  /** Epoch ms, exclusive. */
  readonly until?: number;
  readonly limit: number;
}

export interface StoreMetrics {
  /** Transactions committed by recordDelivery's group commit. */
  readonly deliveryCommits: number;
  /** recordDelivery calls written by those transactions (accepted + duplicate). */
  readonly deliveriesWritten: number;
}

export interface Store extends ProposalStore {
  /** Applies pending numbered migrations; returns the versions it applied (none on a second run). */
  migrate(): Promise<number[]>;
  recordDelivery(delivery: DeliveryInput): Promise<DeliveryResult>;

  claimJob(options: ClaimOptions): Promise<JobWithDeliveries | null>;
  /** False when the worker no longer holds the lease (it expired and someone else claimed the job). */
  completeJob(jobId: number, workerId: string): Promise<boolean>;
  /** The job's new state, or null when the worker no longer holds the lease. */
  failJob(jobId: number, workerId: string, options: FailOptions): Promise<'queued' | 'dead' | null>;
  extendLease(jobId: number, workerId: string, options: { readonly now: number; readonly leaseMs: number }): Promise<boolean>;
  /** Graceful shutdown: the worker's running jobs go back to 'queued' without spending an attempt. */
  releaseJobsOf(workerId: string): Promise<number>;

  listJobs(options: { readonly state?: JobState; readonly limit: number }): Promise<Job[]>;
  getJob(jobId: number): Promise<JobWithDeliveries | null>;
  /** Dead → queued with attempts reset (a queued job of the same ticket merges into it); null unless it was dead. */
  retryJob(jobId: number, now: number): Promise<Job | null>;
  queueDepth(): Promise<Record<JobState, number>>;
  /**
   * Retention: deletes done jobs last updated before `before`, with their deliveries. Deleting a
   * delivery ends its dedupe, so keep at least a day (Jira redelivers up to ~30 min late). Dead
   * jobs stay for the operator; the audit log is never pruned here.
   */
  pruneDone(before: number): Promise<{ jobs: number; deliveries: number }>;

  appendAudit(entry: AuditInput): Promise<number>;
  /** Newest first. */
  listAudit(options: ListAuditOptions): Promise<AuditEntry[]>;
  /** The newest 'decision' entry for the ticket, or null. */
  lastDecision(helpdesk: HelpdeskKind, accountId: string, ticketId: string): Promise<AuditEntry | null>;

  getSetting(key: string): Promise<string | null>;
  putSetting(key: string, value: string): Promise<void>;
  /** Stores the value unless the key has one already; returns the value that is stored (first writer wins). */
  putSettingIfAbsent(key: string, value: string): Promise<string>;

  ping(): Promise<void>;
  metrics(): StoreMetrics;
  /** Writes any pending group commit, then closes the connection. */
  close(): Promise<void>;
}
