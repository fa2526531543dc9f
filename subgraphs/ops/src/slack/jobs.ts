import {
  QUEUES,
  RANK_OF,
  SERVICES,
  enqueue,
  gatewayExecutor,
  runAs,
  viewerFor,
  type GraphExecutor,
  type Job,
  type QueueProcessors,
  type Role,
  type SlackAnnounceJob,
  type Viewer,
} from '@nexus/platform';
import type { OpsDeps } from '../context.ts';
import { Delivery, type SlackPurpose } from '../entities/index.ts';
import { failPending, finishDelivery, recordAttempt, type DeliveryResult } from '../ledger/ledger.ts';
import { channelFor, countChannelEvent } from './channels.ts';
import { HELP_TEXT, parseSlackCommand } from './commands.ts';
import { createSlackApi, SlackPermanentError, type SlackApi } from './web-api.ts';

/**
 * The `slack` queue's work: commands, events and button presses acknowledged by `routes.ts` (each
 * job names its ledger entry), and every post to a Slack channel. Commands and buttons run through
 * the graph as the staff member the Slack user maps to (same email), so their rank and row rules
 * decide; an unmapped or under-ranked user gets a polite answer and nothing changes.
 */

export interface SlackRuntime {
  api: SlackApi;
  /** Runs as `service:slack` (staff lookups) or as a mapped staff member. */
  graph: GraphExecutor;
  /** Waits for the channel's next free slot (about one post per second per channel). */
  pace(channel: string): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createSlackRuntime(deps: OpsDeps): SlackRuntime {
  return {
    api: createSlackApi({ token: deps.env.SLACK_BOT_TOKEN, apiUrl: deps.env.SLACK_API_URL, log: deps.log }),
    graph: gatewayExecutor({
      gatewayUrl: deps.env.GATEWAY_URL,
      secret: deps.env.INTERNAL_TOKEN_SECRET,
      actingFor: SERVICES.slack,
    }),
    async pace(channel) {
      const key = `${deps.env.REDIS_PREFIX}:slack:pace:${channel}`;
      for (let i = 0; i < 120; i++) {
        if (await deps.redis.set(key, '1', { NX: true, PX: 1000 })) return;
        const ttl = await deps.redis.pTTL(key);
        await sleep(Math.max(20, Math.min(ttl, 1000)));
      }
    },
  };
}

const PURPOSE_OF: Record<SlackAnnounceJob['kind'], SlackPurpose> = {
  TICKET_ASSIGNED: 'SUPPORT',
  SLA_BREACH: 'SUPPORT',
  DEAL_STAGE_CHANGED: 'SALES',
  CAMPAIGN_COMPLETED: 'MARKETING',
};

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const parseJson = (text: string): Json => {
  try {
    return obj(JSON.parse(text));
  } catch {
    return {};
  }
};

/** Notes on the job which ledger entry it works on (bull keeps it with the job), for its dead letter. */
const noteDelivery = async (job: Job<unknown> | null, deliveryId: string) => {
  await job?.progress({ deliveryId }).catch(() => undefined);
};

/**
 * The dead letter of a `slack` job (attempts used up, or its worker died too often): the ledger
 * entry it worked on, if still PENDING, becomes FAILED with the last error, so nothing waits forever.
 */
export function slackDeadLetter(deps: OpsDeps) {
  return async (job: Job, err: Error): Promise<void> => {
    const fromData = obj(job.data).deliveryId;
    const fromProgress = obj(job.progress() as unknown).deliveryId;
    const id = typeof fromData === 'string' ? fromData : typeof fromProgress === 'string' ? fromProgress : null;
    if (!id) return;
    const attempts = Math.max(job.attemptsMade, 1);
    await failPending(deps, id, `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${err.message}`);
  };
}

/** One post to a channel, one ledger entry per `key`; the queue retries what Slack asks to retry. */
export async function postToSlack(
  deps: OpsDeps,
  rt: SlackRuntime,
  job: Job<unknown> | null,
  o: { key: string; channel: string; text: string; blocks?: unknown[]; summary: string },
): Promise<Delivery> {
  const state: { failure: Error | null } = { failure: null };
  const attempt = await recordAttempt(
    deps,
    {
      direction: 'OUT',
      channel: 'SLACK_POST',
      key: o.key,
      action: 'chat.postMessage',
      summary: `${o.channel}: ${o.summary}`,
      body: JSON.stringify({ channel: o.channel, text: o.text, blocks: o.blocks ?? null }),
    },
    async (delivery): Promise<DeliveryResult> => {
      await noteDelivery(job, delivery.id);
      if (!rt.api.configured) {
        deps.log.info({ channel: o.channel, text: o.text }, 'slack post (no SLACK_BOT_TOKEN: logged, not sent)');
        return { outcome: 'SUCCEEDED', effect: `logged only (no bot token) for ${o.channel}` };
      }
      await rt.pace(o.channel);
      try {
        const posted = await rt.api.postMessage({ channel: o.channel, text: o.text, blocks: o.blocks });
        return {
          outcome: 'SUCCEEDED',
          status: 200,
          response: JSON.stringify(posted),
          effect: `posted to ${o.channel}`,
          effectRefs: [{ type: 'SlackMessage', id: `${posted.channel}:${posted.ts}` }],
        };
      } catch (e) {
        const failure = e instanceof Error ? e : new Error(String(e));
        state.failure = failure;
        return { outcome: failure instanceof SlackPermanentError ? 'REFUSED' : 'FAILED', error: failure.message };
      }
    },
    { retryFailed: true },
  );
  if (attempt.kind === 'in-flight') {
    // An earlier attempt never finished (its worker died mid-post): try again later; if the job
    // gives up, the dead letter marks the entry FAILED, and an admin can replay it.
    await noteDelivery(job, attempt.delivery.id);
    throw new Error('an earlier attempt of this post has not finished');
  }
  const failed = state.failure;
  if (failed) {
    // Slack said this will never work (not in the channel, no such channel): no further attempts.
    if (failed instanceof SlackPermanentError) await job?.discard();
    throw failed;
  }
  return attempt.delivery;
}

function announcementBlocks(deps: OpsDeps, a: SlackAnnounceJob): unknown[] {
  const link = a.link ? `${deps.env.PUBLIC_URL}${a.link}` : null;
  const blocks: unknown[] = [
    { type: 'section', text: { type: 'mrkdwn', text: link ? `${a.text}\n<${link}|Open in Nexus>` : a.text } },
  ];
  if (a.actions?.length) {
    blocks.push({
      type: 'actions',
      elements: a.actions.slice(0, 5).map((b) => ({
        type: 'button',
        action_id: b.action,
        text: { type: 'plain_text', text: b.label.slice(0, 75) },
        value: b.value.slice(0, 2000),
      })),
    });
  }
  return blocks;
}

/** Answers at a command's or button's `response_url` (Slack keeps it valid for 30 minutes). */
async function respond(deps: OpsDeps, url: string, message: Json): Promise<void> {
  if (!/^https?:\/\//.test(url)) return;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) deps.log.warn({ status: res.status }, 'slack response_url refused the answer');
  } catch (err) {
    deps.log.warn({ err }, 'slack response_url unreachable');
  }
}

type Mapped = { ok: true; viewer: Viewer; name: string } | { ok: false; text: string };

/** The staff member a Slack user is: the active Nexus user with the same email. */
async function mapSlackUser(rt: SlackRuntime, slackUserId: string, requestId: string): Promise<Mapped> {
  if (!rt.api.configured)
    return {
      ok: false,
      text: 'Nexus is not fully connected to Slack yet (no bot token), so it cannot tell who you are.',
    };
  const email = slackUserId ? await rt.api.userEmail(slackUserId) : null;
  if (!email)
    return {
      ok: false,
      text: 'Sorry, Nexus could not find an email on your Slack profile, so it cannot tell who you are.',
    };
  const found = await runAs(
    rt.graph,
    SERVICES.slack,
    {
      query:
        'query SlackStaff($search: String!) { users(first: 10, filter: { search: $search, active: true }) { nodes { id email name role active } } }',
      variables: { search: email },
    },
    requestId,
  );
  if (!found.ok) throw new Error(`staff lookup failed: ${found.message}`);
  const nodes = (obj(found.data.users).nodes ?? []) as {
    id: string;
    email: string;
    name: string;
    role: Role;
    active: boolean;
  }[];
  const user = nodes.find((u) => u.active && u.email.toLowerCase() === email);
  if (!user)
    return {
      ok: false,
      text: `Sorry, ${email} is not a Nexus staff account, so Nexus did nothing. Ask an admin to add you with that email.`,
    };
  return { ok: true, viewer: viewerFor(user.id, user.role, { requestId }), name: user.name };
}

const NEEDS: Record<'ticket' | 'contact' | 'deal' | 'ticket-assign-me' | 'deal-move', Role> = {
  ticket: 'AGENT',
  contact: 'VIEWER',
  deal: 'VIEWER',
  'ticket-assign-me': 'AGENT',
  'deal-move': 'ADVISOR',
};

const underRanked = (viewer: Viewer, what: keyof typeof NEEDS) =>
  viewer.rank < RANK_OF[NEEDS[what]]
    ? `Sorry, that needs the ${NEEDS[what].toLowerCase()} role or above in Nexus; yours is ${String(viewer.role).toLowerCase()}. Nothing was changed.`
    : null;

const money = (cents: number, currency = 'USD') =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);

