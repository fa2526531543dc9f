import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { BillingFrequency, PricingUnit } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { centsToDollarsText, parseDollars } from '../../lib/money.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { RecordLoadError, RecordMissing } from '../../ui/RecordMissing.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  SalesCreateProductDocument,
  SalesProductDocument,
  SalesUpdateProductDocument,
} from './graphql/__generated__/sales.ts';

interface TierRow {
  minQuantity: string;
  price: string;
}
interface SeasonRow {
  startsOn: string;
  endsOn: string;
  price: string;
}
interface ProductForm {
  sku: string;
  name: string;
  description: string;
  category: string;
  price: string;
  cost: string;
  currency: string;
  billingFrequency: BillingFrequency;
  pricingUnit: PricingUnit;
  /** Percent as typed ("20" or "7.5"); sent as basis points. */
  taxPercent: string;
  taxInclusive: boolean;
  tiers: TierRow[];
  seasons: SeasonRow[];
  ttOfferingId: string;
}

const EMPTY: ProductForm = {
  sku: '',
  name: '',
  description: '',
  category: '',
  price: '',
  cost: '',
  currency: 'USD',
  billingFrequency: 'ONE_TIME',
  pricingUnit: 'PER_UNIT',
  taxPercent: '0',
  taxInclusive: false,
  tiers: [],
  seasons: [],
  ttOfferingId: '',
};

/** Cents from typed dollars; NaN (refused by the server, naming the field) when it is not an amount. */
const cents = (text: string) => parseDollars(text) ?? Number.NaN;
const basisPoints = (percent: string) => {
  const n = Number(percent.trim() || '0');
  return Number.isFinite(n) ? Math.round(n * 100) : Number.NaN;
};

