import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams } from 'react-router';
import type { SequenceDetailQuery, SequenceStatus, SequenceStepType } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatDateTime, formatNumber, humanize, personName } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { RecordMissing } from '../../ui/RecordMissing.tsx';
import { Splash } from '../../ui/Splash.tsx';
import {
  CreateSequenceDocument,
  EnrolInSequenceDocument,
  SequenceDetailDocument,
  UnenrolFromSequenceDocument,
  UpdateSequenceDocument,
} from './graphql/__generated__/automation.ts';
import { WEEKDAYS, duration } from './steps.ts';
import './automation.css';

interface StepDraft {
  key: string;
  type: SequenceStepType;
  delayMinutes: number;
  subject: string;
  body: string;
  title: string;
}

let counter = 0;
const newStep = (type: SequenceStepType, delayMinutes: number): StepDraft => ({
  key: `step-${Date.now().toString(36)}${(counter++).toString(36)}`,
  type,
  delayMinutes,
  subject: '',
  body: '',
  title: '',
});

/**
 * /marketing/sequences/new and /marketing/sequences/:id: the ordered steps with their delays, the
 * send window and exit stages; for a saved sequence, its statistics and enrolments, enrolment of a
 * segment, and unenrolment.
 */
export function SequenceBuilderPage() {
  const { id } = useParams();
  const detail = useQuery(SequenceDetailDocument, {
    variables: { id: id ?? '', first: 50 },
    skip: !id,
    fetchPolicy: 'cache-and-network',
  });
  const seq = detail.data?.sequence ?? null;
  useDocumentTitle(seq?.name ?? 'New sequence');
  if (id && !seq)
    return detail.loading ? (
      <Splash />
    ) : (
      <RecordMissing kind="sequence" listPath="/marketing/sequences" listLabel="sequences" />
    );
  return <SequenceForm key={seq?.id ?? 'new'} seq={seq} refetch={() => void detail.refetch()} />;
}

type Loaded = NonNullable<SequenceDetailQuery['sequence']>;

