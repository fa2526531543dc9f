/**
 * One proposal: its lines and totals, the terms, and the two answers a traveller gives: approve it
 * (choosing among options and add-ons, typing their name) or ask the advisor for changes.
 */
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatCalendarDate, formatDateTime, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { Splash } from '../../ui/Splash.tsx';
import {
  PortalApproveProposalDocument,
  PortalProposalDocument,
  PortalProposalPdfDocument,
  PortalRequestProposalChangesDocument,
  PortalRequestsDocument,
} from './__generated__/requests.ts';
import { formatMoney } from './money.ts';

export function ProposalPage() {
  const { id = '' } = useParams();
  const q = useQuery(PortalProposalDocument, { variables: { id } });
  const p = q.data?.portalProposal;
  useDocumentTitle(p ? p.title : 'Proposal');
  const lines = p?.lines?.nodes ?? [];
  const [options, setOptions] = useState<Record<string, string>>({});
  const [addons, setAddons] = useState<Record<string, boolean>>({});
  const [fullName, setFullName] = useState('');
  const [agree, setAgree] = useState(false);
  const [comment, setComment] = useState('');
  const [approveProblem, setApproveProblem] = useState<DescribedError | null>(null);
  const [changesProblem, setChangesProblem] = useState<DescribedError | null>(null);
  const [sent, setSent] = useState(false);
  const [approve, approving] = useMutation(PortalApproveProposalDocument, { refetchQueries: [PortalRequestsDocument] });
  const [askChanges, asking] = useMutation(PortalRequestProposalChangesDocument);
  const client = useApolloClient();
  const [pdfProblem, setPdfProblem] = useState<unknown>(null);

  if (!p && q.error) return <ErrorNotice error={q.error} onRetry={() => void q.refetch()} />;
  if (!p) return <Splash />;

  const groups = [...new Set(lines.filter((l) => l.optionGroup).map((l) => l.optionGroup ?? ''))];
  const chosen = (group: string) =>
    options[group] ?? lines.find((l) => l.optionGroup === group && l.selected)?.id ?? '';
  const addonOn = (lineId: string, selected: boolean) => addons[lineId] ?? selected;
  const open = p.status === 'AWAITING_YOU';

  const onApprove = async (e: FormEvent) => {
    e.preventDefault();
    setApproveProblem(null);
    try {
      await approve({
        variables: {
          input: {
            id: p.id,
            fullName,
            agree,
            options: groups.map((group) => ({ group, lineId: chosen(group) })),
            addons: lines.filter((l) => l.optional && addonOn(l.id, l.selected)).map((l) => l.id),
          },
        },
      });
    } catch (err) {
      setApproveProblem(describeError(err));
    }
  };
  const downloadPdf = async () => {
    setPdfProblem(null);
    try {
      const res = await client.query({
        query: PortalProposalPdfDocument,
        variables: { id: p.id },
        fetchPolicy: 'network-only',
      });
      const pdf = res.data?.portalProposalPdf;
      if (!pdf) return;
      const bytes = Uint8Array.from(atob(pdf.base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: pdf.contentType }));
      const a = document.createElement('a');
      a.href = url;
      a.download = pdf.filename;
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      setPdfProblem(err);
    }
  };
  const onChanges = async (e: FormEvent) => {
    e.preventDefault();
    setChangesProblem(null);
    try {
      await askChanges({ variables: { input: { id: p.id, comment } } });
      setComment('');
      setSent(true);
    } catch (err) {
      setChangesProblem(describeError(err));
    }
  };

  return (
    <article aria-labelledby="proposal-title" data-testid="portal-proposal">
      <p>
        <Link to="/requests">← Requests</Link>
      </p>
      <h1 id="proposal-title">{p.title}</h1>
      <p className="cell-muted">
        {p.reference} · valid until {formatCalendarDate(p.expiresOn)}
      </p>
      <p>
        <span className="badge" data-testid="portal-proposal-status">
          {humanize(p.status)}
        </span>
        {p.approvedAt && ` by ${p.approvedBy ?? ''} on ${formatDateTime(p.approvedAt)}`}
      </p>

      <section className="panel" aria-labelledby="proposal-lines-title">
        <h2 id="proposal-lines-title" className="panel__title">
          What is included
        </h2>
        <ul className="plain-list">
          {lines.map((l) => (
            <li key={l.id} className="portal-line">
              {open && l.optionGroup ? (
                <label className="checkbox-field">
                  <input
                    type="radio"
                    name={`option-${l.optionGroup}`}
                    checked={chosen(l.optionGroup) === l.id}
                    onChange={() => setOptions({ ...options, [l.optionGroup ?? '']: l.id })}
                  />{' '}
                  {l.description} <span className="cell-muted">({humanize(l.optionGroup)})</span>
                </label>
              ) : open && l.optional ? (
                <label className="checkbox-field">
                  <input
                    type="checkbox"
                    checked={addonOn(l.id, l.selected)}
                    onChange={(e) => setAddons({ ...addons, [l.id]: e.target.checked })}
                  />{' '}
                  {l.description} <span className="cell-muted">(add-on)</span>
                </label>
              ) : (
                <span className={l.included ? undefined : 'cell-muted'}>{l.description}</span>
              )}{' '}
              <span className="cell-muted">
                × {l.quantity} · {formatMoney(l.amount, p.currency)}
              </span>
            </li>
          ))}
        </ul>
        <dl className="portal-totals">
          <dt>Subtotal</dt>
          <dd>{formatMoney(p.totals.subtotal, p.currency)}</dd>
          {p.totals.discount > 0 && (
            <>
              <dt>Discounts</dt>
              <dd>−{formatMoney(p.totals.discount, p.currency)}</dd>
            </>
          )}
          <dt>Tax</dt>
          <dd>{formatMoney(p.totals.tax, p.currency)}</dd>
          <dt>Total</dt>
          <dd data-testid="portal-proposal-total">{formatMoney(p.totals.total, p.currency)}</dd>
          {p.totals.depositDue > 0 && (
            <>
              <dt>Deposit on approval</dt>
              <dd>{formatMoney(p.totals.depositDue, p.currency)}</dd>
            </>
          )}
        </dl>
        {open && (groups.length > 0 || lines.some((l) => l.optional)) && (
          <p className="cell-muted">Totals are for the choices sent; your choices above are priced when you approve.</p>
        )}
      </section>

      <p>
        <button
          type="button"
          className="button button--ghost"
          onClick={() => void downloadPdf()}
          data-testid="portal-proposal-pdf"
        >
          Download the PDF
        </button>
      </p>
      {pdfProblem !== null && <ErrorNotice error={pdfProblem} />}
      {p.terms && (
        <section className="panel" aria-labelledby="proposal-terms-title">
          <h2 id="proposal-terms-title" className="panel__title">
            Terms
          </h2>
          <p className="portal-prose">{p.terms}</p>
        </section>
      )}
      {p.cancellationPolicy && (
        <section className="panel" aria-labelledby="proposal-cancel-title">
          <h2 id="proposal-cancel-title" className="panel__title">
            Cancellation
          </h2>
          <p className="portal-prose">{p.cancellationPolicy}</p>
        </section>
      )}

      {open && (
        <form className="panel" onSubmit={(e) => void onApprove(e)} aria-labelledby="approve-title" noValidate>
          <h2 id="approve-title" className="panel__title">
            Approve
          </h2>
          <FormProblem problem={approveProblem} />
          <label className="field__label" htmlFor="approve-name">
            Your full name
          </label>
          <input
            id="approve-name"
            className="input"
            autoComplete="name"
            value={fullName}
            aria-invalid={fieldMessage(approveProblem, 'input.fullName') ? true : undefined}
            onChange={(e) => setFullName(e.target.value)}
          />
          {fieldMessage(approveProblem, 'input.fullName') && (
            <span className="field__error">{fieldMessage(approveProblem, 'input.fullName')}</span>
          )}
          <label className="checkbox-field">
            <input type="checkbox" checked={agree} onChange={(e) => setAgree(e.target.checked)} /> I have read and
            accept the terms
          </label>
          {fieldMessage(approveProblem, 'input.agree') && (
            <span className="field__error">{fieldMessage(approveProblem, 'input.agree')}</span>
          )}
          <p>
            <button type="submit" className="button" disabled={approving.loading} data-testid="portal-approve">
              Approve this proposal
            </button>
          </p>
        </form>
      )}

      {open && (
        <form className="panel" onSubmit={(e) => void onChanges(e)} aria-labelledby="changes-title" noValidate>
          <h2 id="changes-title" className="panel__title">
            Ask for changes
          </h2>
          <FormProblem problem={changesProblem} />
          {sent && (
            <p className="notice notice--success" role="status">
              Sent. Your advisor will get back to you.
            </p>
          )}
          <label className="field__label" htmlFor="changes-comment">
            What would you like changed?
          </label>
          <textarea
            id="changes-comment"
            className="textarea"
            rows={4}
            value={comment}
            aria-invalid={fieldMessage(changesProblem, 'input.comment') ? true : undefined}
            onChange={(e) => setComment(e.target.value)}
          />
          {fieldMessage(changesProblem, 'input.comment') && (
            <span className="field__error">{fieldMessage(changesProblem, 'input.comment')}</span>
          )}
          <p>
            <button
              type="submit"
              className="button button--ghost"
              disabled={asking.loading}
              data-testid="portal-ask-changes"
            >
              Send to my advisor
            </button>
          </p>
        </form>
      )}

      {(p.changeRequests?.nodes.length ?? 0) > 0 && (
        <section className="panel" aria-labelledby="asked-title">
          <h2 id="asked-title" className="panel__title">
            Changes you asked for
          </h2>
          <ul className="plain-list">
            {p.changeRequests?.nodes.map((c) => (
              <li key={c.id}>
                <span className="cell-muted">{formatDateTime(c.createdAt)}</span> {c.comment}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
