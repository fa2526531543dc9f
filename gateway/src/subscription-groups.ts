import diagnostics_channel from 'node:diagnostics_channel';
import {
  Kind,
  getNamedType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLError,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import {
  limitExceeded,
  type ChangeEvent,
  type EventBus,
  type EventTopic,
  type Logger,
  type Viewer,
} from '@nexus/platform';

/**
 * Whose answer a subscription's re-read is, per subscription field (named after its event topic).
 *
 * - `rank`: every type listed reads the same rows and fields for every caller of the same rank
 *   (the subgraph's rules for them are the `@rank` directives and nothing else). Subscribers with
 *   the same document, variables and rank share one re-read. The declaration covers the listed types
 *   only (their `…Connection`/`…Edge` wrappers and `PageInfo` included): a selection reaching any
 *   other type is read per viewer.
 * - `viewer`: rows or fields depend on who asks (own notifications, tickets assigned to an agent,
 *   `mine`): one re-read per viewer.
 *
 * Every topic must be classified (the `satisfies` below fails to compile otherwise). Declare `rank`
 * only after checking the read path of each listed type in its subgraph: no resolver, loader or
 * service on it may read the viewer's id (or anything of the viewer but its rank).
 */
export type ReadScope = { scope: 'rank'; types: readonly string[] } | { scope: 'viewer'; because: string };

/**
 * crm's deals, contacts and companies and what they link to inside crm, and identity's users: read
 * by rank alone. Tasks are left out (agents work "their" tasks), as is everything other subgraphs
 * add to deals and contacts (quotes, bookings, travellers, email consent).
 */
const CRM_RECORDS = [
  'Deal',
  'Contact',
  'Company',
  'Pipeline',
  'PipelineStage',
  'PipelineSummary',
  'StageTotal',
  'Activity',
  'DealStageChange',
  'LeadScoreChange',
  'User',
] as const;

export const SUBSCRIPTION_READ_SCOPES = {
  contactChanged: { scope: 'rank', types: CRM_RECORDS },
  dealChanged: { scope: 'rank', types: CRM_RECORDS },
  notificationAdded: { scope: 'viewer', because: 'each user reads only their own notifications' },
  integrationHealthChanged: { scope: 'rank', types: ['IntegrationHealth', 'IntegrationProbe'] },
  ticketChanged: { scope: 'viewer', because: 'agents read only unassigned tickets and their own' },
  ticketPresenceChanged: {
    scope: 'viewer',
    because: 'presence is read through the ticket and says which entry is mine',
  },
  segmentMembershipChanged: { scope: 'rank', types: ['Segment'] },
  deliveryRecorded: { scope: 'rank', types: ['Delivery', 'DeliveryEffectRef'] },
  serviceHealthChanged: { scope: 'rank', types: ['HealthChange'] },
  commissionReconciliationRunChanged: {
    scope: 'rank',
    types: ['CommissionReconciliationRun', 'CommissionDiscrepancy', 'User'],
  },
  bookingSyncRunChanged: { scope: 'rank', types: ['BookingSyncRun', 'User'] },
  portalTripChanged: { scope: 'viewer', because: 'each traveller reads only the trips they are on' },
  workflowEnrolmentChanged: { scope: 'rank', types: ['WorkflowEnrolment', 'WorkflowStepRun', 'Workflow'] },
} as const satisfies Record<EventTopic, ReadScope>;

/**
 * The scope one subscription's re-read runs under: `rank` only when its topic is declared so and
 * every object the selection reaches is one of the declared types; `viewer` otherwise.
 */
export function readScopeOf(
  schema: GraphQLSchema,
  topic: EventTopic,
  entity: GraphQLCompositeType,
  selection: SelectionSetNode | undefined,
  fragments: readonly FragmentDefinitionNode[],
): 'rank' | 'viewer' {
  const declared: ReadScope = SUBSCRIPTION_READ_SCOPES[topic];
  if (declared.scope !== 'rank') return 'viewer';
  const allowed = new Set<string>(['PageInfo']);
  for (const t of declared.types) allowed.add(t).add(`${t}Connection`).add(`${t}Edge`);
  const byName = new Map(fragments.map((f) => [f.name.value, f]));
  const visited = new Set<string>();
  const within = (type: GraphQLCompositeType, set: SelectionSetNode | undefined): boolean => {
    if (!allowed.has(type.name)) return false;
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value.startsWith('__')) continue;
        if (isUnionType(type)) return false;
        const def = type.getFields()[s.name.value];
        if (!def) return false;
        const named = getNamedType(def.type);
        if (isObjectType(named) || isInterfaceType(named) || isUnionType(named)) {
          if (!within(named, s.selectionSet)) return false;
        } else if (s.selectionSet) return false;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const cond = s.typeCondition ? schema.getType(s.typeCondition.name.value) : type;
        if (!cond || !(isObjectType(cond) || isInterfaceType(cond) || isUnionType(cond))) return false;
        if (!within(cond, s.selectionSet)) return false;
      } else {
        const fragment = byName.get(s.name.value);
        if (!fragment) return false;
        const cond = schema.getType(fragment.typeCondition.name.value);
        if (!cond || !(isObjectType(cond) || isInterfaceType(cond) || isUnionType(cond))) return false;
        // A fragment spread twice under the same type says nothing new (and cycles are invalid).
        const seen = `${type.name}/${fragment.name.value}`;
        if (visited.has(seen)) continue;
        visited.add(seen);
        if (!within(cond, fragment.selectionSet)) return false;
      }
    }
    return true;
  };
  return within(entity, selection) ? 'rank' : 'viewer';
}

