import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatNumber } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { SalesProductsDocument } from './graphql/__generated__/sales.ts';
import { formatAmount } from './money.ts';

const UNIT_LABEL = { PER_UNIT: 'each', PER_PERSON: 'per person', PER_ROOM: 'per room' } as const;

/** The catalogue by name: searchable, by category, active or archived; managers add products. */
export function ProductsPage() {
  useDocumentTitle('Products');
  const canManage = useHasRank('MANAGER');
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState('');
  const [status, setStatus] = useState<'active' | 'archived' | 'all'>('active');
  const filter = {
    ...(search ? { search } : {}),
    ...(category ? { category } : {}),
    ...(status === 'all' ? {} : { active: status === 'active' }),
  };
  const { data, previousData, error, refetch } = useQuery(SalesProductsDocument, {
    variables: { first: 100, filter },
    fetchPolicy: 'cache-and-network',
  });
  const shown = data ?? previousData;
  const result = shown?.products;
  return (
    <section aria-labelledby="products-title">
      <header className="page-header">
        <h1 id="products-title">Products</h1>
        <p className="page-header__meta">{result ? `${formatNumber(result.totalCount)} products` : ''}</p>
        {canManage && (
          <Link className="button button--primary" to="/sales/products/new">
            New product
          </Link>
        )}
      </header>
      <div className="form-actions" role="group" aria-label="Filter products">
        <input type="search" aria-label="Search products" value={search} onChange={(e) => setSearch(e.target.value)} />
        <select aria-label="Category" value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">Every category</option>
          {shown?.productCategories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <select
          aria-label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value as 'active' | 'archived' | 'all')}
        >
          <option value="active">Active</option>
          <option value="archived">Archived</option>
          <option value="all">Active and archived</option>
        </select>
      </div>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!result && !error && <Loading />}
      {result && (
        <div className="table-frame">
          <table className="data-table" data-testid="products-table">
            <thead>
              <tr>
                <th scope="col">SKU</th>
                <th scope="col">Product</th>
                <th scope="col">Category</th>
                <th scope="col" className="numeric">
                  Price
                </th>
                <th scope="col" className="numeric">
                  Supplier cost
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {result.nodes.map((p) => (
                <tr key={p.id}>
                  <td>{p.sku}</td>
                  <td>
                    <Link to={`/sales/products/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>{p.category ?? ''}</td>
                  <td className="numeric">
                    {formatAmount(p.unitPrice, p.currency)} {UNIT_LABEL[p.pricingUnit]}
                  </td>
                  <td className="numeric">{p.unitCost == null ? '' : formatAmount(p.unitCost, p.currency)}</td>
                  <td>{p.active ? 'Active' : 'Archived'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
