import { useEffect, useState, type FormEvent } from 'react';
import { useLazyQuery, useMutation } from '@apollo/client/react';
import { Link, useNavigate } from 'react-router';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatNumber } from '../../lib/format.ts';
import { useDebouncedCallback } from '../../lib/useDebouncedCallback.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { NotAllowed } from '../../ui/NotAllowed.tsx';
import { FIELDS, OPS, kindOf, newRule, toCriteria, type Criteria, type Rule } from './criteria.ts';
import { CreateSegmentDocument, SegmentCountDocument } from './graphql/__generated__/marketing.ts';

/** Groups of rules joined by AND/OR, with the live count of who matches. */
export function CriteriaEditor({ value, onChange }: { value: Criteria; onChange: (c: Criteria) => void }) {
  const setGroup = (i: number, rules: Rule[], join = value.groups[i]?.join ?? 'and') =>
    onChange({ ...value, groups: value.groups.map((g, j) => (j === i ? { join, rules } : g)) });
  return (
    <div className="criteria" data-testid="criteria-editor">
      <label>
        Match{' '}
        <select
          value={value.join}
          onChange={(e) => onChange({ ...value, join: e.target.value === 'or' ? 'or' : 'and' })}
        >
          <option value="and">all groups</option>
          <option value="or">any group</option>
        </select>
      </label>
      {value.groups.map((g, i) => (
        <fieldset key={i} className="panel">
          <legend>
            Group {i + 1}: people matching{' '}
            <select value={g.join} onChange={(e) => setGroup(i, g.rules, e.target.value === 'or' ? 'or' : 'and')}>
              <option value="and">every rule</option>
              <option value="or">any rule</option>
            </select>
          </legend>
          {g.rules.map((r, k) => {
            const kind = kindOf(r.field);
            const ops = OPS[kind] ?? [];
            const needsValue = ops.find((o) => o.value === r.op)?.needsValue ?? true;
            const put = (next: Partial<Rule>) =>
              setGroup(
                i,
                g.rules.map((x, m) => (m === k ? { ...x, ...next } : x)),
              );
            return (
              <div key={k} className="criteria__rule">
                <select
                  aria-label="Field"
                  value={r.field}
                  onChange={(e) =>
                    put({ field: e.target.value, op: OPS[kindOf(e.target.value)]?.[0]?.value ?? 'eq', value: '' })
                  }
                >
                  {FIELDS.map((f) => (
                    <option key={f.value} value={f.value}>
                      {f.label}
                    </option>
                  ))}
                </select>
                <select aria-label="Condition" value={r.op} onChange={(e) => put({ op: e.target.value })}>
                  {ops.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
                {needsValue && (
                  <input
                    aria-label="Value"
                    value={r.value}
                    onChange={(e) => put({ value: e.target.value })}
                    type={kind === 'number' || kind === 'date' ? 'number' : 'text'}
                  />
                )}
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() =>
                    setGroup(
                      i,
                      g.rules.filter((_, m) => m !== k),
                    )
                  }
                >
                  Remove
                </button>
              </div>
            );
          })}
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setGroup(i, [...g.rules, newRule()])}
          >
            Add rule
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={() => onChange({ ...value, groups: [...value.groups, { join: 'and', rules: [newRule()] }] })}
      >
        Add group
      </button>
    </div>
  );
}

/** How many audience members the criteria match right now. */
export function useLiveCount(criteria: unknown) {
  const [count, result] = useLazyQuery(SegmentCountDocument);
  const refresh = useDebouncedCallback((c: unknown) => void count({ variables: { criteria: c } }), 300);
  const key = JSON.stringify(criteria);
  useEffect(() => {
    if (criteria !== null) refresh(criteria);
  }, [key, refresh, criteria]);
  return { count: criteria === null ? null : (result.data?.segmentCount ?? null), error: result.error };
}

/** /marketing/segments/new: a dynamic segment from criteria, or an empty static list. */
export function SegmentBuilderPage() {
  useDocumentTitle('New segment');
  const allowed = useHasRank('ADVISOR');
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'DYNAMIC' | 'STATIC'>('DYNAMIC');
  const [criteria, setCriteria] = useState<Criteria>({ join: 'and', groups: [{ join: 'and', rules: [newRule()] }] });
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [create, creating] = useMutation(CreateSegmentDocument);
  const json = kind === 'DYNAMIC' ? toCriteria(criteria) : null;
  const live = useLiveCount(json);
  if (!allowed) return <NotAllowed what="create segments" />;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      await create({ variables: { input: { name, kind, ...(kind === 'DYNAMIC' ? { criteria: json } : {}) } } });
      void navigate('/marketing/segments');
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  return (
    <section aria-labelledby="segment-builder-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/marketing/segments">Segments</Link>
      </nav>
      <header className="page-header">
        <h1 id="segment-builder-title">New segment</h1>
        {kind === 'DYNAMIC' && (
          <p className="page-header__meta" role="status" data-testid="segment-live-count">
            {live.count === null ? 'Complete the rules to see who matches' : `${formatNumber(live.count)} people match`}
          </p>
        )}
      </header>
      <form className="record-form" onSubmit={(e) => void submit(e)} noValidate>
        <FormProblem problem={problem} />
        <Field label="Name" required error={fieldMessage(problem, 'name')}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Kind">
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value === 'STATIC' ? 'STATIC' : 'DYNAMIC')}>
              <option value="DYNAMIC">Dynamic (rules)</option>
              <option value="STATIC">Static list</option>
            </select>
          )}
        </Field>
        {kind === 'DYNAMIC' && <CriteriaEditor value={criteria} onChange={setCriteria} />}
        {problem?.fields.length ? (
          <p className="field__error">{problem.fields.map((f) => `${f.path}: ${f.message}`).join('; ')}</p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={creating.loading}>
            Create segment
          </button>
        </div>
      </form>
    </section>
  );
}
