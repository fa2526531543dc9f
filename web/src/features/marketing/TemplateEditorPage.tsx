import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams } from 'react-router';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { useDebouncedCallback } from '../../lib/useDebouncedCallback.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { FormProblem, focusFirstInvalid } from '../../ui/FormProblem.tsx';
import { Splash } from '../../ui/Splash.tsx';
import {
  CreateEmailTemplateDocument,
  EmailMergeVariablesDocument,
  EmailPreviewDocument,
  EmailTemplateDocument,
  SendTestEmailDocument,
  UpdateEmailTemplateDocument,
} from './graphql/__generated__/marketing.ts';

const STARTER = '<p>Dear {{ contact.firstName | default: "traveller" }},</p>\n<p>…</p>';

/** /marketing/templates/new and /:id: the editor with a live preview and a variable picker. */
export function TemplateEditorPage() {
  const { id } = useParams();
  useDocumentTitle(id ? 'Edit template' : 'New template');
  const existing = useQuery(EmailTemplateDocument, { variables: { id: id ?? '' }, skip: !id });
  const template = existing.data?.emailTemplate;
  if (id && existing.error && !template)
    return <ErrorNotice error={existing.error} onRetry={() => void existing.refetch()} />;
  if (id && !existing.data) return <Splash />;
  if (id && !template) return <p>This template does not exist or was deleted.</p>;
  return <TemplateEditor key={template?.id ?? 'new'} template={template ?? null} />;
}

interface EditedTemplate {
  id: string;
  name: string;
  subject: string;
  preheader: string;
  body: string;
  version: number;
}

function TemplateEditor({ template }: { template: EditedTemplate | null }) {
  const id = template?.id;
  const navigate = useNavigate();
  const canEdit = useHasRank('ADVISOR');
  const variables = useQuery(EmailMergeVariablesDocument);
  const [name, setName] = useState(template?.name ?? '');
  const [subject, setSubject] = useState(template?.subject ?? '');
  const [preheader, setPreheader] = useState(template?.preheader ?? '');
  const [body, setBody] = useState(template?.body ?? STARTER);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [testTo, setTestTo] = useState('');
  const [testSent, setTestSent] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const [create, creating] = useMutation(CreateEmailTemplateDocument);
  const [update, updating] = useMutation(UpdateEmailTemplateDocument);
  const [sendTest, testing] = useMutation(SendTestEmailDocument);
  const [preview, previewed] = useLazyQuery(EmailPreviewDocument);
  const refreshPreview = useDebouncedCallback((s: string, p: string, b: string) => {
    if (s.trim() && b.trim()) void preview({ variables: { input: { subject: s, preheader: p, body: b } } });
  }, 400);
  // The preview is an external render on the server: asked for whenever the content settles.
  useEffect(() => refreshPreview(subject, preheader, body), [subject, preheader, body, refreshPreview]);

  const insertVariable = (variable: string) => {
    const el = bodyRef.current;
    const tag = `{{ ${variable} }}`;
    const at = el?.selectionStart ?? body.length;
    setBody(`${body.slice(0, at)}${tag}${body.slice(el?.selectionEnd ?? at)}`);
    el?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      if (id) {
        await update({ variables: { input: { id, name, subject, preheader, body } } });
      } else {
        const res = await create({ variables: { input: { name, subject, preheader, body } } });
        if (res.data) void navigate(`/marketing/templates/${res.data.createEmailTemplate.id}`);
      }
    } catch (err) {
      setProblem(describeError(err));
      focusFirstInvalid(form.current);
    }
  };

  const previewError = previewed.error ? describeError(previewed.error) : null;
  return (
    <section aria-labelledby="template-editor-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/marketing/templates">Email templates</Link>
      </nav>
      <header className="page-header">
        <h1 id="template-editor-title">{template ? `Edit “${template.name}”` : 'New template'}</h1>
        {template && <p className="page-header__meta">Version {template.version}</p>}
      </header>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0,1fr) minmax(0,1fr)', gap: '1.5rem' }}>
        <form
          ref={form}
          className="record-form"
          onSubmit={(e) => void submit(e)}
          noValidate
          data-testid="template-form"
        >
          <FormProblem problem={problem} />
          <Field label="Name" required error={fieldMessage(problem, 'name')}>
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} disabled={!canEdit} />}
          </Field>
          <Field label="Subject" required error={fieldMessage(problem, 'subject')}>
            {(p) => <input {...p} value={subject} onChange={(e) => setSubject(e.target.value)} disabled={!canEdit} />}
          </Field>
          <Field
            label="Preheader"
            error={fieldMessage(problem, 'preheader')}
            hint="The line inboxes show after the subject."
          >
            {(p) => (
              <input {...p} value={preheader} onChange={(e) => setPreheader(e.target.value)} disabled={!canEdit} />
            )}
          </Field>
          <Field
            label="Body (HTML or MJML, with Liquid merge variables)"
            required
            error={fieldMessage(problem, 'body')}
          >
            {(p) => (
              <textarea
                {...p}
                ref={bodyRef}
                rows={16}
                value={body}
                onChange={(e) => setBody(e.target.value)}
                disabled={!canEdit}
                spellCheck={false}
              />
            )}
          </Field>
          <fieldset>
            <legend>Insert a variable</legend>
            <div className="chips" data-testid="variable-picker">
              {(variables.data?.emailMergeVariables ?? []).map((v) => (
                <button
                  key={v}
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() => insertVariable(v)}
                  disabled={!canEdit}
                >
                  {v}
                </button>
              ))}
            </div>
          </fieldset>
          {canEdit && (
            <div className="form-actions">
              <button type="submit" className="button button--primary" disabled={creating.loading || updating.loading}>
                {id ? 'Save new version' : 'Create template'}
              </button>
            </div>
          )}
          {id && canEdit && (
            <fieldset className="form-grid">
              <legend>Test send</legend>
              <Field label="Send a test to" error={testing.error ? describeError(testing.error).message : undefined}>
                {(p) => <input {...p} type="email" value={testTo} onChange={(e) => setTestTo(e.target.value)} />}
              </Field>
              <button
                type="button"
                className="button"
                disabled={!testTo || testing.loading}
                onClick={() =>
                  void sendTest({ variables: { input: { templateId: id, to: testTo } } })
                    .then(() => setTestSent(true))
                    .catch(() => setTestSent(false))
                }
              >
                Send test
              </button>
              {testSent && <p role="status">Test queued to {testTo}.</p>}
            </fieldset>
          )}
        </form>
        <section className="panel" aria-labelledby="template-preview-title" data-testid="template-preview">
          <h2 id="template-preview-title" className="panel__title">
            Preview (sample contact)
          </h2>
          {previewError && (
            <div className="notice notice--error" role="alert">
              <p>{previewError.fields[0]?.message ?? previewError.message}</p>
            </div>
          )}
          {previewed.data && (
            <>
              <p>
                <strong>Subject:</strong> {previewed.data.emailPreview.subject}
              </p>
              <iframe
                title="Email preview"
                sandbox=""
                srcDoc={previewed.data.emailPreview.html}
                style={{ width: '100%', height: '560px', border: '1px solid #d4d0c4', background: '#fff' }}
              />
            </>
          )}
        </section>
      </div>
    </section>
  );
}
