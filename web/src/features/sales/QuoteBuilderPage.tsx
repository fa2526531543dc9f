import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { DiscountType, QuoteLineInput } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { centsToDollarsText, parseDollars } from '../../lib/money.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  SalesApproveQuoteDocument,
  SalesCreateQuoteDocument,
  SalesProductsDocument,
  SalesQuoteDocument,
  SalesQuoteTemplatesDocument,
  SalesQuotePdfDocument,
  SalesReviseQuoteDocument,
  SalesSendQuoteDocument,
  SalesUpdateQuoteDocument,
} from './graphql/__generated__/sales.ts';
import { formatAmount } from './money.ts';
import { formatDateTime } from '../../lib/format.ts';

/** A new quote on a deal (`?dealId=`): title and recipient first; lines are added on the quote itself. */
function NewQuoteForm({ dealId }: { dealId: string }) {
  const navigate = useNavigate();
  const [create, creating] = useMutation(SalesCreateQuoteDocument);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [title, setTitle] = useState('');
  const [recipientName, setRecipientName] = useState('');
  const [recipientEmail, setRecipientEmail] = useState('');
  const [templateId, setTemplateId] = useState('');
  const templates = useQuery(SalesQuoteTemplatesDocument, { variables: { first: 100 } });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const res = await create({
        variables: {
          input: {
            dealId,
            title,
            recipientName: recipientName || null,
            recipientEmail: recipientEmail || null,
            templateId: templateId || null,
          },
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
        {(p) => <input {...p} className="input" value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label="Client name" error={fieldMessage(problem, 'input.recipientName')}>
        {(p) => (
          <input {...p} className="input" value={recipientName} onChange={(e) => setRecipientName(e.target.value)} />
        )}
      </Field>
      <Field label="Client email" error={fieldMessage(problem, 'input.recipientEmail')}>
        {(p) => (
          <input
            {...p}
            className="input"
            type="email"
            value={recipientEmail}
            onChange={(e) => setRecipientEmail(e.target.value)}
          />
        )}
      </Field>
      <Field
        label="Template"
        hint="Terms, cancellation schedule and deposit are copied from it"
        error={fieldMessage(problem, 'input.templateId')}
      >
        {(p) => (
          <select {...p} className="select" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
            <option value="">No template</option>
            {templates.data?.quoteTemplates?.nodes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
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

interface LineDraft {
  productId: string | null;
  description: string;
  quantity: string;
  price: string;
  discountType: '' | DiscountType;
  /** Percent ("12.5") or an amount ("50.00"), by `discountType`. */
  discount: string;
  optionGroup: string;
  optional: boolean;
}
const EMPTY_LINE: LineDraft = {
  productId: null,
  description: '',
  quantity: '1',
  price: '',
  discountType: '',
  discount: '',
  optionGroup: '',
  optional: false,
};

/** "12.5" percent to basis points (1250); NaN when it is not a number. */
const percentToBasisPoints = (text: string) => {
  const n = Number(text.trim());
  return text.trim() && Number.isFinite(n) ? Math.round(n * 100) : Number.NaN;
};
const discountFields = (type: '' | DiscountType, text: string) => {
  if (type === 'PERCENT')
    return { discountType: type, discountPercent: percentToBasisPoints(text), discountAmount: null };
  if (type === 'AMOUNT')
    return { discountType: type, discountPercent: null, discountAmount: parseDollars(text) ?? Number.NaN };
  return { discountType: null, discountPercent: null, discountAmount: null };
};
const discountText = (
  type: DiscountType | null | undefined,
  percent: number | null | undefined,
  amount: number | null | undefined,
) => (type === 'PERCENT' ? String((percent ?? 0) / 100) : type === 'AMOUNT' ? centsToDollarsText(amount ?? 0) : '');

const STATUS_TEXT: Record<string, string> = {
  PENDING: 'payment schedule being set up',
  CREATED: 'payment schedule created',
  NOT_A_TRIP: 'no booking to schedule the deposit against',
  FAILED: 'the travel system refused the payment schedule',
};

function QuoteEditor({ id }: { id: string }) {
  const client = useApolloClient();
  const canApprove = useHasRank('MANAGER');
  const canEdit = useHasRank('ADVISOR');
  const { data, error, refetch } = useQuery(SalesQuoteDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const [update, updating] = useMutation(SalesUpdateQuoteDocument);
  const [send, sending] = useMutation(SalesSendQuoteDocument);
  const [approve] = useMutation(SalesApproveQuoteDocument);
  const [revise, revising] = useMutation(SalesReviseQuoteDocument);
  const navigate = useNavigate();
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [link, setLink] = useState('');
  const [draft, setDraft] = useState<LineDraft>(EMPTY_LINE);
  /** The line being edited (its index), or null when the form adds a new one. */
  const [editing, setEditing] = useState<number | null>(null);
  const [productSearch, setProductSearch] = useState('');
  const [terms, setTerms] = useState<{
    discountType: '' | DiscountType;
    discount: string;
    depositType: 'PERCENT' | 'AMOUNT';
    deposit: string;
  } | null>(null);
  const products = useQuery(SalesProductsDocument, {
    variables: { first: 8, filter: { search: productSearch, active: true } },
    skip: productSearch.trim().length < 2,
  });
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
  const localProblem = (path: string, message: string): DescribedError => ({
    code: 'BAD_USER_INPUT',
    title: 'Check the form',
    message: `${path}: ${message}`,
    fields: [{ path, message }],
    retryAfterMs: null,
  });
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
  const lineIndex = editing ?? lines.length;
  const submitLine = async (e: FormEvent) => {
    e.preventDefault();
    const unitPrice = parseDollars(draft.price);
    if (unitPrice !== null && Number.isNaN(unitPrice)) {
      setProblem(localProblem(`input.lines.${lineIndex}.unitPrice`, 'must be an amount, e.g. 1250.50'));
      return;
    }
    const discount = discountFields(draft.discountType, draft.discount);
    if (Number.isNaN(discount.discountPercent ?? 0) || Number.isNaN(discount.discountAmount ?? 0)) {
      const field = draft.discountType === 'PERCENT' ? 'discountPercent' : 'discountAmount';
      setProblem(localProblem(`input.lines.${lineIndex}.${field}`, 'must be a number'));
      return;
    }
    const existing = editing === null ? undefined : lines[editing];
    const line: QuoteLineInput = {
      ...(existing ? asInput(existing) : {}),
      productId: draft.productId,
      description: draft.description,
      quantity: Number(draft.quantity),
      unitPrice,
      ...discount,
      optionGroup: draft.optionGroup || null,
      optional: draft.optional,
      ...(existing ? {} : { selected: null }),
    };
    const next = lines.map(asInput);
    if (editing === null) next.push(line);
    else next[editing] = line;
    if (await saveLines(next)) {
      setDraft(EMPTY_LINE);
      setEditing(null);
    }
  };
  const addProduct = async (product: { id: string; name: string }) => {
    if (await saveLines([...lines.map(asInput), { productId: product.id, quantity: 1 }])) setProductSearch('');
  };
  const editLine = (i: number) => {
    const l = lines[i];
    if (!l) return;
    setEditing(i);
    setDraft({
      productId: l.product?.id ?? null,
      description: l.description,
      quantity: String(l.quantity),
      price: centsToDollarsText(l.unitPrice),
      discountType: l.discountType ?? '',
      discount: discountText(l.discountType, l.discountPercent, l.discountAmount),
      optionGroup: l.optionGroup ?? '',
      optional: l.optional,
    });
  };
  const t = quote.totals;
  const settings = terms ?? {
    discountType: quote.discountType ?? '',
    discount: discountText(quote.discountType, quote.discountPercent, quote.discountAmount),
    depositType: quote.depositAmount != null ? ('AMOUNT' as const) : ('PERCENT' as const),
    deposit: quote.depositAmount != null ? centsToDollarsText(quote.depositAmount) : String(quote.depositPercent),
  };
  const saveSettings = async (e: FormEvent) => {
    e.preventDefault();
    const discount = discountFields(settings.discountType, settings.discount);
    if (Number.isNaN(discount.discountPercent ?? 0) || Number.isNaN(discount.discountAmount ?? 0)) {
      setProblem(
        localProblem(
          settings.discountType === 'PERCENT' ? 'input.discountPercent' : 'input.discountAmount',
          'must be a number',
        ),
      );
      return;
    }
    const depositAmount = settings.depositType === 'AMOUNT' ? parseDollars(settings.deposit) : null;
    const depositPercent = settings.depositType === 'PERCENT' ? Number(settings.deposit.trim() || '0') : null;
    if (
      (depositAmount !== null && Number.isNaN(depositAmount)) ||
      (depositPercent !== null && !Number.isInteger(depositPercent))
    ) {
      setProblem(
        localProblem(
          settings.depositType === 'AMOUNT' ? 'input.depositAmount' : 'input.depositPercent',
          'must be a whole number',
        ),
      );
      return;
    }
    setProblem(null);
    try {
      await update({
        variables: {
          input: {
            id,
            ...discount,
            ...(settings.depositType === 'AMOUNT'
              ? { depositAmount: depositAmount ?? 0 }
              : { depositPercent: depositPercent ?? 0 }),
          },
        },
      });
      await refetch();
      setTerms(null);
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  const downloadPdf = async () => {
    const res = await client.query({ query: SalesQuotePdfDocument, variables: { id }, fetchPolicy: 'network-only' });
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
  const lineError = (field: string) => fieldMessage(problem, `input.lines.${lineIndex}.${field}`);
  return (
    <section aria-labelledby="quote-title">
      <header className="page-header">
        <h1 id="quote-title">
          {quote.reference} · {quote.title}
        </h1>
        <p className="page-header__meta" data-testid="quote-status">
          {quote.status.toLowerCase().replace('_', ' ')}
          {quote.approval === 'REQUIRED' ? ' · needs manager approval' : ''}
          {quote.approval === 'APPROVED' ? ' · approved' : ''}
        </p>
        <Link to={`/crm/deals/${quote.deal.id}`}>Deal</Link>
      </header>
      {quote.approval === 'REQUIRED' && (
        <p className="notice" data-testid="quote-approval">
          This quote needs manager approval before it is sent: its discounts come to{' '}
          {(t.discountPercent / 100).toFixed(2)}%
          {t.marginPercent !== null ? ` and its margin is ${(t.marginPercent / 100).toFixed(2)}%` : ''}.
        </p>
      )}
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
              {editable && <th scope="col">Change</th>}
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={l.id} className={l.included ? '' : 'muted'}>
                <td>
                  {l.description}
                  {l.optionGroup ? ` [option: ${l.optionGroup}]` : ''}
                  {l.optional ? ' [add-on]' : ''}
                  {l.included ? '' : ' (not chosen)'}
                </td>
                <td className="numeric">{l.quantity}</td>
                <td className="numeric">{formatAmount(l.unitPrice, l.currency)}</td>
                <td className="numeric">
                  {l.discount ? formatAmount(-l.discount, quote.currency) : ''}
                  {l.discountType === 'PERCENT' ? ` (${(l.discountPercent ?? 0) / 100}%)` : ''}
                </td>
                <td className="numeric">{formatAmount(l.total, quote.currency)}</td>
                {editable && (
                  <td>
                    <button type="button" className="button" onClick={() => editLine(i)}>
                      Edit line {i + 1}
                    </button>{' '}
                    <button
                      type="button"
                      className="button"
                      onClick={() => void saveLines(lines.filter((_, j) => j !== i).map(asInput))}
                    >
                      Remove line {i + 1}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="facts" data-testid="quote-totals">
        <dt>Subtotal</dt>
        <dd>{formatAmount(t.subtotal, quote.currency)}</dd>
        <dt>Discounts</dt>
        <dd data-testid="quote-discounts">{formatAmount(-(t.lineDiscounts + t.quoteDiscount), quote.currency)}</dd>
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
        {t.depositDue > 0 && (
          <>
            <dt>Deposit due on acceptance</dt>
            <dd data-testid="quote-deposit">
              {formatAmount(quote.deposit?.amount ?? t.depositDue, quote.currency)}
              {quote.deposit ? ` · ${STATUS_TEXT[quote.deposit.scheduleStatus] ?? ''}` : ''}
            </dd>
          </>
        )}
      </dl>
      {editable && (
        <div role="search" aria-label="Add from the catalogue">
          <Field label="Search products" hint="Type two letters or more; archived products are not offered">
            {(p) => (
              <input
                {...p}
                className="input"
                type="search"
                value={productSearch}
                onChange={(e) => setProductSearch(e.target.value)}
              />
            )}
          </Field>
          {productSearch.trim().length >= 2 && (
            <ul data-testid="product-results">
              {products.data?.products?.nodes.map((p) => (
                <li key={p.id}>
                  {p.sku} · {p.name} · {formatAmount(p.unitPrice, p.currency)}{' '}
                  <button
                    type="button"
                    className="button"
                    onClick={() => void addProduct(p)}
                    disabled={updating.loading}
                  >
                    Add {p.name}
                  </button>
                </li>
              ))}
              {products.data?.products?.nodes.length === 0 && <li>No active product matches.</li>}
            </ul>
          )}
        </div>
      )}
      {editable && (
        <form
          onSubmit={(e) => void submitLine(e)}
          className="form-grid"
          aria-label={editing === null ? 'Add a line' : `Edit line ${editing + 1}`}
        >
          <Field label="Description" error={lineError('description')}>
            {(p) => (
              <input
                {...p}
                className="input"
                value={draft.description}
                onChange={(e) => setDraft({ ...draft, description: e.target.value })}
              />
            )}
          </Field>
          <Field label="Quantity" error={lineError('quantity')}>
            {(p) => (
              <input
                {...p}
                className="input"
                inputMode="numeric"
                value={draft.quantity}
                onChange={(e) => setDraft({ ...draft, quantity: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="Unit price"
            error={lineError('unitPrice')}
            hint={draft.productId ? 'Blank: the catalogue price' : undefined}
          >
            {(p) => (
              <input
                {...p}
                className="input"
                inputMode="decimal"
                value={draft.price}
                onChange={(e) => setDraft({ ...draft, price: e.target.value })}
              />
            )}
          </Field>
          <Field label="Line discount type">
            {(p) => (
              <select
                {...p}
                className="select"
                value={draft.discountType}
                onChange={(e) => setDraft({ ...draft, discountType: e.target.value as '' | DiscountType })}
              >
                <option value="">No discount</option>
                <option value="PERCENT">Percent</option>
                <option value="AMOUNT">Fixed amount</option>
              </select>
            )}
          </Field>
          {draft.discountType && (
            <Field
              label={draft.discountType === 'PERCENT' ? 'Line discount (%)' : 'Line discount amount'}
              error={lineError('discountPercent') ?? lineError('discountAmount')}
            >
              {(p) => (
                <input
                  {...p}
                  className="input"
                  inputMode="decimal"
                  value={draft.discount}
                  onChange={(e) => setDraft({ ...draft, discount: e.target.value })}
                />
              )}
            </Field>
          )}
          <Field label="Option group (pick one)" error={lineError('optionGroup')}>
            {(p) => (
              <input
                {...p}
                className="input"
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
              {editing === null ? 'Add line' : 'Save line'}
            </button>
            {editing !== null && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setEditing(null);
                  setDraft(EMPTY_LINE);
                }}
              >
                Cancel editing
              </button>
            )}
          </div>
        </form>
      )}
      {editable && (
        <form onSubmit={(e) => void saveSettings(e)} className="form-grid" aria-label="Quote discount and deposit">
          <Field label="Quote discount type">
            {(p) => (
              <select
                {...p}
                className="select"
                value={settings.discountType}
                onChange={(e) => setTerms({ ...settings, discountType: e.target.value as '' | DiscountType })}
              >
                <option value="">No quote discount</option>
                <option value="PERCENT">Percent</option>
                <option value="AMOUNT">Fixed amount</option>
              </select>
            )}
          </Field>
          {settings.discountType && (
            <Field
              label={settings.discountType === 'PERCENT' ? 'Quote discount (%)' : 'Quote discount amount'}
              error={fieldMessage(problem, 'input.discountPercent') ?? fieldMessage(problem, 'input.discountAmount')}
            >
              {(p) => (
                <input
                  {...p}
                  className="input"
                  value={settings.discount}
                  onChange={(e) => setTerms({ ...settings, discount: e.target.value })}
                />
              )}
            </Field>
          )}
          <Field label="Deposit type">
            {(p) => (
              <select
                {...p}
                className="select"
                value={settings.depositType}
                onChange={(e) => setTerms({ ...settings, depositType: e.target.value as 'PERCENT' | 'AMOUNT' })}
              >
                <option value="PERCENT">Percent of the total</option>
                <option value="AMOUNT">Fixed amount</option>
              </select>
            )}
          </Field>
          <Field
            label={settings.depositType === 'PERCENT' ? 'Deposit (%)' : 'Deposit amount'}
            error={fieldMessage(problem, 'input.depositPercent') ?? fieldMessage(problem, 'input.depositAmount')}
          >
            {(p) => (
              <input
                {...p}
                className="input"
                value={settings.deposit}
                onChange={(e) => setTerms({ ...settings, deposit: e.target.value })}
              />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button" disabled={updating.loading}>
              Save discount and deposit
            </button>
          </div>
        </form>
      )}
      {(quote.terms || quote.cancellationPolicy) && (
        <section aria-label="Terms" data-testid="quote-terms">
          {quote.template && <p>From the template {quote.template.name}.</p>}
          {quote.terms && (
            <>
              <h2>Terms</h2>
              <p>{quote.terms}</p>
            </>
          )}
          {quote.cancellationPolicy && (
            <>
              <h2>Cancellation</h2>
              <p>{quote.cancellationPolicy}</p>
            </>
          )}
        </section>
      )}
      {(quote.changeRequests?.totalCount ?? 0) > 0 && (
        <section aria-labelledby="quote-changes-title" data-testid="quote-change-requests">
          <h2 id="quote-changes-title">Changes the client asked for</h2>
          <ul className="plain-list">
            {quote.changeRequests?.nodes.map((c) => (
              <li key={c.id}>
                <span className="cell-muted">{formatDateTime(c.createdAt)} · from the client portal</span>
                <p>{c.comment}</p>
              </li>
            ))}
          </ul>
          {canEdit && ['SENT', 'VIEWED', 'EXPIRED', 'DECLINED'].includes(quote.status) && (
            <p>
              <button
                type="button"
                className="button"
                disabled={revising.loading}
                onClick={() =>
                  void revise({ variables: { id } })
                    .then((r) => r.data && navigate(`/sales/quotes/${r.data.reviseQuote.id}`))
                    .catch((err: unknown) => setProblem(describeError(err)))
                }
              >
                Make a new version with the changes
              </button>
            </p>
          )}
        </section>
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
