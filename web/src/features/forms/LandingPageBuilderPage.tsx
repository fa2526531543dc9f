import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useNavigate, useParams } from 'react-router';
import type { LandingPageBlockInput, LandingPageBlockType } from '../../__generated__/graphql.ts';
import { describeError, fieldMessage, type DescribedError } from '../../lib/errors.ts';
import { formatDateTime, formatNumber, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { useUnsavedChanges } from '../../lib/useUnsavedChanges.ts';
import { Field } from '../../ui/Field.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { RecordLoadError, RecordMissing } from '../../ui/RecordMissing.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { FormPreview } from './FormPreview.tsx';
import {
  CreateLandingPageDocument,
  DeleteLandingPageDocument,
  EmbeddableFormsDocument,
  LandingPageDocument,
  PublishLandingPageDocument,
  UnpublishLandingPageDocument,
  UpdateLandingPageDocument,
} from './graphql/__generated__/forms.ts';
import type { FormPartsFragment, LandingPageQuery } from '../../__generated__/graphql.ts';
import { percent } from './LandingPagesPage.tsx';
import './forms.css';

type Saved = NonNullable<LandingPageQuery['landingPage']>;
const BLOCK_TYPES: LandingPageBlockType[] = ['HERO', 'TEXT', 'IMAGE', 'FORM', 'CTA', 'FOOTER'];

interface DraftBlock {
  type: LandingPageBlockType;
  heading: string;
  text: string;
  imageUrl: string;
  alt: string;
  formId: string;
  buttonLabel: string;
  buttonUrl: string;
}
interface Draft {
  name: string;
  slug: string;
  title: string;
  description: string;
  ogImageUrl: string;
  blocks: DraftBlock[];
}

const blankBlock = (type: LandingPageBlockType): DraftBlock => ({
  type,
  heading: '',
  text: '',
  imageUrl: '',
  alt: '',
  formId: '',
  buttonLabel: '',
  buttonUrl: '',
});
const NEW_PAGE: Draft = {
  name: '',
  slug: '',
  title: '',
  description: '',
  ogImageUrl: '',
  blocks: [
    { ...blankBlock('HERO'), heading: 'Your next journey starts here' },
    blankBlock('FORM'),
    { ...blankBlock('FOOTER'), text: 'Travel Tamers' },
  ],
};
const draftOf = (p: Saved): Draft => ({
  name: p.name,
  slug: p.slug,
  title: p.title,
  description: p.description ?? '',
  ogImageUrl: p.ogImageUrl ?? '',
  blocks: p.blocks.map((b) => ({
    type: b.type,
    heading: b.heading ?? '',
    text: b.text ?? '',
    imageUrl: b.imageUrl ?? '',
    alt: b.alt ?? '',
    formId: b.formId ?? '',
    buttonLabel: b.buttonLabel ?? '',
    buttonUrl: b.buttonUrl ?? '',
  })),
});
const blockInput = (b: DraftBlock): LandingPageBlockInput => ({
  type: b.type,
  heading: b.heading.trim() || null,
  text: b.text.trim() || null,
  imageUrl: b.imageUrl.trim() || null,
  alt: b.alt.trim() || null,
  formId: b.formId || null,
  buttonLabel: b.buttonLabel.trim() || null,
  buttonUrl: b.buttonUrl.trim() || null,
});
const slugify = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);

/** /marketing/pages/new and /marketing/pages/:id: blocks, meta tags, preview, publishing and statistics. */
export function LandingPageBuilderPage() {
  const { id } = useParams();
  const isNew = !id;
  const { data, loading, error, refetch } = useQuery(LandingPageDocument, {
    variables: { id: id ?? '' },
    skip: isNew,
    fetchPolicy: 'cache-and-network',
  });
  const saved = data?.landingPage ?? null;
  useDocumentTitle(isNew ? 'New landing page' : (saved?.name ?? 'Landing page'));
  if (isNew) return <PageBuilder page={null} />;
  if (error && !saved)
    return (
      <RecordLoadError
        kind="landing page"
        listPath="/marketing/pages"
        listLabel="landing pages"
        error={error}
        onRetry={() => void refetch()}
      />
    );
  if (loading && !saved) return <Loading />;
  if (!saved) return <RecordMissing kind="landing page" listPath="/marketing/pages" listLabel="landing pages" />;
  return <PageBuilder key={saved.id} page={saved} />;
}