/** A product's detail and editor: managers edit (and archive), everyone else reads the same form. */
export function ProductEditorPage() {
  const { id } = useParams();
  const isNew = !id;
  useDocumentTitle(isNew ? 'New product' : 'Product');
  const canManage = useHasRank('MANAGER');
  const navigate = useNavigate();
  const loaded = useQuery(SalesProductDocument, {
    variables: { id: id ?? '' },
    skip: isNew,
    fetchPolicy: 'network-only',
  });
  const [create, creating] = useMutation(SalesCreateProductDocument);
  const [update, updating] = useMutation(SalesUpdateProductDocument);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [saved, setSaved] = useState(false);
  const [edited, setForm] = useState<ProductForm | null>(null);
  const product = loaded.data?.product;
  if (!isNew && loaded.error)
    return (
      <RecordLoadError
        error={loaded.error}
        onRetry={() => void loaded.refetch()}
        kind="product"
        listPath="/sales/products"
        listLabel="products"
      />
    );
  if (!isNew && !loaded.data) return <Loading />;
  if (!isNew && !product) return <RecordMissing kind="product" listPath="/sales/products" listLabel="products" />;
  if (isNew && !canManage) return <p>Only managers add products.</p>;

  const form: ProductForm =
    edited ??
    (product
      ? {
          sku: product.sku,
          name: product.name,
          description: product.description ?? '',
          category: product.category ?? '',
          price: centsToDollarsText(product.unitPrice),
          cost: product.unitCost == null ? '' : centsToDollarsText(product.unitCost),
          currency: product.currency,
          billingFrequency: product.billingFrequency,
          pricingUnit: product.pricingUnit,
          taxPercent: String(product.taxRate / 100),
          taxInclusive: product.taxInclusive,
          tiers: product.tiers.map((t) => ({
            minQuantity: String(t.minQuantity),
            price: centsToDollarsText(t.unitPrice),
          })),
          seasons: product.seasons.map((s) => ({
            startsOn: s.startsOn,
            endsOn: s.endsOn,
            price: centsToDollarsText(s.unitPrice),
          })),
          ttOfferingId: product.ttOfferingId ?? '',
        }
      : EMPTY);
  const set = (patch: Partial<ProductForm>) => {
    setSaved(false);
    setForm({ ...form, ...patch });
  };
  const readOnly = !canManage;
  const err = (path: string) => fieldMessage(problem, `input.${path}`);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const fields = {
      sku: form.sku,
      name: form.name,
      description: form.description || null,
      category: form.category || null,
      unitPrice: cents(form.price),
      unitCost: form.cost.trim() ? cents(form.cost) : null,
      currency: form.currency,
      billingFrequency: form.billingFrequency,
      pricingUnit: form.pricingUnit,
      taxRate: basisPoints(form.taxPercent),
      taxInclusive: form.taxInclusive,
      tiers: form.tiers.map((t) => ({ minQuantity: Number(t.minQuantity), unitPrice: cents(t.price) })),
      seasons: form.seasons.map((s) => ({ startsOn: s.startsOn, endsOn: s.endsOn, unitPrice: cents(s.price) })),
      ttOfferingId: form.ttOfferingId || null,
    };
    // Amounts that are not amounts are refused here, naming the field, before anything is sent.
    const local = [
      ['input.unitPrice', fields.unitPrice],
      ['input.unitCost', fields.unitCost ?? 0],
      ['input.taxRate', fields.taxRate],
      ...fields.tiers.flatMap((t, i) => [
        [`input.tiers.${i}.minQuantity`, t.minQuantity],
        [`input.tiers.${i}.unitPrice`, t.unitPrice],
      ]),
      ...fields.seasons.map((s, i) => [`input.seasons.${i}.unitPrice`, s.unitPrice]),
    ] as [string, number][];
    const bad = local.filter(([, v]) => !Number.isFinite(v));
    if (bad.length) {
      setProblem({
        code: 'BAD_USER_INPUT',
        title: 'Check the form',
        message: 'Some amounts are not numbers.',
        fields: bad.map(([path]) => ({ path, message: 'must be a number, e.g. 1250.50' })),
        retryAfterMs: null,
      });
      return;
    }
    try {
      if (product) {
        await update({ variables: { input: { id: product.id, ...fields } } });
        await loaded.refetch();
        setForm(null);
        setSaved(true);
      } else {
        const res = await create({ variables: { input: fields } });
        if (res.data) void navigate(`/sales/products/${res.data.createProduct.id}`);
      }
    } catch (error) {
      setProblem(describeError(error));
    }
  };
  const setActive = async (active: boolean) => {
    if (!product) return;
    setProblem(null);
    try {
      await update({ variables: { input: { id: product.id, active } } });
      await loaded.refetch();
    } catch (error) {
      setProblem(describeError(error));
    }
  };

  return (
    <section aria-labelledby="product-title">
      <header className="page-header">
        <h1 id="product-title">{product ? `${product.name}` : 'New product'}</h1>
        <p className="page-header__meta" data-testid="product-status">
          {product ? `${product.sku} · ${product.active ? 'Active' : 'Archived'}` : ''}
        </p>
        <Link to="/sales/products">All products</Link>
      </header>
      <FormProblem problem={problem} />
      <form onSubmit={(e) => void submit(e)} className="record-form" aria-label="Product">
        <fieldset disabled={readOnly} className="form-grid">
          <Field label="SKU" required error={err('sku')}>
            {(p) => <input {...p} className="input" value={form.sku} onChange={(e) => set({ sku: e.target.value })} />}
          </Field>
          <Field label="Name" required error={err('name')}>
            {(p) => (
              <input {...p} className="input" value={form.name} onChange={(e) => set({ name: e.target.value })} />
            )}
          </Field>
          <Field label="Category" error={err('category')}>
            {(p) => (
              <input
                {...p}
                className="input"
                list="product-categories"
                value={form.category}
                onChange={(e) => set({ category: e.target.value })}
              />
            )}
          </Field>
          <datalist id="product-categories">
            {loaded.data?.productCategories.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <Field label="Description" className="field--wide" error={err('description')}>
            {(p) => (
              <textarea
                {...p}
                className="textarea"
                rows={3}
                value={form.description}
                onChange={(e) => set({ description: e.target.value })}
              />
            )}
          </Field>
          <Field label="Sell price" required error={err('unitPrice')} hint="Per unit, in the currency below">
            {(p) => (
              <input
                {...p}
                className="input"
                inputMode="decimal"
                value={form.price}
                onChange={(e) => set({ price: e.target.value })}
              />
            )}
          </Field>
          <Field label="Supplier cost" error={err('unitCost')} hint="What the supplier charges us per unit">
            {(p) => (
              <input
                {...p}
                className="input"
                inputMode="decimal"
                value={form.cost}
                onChange={(e) => set({ cost: e.target.value })}
              />
            )}
          </Field>
          <Field label="Currency" error={err('currency')}>
            {(p) => (
              <input
                {...p}
                className="input"
                value={form.currency}
                onChange={(e) => set({ currency: e.target.value })}
              />
            )}
          </Field>
          <Field label="Priced" error={err('pricingUnit')}>
            {(p) => (
              <select
                {...p}
                className="select"
                value={form.pricingUnit}
                onChange={(e) => set({ pricingUnit: e.target.value as PricingUnit })}
              >
                <option value="PER_UNIT">Per unit</option>
                <option value="PER_PERSON">Per person</option>
                <option value="PER_ROOM">Per room (occupancy)</option>
              </select>
            )}
          </Field>
          <Field label="Billing" error={err('billingFrequency')}>
            {(p) => (
              <select
                {...p}
                className="select"
                value={form.billingFrequency}
                onChange={(e) => set({ billingFrequency: e.target.value as BillingFrequency })}
              >
                <option value="ONE_TIME">One time</option>
                <option value="MONTHLY">Monthly</option>
                <option value="YEARLY">Yearly</option>
              </select>
            )}
          </Field>
          <Field label="Tax rate (%)" error={err('taxRate')}>
            {(p) => (
              <input
                {...p}
                className="input"
                inputMode="decimal"
                value={form.taxPercent}
                onChange={(e) => set({ taxPercent: e.target.value })}
              />
            )}
          </Field>
          <label>
            <input
              type="checkbox"
              checked={form.taxInclusive}
              onChange={(e) => set({ taxInclusive: e.target.checked })}
            />{' '}
            Price includes tax
          </label>
          <Field
            label="Travel offering id"
            error={err('ttOfferingId')}
            hint="The travel offering this product stands for"
          >
            {(p) => (
              <input
                {...p}
                className="input"
                value={form.ttOfferingId}
                onChange={(e) => set({ ttOfferingId: e.target.value })}
              />
            )}
          </Field>

          <fieldset className="form-grid field--wide" data-testid="product-tiers">
            <legend>Volume tiers</legend>
            {form.tiers.map((t, i) => (
              <div key={i} className="form-actions" role="group" aria-label={`Tier ${i + 1}`}>
                <Field label={`Tier ${i + 1} from quantity`} error={err(`tiers.${i}.minQuantity`)}>
                  {(p) => (
                    <input
                      {...p}
                      className="input"
                      inputMode="numeric"
                      value={t.minQuantity}
                      onChange={(e) =>
                        set({ tiers: form.tiers.map((x, j) => (j === i ? { ...x, minQuantity: e.target.value } : x)) })
                      }
                    />
                  )}
                </Field>
                <Field label={`Tier ${i + 1} unit price`} error={err(`tiers.${i}.unitPrice`)}>
                  {(p) => (
                    <input
                      {...p}
                      className="input"
                      inputMode="decimal"
                      value={t.price}
                      onChange={(e) =>
                        set({ tiers: form.tiers.map((x, j) => (j === i ? { ...x, price: e.target.value } : x)) })
                      }
                    />
                  )}
                </Field>
                {!readOnly && (
                  <button
                    type="button"
                    className="button"
                    onClick={() => set({ tiers: form.tiers.filter((_, j) => j !== i) })}
                  >
                    Remove tier {i + 1}
                  </button>
                )}
              </div>
            ))}
            {err('tiers') && <p className="field__error">{err('tiers')}</p>}
            {!readOnly && (
              <button
                type="button"
                className="button"
                onClick={() => set({ tiers: [...form.tiers, { minQuantity: '', price: '' }] })}
              >
                Add a tier
              </button>
            )}
          </fieldset>

          <fieldset className="form-grid field--wide" data-testid="product-seasons">
            <legend>Seasons</legend>
            {form.seasons.map((s, i) => (
              <div key={i} className="form-actions" role="group" aria-label={`Season ${i + 1}`}>
                <Field label={`Season ${i + 1} from`} error={err(`seasons.${i}.startsOn`)}>
                  {(p) => (
                    <input
                      {...p}
                      className="input"
                      type="date"
                      value={s.startsOn}
                      onChange={(e) =>
                        set({ seasons: form.seasons.map((x, j) => (j === i ? { ...x, startsOn: e.target.value } : x)) })
                      }
                    />
                  )}
                </Field>
                <Field label={`Season ${i + 1} to`} error={err(`seasons.${i}.endsOn`)}>
                  {(p) => (
                    <input
                      {...p}
                      className="input"
                      type="date"
                      value={s.endsOn}
                      onChange={(e) =>
                        set({ seasons: form.seasons.map((x, j) => (j === i ? { ...x, endsOn: e.target.value } : x)) })
                      }
                    />
                  )}
                </Field>
                <Field label={`Season ${i + 1} unit price`} error={err(`seasons.${i}.unitPrice`)}>
                  {(p) => (
                    <input
                      {...p}
                      className="input"
                      inputMode="decimal"
                      value={s.price}
                      onChange={(e) =>
                        set({ seasons: form.seasons.map((x, j) => (j === i ? { ...x, price: e.target.value } : x)) })
                      }
                    />
                  )}
                </Field>
                {!readOnly && (
                  <button
                    type="button"
                    className="button"
                    onClick={() => set({ seasons: form.seasons.filter((_, j) => j !== i) })}
                  >
                    Remove season {i + 1}
                  </button>
                )}
              </div>
            ))}
            {err('seasons') && <p className="field__error">{err('seasons')}</p>}
            {!readOnly && (
              <button
                type="button"
                className="button"
                onClick={() => set({ seasons: [...form.seasons, { startsOn: '', endsOn: '', price: '' }] })}
              >
                Add a season
              </button>
            )}
          </fieldset>
        </fieldset>
        {!readOnly && (
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={creating.loading || updating.loading}>
              {product ? 'Save product' : 'Create product'}
            </button>
            {product && (
              <button type="button" className="button" onClick={() => void setActive(!product.active)}>
                {product.active ? 'Archive' : 'Restore'}
              </button>
            )}
            {saved && <span role="status">Saved.</span>}
          </div>
        )}
      </form>
    </section>
  );
}
