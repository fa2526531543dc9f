import {
  SERVICES,
  gatewayExecutor,
  runAs,
  type GraphExecutor,
  type Job,
  type JobData,
  type Logger,
} from '@nexus/platform';
import type { SalesEnv } from '../env.ts';

type DealMove = JobData<'sales', 'quote-deal-move'>;

interface StageInfo {
  id: string;
  position: number;
  outcome: 'OPEN' | 'WON' | 'LOST';
  ttDealStage: string | null;
}
interface DealInfo {
  id: string;
  status: 'OPEN' | 'WON' | 'LOST';
  stage: StageInfo;
  pipeline: { stages: { nodes: StageInfo[] } | null };
}

const STAGE = 'id position outcome ttDealStage';
const READ_DEAL = `query SalesQuoteDeal($id: ID!) { deal(id: $id) { id status stage { ${STAGE} } pipeline { stages(first: 100) { nodes { ${STAGE} } } } } }`;
const MOVE_DEAL = 'mutation SalesQuoteMoveDeal($input: MoveDealInput!) { moveDeal(input: $input) { id stage { id } } }';

/** The TT-API deal stage each quote event stands for; accepted is configurable (WON by default). */
const targetStage = (event: DealMove['event'], env: Pick<SalesEnv, 'SALES_QUOTE_ACCEPTED_STAGE'>) =>
  ({ SENT: 'PROPOSAL_SENT', VIEWED: 'PROPOSAL_VIEWED', ACCEPTED: env.SALES_QUOTE_ACCEPTED_STAGE })[event];

/**
 * Which stage the deal should move to, or null when it stays: a pipeline without a matching stage
 * (a leisure pipeline has no "proposal viewed"), a closed deal, or a deal already past the target
 * (a quote event never moves a deal backwards).
 */
export function stageToMoveTo(
  deal: DealInfo,
  event: DealMove['event'],
  env: Pick<SalesEnv, 'SALES_QUOTE_ACCEPTED_STAGE'>,
) {
  if (deal.status !== 'OPEN') return null;
  const stages = deal.pipeline.stages?.nodes ?? [];
  const wanted = targetStage(event, env);
  const target =
    stages.find((s) => s.ttDealStage === wanted) ??
    (event === 'ACCEPTED' ? stages.find((s) => s.outcome === 'WON') : undefined);
  if (!target || target.id === deal.stage.id) return null;
  if (target.outcome === 'OPEN' && target.position <= deal.stage.position) return null;
  return target;
}

/**
 * Moves a quote's deal through the gateway as `service:sales-quotes`, so crm's ranks, stage rules,
 * history and the audit log apply as to a person. A failure throws, so bull retries with backoff
 * and finally alerts the admins; a deal that has gone (deleted) is logged and dropped.
 */
export function dealMoveProcessor(env: SalesEnv, log: Logger, execute?: GraphExecutor) {
  const run = execute ?? gatewayExecutor({ gatewayUrl: env.GATEWAY_URL, secret: env.INTERNAL_TOKEN_SECRET });
  return async (job: Job<DealMove>) => {
    const { dealId, event, quoteId } = job.data;
    const requestId = `sales-deal-move:${quoteId}:${event}:${String(job.id)}`;
    const read = await runAs(run, SERVICES.salesQuotes, { query: READ_DEAL, variables: { id: dealId } }, requestId);
    if (!read.ok) throw new Error(`reading deal ${dealId} failed: ${read.code} ${read.message}`);
    const deal = read.data.deal as DealInfo | null;
    if (!deal) {
      log.warn({ dealId, quoteId, event }, 'quote deal is gone; nothing to move');
      return { moved: false };
    }
    const target = stageToMoveTo(deal, event, env);
    if (!target) return { moved: false };
    const moved = await runAs(
      run,
      SERVICES.salesQuotes,
      { query: MOVE_DEAL, variables: { input: { dealId, stageId: target.id } } },
      requestId,
    );
    if (!moved.ok) throw new Error(`moving deal ${dealId} failed: ${moved.code} ${moved.message}`);
    log.info({ dealId, quoteId, event, stageId: target.id }, 'moved the deal of a quote');
    return { moved: true, stageId: target.id };
  };
}
