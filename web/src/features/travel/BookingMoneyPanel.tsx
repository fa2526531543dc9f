/**
 * A booking's money three ways (managers and admins): what the client owes (installments), what
 * the agency owes the supplier (set against those installments: a payment due before the client's
 * money covers it is flagged), and commission with its collection state, the host-agency and
 * advisor splits and the profit after them. Also the supplier's confirmation (advisors and up).
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatCalendarDate, formatCents, humanize } from '../../lib/format.ts';
import { parseDollars } from '../../lib/money.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Facts } from '../../ui/Facts.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  BookingMoneyDocument,
  ConfirmBookingDocument,
  RemoveSupplierPaymentDocument,
  SaveSupplierPaymentDocument,
} from './graphql/__generated__/money.ts';

/** Records the supplier's confirmation number: only then does the booking count as booked. */
export function ConfirmBookingForm({ bookingId, current }: { bookingId: string; current: string | null }) {
  const [confirm, { loading }] = useMutation(ConfirmBookingDocument, {
    refetchQueries: ['Booking'],
    awaitRefetchQueries: true,
  });
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [number, setNumber] = useState(current ?? '');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      await confirm({ variables: { input: { id: bookingId, vendorConfirmationNumber: number } } });
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <form className="form form--inline" onSubmit={(e) => void submit(e)} noValidate aria-label="Supplier confirmation">
      <FormProblem problem={problem} />
      <Field
        label="Supplier confirmation number"
        required
        hint="Unique for this supplier; the booking counts as booked only with it."
        error={fieldMessage(problem, 'vendorConfirmationNumber')}
      >
        {(p) => <input {...p} className="input" value={number} onChange={(e) => setNumber(e.target.value)} />}
      </Field>
      <button type="submit" className="button button--primary" disabled={loading}>
        {current ? 'Change confirmation' : 'Record confirmation'}
      </button>
    </form>
  );
}

const COLLECTION_BADGE: Record<string, string> = {
  RECEIVED: 'badge badge--gold',
  PART_PAID: 'badge badge--gold',
  OVERDUE: 'badge badge--danger',
  EXPECTED: 'badge',
};