interface Reply {
  result: DeliveryResult;
  message: Json;
}

const refused = (text: string): Reply => ({
  result: { outcome: 'REFUSED', status: 200, response: text, effect: null, error: text },
  message: { response_type: 'ephemeral', text },
});

async function runCommand(rt: SlackRuntime, f: URLSearchParams, requestId: string): Promise<Reply> {
  const command = parseSlackCommand(f.get('text') ?? '');
  if (command.kind === 'help')
    return {
      result: { outcome: 'SUCCEEDED', effect: 'help shown' },
      message: { response_type: 'ephemeral', text: HELP_TEXT },
    };
  const who = await mapSlackUser(rt, f.get('user_id') ?? '', requestId);
  if (!who.ok) return refused(who.text);
  const low = underRanked(who.viewer, command.kind);
  if (low) return refused(low);
  const graph = (query: string, variables: Json) => runAs(rt.graph, who.viewer, { query, variables }, requestId);

  if (command.kind === 'ticket') {
    const r = await graph(
      'mutation SlackTicket($input: CreateTicketInput!) { createTicket(input: $input) { id reference subject } }',
      {
        input: {
          subject: command.subject,
          description: `Opened from Slack by ${who.name} in #${f.get('channel_name') ?? f.get('channel_id') ?? 'slack'}.`,
          source: 'SLACK',
        },
      },
    );
    if (!r.ok) return graphRefusal(r);
    const t = obj(r.data.createTicket);
    return {
      result: {
        outcome: 'SUCCEEDED',
        status: 200,
        effect: `ticket ${str(t.reference)} opened by ${who.name}`,
        effectRefs: [{ type: 'Ticket', id: str(t.id) }],
      },
      message: { response_type: 'in_channel', text: `Ticket ${str(t.reference)} opened: ${str(t.subject)}` },
    };
  }
  if (command.kind === 'contact') {
    const r = await graph(
      'query SlackContact($search: String!) { contacts(first: 5, filter: { search: $search }) { totalCount nodes { id firstName lastName email phone lifecycleStage } } }',
      { search: command.query },
    );
    if (!r.ok) return graphRefusal(r);
    const c = obj(r.data.contacts);
    const nodes = (c.nodes ?? []) as Json[];
    const lines = nodes.map(
      (n) =>
        `• ${[str(n.firstName), str(n.lastName)].filter(Boolean).join(' ')}${n.email ? ` <${str(n.email)}>` : ''}${n.phone ? `, ${str(n.phone)}` : ''}${n.lifecycleStage ? ` (${str(n.lifecycleStage).toLowerCase()})` : ''}`,
    );
    return {
      result: { outcome: 'SUCCEEDED', status: 200, effect: `contact lookup: ${nodes.length} shown` },
      message: {
        response_type: 'ephemeral',
        text: nodes.length
          ? `Contacts matching “${command.query}”:\n${lines.join('\n')}`
          : `No contact matches “${command.query}”.`,
      },
    };
  }
  const r = await graph(
    'query SlackDeal($search: String!) { deals(first: 5, filter: { search: $search }) { nodes { id title amountCents currency status stage { name } } } }',
    { search: command.query },
  );
  if (!r.ok) return graphRefusal(r);
  const nodes = (obj(r.data.deals).nodes ?? []) as Json[];
  const lines = nodes.map(
    (n) =>
      `• ${str(n.title)}: ${str(obj(n.stage).name)} (${str(n.status).toLowerCase()}), ${money(Number(n.amountCents ?? 0), str(n.currency) || 'USD')}`,
  );
  return {
    result: { outcome: 'SUCCEEDED', status: 200, effect: `deal lookup: ${nodes.length} shown` },
    message: {
      response_type: 'ephemeral',
      text: nodes.length
        ? `Deals matching “${command.query}”:\n${lines.join('\n')}`
        : `No deal matches “${command.query}”.`,
    },
  };
}

