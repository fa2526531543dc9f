import type { SetURLSearchParams } from 'react-router';
import type { DealFilter, PipelinesQuery } from '../../__generated__/graphql.ts';
import { parseDollars } from '../../lib/money.ts';
import { useCurrentUser } from '../../lib/useHasRank.ts';
import { useStaff } from '../identity/useStaff.ts';

type Pipeline = NonNullable<PipelinesQuery['pipelines']>['nodes'][number];

/** The URL keys of the deal filters, shared by the board and the deal list. */
const KEYS = ['owner', 'closeFrom', 'closeTo', 'min', 'max', 'tag'] as const;

export const hasDealFilters = (params: URLSearchParams) => KEYS.some((key) => params.get(key));

const cents = (text: string | null) => {
  const value = parseDollars(text ?? '');
  return value === null || Number.isNaN(value) ? null : value;
};

/** The filters in the URL as the graph's DealFilter ("owner=me" is the signed-in person). */
export function dealFilterOf(params: URLSearchParams, meId: string | null): DealFilter {
  const owner = params.get('owner');
  const closeFrom = params.get('closeFrom');
  const closeTo = params.get('closeTo');
  const tag = params.get('tag')?.trim();
  const filter: DealFilter = {};
  if (owner) filter.ownerId = owner === 'me' ? meId : owner;
  if (closeFrom) filter.expectedCloseAfter = `${closeFrom}T00:00:00.000Z`;
  if (closeTo) filter.expectedCloseBefore = `${closeTo}T23:59:59.999Z`;
  const min = cents(params.get('min'));
  const max = cents(params.get('max'));
  if (min !== null) filter.amountMinCents = min;
  if (max !== null) filter.amountMaxCents = max;
  if (tag) filter.tags = [tag];
  return filter;
}

interface DealFiltersProps {
  pipelines: readonly Pipeline[];
  pipelineId: string;
  searchParams: URLSearchParams;
  setSearchParams: SetURLSearchParams;
}

/** Pipeline, owner ("my deals"), expected close, amount and tag: kept in the URL, so a link shares the view. */
export function DealFilters({ pipelines, pipelineId, searchParams, setSearchParams }: DealFiltersProps) {
  const { staff } = useStaff();
  const me = useCurrentUser();
  const put = (key: string, value: string) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        next.delete('after');
        next.delete('before');
        return next;
      },
      { replace: true },
    );
  const value = (key: string) => searchParams.get(key) ?? '';
  const mine = value('owner') === 'me';

  return (
    <form className="filters" role="search" aria-label="Deal filters" onSubmit={(e) => e.preventDefault()}>
      {pipelines.length > 1 && (
        <label className="filters__item">
          <span className="field__label">Pipeline</span>
          <select
            id="board-pipeline"
            className="select"
            value={pipelineId}
            onChange={(e) => put('pipeline', e.target.value)}
          >
            {pipelines.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {me && (
        <button
          type="button"
          className={mine ? 'button button--toggle button--on' : 'button button--toggle'}
          aria-pressed={mine}
          onClick={() => put('owner', mine ? '' : 'me')}
        >
          My deals
        </button>
      )}
      <label className="filters__item">
        <span className="field__label">Owner</span>
        <select className="select" value={value('owner')} onChange={(e) => put('owner', e.target.value)}>
          <option value="">Anyone</option>
          <option value="me">Me</option>
          {staff.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label className="filters__item">
        <span className="field__label">Closes from</span>
        <input
          className="input"
          type="date"
          value={value('closeFrom')}
          onChange={(e) => put('closeFrom', e.target.value)}
        />
      </label>
      <label className="filters__item">
        <span className="field__label">Closes by</span>
        <input
          className="input"
          type="date"
          value={value('closeTo')}
          onChange={(e) => put('closeTo', e.target.value)}
        />
      </label>
      <label className="filters__item filters__item--narrow">
        <span className="field__label">Min $</span>
        <input
          className="input"
          inputMode="decimal"
          value={value('min')}
          onChange={(e) => put('min', e.target.value)}
        />
      </label>
      <label className="filters__item filters__item--narrow">
        <span className="field__label">Max $</span>
        <input
          className="input"
          inputMode="decimal"
          value={value('max')}
          onChange={(e) => put('max', e.target.value)}
        />
      </label>
      <label className="filters__item filters__item--narrow">
        <span className="field__label">Tag</span>
        <input className="input" value={value('tag')} onChange={(e) => put('tag', e.target.value)} />
      </label>
      {hasDealFilters(searchParams) && (
        <button
          type="button"
          className="button button--ghost"
          onClick={() =>
            setSearchParams((current) => {
              const next = new URLSearchParams(current);
              for (const key of KEYS) next.delete(key);
              return next;
            })
          }
        >
          Clear filters
        </button>
      )}
    </form>
  );
}
