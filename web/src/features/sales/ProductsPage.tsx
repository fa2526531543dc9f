import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { formatNumber } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { ProductsDocument } from './graphql/sales.ts';
import { formatAmount } from './money.ts';

/** The catalogue by name, searchable. */
export function ProductsPage() {
  useDocumentTitle('Products');
  const [search, setSearch] = useState('');
  const { data, previousData, error, refetch } = useQuery(ProductsDocument, {
    variables: { first: 100, filter: search ? { search } : null },
    fetchPolicy: 'cache-and-network',
  });
  const result = (data ?? previousData)?.products;
  return (
    <section aria-labelledby="products-title">
      <header className="page-header">
        <h1 id="products-title">Products</h1>
        <p className="page-header__meta">{result ? `${formatNumber(result.totalCount)} products` : ''}</p>
      </header>
      <input type="search" aria-label="Search products" value={search} onChange={(e) => setSearch(e.target.value)} />
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
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {result.nodes.map((p) => (
                <tr key={p.id}>
                  <td>{p.sku}</td>
                  <td>{p.name}</td>
                  <td>{p.category ?? ''}</td>
                  <td className="numeric">{formatAmount(p.unitPrice, p.currency)}</td>
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