/** A refusal the graph gave (rank, row rule, bad input) becomes a polite answer; outages are retried. */
function graphRefusal(r: { ok: false; code: string; message: string }): Reply {
  if (r.code === 'UPSTREAM_UNAVAILABLE' || r.code === 'INTERNAL_SERVER_ERROR' || r.code === 'RATE_LIMITED')
    throw new Error(`graph: ${r.code} ${r.message}`);
  return refused(`Sorry, Nexus refused: ${r.message} Nothing was changed.`);
}

async function runInteraction(rt: SlackRuntime, payload: Json, requestId: string): Promise<Reply> {
  const action = obj(Array.isArray(payload.actions) ? payload.actions[0] : null);
  const actionId = str(action.action_id);
  const value = str(action.value);
  if (actionId !== 'ticket-assign-me' && actionId !== 'deal-move') return refused('Nexus does not know that button.');
  const who = await mapSlackUser(rt, str(obj(payload.user).id), requestId);
  if (!who.ok) return refused(who.text);
  const low = underRanked(who.viewer, actionId);
  if (low) return refused(low);
  const graph = (query: string, variables: Json) => runAs(rt.graph, who.viewer, { query, variables }, requestId);
  if (actionId === 'ticket-assign-me') {
    const r = await graph(
      'mutation SlackAssign($input: AssignTicketInput!) { assignTicket(input: $input) { id reference } }',
      { input: { id: value, assigneeId: who.viewer.id } },
    );
    if (!r.ok) return graphRefusal(r);
    const t = obj(r.data.assignTicket);
    return {
      result: {
        outcome: 'SUCCEEDED',
        status: 200,
        effect: `${str(t.reference)} assigned to ${who.name}`,
        effectRefs: [{ type: 'Ticket', id: str(t.id) }],
      },
      message: {
        response_type: 'in_channel',
        replace_original: false,
        text: `${str(t.reference)} is now assigned to ${who.name}.`,
      },
    };
  }
  const read = await graph(
    'query SlackDealStages($id: ID!) { deal(id: $id) { id title stage { id position } pipeline { stages(first: 30) { nodes { id name position outcome } } } } }',
    { id: value },
  );
  if (!read.ok) return graphRefusal(read);
  const deal = obj(read.data.deal);
  if (!deal.id) return refused('That deal no longer exists. Nothing was changed.');
  const position = Number(obj(deal.stage).position ?? 0);
  const stages = ((obj(obj(deal.pipeline).stages).nodes ?? []) as Json[]).sort(
    (a, b) => Number(a.position) - Number(b.position),
  );
  const next = stages.find((s) => Number(s.position) > position && s.outcome !== 'LOST');
  if (!next) return refused(`${str(deal.title)} is already in its last stage. Nothing was changed.`);
  const moved = await graph(
    'mutation SlackMoveDeal($input: MoveDealInput!) { moveDeal(input: $input) { id title stage { name } } }',
    {
      input: { dealId: value, stageId: str(next.id) },
    },
  );
  if (!moved.ok) return graphRefusal(moved);
  const d = obj(moved.data.moveDeal);
  return {
    result: {
      outcome: 'SUCCEEDED',
      status: 200,
      effect: `${str(d.title)} moved to ${str(obj(d.stage).name)} by ${who.name}`,
      effectRefs: [{ type: 'Deal', id: str(d.id) }],
    },
    message: {
      response_type: 'in_channel',
      replace_original: false,
      text: `${str(d.title)} moved to ${str(obj(d.stage).name)} by ${who.name}.`,
    },
  };
}

