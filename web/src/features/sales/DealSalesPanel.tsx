import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useHasRank } from '../../lib/useHasRank.ts';
import { SalesDealPanelDocument } from './graphql/__generated__/sales.ts';
import { formatAmount } from './money.ts';

/** On a deal's page: its quotes (and a new one) and the playbooks for its current stage. */
export function DealSalesPanel({ dealId, stageId }: { dealId: string; stageId: string | null }) {
  const canQuote = useHasRank('ADVISOR');
  const { data } = useQuery(SalesDealPanelDocument, {
    variables: { dealId, stageId },
    fetchPolicy: 'cache-and-network',
  });
  const deal = data?.deal;
  return (
    <section aria-labelledby="deal-sales-title" data-testid="deal-sales-panel">
      <h2 id="deal-sales-title">Quotes</h2>
      <ul>
        {deal?.quotes?.nodes.map((q) => (
          <li key={q.id}>
            <Link to={`/sales/quotes/${q.id}`}>{q.reference}</Link> · {q.title} · {q.status.toLowerCase()} ·{' '}
            {formatAmount(q.totals.total, q.currency)}
          </li>
        ))}
      </ul>
      {canQuote && (
        <Link className="button" to={`/sales/quotes/new?dealId=${encodeURIComponent(dealId)}`}>
          New quote
        </Link>
      )}
      {!!deal?.playbooks?.nodes.length && (
        <>
          <h2>Playbook</h2>
          {deal.playbooks.nodes.map((p) => (
            <div key={p.id}>
              <h3>{p.name}</h3>
              {p.sections.map((s) => (
                <div key={s.title}>
                  <h4>{s.title}</h4>
                  <ul>
                    {s.items.map((i) => (
                      <li key={i.key}>
                        {i.kind === 'QUESTION' ? '? ' : '☐ '}
                        {i.text}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          ))}
        </>
      )}
    </section>
  );
}
