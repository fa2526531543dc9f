import { useMutation, useQuery } from '@apollo/client/react';
import type { KbArticleQuery } from '../../__generated__/graphql.ts';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { KbArticleVisibility } from '../../__generated__/graphql.ts';
import { formatDateTime, formatNumber, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  CreateKbArticleDocument,
  CreateKbCategoryDocument,
  KbArticleDocument,
  KbArticlesDocument,
  KbCategoriesDocument,
  KbPreviewDocument,
  SetKbArticleStatusDocument,
  UpdateKbArticleDocument,
} from './graphql/__generated__/service.ts';

/** Knowledge-base articles by title, every status and visibility, with the category manager beside them. */
export function KbArticlesPage() {
  useDocumentTitle('Knowledge base');
  const canWrite = useHasRank('ADVISOR');
  const [search, setSearch] = useState('');
  const { data, error, refetch } = useQuery(KbArticlesDocument, {
    variables: { first: 100, filter: search.trim() ? { search: search.trim() } : null },
    fetchPolicy: 'cache-and-network',
  });
  const list = data?.kbArticles;
  return (
    <section aria-labelledby="kb-title">
      <header className="page-header">
        <h1 id="kb-title">Knowledge base</h1>
        <p className="page-header__meta">{list ? `${formatNumber(list.totalCount)} articles` : ''}</p>
        {canWrite && (
          <Link className="button button--primary" to="/service/kb/new">
            New article
          </Link>
        )}
      </header>
      <label>
        Search <input className="input" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!list && !error && <Loading />}
      {list && (
        <div className="table-frame">
          <table className="data-table" data-testid="kb-table">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Category</th>
                <th scope="col">Status</th>
                <th scope="col">Visibility</th>
                <th scope="col">Version</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {list.nodes.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/service/kb/${a.id}`}>{a.title}</Link>
                  </th>
                  <td>{a.category?.name ?? '—'}</td>
                  <td>{humanize(a.status)}</td>
                  <td>{humanize(a.visibility)}</td>
                  <td>{a.version}</td>
                  <td>{formatDateTime(a.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CategoryManager />
    </section>
  );
}

/** Categories in order; managers add them. */
function CategoryManager() {
  const canManage = useHasRank('MANAGER');
  const { data, refetch } = useQuery(KbCategoriesDocument);
  const [name, setName] = useState('');
  const [create, creating] = useMutation(CreateKbCategoryDocument);
  return (
    <section className="panel" aria-labelledby="kb-categories-title">
      <h2 id="kb-categories-title">Categories</h2>
      <ol>
        {data?.kbCategories?.nodes.map((c) => (
          <li key={c.id}>{c.name}</li>
        ))}
      </ol>
      {creating.error && <ErrorNotice error={creating.error} />}
      {canManage && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void create({ variables: { input: { name } } }).then(() => {
              setName('');
              return refetch();
            });
          }}
        >
          <label>
            New category <input className="input" value={name} onChange={(e) => setName(e.target.value)} />
          </label>{' '}
          <button className="button" type="submit">
            Add category
          </button>
        </form>
      )}
    </section>
  );
}

/** Loads the article (or none, for a new one) and opens the editor on it. */
export function KbArticleEditorPage() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const existing = useQuery(KbArticleDocument, { variables: { id: id ?? '' }, skip: isNew });
  const article = existing.data?.kbArticle ?? null;
  if (!isNew && !article) return existing.error ? <ErrorNotice error={existing.error} /> : <Loading />;
  // Keyed by version, so saving a new version starts the form from what the server kept.
  return (
    <KbArticleEditor
      key={article ? `${article.id}:${article.version}` : 'new'}
      article={article}
      onSaved={() => void existing.refetch()}
    />
  );
}

type EditedArticle = NonNullable<KbArticleQuery['kbArticle']>;

/** Writes an article in Markdown with the server's sanitised preview beside it; managers publish. */
function KbArticleEditor({ article, onSaved }: { article: EditedArticle | null; onSaved: () => void }) {
  const isNew = !article;
  const id = article?.id;
  const navigate = useNavigate();
  const canWrite = useHasRank('ADVISOR');
  const canPublish = useHasRank('MANAGER');
  const categories = useQuery(KbCategoriesDocument);
  const [title, setTitle] = useState(article?.title ?? '');
  const [body, setBody] = useState(article?.bodyMarkdown ?? '');
  const [visibility, setVisibility] = useState<KbArticleVisibility>(article?.visibility ?? 'INTERNAL');
  const [categoryId, setCategoryId] = useState(article?.category?.id ?? '');
  const [previewOf, setPreviewOf] = useState(article?.bodyMarkdown ?? '');
  useDocumentTitle(isNew ? 'New article' : article.title);
  // The preview follows the text after a pause in typing, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => setPreviewOf(body), 300);
    return () => clearTimeout(timer);
  }, [body]);
  const preview = useQuery(KbPreviewDocument, { variables: { markdown: previewOf }, skip: !previewOf });
  const [create, creating] = useMutation(CreateKbArticleDocument);
  const [update, updating] = useMutation(UpdateKbArticleDocument);
  const [setStatus, statusing] = useMutation(SetKbArticleStatusDocument);
  const problem = creating.error ?? updating.error ?? statusing.error;

  const save = async () => {
    const fields = { title, bodyMarkdown: body, visibility, categoryId: categoryId || null };
    if (isNew) {
      const r = await create({ variables: { input: fields } });
      if (r.data) void navigate(`/service/kb/${r.data.createKbArticle.id}`, { replace: true });
    } else {
      await update({ variables: { input: { id: id ?? '', ...fields } } });
      onSaved();
    }
  };
  return (
    <section aria-labelledby="kb-editor-title" data-testid="kb-editor">
      <header className="page-header">
        <p className="page-header__meta">
          <Link to="/service/kb">Knowledge base</Link>
        </p>
        <h1 id="kb-editor-title">{isNew ? 'New article' : article?.title}</h1>
        {article && (
          <p className="page-header__meta">
            {humanize(article.status)} · version {article.version}
            {article.publicUrl ? ` · ${article.publicUrl}` : ''}
          </p>
        )}
      </header>
      {problem && <ErrorNotice error={problem} />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          Title{' '}
          <input className="input" value={title} onChange={(e) => setTitle(e.target.value)} disabled={!canWrite} />
        </label>
        <label>
          Visibility{' '}
          <select
            className="input"
            value={visibility}
            onChange={(e) => setVisibility(e.target.value as KbArticleVisibility)}
            disabled={!canWrite}
          >
            <option value="INTERNAL">Internal</option>
            <option value="PUBLIC">Public</option>
          </select>
        </label>
        <label>
          Category{' '}
          <select
            className="input"
            value={categoryId}
            onChange={(e) => setCategoryId(e.target.value)}
            disabled={!canWrite}
          >
            <option value="">None</option>
            {categories.data?.kbCategories?.nodes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <div className="editor-split" style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '1rem' }}>
          <label>
            Markdown
            <textarea
              className="input"
              rows={18}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              disabled={!canWrite}
            />
          </label>
          <div aria-label="Preview" data-testid="kb-preview" className="panel">
            {/* The server sanitised this HTML (no scripts, no event handlers). */}
            <div dangerouslySetInnerHTML={{ __html: preview.data?.previewKbMarkdown.html ?? '' }} />
          </div>
        </div>
        {canWrite && (
          <button className="button button--primary" type="submit">
            {isNew ? 'Create draft' : 'Save new version'}
          </button>
        )}
        {canPublish && article && article.status !== 'PUBLISHED' && (
          <button
            className="button"
            type="button"
            onClick={() =>
              void setStatus({ variables: { input: { id: article.id, status: 'PUBLISHED' } } }).then(onSaved)
            }
          >
            Publish
          </button>
        )}
        {canPublish && article && article.status === 'PUBLISHED' && (
          <button
            className="button"
            type="button"
            onClick={() => void setStatus({ variables: { input: { id: article.id, status: 'ARCHIVED' } } })}
          >
            Archive
          </button>
        )}
      </form>
    </section>
  );
}
