import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { QuoteLineInput } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { parseDollars } from '../../lib/money.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  ApproveQuoteDocument,
  CreateQuoteDocument,
  QuoteDocument,
  QuotePdfDocument,
  SendQuoteDocument,
  UpdateQuoteDocument,
} from './graphql/sales.ts';
import { formatAmount } from './money.ts';

/** A new quote on a deal (`?dealId=`): title and recipient first; lines are added on the quote itself. */
function NewQuoteForm({ dealId }: { dealId: string }) {
  const navigate = useNavigate();
  const [create, creating] = useMutation(CreateQuoteDocument);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [title, setTitle] = useState('');
  const [recipientName, setRecipientName] = useState('');
  const [recipientEmail, setRecipientEmail] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const res = await create({
        variables: {
          input: { dealId, title, recipientName: recipientName || null, recipientEmail: recipientEmail || null },
        },
      });
      if (res.data) void navigate(`/sales/quotes/${res.data.createQuote.id}`);
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="form-grid" aria-label="New quote">
      <Field label="Title" required error={fieldMessage(problem, 'input.title')}>
        {(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label="Client name" error={fieldMessage(problem, 'input.recipientName')}>
        {(p) => <input {...p} value={recipientName} onChange={(e) => setRecipientName(e.target.value)} />}
      </Field>
      <Field label="Client email" error={fieldMessage(problem, 'input.recipientEmail')}>
        {(p) => (
          <input {...p} type="email" value={recipientEmail} onChange={(e) => setRecipientEmail(e.target.value)} />
        )}
      </Field>
      {problem && !problem.fields.length && <p role="alert">{problem.message}</p>}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={creating.loading}>
          Create quote
        </button>
      </div>
    </form>
  );
}

/** Quote builder: lines (free text, option groups, add-ons), totals priced by the server, PDF, approval, send. */
export function QuoteBuilderPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  useDocumentTitle(id ? 'Quote' : 'New quote');
  const dealId = params.get('dealId');
  if (!id)
    return (
      <section aria-labelledby="quote-title">
        <header className="page-header">
          <h1 id="quote-title">New quote</h1>
        </header>
        {dealId ? <NewQuoteForm dealId={dealId} /> : <p>Open a deal and choose “New quote” there.</p>}
      </section>
    );
  return <QuoteEditor id={id} />;
}

