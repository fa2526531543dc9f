import { Link } from 'react-router';
import type { DealSummaryFragment } from '../../__generated__/graphql.ts';
import { formatCalendarDate, formatCents } from '../../lib/format.ts';

/** A record's deals as a compact table. */
export function DealsList({ deals }: { deals: readonly DealSummaryFragment[] }) {
  if (deals.length === 0) return <p className="empty">No deals.</p>;
  return (
    <div className="table-frame">
      <table className="data-table" data-testid="deals-list">
        <thead>
          <tr>
            <th scope="col">Deal</th>
            <th scope="col">Stage</th>
            <th scope="col" className="numeric">
              Amount
            </th>
            <th scope="col">Expected close</th>
          </tr>
        </thead>
        <tbody>
          {deals.map((d) => (
            <tr key={d.id}>
              <th scope="row" className="cell-primary">
                <Link to={`/crm/deals/${d.id}`}>{d.title}</Link>
                <span className="cell-secondary">{d.pipeline.name}</span>
              </th>
              <td>
                <span
                  className={
                    d.status === 'WON' ? 'badge badge--gold' : d.status === 'LOST' ? 'badge badge--muted' : 'badge'
                  }
                >
                  {d.stage.name}
                </span>
              </td>
              <td className="numeric nowrap">{formatCents(d.amountCents)}</td>
              <td className="nowrap cell-muted">
                {d.expectedCloseDate ? formatCalendarDate(d.expectedCloseDate.slice(0, 10)) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