function SequenceForm({ seq, refetch }: { seq: Loaded | null; refetch: () => void }) {
  const id = seq?.id;
  const canEdit = useHasRank('ADVISOR');
  const navigate = useNavigate();
  const [name, setName] = useState(seq?.name ?? '');
  const [steps, setSteps] = useState<StepDraft[]>(() =>
    seq
      ? seq.steps.map((s) => ({
          key: s.key,
          type: s.type,
          delayMinutes: s.delayMinutes,
          subject: s.subject ?? '',
          body: s.body ?? '',
          title: s.title ?? '',
        }))
      : [newStep('EMAIL', 0)],
  );
  const [days, setDays] = useState<number[]>(seq?.window.days ?? [1, 2, 3, 4, 5]);
  const [startHour, setStartHour] = useState(seq?.window.startHour ?? 9);
  const [endHour, setEndHour] = useState(seq?.window.endHour ?? 17);
  const [timezone, setTimezone] = useState(seq?.window.timezone ?? 'UTC');
  const [exitStages, setExitStages] = useState(seq ? seq.exitStages.join(', ') : 'CUSTOMER');
  const [segmentId, setSegmentId] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [create] = useMutation(CreateSequenceDocument);
  const [update] = useMutation(UpdateSequenceDocument);
  const [enrol] = useMutation(EnrolInSequenceDocument);
  const [unenrol] = useMutation(UnenrolFromSequenceDocument);

  const input = () => ({
    name,
    steps: steps.map((s) => ({
      key: s.key,
      type: s.type,
      delayMinutes: s.delayMinutes,
      ...(s.type === 'EMAIL' ? { subject: s.subject, body: s.body } : { title: s.title }),
    })),
    window: { days, startHour, endHour, timezone },
    exitStages: exitStages
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  });
  const run = async (fn: () => Promise<unknown>) => {
    setProblem(null);
    setNotice(null);
    try {
      await fn();
      refetch();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      if (id) await update({ variables: { input: { id, ...input() } } });
      else {
        const r = await create({ variables: { input: input() } });
        if (r.data) void navigate(`/marketing/sequences/${r.data.createSequence.id}`);
      }
    });
  };
  const setStatus = (status: SequenceStatus) =>
    void run(() => update({ variables: { input: { id: id ?? '', status } } }));
  const put = (i: number, patch: Partial<StepDraft>) =>
    setSteps(steps.map((s, k) => (k === i ? { ...s, ...patch } : s)));
  const stepError = (i: number, f: string) => problem?.fields.find((p) => p.path === `input.steps.${i}.${f}`)?.message;
  return (
    <section aria-labelledby="sequence-title" className="seq-builder">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/marketing/sequences">Sequences</Link>
      </nav>
      <header className="page-header">
        <h1 id="sequence-title">{seq?.name ?? 'New sequence'}</h1>
        {seq && (
          <p className="page-header__meta">
            <span className={`badge badge--${seq.status.toLowerCase()}`} data-testid="sequence-status">
              {humanize(seq.status)}
            </span>
          </p>
        )}
        {seq && canEdit && (
          <div className="page-header__actions">
            {seq.status !== 'ACTIVE' && (
              <button type="button" className="button button--primary" onClick={() => setStatus('ACTIVE')}>
                Activate
              </button>
            )}
            {seq.status === 'ACTIVE' && (
              <button type="button" className="button" onClick={() => setStatus('PAUSED')}>
                Pause
              </button>
            )}
          </div>
        )}
      </header>
      <FormProblem problem={problem} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {seq && (
        <dl className="wf-totals" data-testid="sequence-stats">
          {(
            [
              ['Enrolled', seq.stats.enrolled],
              ['Active', seq.stats.active],
              ['Completed', seq.stats.completed],
              ['Replied', seq.stats.replied],
              ['Converted', seq.stats.converted],
              ['Unsubscribed', seq.stats.unsubscribed],
              ['Bounced', seq.stats.bounced],
              ['Emails sent', seq.stats.emailsSent],
            ] as const
          ).map(([label, n]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{formatNumber(n)}</dd>
            </div>
          ))}
          <div>
            <dt>Reply rate</dt>
            <dd>{Math.round(seq.stats.replyRate * 100)}%</dd>
          </div>
        </dl>
      )}
      <form className="record-form" onSubmit={save} noValidate>
        <fieldset disabled={!canEdit} className="seq-builder__form">
          <Field label="Name" required error={fieldMessage(problem, 'name')}>
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <h2 className="panel__title">Steps</h2>
          <ol className="seq-steps">
            {steps.map((s, i) => (
              <li key={s.key} className="wf-step seq-step" data-testid="sequence-step">
                <div className="seq-step__row">
                  <label className="step-editor__field">
                    <span>{i === 0 ? 'After enrolment, wait (minutes)' : 'Then wait (minutes)'}</span>
                    <input
                      type="number"
                      min={0}
                      value={s.delayMinutes}
                      onChange={(e) => put(i, { delayMinutes: Number(e.target.value) })}
                    />
                  </label>
                  <span className="wf-muted">{s.delayMinutes ? duration(s.delayMinutes) : 'at once'}</span>
                  <label className="step-editor__field">
                    <span>Step</span>
                    <select value={s.type} onChange={(e) => put(i, { type: e.target.value as SequenceStepType })}>
                      <option value="EMAIL">Email</option>
                      <option value="TASK">Task for the owner</option>
                    </select>
                  </label>
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    onClick={() => setSteps(steps.filter((_, k) => k !== i))}
                  >
                    Remove
                  </button>
                </div>
                {s.type === 'EMAIL' ? (
                  <>
                    <label className="step-editor__field">
                      <span>Subject</span>
                      <input value={s.subject} onChange={(e) => put(i, { subject: e.target.value })} />
                      {stepError(i, 'subject') && <span className="field__error">{stepError(i, 'subject')}</span>}
                    </label>
                    <label className="step-editor__field">
                      <span>Body</span>
                      <textarea rows={4} value={s.body} onChange={(e) => put(i, { body: e.target.value })} />
                      {stepError(i, 'body') && <span className="field__error">{stepError(i, 'body')}</span>}
                    </label>
                  </>
                ) : (
                  <label className="step-editor__field">
                    <span>Task title</span>
                    <input value={s.title} onChange={(e) => put(i, { title: e.target.value })} />
                    {stepError(i, 'title') && <span className="field__error">{stepError(i, 'title')}</span>}
                  </label>
                )}
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setSteps([...steps, newStep('EMAIL', 2 * 1440)])}
          >
            + Add step
          </button>
          <fieldset className="panel">
            <legend>Send window (the contact's time zone; this one when unknown)</legend>
            <div className="seq-days">
              {WEEKDAYS.map((d, i) => (
                <label key={d}>
                  <input
                    type="checkbox"
                    checked={days.includes(i + 1)}
                    onChange={(e) =>
                      setDays(e.target.checked ? [...days, i + 1].sort() : days.filter((x) => x !== i + 1))
                    }
                  />{' '}
                  {d.slice(0, 3)}
                </label>
              ))}
            </div>
            <Field label="From hour" error={fieldMessage(problem, 'startHour')}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min={0}
                  max={23}
                  value={startHour}
                  onChange={(e) => setStartHour(Number(e.target.value))}
                />
              )}
            </Field>
            <Field label="Until hour" error={fieldMessage(problem, 'endHour')}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min={1}
                  max={24}
                  value={endHour}
                  onChange={(e) => setEndHour(Number(e.target.value))}
                />
              )}
            </Field>
            <Field label="Time zone" error={fieldMessage(problem, 'timezone')}>
              {(p) => <input {...p} value={timezone} onChange={(e) => setTimezone(e.target.value)} />}
            </Field>
          </fieldset>
          <Field label="Exit stages (comma-separated lifecycle stages that convert)">
            {(p) => <input {...p} value={exitStages} onChange={(e) => setExitStages(e.target.value)} />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button button--primary">
              {id ? 'Save' : 'Create sequence'}
            </button>
          </div>
        </fieldset>
      </form>
      {seq && (
        <section className="panel" aria-labelledby="seq-enrolments-title">
          <h2 id="seq-enrolments-title" className="panel__title">
            Enrolments <span className="panel__count">{seq.enrolments?.totalCount ?? 0}</span>
          </h2>
          {canEdit && seq.status === 'ACTIVE' && (
            <form
              className="seq-enrol"
              onSubmit={(e) => {
                e.preventDefault();
                void run(async () => {
                  const r = await enrol({ variables: { input: { sequenceId: seq.id, segmentId } } });
                  setNotice(`${r.data?.enrolInSequence ?? 0} contacts enrolled.`);
                });
              }}
            >
              <Field label="Enrol a segment (id)" error={fieldMessage(problem, 'segmentId')}>
                {(p) => <input {...p} value={segmentId} onChange={(e) => setSegmentId(e.target.value)} />}
              </Field>
              <button type="submit" className="button button--small">
                Enrol
              </button>
            </form>
          )}
          <div className="table-frame">
            <table className="data-table" data-testid="sequence-enrolments">
              <thead>
                <tr>
                  <th scope="col">Contact</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="numeric">
                    Next step
                  </th>
                  <th scope="col">Due</th>
                  <th scope="col">Note</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {seq.enrolments?.nodes.map((n) => (
                  <tr key={n.id}>
                    <th scope="row">
                      <Link to={`/crm/contacts/${n.contact.id}`}>
                        {n.contact.firstName ? personName(n.contact) : n.contact.id.slice(0, 8)}
                      </Link>
                    </th>
                    <td>{humanize(n.status)}</td>
                    <td className="numeric">{n.stepIndex + 1}</td>
                    <td className="nowrap">
                      {n.nextRunAt && n.status === 'ACTIVE' ? formatDateTime(n.nextRunAt) : '—'}
                    </td>
                    <td>{n.lastError ?? ''}</td>
                    <td>
                      {canEdit && n.status === 'ACTIVE' && (
                        <button
                          type="button"
                          className="button button--ghost button--small"
                          onClick={() =>
                            void run(() =>
                              unenrol({ variables: { input: { sequenceId: seq.id, contactId: n.contact.id } } }),
                            )
                          }
                        >
                          Unenrol
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </section>
  );
}
