import type { Direction } from '../lib/useListParams.ts';

interface SortHeaderProps<F extends string> {
  label: string;
  field: F;
  sort: { field: F; direction: Direction } | null;
  onSort: (sort: { field: F; direction: Direction }) => void;
  numeric?: boolean;
  /** Columns whose natural first click is "highest / newest first". */
  descendingFirst?: boolean;
}

/** A column header that sorts on the server, announcing its order through aria-sort. */
export function SortHeader<F extends string>({
  label,
  field,
  sort,
  onSort,
  numeric,
  descendingFirst,
}: SortHeaderProps<F>) {
  const direction = sort?.field === field ? sort.direction : null;
  const next: Direction = direction ? (direction === 'ASC' ? 'DESC' : 'ASC') : descendingFirst ? 'DESC' : 'ASC';
  return (
    <th
      scope="col"
      className={numeric ? 'numeric' : undefined}
      aria-sort={direction === 'ASC' ? 'ascending' : direction === 'DESC' ? 'descending' : undefined}
    >
      <button type="button" className="sort-button" onClick={() => onSort({ field, direction: next })}>
        {label}
        <span className="sort-button__arrow" aria-hidden="true">
          {direction === 'ASC' ? '▲' : direction === 'DESC' ? '▼' : ''}
        </span>
        <span className="visually-hidden">{`, sort ${next === 'ASC' ? 'ascending' : 'descending'}`}</span>
      </button>
    </th>
  );
}