/** Who a group's re-read runs as: the viewer, or (rank scope) any caller of the same kind and rank. */
export const identityKey = (viewer: Viewer, scope: 'rank' | 'viewer'): string =>
  // A traveller's reads are scoped to their own records: never shared with anyone else.
  viewer.kind === 'client'
    ? `client:${viewer.id ?? ''}:${viewer.client?.ttClientId ?? ''}:${viewer.client?.ttTravelerId ?? ''}:${viewer.client?.access ?? ''}`
    : scope === 'rank'
      ? `rank:${viewer.kind}:${viewer.rank}`
      : `viewer:${viewer.kind}:${viewer.id ?? ''}:${viewer.apiKeyId ?? ''}:${viewer.service ?? ''}:${viewer.rank}`;

/** JSON with object keys sorted, so equal variables give equal keys whatever order they came in. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/**
 * Published once per re-read, after its payload has been handed to every member
 * (diagnostics_channel `nexus:subscriptions:hydration`), so metrics and tests count re-reads per
 * event without timing anything. Costs nothing while nobody listens.
 */
export interface HydrationMessage {
  topic: EventTopic;
  eventId: string;
  scope: 'rank' | 'viewer' | 'unshared';
  /** Members the event matched (filters, audience), all served by this one re-read. */
  subscribers: number;
  /** Members the payload went to (the rest: not visible to the group, or a credential check failed). */
  delivered: number;
}
export const HYDRATION_CHANNEL = 'nexus:subscriptions:hydration';
const hydrationChannel = diagnostics_channel.channel(HYDRATION_CHANNEL);

/** What every subscriber of one group shares: the re-read, printed once at subscribe time. */
export interface GroupSpec {
  topic: EventTopic;
  /** The group key: the re-read's document, its variables and the identity it runs as. */
  key: string;
  scope: 'rank' | 'viewer' | 'unshared';
  /** The re-read query, printed once; `$__eventId` carries the event's id. */
  query: string;
  /** Only the variables the re-read uses. */
  variables: Record<string, unknown>;
}

/** The socket side of a subscriber (the connection it came on). */
export interface SubscriberConnection {
  viewer: Viewer;
  ip: string;
  closed: boolean;
}

export type Recheck = { ok: true } | { ok: false; revoked: true } | { ok: false; revoked: false; error: GraphQLError };

export interface Subscriber<C extends SubscriberConnection> {
  conn: C;
  /** The subscription field's filter arguments: an event must carry the same values. */
  filters: Record<string, unknown>;
  /** The response key (alias or field name) its payload goes under. */
  responseKey: string;
  push: (value: ExecutionResult) => void;
}