/** The pending delivery a job names, or null when it was already handled (a redelivered job). */
async function pending(deps: OpsDeps, id: string): Promise<Delivery | null> {
  const d = await deps.orm.em.fork().findOne(Delivery, { id });
  return d && d.outcome === 'PENDING' ? d : null;
}

/** Stores the outcome first, then answers: a failed answer never runs the command twice. */
async function finishAndRespond(deps: OpsDeps, d: Delivery, url: string, reply: Reply) {
  await finishDelivery(deps, d.id, {
    ...reply.result,
    response: reply.result.response ?? JSON.stringify(reply.message),
  });
  await respond(deps, url, reply.message);
}

/** Where the `slack-health` job reads a component's latest state and the one last posted. */
const healthKeys = (deps: OpsDeps) => ({
  latest: `${deps.env.REDIS_PREFIX}:slack:health:latest`,
  posted: `${deps.env.REDIS_PREFIX}:slack:health:posted`,
});

/**
 * Tells #monitoring about a component's health change, debounced: the state is noted now and one
 * job per component and window (`SLACK_HEALTH_DEBOUNCE_MS`) posts whatever the state is when the
 * window closes, and only if it differs from what was last posted. A flapping service posts at most
 * once per window, and not at all if it ends where it started.
 */
export async function announceHealthChange(deps: OpsDeps, component: string, status: string, detail?: string) {
  const keys = healthKeys(deps);
  await deps.redis.hSet(
    keys.latest,
    component,
    JSON.stringify({ status, detail: detail ?? null, at: deps.clock().toISOString() }),
  );
  const window = deps.env.SLACK_HEALTH_DEBOUNCE_MS;
  const slot = window > 0 ? Math.floor(deps.clock().getTime() / window) : deps.clock().getTime();
  const em = deps.orm.em.fork();
  enqueue(
    em,
    QUEUES.slack,
    'slack-health',
    { component },
    { jobId: `slack-health:${component}:${slot}`, delayMs: window },
  );
  await em.flush();
}

