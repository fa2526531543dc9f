/**
 * What the family owes (payment access): the payment schedule with a "Pay" button per open
 * installment (the provider's checkout, or the agency's instructions), and invoices with balances.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { formatCalendarDate, formatCents, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { PortalPayInstallmentDocument, PortalPaymentsDocument } from './__generated__/payments.ts';

export function PaymentsPage() {
  useDocumentTitle('Payments');
  const q = useQuery(PortalPaymentsDocument, { fetchPolicy: 'cache-and-network' });
  const [pay, paying] = useMutation(PortalPayInstallmentDocument);
  const [instructions, setInstructions] = useState<{ id: string; text: string } | null>(null);
  if (!q.data && q.error) return <ErrorNotice error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Splash />;
  const installments = q.data.portalInstallments?.nodes ?? [];
  const invoices = q.data.portalInvoices;
  const paid = new URLSearchParams(window.location.search).get('paid');
  return (
    <article aria-labelledby="portal-payments-title" data-testid="portal-payments">
      <h1 id="portal-payments-title">Payments</h1>
      {paid && (
        <p className="notice" role="status">
          Thank you: your payment is being recorded.
        </p>
      )}
      <section className="panel panel--wide" aria-labelledby="schedule-title" data-testid="portal-installments">
        <h2 id="schedule-title" className="panel__title">
          Payment schedule
        </h2>
        {installments.length === 0 && <p className="empty">Nothing scheduled.</p>}
        <ul className="plain-list">
          {installments.map((s) => (
            <li key={s.id} data-testid="portal-installment">
              <strong>{formatCents(s.amountCents)}</strong> due {formatCalendarDate(s.dueDate)}{' '}
              <span className={s.status === 'OVERDUE' ? 'badge badge--danger' : 'badge'}>{humanize(s.status)}</span>
              <div className="cell-muted">
                {s.tripName ?? 'Trip'} · installment {s.installmentNumber}
              </div>
              {s.payable && (
                <button
                  type="button"
                  className="button button--small"
                  disabled={paying.loading}
                  onClick={() =>
                    void pay({ variables: { id: s.id } })
                      .then((r) => {
                        const start = r.data?.portalPayInstallment;
                        if (start?.checkoutUrl) window.location.assign(start.checkoutUrl);
                        else if (start?.instructions) setInstructions({ id: s.id, text: start.instructions });
                      })
                      .catch(() => undefined)
                  }
                >
                  Pay {formatCents(s.amountCents)}
                </button>
              )}
              {instructions?.id === s.id && (
                <p className="notice" role="status" data-testid="portal-pay-instructions">
                  {instructions.text}
                </p>
              )}
            </li>
          ))}
        </ul>
        {paying.error && <ErrorNotice error={paying.error} />}
      </section>
      <section className="panel panel--wide" aria-labelledby="invoices-title" data-testid="portal-invoices">
        <h2 id="invoices-title" className="panel__title">
          Invoices {invoices && <span className="panel__count">Balance {formatCents(invoices.balanceCents)}</span>}
        </h2>
        {(invoices?.nodes ?? []).length === 0 && <p className="empty">No invoices.</p>}
        <ul className="plain-list">
          {(invoices?.nodes ?? []).map((i) => (
            <li key={i.id} data-testid="portal-invoice">
              <strong>{i.invoiceNumber}</strong> <span className="badge">{humanize(i.status)}</span>
              <div className="cell-muted">
                Issued {formatCalendarDate(i.issueDate)}, due {formatCalendarDate(i.dueDate)}
              </div>
              <div>
                Total {formatCents(i.totalCents)} · paid {formatCents(i.amountPaidCents)} ·{' '}
                <strong>owed {formatCents(i.balanceCents)}</strong>
              </div>
              <details>
                <summary>Lines</summary>
                <ul className="plain-list">
                  {i.lines.map((l, k) => (
                    <li key={k}>
                      {l.quantity} × {l.description}: {formatCents(l.totalCents)}
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