export interface SubscriptionGroupsOptions<C extends SubscriberConnection> {
  bus: EventBus;
  log: Logger;
  maxGroups: number;
  maxSubscribers: number;
  /** Runs the group's re-read as `viewer`; null when there is nothing to deliver. */
  hydrate: (spec: GroupSpec, viewer: Viewer, ip: string, eventId: string) => Promise<ExecutionResult | null>;
  /** The credential check an HTTP request would get, per connection. */
  recheck: (conn: C) => Promise<Recheck>;
  /**
   * The credential a connection signed in with. Connections holding the same one share its check
   * for an event (the same credential at the same moment has one answer); when that check does not
   * pass, each connection is checked on its own.
   */
  credentialOf?: (conn: C) => string;
  /** What a subscriber sees when its credential could not be checked for an event. */
  unavailable: (error: GraphQLError) => GraphQLError;
  /**
   * Told of every event before its re-reads start: a change was confirmed, so no re-read may be
   * answered by a subgraph read that began before it (request merging).
   */
  changed?: () => void;
}

interface Group<C extends SubscriberConnection> {
  spec: GroupSpec;
  members: Set<Subscriber<C>>;
}

interface TopicEntry<C extends SubscriberConnection> {
  groups: Set<Group<C>>;
  ready: Promise<() => Promise<void>>;
}

/**
 * Subscribers in groups whose answer to an event must be identical: each event is re-read once per
 * group and the same payload goes to every member that the event's filters and audience match and
 * whose credential still holds. One bus subscription per topic. The number of groups and of
 * subscribers in this process is capped (LIMIT_EXCEEDED beyond).
 */
export class SubscriptionGroups<C extends SubscriberConnection> {
  private readonly groups = new Map<string, Group<C>>();
  private readonly topics = new Map<EventTopic, TopicEntry<C>>();
  private subscribers = 0;
  private readonly o: SubscriptionGroupsOptions<C>;

  constructor(o: SubscriptionGroupsOptions<C>) {
    this.o = o;
  }

  stats(): { groups: number; subscribers: number } {
    return { groups: this.groups.size, subscribers: this.subscribers };
  }

  /**
   * Adds a subscriber to the group of `spec.key` (created when absent), synchronously, or throws
   * LIMIT_EXCEEDED. `ready` settles once the topic is subscribed on the bus; `leave` is idempotent.
   */
  join(spec: GroupSpec, member: Subscriber<C>): { ready: Promise<void>; leave: () => Promise<void> } {
    if (this.subscribers >= this.o.maxSubscribers)
      throw limitExceeded(
        `This server already holds ${this.o.maxSubscribers} subscriptions, the most it serves at once. Try again later or on another server.`,
        { limit: this.o.maxSubscribers },
      );
    let group = this.groups.get(spec.key);
    if (!group) {
      if (this.groups.size >= this.o.maxGroups)
        throw limitExceeded(
          `This server already serves ${this.o.maxGroups} distinct live queries, the most it serves at once. Try again later or subscribe with a document others use.`,
          { limit: this.o.maxGroups },
        );
      group = { spec, members: new Set() };
      this.groups.set(spec.key, group);
    }
    // Also for a group whose topic subscription failed and was dropped: this one retries it.
    const entry = this.topicEntry(spec.topic);
    entry.groups.add(group);
    group.members.add(member);
    this.subscribers += 1;
    const joined = group;
    let left = false;
    return {
      ready: entry.ready.then(() => undefined),
      leave: async () => {
        if (left) return;
        left = true;
        joined.members.delete(member);
        this.subscribers -= 1;
        if (joined.members.size > 0) return;
        this.groups.delete(joined.spec.key);
        const current = this.topics.get(joined.spec.topic);
        if (!current) return;
        current.groups.delete(joined);
        if (current.groups.size > 0) return;
        this.topics.delete(joined.spec.topic);
        const unsubscribe = await current.ready.catch(() => null);
        await unsubscribe?.();
      },
    };
  }

