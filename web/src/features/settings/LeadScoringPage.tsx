import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import type { LeadScoringRuleType, ScoringCategory } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatNumber, humanize } from '../../lib/format.ts';
import { pageArgs, type PageCursor } from '../../lib/useCursorListParams.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormProblem, focusFirstInvalid } from '../../ui/FormProblem.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  CreateLeadScoringRuleDocument,
  DeleteLeadScoringRuleDocument,
  LeadScoringRulesDocument,
  RecalculateLeadScoresDocument,
  UpdateLeadScoringRuleDocument,
} from './graphql/__generated__/crmData.ts';
import { CRITERIA_EXAMPLE, describeCriteria } from './leadScoring.ts';

const RULE_TYPES: { value: LeadScoringRuleType; label: string; hint: string }[] = [
  { value: 'POSITIVE', label: 'Adds points', hint: '1 to 1,000 points' },
  { value: 'NEGATIVE', label: 'Takes points away', hint: '−1 to −1,000 points' },
  { value: 'DECAY', label: 'Decay when inactive', hint: 'Points taken away for every period without activity' },
];
const TYPE_LABEL = Object.fromEntries(RULE_TYPES.map((t) => [t.value, t.label])) as Record<LeadScoringRuleType, string>;
const CATEGORIES: ScoringCategory[] = ['DEMOGRAPHIC', 'FIRMOGRAPHIC', 'BEHAVIORAL', 'ENGAGEMENT'];
const PAGE = 25;

type Rule = NonNullable<NonNullable<ReturnType<typeof useRules>['data']>['leadScoringRules']>['nodes'][number];

function useRules(cursor: PageCursor) {
  return useQuery(LeadScoringRulesDocument, { variables: pageArgs(cursor, PAGE), fetchPolicy: 'cache-and-network' });
}

/** A problem with the conditions, wherever inside them the server found it. */
const criteriaMessage = (problem: DescribedError | null) =>
  problem?.fields.find((f) => f.path === 'input.criteria' || f.path.startsWith('input.criteria.'))?.message;

/** Reads the conditions box; a JSON mistake is reported at the field before anything is sent. */
function parseCriteria(text: string): { ok: true; value: unknown } | { ok: false; problem: DescribedError } {
  try {
    return { ok: true, value: text.trim() ? JSON.parse(text) : {} };
  } catch {
    return {
      ok: false,
      problem: {
        code: 'BAD_USER_INPUT',
        title: 'Check the conditions',
        message: 'The conditions could not be read.',
        fields: [{ path: 'input.criteria', message: `Write the conditions as in the example: ${CRITERIA_EXAMPLE}` }],
        retryAfterMs: null,
      },
    };
  }
}

/**
 * Lead scoring rules: everyone sees what adds to or takes from a score; managers add, change, turn
 * off and delete rules, and ask for every score to be recalculated.
 */