function QuoteEditor({ id }: { id: string }) {
  const client = useApolloClient();
  const canApprove = useHasRank('MANAGER');
  const canEdit = useHasRank('ADVISOR');
  const { data, error, refetch } = useQuery(QuoteDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [update, updating] = useMutation(UpdateQuoteDocument);
  const [send, sending] = useMutation(SendQuoteDocument);
  const [approve] = useMutation(ApproveQuoteDocument);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [link, setLink] = useState('');
  const [draft, setDraft] = useState({ description: '', quantity: '1', price: '', optionGroup: '', optional: false });
  const quote = data?.quote;
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!quote) return <Loading />;
  const editable = canEdit && (quote.status === 'DRAFT' || quote.status === 'PENDING_APPROVAL');
  const asInput = (l: (typeof quote.lines & object)['nodes'][number]): QuoteLineInput => ({
    productId: l.product?.id ?? null,
    description: l.description,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    unitCost: l.unitCost,
    currency: l.currency,
    discountType: l.discountType ?? null,
    discountPercent: l.discountPercent ?? null,
    discountAmount: l.discountAmount ?? null,
    taxRate: l.taxRate,
    taxInclusive: l.taxInclusive,
    optionGroup: l.optionGroup ?? null,
    optional: l.optional,
    selected: l.selected,
  });
  const lines = quote.lines?.nodes ?? [];
  const saveLines = async (next: QuoteLineInput[]) => {
    setProblem(null);
    try {
      await update({ variables: { input: { id, lines: next } } });
      await refetch();
      return true;
    } catch (err) {
      setProblem(describeError(err));
      return false;
    }
  };
  const addLine = async (e: FormEvent) => {
    e.preventDefault();
    const unitPrice = parseDollars(draft.price);
    const line: QuoteLineInput = {
      description: draft.description,
      quantity: Number(draft.quantity),
      unitPrice: unitPrice === null || Number.isNaN(unitPrice) ? null : unitPrice,
      optionGroup: draft.optionGroup || null,
      optional: draft.optional,
    };
    if (await saveLines([...lines.map(asInput), line]))
      setDraft({ description: '', quantity: '1', price: '', optionGroup: '', optional: false });
  };
  const downloadPdf = async () => {
    const res = await client.query({ query: QuotePdfDocument, variables: { id }, fetchPolicy: 'network-only' });
    const pdf = res.data?.quotePdf;
    if (!pdf) return;
    const bytes = Uint8Array.from(atob(pdf.base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: pdf.contentType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = pdf.filename;
    a.click();
    URL.revokeObjectURL(url);
  };
  const sendLink = async () => {
    setProblem(null);
    try {
      const res = await send({ variables: { input: { id } } });
      setLink(res.data?.sendQuote.link ?? '');
      await refetch();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  const t = quote.totals;
  return (
    <section aria-labelledby="quote-title">
      <header className="page-header">
        <h1 id="quote-title">
          {quote.reference} · {quote.title}
        </h1>
        <p className="page-header__meta" data-testid="quote-status">
          {quote.status.toLowerCase().replace('_', ' ')}
          {quote.approval === 'REQUIRED' ? ' · needs a manager’s approval' : ''}
          {quote.approval === 'APPROVED' ? ' · approved' : ''}
        </p>
        <Link to={`/crm/deals/${quote.deal.id}`}>Deal</Link>
      </header>
      <div className="table-frame">
        <table className="data-table" data-testid="quote-lines">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="numeric">
                Qty
              </th>
              <th scope="col" className="numeric">
                Unit price
              </th>
              <th scope="col" className="numeric">
                Discount
              </th>
              <th scope="col" className="numeric">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.id} className={l.included ? '' : 'muted'}>
                <td>
                  {l.description}
                  {l.optionGroup ? ` [option: ${l.optionGroup}]` : ''}
                  {l.optional ? ' [add-on]' : ''}
                  {l.included ? '' : ' (not chosen)'}
                </td>
                <td className="numeric">{l.quantity}</td>
                <td className="numeric">{formatAmount(l.unitPrice, l.currency)}</td>
                <td className="numeric">{l.discount ? formatAmount(-l.discount, quote.currency) : ''}</td>
                <td className="numeric">{formatAmount(l.total, quote.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="facts" data-testid="quote-totals">
        <dt>Subtotal</dt>
        <dd>{formatAmount(t.subtotal, quote.currency)}</dd>
        <dt>Discounts</dt>
        <dd>{formatAmount(-(t.lineDiscounts + t.quoteDiscount), quote.currency)}</dd>
        <dt>Tax</dt>
        <dd>{formatAmount(t.tax, quote.currency)}</dd>
        <dt>Total</dt>
        <dd data-testid="quote-total">{formatAmount(t.total, quote.currency)}</dd>
        {t.marginPercent !== null && (
          <>
            <dt>Margin</dt>
            <dd>
              {formatAmount(t.margin, quote.currency)} ({(t.marginPercent / 100).toFixed(2)}%)
            </dd>
          </>
        )}
      </dl>
      {editable && (
        <form onSubmit={(e) => void addLine(e)} className="form-grid" aria-label="Add a line">
          <Field label="Description" error={fieldMessage(problem, `input.lines.${lines.length}.description`)}>
            {(p) => (
              <input
                {...p}
                value={draft.description}
                onChange={(e) => setDraft({ ...draft, description: e.target.value })}
              />
            )}
          </Field>
          <Field label="Quantity" error={fieldMessage(problem, `input.lines.${lines.length}.quantity`)}>
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                value={draft.quantity}
                onChange={(e) => setDraft({ ...draft, quantity: e.target.value })}
              />
            )}
          </Field>
          <Field label="Unit price" error={fieldMessage(problem, `input.lines.${lines.length}.unitPrice`)}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={draft.price}
                onChange={(e) => setDraft({ ...draft, price: e.target.value })}
              />
            )}
          </Field>
          <Field label="Option group (pick one)">
            {(p) => (
              <input
                {...p}
                value={draft.optionGroup}
                onChange={(e) => setDraft({ ...draft, optionGroup: e.target.value })}
              />
            )}
          </Field>
          <label>
            <input
              type="checkbox"
              checked={draft.optional}
              onChange={(e) => setDraft({ ...draft, optional: e.target.checked })}
            />{' '}
            Add-on the client may choose
          </label>
          <div className="form-actions">
            <button type="submit" className="button" disabled={updating.loading}>
              Add line
            </button>
          </div>
        </form>
      )}
      {problem && <p role="alert">{problem.message}</p>}
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void downloadPdf()}>
          Download PDF
        </button>
        {canApprove && quote.approval === 'REQUIRED' && (
          <button
            type="button"
            className="button"
            onClick={() => void approve({ variables: { id } }).then(() => refetch())}
          >
            Approve
          </button>
        )}
        {editable && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => void sendLink()}
            disabled={sending.loading}
          >
            Send the link
          </button>
        )}
      </div>
      {link && (
        <p data-testid="quote-link">
          Sent. The client’s link (shown once): <a href={link}>{link}</a>
        </p>
      )}
    </section>
  );
}