  private topicEntry(topic: EventTopic): TopicEntry<C> {
    let entry = this.topics.get(topic);
    if (!entry) {
      const groups = new Set<Group<C>>();
      const ready = this.o.bus.subscribe(topic, (event: ChangeEvent) => this.onEvent(topic, groups, event));
      const created: TopicEntry<C> = { groups, ready };
      ready.catch((err: unknown) => {
        this.o.log.warn({ err, topic }, 'subscription topic not subscribed');
        if (this.topics.get(topic) === created) this.topics.delete(topic);
      });
      entry = created;
      this.topics.set(topic, entry);
    }
    return entry;
  }

  private onEvent(topic: EventTopic, groups: ReadonlySet<Group<C>>, event: ChangeEvent): void {
    this.o.changed?.();
    // One credential check per credential and event, however many connections and subscriptions
    // hold it; a check that does not pass is redone per connection, so each one is closed or told.
    const byCredential = new Map<string, Promise<Recheck>>();
    const byConnection = new Map<C, Promise<Recheck>>();
    const recheck = (conn: C): Promise<Recheck> => {
      let check = byConnection.get(conn);
      if (check) return check;
      const credential = this.o.credentialOf?.(conn);
      const shared = credential === undefined ? undefined : byCredential.get(credential);
      if (shared) {
        check = shared.then((r): Recheck | Promise<Recheck> =>
          r.ok ? (conn.closed ? { ok: false, revoked: true } : r) : this.o.recheck(conn),
        );
      } else {
        check = this.o.recheck(conn);
        if (credential !== undefined) byCredential.set(credential, check);
      }
      byConnection.set(conn, check);
      return check;
    };
    for (const group of groups) {
      const matching: Subscriber<C>[] = [];
      for (const m of group.members) if (matches(m, event)) matching.push(m);
      if (matching.length) void this.deliver(topic, group.spec, matching, event, recheck);
    }
  }

  private async deliver(
    topic: EventTopic,
    spec: GroupSpec,
    members: Subscriber<C>[],
    event: ChangeEvent,
    recheck: (conn: C) => Promise<Recheck>,
  ): Promise<void> {
    const first = members[0];
    if (!first) return;
    // The re-read and the credential checks run side by side; only members whose check passes get
    // the answer. Every member's answer is the same by the group's key, so who it runs as is moot.
    const hydration = this.o.hydrate(spec, first.conn.viewer, first.conn.ip, event.id).catch((err: unknown) => {
      this.o.log.warn({ err, topic }, 'subscription event not delivered');
      return null;
    });
    const checks = members.map((m) => recheck(m.conn).catch((): Recheck => ({ ok: false, revoked: true })));
    const [result, outcomes] = await Promise.all([hydration, Promise.all(checks)]);
    const node = (result?.data as { node?: unknown } | null | undefined)?.node;
    const errors = result?.errors?.length ? [...result.errors] : undefined;
    let delivered = 0;
    members.forEach((m, i) => {
      const check = outcomes[i];
      if (!check || m.conn.closed) return;
      if (!check.ok) {
        if (!check.revoked) m.push({ errors: [this.o.unavailable(check.error)] });
        return;
      }
      // Not visible to this group (or gone): nothing to deliver.
      if (node === null || node === undefined) return;
      m.push({ data: { [m.responseKey]: node }, ...(errors ? { errors } : {}) });
      delivered += 1;
    });
    if (hydrationChannel.hasSubscribers)
      hydrationChannel.publish({
        topic,
        eventId: event.id,
        scope: spec.scope,
        subscribers: members.length,
        delivered,
      } satisfies HydrationMessage);
  }
}

/** The old per-subscriber filter: the event's audience, and each filter argument that was given. */
function matches(m: Subscriber<SubscriberConnection>, event: ChangeEvent): boolean {
  if (m.conn.closed) return false;
  if (event.audienceUserId && event.audienceUserId !== m.conn.viewer.id) return false;
  for (const [name, value] of Object.entries(m.filters)) {
    if (value !== null && value !== undefined && event[name] !== value) return false;
  }
  return true;
}