export function slackProcessors(deps: OpsDeps, rt: SlackRuntime = createSlackRuntime(deps)): QueueProcessors<'slack'> {
  return {
    'slack-command': async (job) => {
      const d = await pending(deps, job.data.deliveryId);
      if (!d) return { skipped: true };
      const f = new URLSearchParams(d.requestBody ?? '');
      const reply = await runCommand(rt, f, `slack-${d.id}`);
      await finishAndRespond(deps, d, f.get('response_url') ?? '', reply);
      return { outcome: reply.result.outcome };
    },
    'slack-interaction': async (job) => {
      const d = await pending(deps, job.data.deliveryId);
      if (!d) return { skipped: true };
      const payload = parseJson(new URLSearchParams(d.requestBody ?? '').get('payload') ?? '');
      const reply = await runInteraction(rt, payload, `slack-${d.id}`);
      await finishAndRespond(deps, d, str(payload.response_url), reply);
      return { outcome: reply.result.outcome };
    },
    'slack-event': async (job) => {
      const d = await pending(deps, job.data.deliveryId);
      if (!d) return { skipped: true };
      const body = parseJson(d.requestBody ?? '');
      const event = obj(body.event);
      const type = str(event.type);
      const channel = str(event.channel) || str(obj(event.item).channel);
      const at = typeof body.event_time === 'number' ? new Date(body.event_time * 1000) : deps.clock();
      if (channel) {
        await countChannelEvent(
          deps.orm.em.fork(),
          channel,
          type === 'reaction_added' ? 'reaction' : type === 'app_mention' ? 'mention' : 'message',
          at,
        );
      }
      await finishDelivery(deps, d.id, {
        outcome: 'SUCCEEDED',
        status: 200,
        effect: channel ? `${type} counted in ${channel}` : `${type} noted`,
      });
      if (type === 'app_mention' && channel) {
        await postToSlack(deps, rt, null, {
          key: `mention-reply:${str(body.event_id)}`,
          channel,
          text: HELP_TEXT,
          summary: 'help, answering a mention',
        }).catch((err: unknown) => deps.log.warn({ err }, 'mention reply not posted'));
      }
      return { type };
    },
    'slack-announce': async (job) => {
      const a = job.data;
      const channel = await channelFor(deps.orm.em.fork(), PURPOSE_OF[a.kind]);
      const d = await postToSlack(deps, rt, job as Job<unknown>, {
        key: a.dedupeKey,
        channel,
        text: a.text,
        blocks: announcementBlocks(deps, a),
        summary: `${a.kind.toLowerCase()}: ${a.text}`.slice(0, 300),
      });
      return { deliveryId: d.id, outcome: d.outcome };
    },
    'slack-health': async (job) => {
      const keys = healthKeys(deps);
      const { component } = job.data;
      const latestRaw = await deps.redis.hGet(keys.latest, component);
      if (!latestRaw) return { skipped: true };
      const latest = JSON.parse(latestRaw) as { status: string; detail: string | null; at: string };
      const posted = await deps.redis.hGet(keys.posted, component);
      if (posted === latest.status) return { unchanged: true };
      const channel = await channelFor(deps.orm.em.fork(), 'MONITORING');
      const icon =
        latest.status === 'UP'
          ? ':large_green_circle:'
          : latest.status === 'DOWN'
            ? ':red_circle:'
            : ':large_yellow_circle:';
      await postToSlack(deps, rt, job as Job<unknown>, {
        key: `health:${component}:${latest.status}:${latest.at}`,
        channel,
        text: `${icon} ${component} is ${latest.status.toLowerCase()}${latest.detail ? `: ${latest.detail}` : ''}`,
        summary: `health: ${component} ${latest.status}`,
      });
      await deps.redis.hSet(keys.posted, component, latest.status);
      return { posted: latest.status };
    },
  };
}

