import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { formatCents, formatDateTime, formatNumber, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { BarChart } from '../../ui/BarChart.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Splash } from '../../ui/Splash.tsx';
import {
  CampaignDocument,
  CancelCampaignDocument,
  PauseCampaignDocument,
  ResumeCampaignDocument,
  ScheduleCampaignDocument,
} from './graphql/__generated__/marketing.ts';

const rate = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—');

/** One campaign: status, audience, actions, and statistics per variant (human activity only). */
export function CampaignDetailPage() {
  const { id = '' } = useParams();
  const canSend = useHasRank('ADVISOR');
  const { data, error, refetch } = useQuery(CampaignDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
    pollInterval: 5000,
  });
  const [schedule, scheduling] = useMutation(ScheduleCampaignDocument);
  const [pause] = useMutation(PauseCampaignDocument);
  const [resume] = useMutation(ResumeCampaignDocument);
  const [cancel] = useMutation(CancelCampaignDocument);
  const campaign = data?.campaign;
  useDocumentTitle(campaign?.name ?? 'Campaign');
  if (error && !campaign) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data) return <Splash />;
  if (!campaign) return <p>This campaign does not exist or was deleted.</p>;
  const actionError = scheduling.error;
  const stats = campaign.stats;
  return (
    <section aria-labelledby="campaign-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/marketing/campaigns">Campaigns</Link>
      </nav>
      <header className="page-header">
        <h1 id="campaign-title">{campaign.name}</h1>
        <p className="page-header__meta">
          <span className="badge" data-testid="campaign-status">
            {humanize(campaign.status)}
          </span>
          {campaign.sendAt && ` · sends ${formatDateTime(campaign.sendAt)}`}
        </p>
        {canSend && (
          <div className="form-actions">
            {campaign.status === 'DRAFT' && (
              <button
                type="button"
                className="button button--primary"
                onClick={() => void schedule({ variables: { input: { id } } }).catch(() => undefined)}
              >
                Send now
              </button>
            )}
            {(campaign.status === 'SENDING' || campaign.status === 'SCHEDULED') && (
              <button type="button" className="button" onClick={() => void pause({ variables: { id } })}>
                Pause
              </button>
            )}
            {campaign.status === 'PAUSED' && (
              <button type="button" className="button" onClick={() => void resume({ variables: { id } })}>
                Resume
              </button>
            )}
            {['DRAFT', 'SCHEDULED', 'PAUSED', 'SENDING'].includes(campaign.status) && (
              <button type="button" className="button button--ghost" onClick={() => void cancel({ variables: { id } })}>
                Cancel campaign
              </button>
            )}
          </div>
        )}
      </header>
      {actionError && <ErrorNotice error={actionError} />}
      <div className="kpis">
        <div className="kpi">
          <span className="kpi__label">Recipients</span>
          <span className="kpi__value">{formatNumber(campaign.totalRecipients)}</span>
        </div>
        <div className="kpi">
          <span className="kpi__label">Sent</span>
          <span className="kpi__value" data-testid="campaign-sent">
            {formatNumber(campaign.totalSent)}
          </span>
        </div>
        <div className="kpi">
          <span className="kpi__label">Failed</span>
          <span className="kpi__value">{formatNumber(campaign.totalFailed)}</span>
        </div>
        <div className="kpi">
          <span className="kpi__label">Suppressed or skipped</span>
          <span className="kpi__value">{formatNumber(campaign.totalSuppressed)}</span>
        </div>
        <div
          className="kpi"
          title="Last touch, 30 days: a rise in a contact's booked travel value is credited to the campaign they last clicked in the 30 days before."
        >
          <span className="kpi__label">Attributed bookings</span>
          <span className="kpi__value" data-testid="campaign-attributed">
            {formatCents(campaign.attributedRevenue)}
          </span>
          <span className="kpi__hint">
            {formatNumber(campaign.attributedBookings)} booking{campaign.attributedBookings === 1 ? '' : 's'}, last
            click within 30 days
          </span>
        </div>
        <div
          className="kpi"
          title="Last touch, 30 days: a sales quote the contact accepts is credited, at its accepted total, to the campaign they last clicked in the 30 days before."
        >
          <span className="kpi__label">Attributed quotes</span>
          <span className="kpi__value" data-testid="campaign-attributed-quotes">
            {formatCents(campaign.attributedQuotes.totalCents)}
          </span>
          <span className="kpi__hint">
            {formatNumber(campaign.attributedQuotes.count)} accepted quote
            {campaign.attributedQuotes.count === 1 ? '' : 's'}, last click within 30 days
          </span>
        </div>
        <div
          className="kpi"
          title="Last touch, 30 days: a rise in the expected commission on a contact's bookings is credited to the campaign they last clicked in the 30 days before."
        >
          <span className="kpi__label">Attributed commission</span>
          <span className="kpi__value" data-testid="campaign-attributed-commission">
            {formatCents(campaign.attributedCommission)}
          </span>
          <span className="kpi__hint">Expected gross commission, last click within 30 days</span>
        </div>
      </div>
      <section className="panel" aria-labelledby="campaign-audience-title">
        <h2 id="campaign-audience-title" className="panel__title">
          Content and audience
        </h2>
        <p>
          Template:{' '}
          {campaign.template ? (
            <Link to={`/marketing/templates/${campaign.template.id}`}>{campaign.template.name}</Link>
          ) : (
            '—'
          )}
        </p>
        <p>
          Segments:{' '}
          {campaign.segments?.nodes.map((s) => `${s.name} (${formatNumber(s.memberCount)})`).join(', ') || '—'}
        </p>
        <p>Subscription type: {humanize(campaign.subscriptionType)}</p>
        <p data-testid="campaign-delivery">
          Delivery: {campaign.sendLocalTime ? `at ${campaign.sendLocalTime} in each recipient's time zone` : 'at once'}
          {' · '}
          {campaign.utm.enabled
            ? `links tagged utm_source=${campaign.utm.source}, utm_medium=${campaign.utm.medium}, utm_campaign=${campaign.utm.campaign}`
            : 'links not tagged'}
        </p>
        {campaign.variants.length > 0 && (
          <p>
            A/B test on {campaign.testPercent}% of the audience:{' '}
            {campaign.variants.map((v) => `${v.key} ${v.percent}% “${v.subject}”`).join(' · ')}
            {campaign.winnerVariant && ` — winner: ${campaign.winnerVariant}`}
          </p>
        )}
      </section>
      <section className="panel" aria-labelledby="campaign-stats-title">
        <h2 id="campaign-stats-title" className="panel__title">
          Statistics (people only: privacy-proxy opens and scanner clicks are not counted)
        </h2>
        <BarChart
          label="Unique opens and clicks per variant"
          bars={stats.flatMap((s) => [
            { label: `${s.variant ?? 'All'} unique opens`, value: s.uniqueOpens },
            { label: `${s.variant ?? 'All'} unique clicks`, value: s.uniqueClicks },
          ])}
          format={formatNumber}
        />
        <div className="table-frame">
          <table className="data-table" data-testid="campaign-stats">
            <thead>
              <tr>
                <th scope="col">Variant</th>
                {[
                  'Sent',
                  'Delivered',
                  'Opens',
                  'Unique opens',
                  'Open rate',
                  'Clicks',
                  'Unique clicks',
                  'Click rate',
                  'Bounces',
                  'Complaints',
                  'Unsubscribes',
                ].map((h) => (
                  <th key={h} scope="col" className="numeric">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {stats.map((s) => (
                <tr key={s.variant ?? 'all'}>
                  <th scope="row">{s.variant ?? 'All'}</th>
                  <td className="numeric">{formatNumber(s.sent)}</td>
                  <td className="numeric">{formatNumber(s.delivered)}</td>
                  <td className="numeric">{formatNumber(s.opens)}</td>
                  <td className="numeric">{formatNumber(s.uniqueOpens)}</td>
                  <td className="numeric">{rate(s.uniqueOpens, s.delivered)}</td>
                  <td className="numeric">{formatNumber(s.clicks)}</td>
                  <td className="numeric">{formatNumber(s.uniqueClicks)}</td>
                  <td className="numeric">{rate(s.uniqueClicks, s.delivered)}</td>
                  <td className="numeric">{formatNumber(s.bounces)}</td>
                  <td className="numeric">{formatNumber(s.complaints)}</td>
                  <td className="numeric">{formatNumber(s.unsubscribes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </section>
  );
}
