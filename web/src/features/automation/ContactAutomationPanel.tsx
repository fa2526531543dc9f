import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { describeError, type DescribedError } from '../../lib/errors.ts';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { FormProblem } from '../../ui/FormProblem.tsx';
import {
  ContactAutomationDocument,
  EnrolInSequenceDocument,
  EnrolInWorkflowDocument,
  UnenrolFromSequenceDocument,
} from './graphql/__generated__/automation.ts';
import './automation.css';

/** On a contact's page: the workflows and sequences they are in, and enrolment in (or out of) one. */
export function ContactAutomationPanel({ contactId }: { contactId: string }) {
  const canRun = useHasRank('ADVISOR');
  const { data, refetch } = useQuery(ContactAutomationDocument, {
    variables: { id: contactId },
    fetchPolicy: 'cache-and-network',
  });
  const [workflowId, setWorkflowId] = useState('');
  const [sequenceId, setSequenceId] = useState('');
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [enrolWf] = useMutation(EnrolInWorkflowDocument);
  const [enrolSeq] = useMutation(EnrolInSequenceDocument);
  const [unenrol] = useMutation(UnenrolFromSequenceDocument);
  const run = async (fn: () => Promise<string>) => {
    setProblem(null);
    setNote(null);
    try {
      setNote(await fn());
      void refetch();
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  const c = data?.contact;
  const wfs = c?.workflowEnrolments?.nodes ?? [];
  const seqs = c?.sequenceEnrolments?.nodes ?? [];
  return (
    <section className="panel panel--wide" aria-labelledby="contact-automation-title" data-testid="contact-automation">
      <h2 id="contact-automation-title" className="panel__title">
        Automation
      </h2>
      <FormProblem problem={problem} />
      {note && (
        <p className="notice" role="status">
          {note}
        </p>
      )}
      <ul className="wf-contact-list">
        {wfs.map((e) => (
          <li key={e.id}>
            Workflow <Link to={`/marketing/workflows/${e.workflow.id}`}>{e.workflow.name}</Link>: {humanize(e.status)}
            {e.status === 'ACTIVE' && e.stepId ? ` at ${e.stepId}` : ''}
            {e.status === 'ACTIVE' && e.nextRunAt ? ` (next ${formatDateTime(e.nextRunAt)})` : ''}
          </li>
        ))}
        {seqs.map((e) => (
          <li key={e.id}>
            Sequence <Link to={`/marketing/sequences/${e.sequence.id}`}>{e.sequence.name}</Link>: {humanize(e.status)}
            {e.status === 'ACTIVE' ? `, step ${e.stepIndex + 1}` : ''}
            {canRun && e.status === 'ACTIVE' && (
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() =>
                  void run(async () => {
                    await unenrol({ variables: { input: { sequenceId: e.sequence.id, contactId } } });
                    return `Unenrolled from ${e.sequence.name}.`;
                  })
                }
              >
                Unenrol
              </button>
            )}
          </li>
        ))}
        {wfs.length + seqs.length === 0 && <li className="wf-muted">Not in any workflow or sequence.</li>}
      </ul>
      {canRun && (
        <div className="wf-contact-actions">
          <label>
            Workflow{' '}
            <select
              value={workflowId}
              onChange={(e) => setWorkflowId(e.target.value)}
              aria-label="Workflow to enrol in"
            >
              <option value="">Choose…</option>
              {data?.workflows?.nodes.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button button--small"
            disabled={!workflowId}
            onClick={() =>
              void run(async () => {
                const r = await enrolWf({ variables: { input: { workflowId, contactIds: [contactId] } } });
                return r.data?.enrolInWorkflow.length
                  ? 'Enrolled in the workflow.'
                  : 'Not enrolled: the workflow’s re-enrolment rule says no.';
              })
            }
          >
            Enrol
          </button>
          <label>
            Sequence{' '}
            <select
              value={sequenceId}
              onChange={(e) => setSequenceId(e.target.value)}
              aria-label="Sequence to enrol in"
            >
              <option value="">Choose…</option>
              {data?.sequences?.nodes
                .filter((s) => s.status === 'ACTIVE')
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
            </select>
          </label>
          <button
            type="button"
            className="button button--small"
            disabled={!sequenceId}
            onClick={() =>
              void run(async () => {
                const r = await enrolSeq({ variables: { input: { sequenceId, contactIds: [contactId] } } });
                return r.data?.enrolInSequence ? 'Enrolled in the sequence.' : 'Already in that sequence.';
              })
            }
          >
            Enrol
          </button>
        </div>
      )}
    </section>
  );
}