export function BookingMoneyPanel({ bookingId }: { bookingId: string }) {
  const { data, error, refetch } = useQuery(BookingMoneyDocument, {
    variables: { id: bookingId },
    fetchPolicy: 'cache-and-network',
  });
  const [save, saving] = useMutation(SaveSupplierPaymentDocument, { refetchQueries: ['BookingMoney'] });
  const [remove] = useMutation(RemoveSupplierPaymentDocument, { refetchQueries: ['BookingMoney'] });
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const empty = { description: 'Final payment', amount: '', dueDate: '' };
  const [f, setF] = useState(empty);
  const money = data?.booking?.money;
  const supplierPayments = money?.supplierPayments?.nodes ?? [];
  const commissions = data?.booking?.commissions?.nodes ?? [];
  if (!data && error) return <ErrorNotice error={error} onRetry={() => void refetch()} testId="travel-notice" />;
  if (!money) return <Loading />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const cents = parseDollars(f.amount);
    try {
      await save({
        variables: {
          input: {
            bookingId,
            description: f.description,
            amountCents: cents === null || Number.isNaN(cents) ? 0 : cents,
            dueDate: f.dueDate,
          },
        },
      });
      setF(empty);
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  const markPaid = (p: (typeof supplierPayments)[number]) =>
    save({
      variables: {
        input: {
          id: p.id,
          bookingId,
          description: p.description,
          amountCents: p.amountCents,
          dueDate: p.dueDate,
          reference: p.reference,
          paidAt: p.paidAt ? null : new Date().toISOString(),
        },
      },
    }).catch((err: unknown) => setProblem(describeError(err)));

  return (
    <section className="panel" aria-labelledby="booking-money-title" data-testid="booking-money">
      <h2 id="booking-money-title" className="panel__title">
        Money
      </h2>
      <div className="money-sections">
        <div>
          <h3>The client owes</h3>
          <Facts
            facts={[
              { label: 'Price', value: formatCents(money.clientPriceCents) },
              { label: 'Paid', value: formatCents(money.clientPaidCents) },
              { label: 'Balance', value: formatCents(money.clientBalanceCents) },
            ]}
          />
          {(money.installments?.nodes ?? []).length === 0 ? (
            <p className="empty">No installments scheduled.</p>
          ) : (
            <table className="data-table" data-testid="client-installments">
              <thead>
                <tr>
                  <th scope="col">Installment</th>
                  <th scope="col">Due</th>
                  <th scope="col" className="numeric">
                    Amount
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {(money.installments?.nodes ?? []).map((s) => (
                  <tr key={s.id}>
                    <th scope="row">#{s.installmentNumber}</th>
                    <td className="nowrap">{formatCalendarDate(s.dueDate)}</td>
                    <td className="numeric">{formatCents(s.amountCents)}</td>
                    <td>{humanize(s.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <h3>The agency owes the supplier</h3>
          <Facts
            facts={[
              { label: 'Owed', value: formatCents(money.supplierOwedCents) },
              { label: 'Paid out', value: formatCents(money.supplierPaidCents) },
            ]}
          />
          {supplierPayments.length === 0 ? (
            <p className="empty">No supplier payments recorded.</p>
          ) : (
            <div className="table-frame">
              <table className="data-table" data-testid="supplier-payments">
                <thead>
                  <tr>
                    <th scope="col">Payment</th>
                    <th scope="col">Due</th>
                    <th scope="col" className="numeric">
                      Amount
                    </th>
                    <th scope="col">Against the client’s installments</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {supplierPayments.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">
                        {p.description}
                        {p.paidAt && <span className="badge badge--gold">Paid</span>}
                      </th>
                      <td className="nowrap">{formatCalendarDate(p.dueDate)}</td>
                      <td className="numeric">{formatCents(p.amountCents)}</td>
                      <td>
                        {p.shortfallCents > 0 ? (
                          <span className="badge badge--danger" data-testid="supplier-shortfall">
                            Short {formatCents(p.shortfallCents)}: the client will have paid{' '}
                            {formatCents(p.clientFundsByDueCents)} by then
                          </span>
                        ) : (
                          <span className="cell-muted">
                            Covered: {formatCents(p.clientFundsByDueCents)} collected by then
                          </span>
                        )}
                      </td>
                      <td className="nowrap">
                        <button
                          type="button"
                          className="button button--ghost button--small"
                          onClick={() => void markPaid(p)}
                        >
                          {p.paidAt ? 'Mark unpaid' : 'Mark paid'}
                        </button>{' '}
                        <button
                          type="button"
                          className="button button--ghost button--small"
                          aria-label={`Remove ${p.description}`}
                          onClick={() =>
                            void remove({ variables: { id: p.id } }).catch((err: unknown) =>
                              setProblem(describeError(err)),
                            )
                          }
                        >
                          Remove
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <form
            className="form form--inline"
            onSubmit={(e) => void submit(e)}
            noValidate
            aria-label="Add a supplier payment"
          >
            <FormProblem problem={problem} />
            <Field label="Payment" required error={fieldMessage(problem, 'description')}>
              {(p) => (
                <input
                  {...p}
                  className="input"
                  value={f.description}
                  onChange={(e) => setF({ ...f, description: e.target.value })}
                />
              )}
            </Field>
            <Field label="Amount ($)" required error={fieldMessage(problem, 'amountCents')}>
              {(p) => (
                <input
                  {...p}
                  className="input"
                  inputMode="decimal"
                  value={f.amount}
                  onChange={(e) => setF({ ...f, amount: e.target.value })}
                />
              )}
            </Field>
            <Field label="Supplier due date" required error={fieldMessage(problem, 'dueDate')}>
              {(p) => (
                <input
                  {...p}
                  className="input"
                  type="date"
                  value={f.dueDate}
                  onChange={(e) => setF({ ...f, dueDate: e.target.value })}
                />
              )}
            </Field>
            <button type="submit" className="button button--primary" disabled={saving.loading}>
              Add supplier payment
            </button>
          </form>
        </div>
        <div>
          <h3>Commission</h3>
          <Facts
            facts={[
              { label: 'Gross commission', value: formatCents(money.grossCommissionCents) },
              { label: 'Received', value: formatCents(money.commissionReceivedCents) },
              { label: 'Outstanding', value: formatCents(money.commissionOutstandingCents) },
              { label: 'Host agency share', value: formatCents(money.hostAgencyShareCents) },
              { label: 'Agency net', value: formatCents(money.agencyNetCents) },
              { label: `Advisor split (${money.advisorSplitPct}%)`, value: formatCents(money.advisorShareCents) },
              {
                label: 'Profit after splits',
                value: <strong data-testid="booking-profit">{formatCents(money.profitCents)}</strong>,
              },
            ]}
          />
          <ul className="plain-list" data-testid="booking-commissions">
            {commissions.map((c) => (
              <li key={c.id}>
                {formatCents(c.grossCommissionCents)} {humanize(c.status).toLowerCase()}{' '}
                <span className={COLLECTION_BADGE[c.collection.state] ?? 'badge'}>{humanize(c.collection.state)}</span>
                {c.collection.outstandingCents > 0 && c.collection.receivedCents > 0 && (
                  <span className="cell-muted"> · {formatCents(c.collection.outstandingCents)} still owed</span>
                )}
                {c.expectedPayDate && (
                  <span className="cell-muted"> · expected {formatCalendarDate(c.expectedPayDate)}</span>
                )}
              </li>
            ))}
            {commissions.length === 0 && <li className="empty">No commission recorded.</li>}
          </ul>
        </div>
      </div>
    </section>
  );
}