/** Exposed for the hub: whether Slack's secrets are set (never their values). */
export const slackConfiguration = (deps: OpsDeps) => ({
  signingSecretSet: !!deps.env.SLACK_SIGNING_SECRET,
  botTokenSet: !!deps.env.SLACK_BOT_TOKEN,
  apiUrl: deps.env.SLACK_API_URL,
});

/**
 * An admin's replay of a Slack post: the stored message is posted again (Slack shows it twice if the
 * first one did arrive; that is what replay means). Inbound Slack deliveries are not replayed: a
 * command or button would act a second time in someone's name.
 */
export function slackReplayers(deps: OpsDeps, rt: SlackRuntime = createSlackRuntime(deps)) {
  return {
    SLACK_POST: async (d: Delivery): Promise<DeliveryResult> => {
      const m = parseJson(d.requestBody ?? '');
      const channel = str(m.channel);
      if (!channel) return { outcome: 'REFUSED', error: 'the stored post names no channel' };
      if (!rt.api.configured) return { outcome: 'SUCCEEDED', effect: `logged only (no bot token) for ${channel}` };
      await rt.pace(channel);
      try {
        const posted = await rt.api.postMessage({
          channel,
          text: str(m.text),
          blocks: Array.isArray(m.blocks) ? m.blocks : undefined,
        });
        return {
          outcome: 'SUCCEEDED',
          status: 200,
          response: JSON.stringify(posted),
          effect: `posted to ${channel} again`,
          effectRefs: [{ type: 'SlackMessage', id: `${posted.channel}:${posted.ts}` }],
        };
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        return { outcome: err instanceof SlackPermanentError ? 'REFUSED' : 'FAILED', error: err.message };
      }
    },
  };
}