function PageBuilder({ page }: { page: Saved | null }) {
  const navigate = useNavigate();
  const canEdit = useHasRank('ADVISOR');
  const canDelete = useHasRank('MANAGER');
  const forms = useQuery(EmbeddableFormsDocument).data?.forms?.nodes ?? [];
  const [draft, setDraft] = useState<Draft>(() => (page ? draftOf(page) : NEW_PAGE));
  const [dirty, setDirty] = useState(false);
  const [slugTouched, setSlugTouched] = useState(!!page);
  const [problem, setProblem] = useState<DescribedError | null>(null);
  const [notice, setNotice] = useState('');
  const [create, creating] = useMutation(CreateLandingPageDocument);
  const [update, updating] = useMutation(UpdateLandingPageDocument);
  const [publish] = useMutation(PublishLandingPageDocument);
  const [unpublish] = useMutation(UnpublishLandingPageDocument);
  const [remove] = useMutation(DeleteLandingPageDocument);
  useUnsavedChanges(dirty);

  const change = (next: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setDirty(true);
    setNotice('');
  };
  const changeBlock = (i: number, next: Partial<DraftBlock>) =>
    change({ blocks: draft.blocks.map((b, j) => (j === i ? { ...b, ...next } : b)) });
  const move = (i: number, by: number) => {
    const blocks = [...draft.blocks];
    const [b] = blocks.splice(i, 1);
    if (b) blocks.splice(Math.max(0, Math.min(blocks.length, i + by)), 0, b);
    change({ blocks });
  };
  const blockError = (i: number, name: string) => fieldMessage(problem, `blocks.${i}.${name}`);

  const save = async () => {
    setProblem(null);
    const input = {
      name: draft.name,
      slug: draft.slug,
      title: draft.title,
      description: draft.description.trim() || null,
      ogImageUrl: draft.ogImageUrl.trim() || null,
      blocks: draft.blocks.map(blockInput),
    };
    try {
      if (page) {
        await update({ variables: { input: { id: page.id, ...input } } });
        setDirty(false);
        setNotice('Saved.');
      } else {
        const res = await create({ variables: { input } });
        setDirty(false);
        if (res.data) void navigate(`/marketing/pages/${res.data.createLandingPage.id}`, { replace: true });
      }
    } catch (err) {
      setProblem(describeError(err));
    }
  };
  const toggle = async () => {
    if (!page) return;
    setProblem(null);
    try {
      if (page.status === 'PUBLISHED') await unpublish({ variables: { id: page.id } });
      else await publish({ variables: { id: page.id } });
    } catch (err) {
      setProblem(describeError(err));
    }
  };

  return (
    <section aria-labelledby="page-builder-title">
      <header className="page-header">
        <h1 id="page-builder-title">{page ? page.name : 'New landing page'}</h1>
        {page && (
          <p className="page-header__meta">
            {humanize(page.status)}
            {page.status === 'PUBLISHED' && (
              <>
                {' · '}
                <a href={page.url} target="_blank" rel="noreferrer">
                  {page.url}
                </a>
                {page.publishedAt ? ` · published ${formatDateTime(page.publishedAt)}` : ''}
              </>
            )}
          </p>
        )}
      </header>
      {page && <PageStats stats={page.stats} />}
      <div className="builder">
        <form
          className="record-form panel"
          aria-label="Landing page builder"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <FormProblem problem={problem} />
          <fieldset disabled={!canEdit}>
            <Field
              label="Name"
              required
              hint="Staff see this; visitors see the title"
              error={fieldMessage(problem, 'name')}
            >
              {(p) => (
                <input
                  {...p}
                  value={draft.name}
                  onChange={(e) =>
                    change({ name: e.target.value, ...(slugTouched ? {} : { slug: slugify(e.target.value) }) })
                  }
                />
              )}
            </Field>
            <Field label="Address" required hint={`/lp/${draft.slug || '…'}`} error={fieldMessage(problem, 'slug')}>
              {(p) => (
                <input
                  {...p}
                  value={draft.slug}
                  onChange={(e) => {
                    setSlugTouched(true);
                    change({ slug: e.target.value });
                  }}
                />
              )}
            </Field>
            <Field
              label="Title"
              required
              hint="The browser tab and link previews"
              error={fieldMessage(problem, 'title')}
            >
              {(p) => <input {...p} value={draft.title} onChange={(e) => change({ title: e.target.value })} />}
            </Field>
            <Field
              label="Description"
              hint="Search results and link previews"
              error={fieldMessage(problem, 'description')}
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={2}
                  value={draft.description}
                  onChange={(e) => change({ description: e.target.value })}
                />
              )}
            </Field>
            <Field label="Preview image URL" error={fieldMessage(problem, 'ogImageUrl')}>
              {(p) => (
                <input
                  {...p}
                  type="url"
                  value={draft.ogImageUrl}
                  onChange={(e) => change({ ogImageUrl: e.target.value })}
                />
              )}
            </Field>
            <h2>Blocks</h2>
            {draft.blocks.map((b, i) => (
              <div className="builder__item" key={i} data-testid="block-editor">
                <div className="builder__item-head">
                  <strong>
                    {i + 1}. {humanize(b.type)}
                  </strong>
                  <span className="builder__actions">
                    <button
                      type="button"
                      className="button button--ghost"
                      onClick={() => move(i, -1)}
                      disabled={i === 0}
                      aria-label={`Move block ${i + 1} up`}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button button--ghost"
                      onClick={() => move(i, 1)}
                      disabled={i === draft.blocks.length - 1}
                      aria-label={`Move block ${i + 1} down`}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="button button--ghost"
                      onClick={() => change({ blocks: draft.blocks.filter((_, j) => j !== i) })}
                    >
                      Remove
                    </button>
                  </span>
                </div>
                {b.type !== 'FOOTER' && b.type !== 'IMAGE' && (
                  <Field label="Heading" error={blockError(i, 'heading')}>
                    {(p) => (
                      <input {...p} value={b.heading} onChange={(e) => changeBlock(i, { heading: e.target.value })} />
                    )}
                  </Field>
                )}
                {b.type === 'IMAGE' ? (
                  <div className="builder__row">
                    <Field label="Image URL" required error={blockError(i, 'imageUrl')}>
                      {(p) => (
                        <input
                          {...p}
                          type="url"
                          value={b.imageUrl}
                          onChange={(e) => changeBlock(i, { imageUrl: e.target.value })}
                        />
                      )}
                    </Field>
                    <Field label="Alternative text" required error={blockError(i, 'alt')}>
                      {(p) => <input {...p} value={b.alt} onChange={(e) => changeBlock(i, { alt: e.target.value })} />}
                    </Field>
                  </div>
                ) : (
                  <Field label="Text" hint="Blank lines start new paragraphs" error={blockError(i, 'text')}>
                    {(p) => (
                      <textarea
                        {...p}
                        rows={3}
                        value={b.text}
                        onChange={(e) => changeBlock(i, { text: e.target.value })}
                      />
                    )}
                  </Field>
                )}
                {b.type === 'FORM' && (
                  <Field label="Form" required error={blockError(i, 'formId')}>
                    {(p) => (
                      <select {...p} value={b.formId} onChange={(e) => changeBlock(i, { formId: e.target.value })}>
                        <option value="">Choose a form</option>
                        {forms.map((f) => (
                          <option key={f.id} value={f.id}>
                            {f.name}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                )}
                {(b.type === 'HERO' || b.type === 'CTA') && (
                  <div className="builder__row">
                    <Field label="Button label" error={blockError(i, 'buttonLabel')}>
                      {(p) => (
                        <input
                          {...p}
                          value={b.buttonLabel}
                          onChange={(e) => changeBlock(i, { buttonLabel: e.target.value })}
                        />
                      )}
                    </Field>
                    <Field
                      label="Button URL"
                      hint="https://… or #anchor"
                      required={b.type === 'CTA'}
                      error={blockError(i, 'buttonUrl')}
                    >
                      {(p) => (
                        <input
                          {...p}
                          value={b.buttonUrl}
                          onChange={(e) => changeBlock(i, { buttonUrl: e.target.value })}
                        />
                      )}
                    </Field>
                  </div>
                )}
              </div>
            ))}
            <div className="builder__actions" role="group" aria-label="Add a block">
              {BLOCK_TYPES.map((t) => (
                <button
                  key={t}
                  type="button"
                  className="button"
                  onClick={() => change({ blocks: [...draft.blocks, blankBlock(t)] })}
                >
                  Add {humanize(t).toLowerCase()}
                </button>
              ))}
            </div>
          </fieldset>
          {canEdit && (
            <div className="form-actions">
              <button type="submit" className="button button--primary" disabled={creating.loading || updating.loading}>
                {page ? 'Save page' : 'Create draft'}
              </button>
              {page && (
                <button type="button" className="button" onClick={() => void toggle()} disabled={dirty}>
                  {page.status === 'PUBLISHED' ? 'Unpublish' : 'Publish'}
                </button>
              )}
              {page && canDelete && (
                <button
                  type="button"
                  className="button button--ghost"
                  onClick={() => {
                    if (window.confirm(`Delete ${page.name}? Its address stops working.`))
                      void remove({ variables: { id: page.id } }).then(() => navigate('/marketing/pages'));
                  }}
                >
                  Delete
                </button>
              )}
              <span role="status">{notice}</span>
            </div>
          )}
        </form>
        <aside aria-label="Preview">
          <PagePreview draft={draft} forms={forms} />
        </aside>
      </div>
    </section>
  );
}

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p, i) => <p key={i}>{p}</p>);

/** The page as visitors will see it (the server renders the same blocks at /lp/:slug). */
function PagePreview({ draft, forms }: { draft: Draft; forms: readonly FormPartsFragment[] }) {
  return (
    <div className="lp-preview" data-testid="page-preview">
      <p className="cell-muted" style={{ color: '#c9a84c', fontSize: '0.8rem' }}>
        {draft.title || 'Untitled page'} — {draft.description || 'no description'}
      </p>
      {draft.blocks.map((b, i) => {
        switch (b.type) {
          case 'HERO':
            return (
              <section key={i} style={{ textAlign: 'center' }}>
                <h1>{b.heading || draft.title}</h1>
                {paragraphs(b.text)}
                {b.buttonUrl && <span className="lp-btn">{b.buttonLabel || 'Learn more'}</span>}
              </section>
            );
          case 'TEXT':
            return (
              <section key={i}>
                {b.heading && <h2>{b.heading}</h2>}
                {paragraphs(b.text)}
              </section>
            );
          case 'IMAGE':
            return b.imageUrl ? (
              <figure key={i}>
                <img src={b.imageUrl} alt={b.alt} />
              </figure>
            ) : null;
          case 'FORM': {
            const form = forms.find((f) => f.id === b.formId);
            return (
              <section key={i}>
                {b.heading && <h2>{b.heading}</h2>}
                {paragraphs(b.text)}
                {form ? <FormPreview form={form} /> : <p>Choose a form.</p>}
              </section>
            );
          }
          case 'CTA':
            return (
              <section key={i} style={{ textAlign: 'center', border: '1px solid #c9a84c', padding: '1rem' }}>
                {b.heading && <h2>{b.heading}</h2>}
                {paragraphs(b.text)}
                <span className="lp-btn">{b.buttonLabel || 'Get started'}</span>
              </section>
            );
          case 'FOOTER':
            return <footer key={i}>{paragraphs(b.text)}</footer>;
          default:
            return null;
        }
      })}
    </div>
  );
}

function PageStats({ stats }: { stats: Saved['stats'] }) {
  return (
    <div className="panel" aria-label="Statistics" data-testid="page-stats">
      <h2>Statistics</h2>
      <dl className="facts">
        <div>
          <dt>Unique views</dt>
          <dd>{formatNumber(stats.uniqueViews)}</dd>
        </div>
        <div>
          <dt>Conversions</dt>
          <dd>{formatNumber(stats.conversions)}</dd>
        </div>
        <div>
          <dt>Conversion rate</dt>
          <dd>{percent(stats.conversionRate)}</dd>
        </div>
      </dl>
      {stats.byUtm.length > 0 && (
        <div className="table-frame">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Medium</th>
                <th scope="col">Campaign</th>
                <th scope="col" className="numeric">
                  Unique views
                </th>
                <th scope="col" className="numeric">
                  Conversions
                </th>
                <th scope="col" className="numeric">
                  Rate
                </th>
              </tr>
            </thead>
            <tbody>
              {stats.byUtm.map((r) => (
                <tr key={`${r.source ?? ''}|${r.medium ?? ''}|${r.campaign ?? ''}`}>
                  <th scope="row">{r.source ?? 'Direct'}</th>
                  <td>{r.medium ?? '—'}</td>
                  <td>{r.campaign ?? '—'}</td>
                  <td className="numeric">{formatNumber(r.uniqueViews)}</td>
                  <td className="numeric">{formatNumber(r.conversions)}</td>
                  <td className="numeric">{percent(r.conversionRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