export function LeadScoringPage() {
  useDocumentTitle('Lead scoring');
  const canManage = useHasRank('MANAGER');
  const [cursor, setCursor] = useState<PageCursor>({});
  const rules = useRules(cursor);
  const [editing, setEditing] = useState<Rule | null>(null);
  const [status, setStatus] = useState('');
  const [rowProblem, setRowProblem] = useState<DescribedError | null>(null);
  const [update] = useMutation(UpdateLeadScoringRuleDocument);
  const [remove] = useMutation(DeleteLeadScoringRuleDocument);
  const [recalculate, recalculating] = useMutation(RecalculateLeadScoresDocument);

  const toggle = async (rule: Rule) => {
    setRowProblem(null);
    try {
      await update({ variables: { input: { id: rule.id, active: !rule.active } } });
      setStatus(`${rule.name} ${rule.active ? 'turned off' : 'turned on'}. Scores are being recalculated.`);
    } catch (err) {
      setRowProblem(describeError(err));
    }
  };
  const onDelete = async (rule: Rule) => {
    if (!window.confirm(`Delete the rule “${rule.name}”? Scores are recalculated without it.`)) return;
    setRowProblem(null);
    try {
      await remove({ variables: { id: rule.id } });
      setStatus(`${rule.name} deleted. Scores are being recalculated.`);
      await rules.refetch();
    } catch (err) {
      setRowProblem(describeError(err));
    }
  };
  const onRecalculate = async () => {
    setRowProblem(null);
    try {
      await recalculate({ variables: { input: {} } });
      setStatus('Every lead score is being recalculated; they update in a few moments.');
    } catch (err) {
      setRowProblem(describeError(err));
    }
  };

  const list = rules.data?.leadScoringRules ?? null;
  return (
    <section aria-labelledby="scoring-title" data-testid="lead-scoring-page">
      <header className="page-header">
        <h1 id="scoring-title">Lead scoring</h1>
        <p className="page-header__meta">
          A contact’s score is the sum of the active rules it matches, between 0 and 1,000.
        </p>
        {canManage && (
          <button
            type="button"
            className="button"
            disabled={recalculating.loading}
            onClick={() => void onRecalculate()}
          >
            Recalculate all scores
          </button>
        )}
      </header>

      <p className="notice notice--success" role="status" hidden={!status} data-testid="scoring-status">
        {status}
      </p>
      {rowProblem && (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">{rowProblem.title}</p>
          <p>{rowProblem.message}</p>
        </div>
      )}

      {canManage && (
        <RuleForm
          key={editing?.id ?? 'new'}
          rule={editing}
          onDone={(message) => {
            setEditing(null);
            setStatus(message);
            void rules.refetch();
          }}
          onCancel={() => setEditing(null)}
        />
      )}

      {rules.error && !list && <ErrorNotice error={rules.error} onRetry={() => void rules.refetch()} />}
      {!list && !rules.error && <Loading />}
      {list && (
        <>
          <div className="table-frame">
            <table className="data-table data-table--cards" data-testid="scoring-rules">
              <caption className="visually-hidden">Lead scoring rules, by name</caption>
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Category</th>
                  <th scope="col">When</th>
                  <th scope="col" className="numeric">
                    Points
                  </th>
                  <th scope="col">Status</th>
                  {canManage && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.nodes.length === 0 && (
                  <tr>
                    <td colSpan={canManage ? 7 : 6}>No scoring rules yet: every contact scores 0.</td>
                  </tr>
                )}
                {list.nodes.map((rule) => (
                  <tr key={rule.id} data-testid="scoring-rule">
                    <th scope="row" data-label="Rule">
                      {rule.name}
                      {rule.description && <span className="panel__meta"> {rule.description}</span>}
                    </th>
                    <td data-label="Kind">{TYPE_LABEL[rule.ruleType]}</td>
                    <td data-label="Category">{humanize(rule.category)}</td>
                    <td data-label="When">{describeCriteria(rule.criteria)}</td>
                    <td data-label="Points" className="numeric">
                      {rule.points > 0 ? `+${formatNumber(rule.points)}` : formatNumber(rule.points)}
                    </td>
                    <td data-label="Status">
                      <span className={rule.active ? 'badge badge--gold' : 'badge badge--muted'}>
                        {rule.active ? 'Active' : 'Off'}
                      </span>
                    </td>
                    {canManage && (
                      <td>
                        <span className="row-actions">
                          <button type="button" className="button button--small" onClick={() => setEditing(rule)}>
                            Edit<span className="visually-hidden"> {rule.name}</span>
                          </button>
                          <button type="button" className="button button--small" onClick={() => void toggle(rule)}>
                            {rule.active ? 'Turn off' : 'Turn on'}
                            <span className="visually-hidden"> {rule.name}</span>
                          </button>
                          <button
                            type="button"
                            className="button button--small button--danger"
                            onClick={() => void onDelete(rule)}
                          >
                            Delete<span className="visually-hidden"> {rule.name}</span>
                          </button>
                        </span>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager
            label="Scoring rule pages"
            noun={['rule', 'rules']}
            shown={list.nodes.length}
            totalCount={list.totalCount}
            pageInfo={list.pageInfo}
            onPage={setCursor}
          />
        </>
      )}
    </section>
  );
}

/** Adds a rule, or changes the one being edited (its kind cannot change). */
function RuleForm({
  rule,
  onDone,
  onCancel,
}: {
  rule: Rule | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [create, creating] = useMutation(CreateLeadScoringRuleDocument);
  const [update, updating] = useMutation(UpdateLeadScoringRuleDocument);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [ruleType, setRuleType] = useState<LeadScoringRuleType>(rule?.ruleType ?? 'POSITIVE');

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const criteria = parseCriteria(String(data.get('criteria') ?? ''));
    if (!criteria.ok) {
      setProblem(criteria.problem);
      focusFirstInvalid(form);
      return;
    }
    const points = Number(
      String(data.get('points') ?? '')
        .replace(/[,\s+]/g, '')
        .replace('−', '-'),
    );
    const common = {
      name: String(data.get('name') ?? ''),
      description: String(data.get('description') ?? '') || null,
      category: String(data.get('category')) as ScoringCategory,
      criteria: criteria.value,
      points: Number.isFinite(points) ? Math.trunc(points) : 0,
      active: data.get('active') === 'on',
    };
    setProblem(null);
    try {
      if (rule) {
        await update({ variables: { input: { id: rule.id, ...common } } });
        onDone(`${common.name} saved. Scores are being recalculated.`);
      } else {
        await create({ variables: { input: { ...common, ruleType } } });
        form.reset();
        setRuleType('POSITIVE');
        onDone(`${common.name} added. Scores are being recalculated.`);
      }
    } catch (err) {
      setProblem(describeError(err));
      focusFirstInvalid(form);
    }
  };

  return (
    <form className="panel form-grid" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="scoring-rule-form">
      <h2 className="panel__title">{rule ? `Edit “${rule.name}”` : 'New rule'}</h2>
      <FormProblem problem={problem} />
      <Field label="Name" required error={fieldMessage(problem, 'input.name')}>
        {(p) => <input {...p} name="name" className="input" required maxLength={120} defaultValue={rule?.name ?? ''} />}
      </Field>
      <Field label="Kind" hint={RULE_TYPES.find((t) => t.value === ruleType)?.hint}>
        {(p) => (
          <select
            {...p}
            name="ruleType"
            className="select"
            value={ruleType}
            disabled={rule !== null}
            onChange={(e) => setRuleType(e.target.value as LeadScoringRuleType)}
          >
            {RULE_TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Category" error={fieldMessage(problem, 'input.category')}>
        {(p) => (
          <select {...p} name="category" className="select" defaultValue={rule?.category ?? 'BEHAVIORAL'}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {humanize(c)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Points" required error={fieldMessage(problem, 'input.points')}>
        {(p) => (
          <input
            {...p}
            name="points"
            className="input input--narrow"
            inputMode="numeric"
            required
            defaultValue={rule ? String(rule.points) : ''}
          />
        )}
      </Field>
      <Field label="Description" error={fieldMessage(problem, 'input.description')}>
        {(p) => <input {...p} name="description" className="input" defaultValue={rule?.description ?? ''} />}
      </Field>
      <Field
        label="Conditions"
        className="field--wide"
        error={criteriaMessage(problem)}
        hint={`Which contacts match, e.g. ${CRITERIA_EXAMPLE}. Decay rules need "inactiveDays". Empty matches everyone.`}
      >
        {(p) => (
          <textarea
            {...p}
            name="criteria"
            className="textarea"
            rows={3}
            spellCheck={false}
            defaultValue={rule ? JSON.stringify(rule.criteria) : ''}
          />
        )}
      </Field>
      <label className="checkbox">
        <input type="checkbox" name="active" defaultChecked={rule?.active ?? true} /> Active
      </label>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={creating.loading || updating.loading}>
          {rule ? 'Save rule' : 'Add rule'}
        </button>
        {rule && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
