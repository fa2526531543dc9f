/**
 * Server-rendered public HTML for forms and landing pages, in the house style (navy #0B1120, gold
 * #C9A84C, Georgia): no JavaScript, every value escaped, one inline stylesheet.
 */
import { escapeHtml as e, type FieldProblem } from '@nexus/platform';
import { UTM_KEYS, type Form, type FormFieldDef, type LandingPage } from './forms.entity.ts';
import { inputType } from './forms.service.ts';

const STYLE = `*{box-sizing:border-box}body{margin:0;background:#0B1120;color:#F5F3EE;font-family:Georgia,serif;line-height:1.55}
main{max-width:46rem;margin:0 auto;padding:1.5rem}a{color:#C9A84C}h1,h2{color:#C9A84C;font-weight:normal;line-height:1.2}
.hero{padding:3.5rem 0 2rem;text-align:center}.hero h1{font-size:2.4rem;margin:0 0 1rem}.hero p{font-size:1.15rem}
.btn,button{display:inline-block;background:#C9A84C;color:#0B1120;border:0;padding:.8rem 1.4rem;font:inherit;text-decoration:none;cursor:pointer}
figure{margin:2rem 0}figure img{max-width:100%;height:auto;display:block}.cta{text-align:center;border:1px solid #C9A84C;padding:2rem;margin:2rem 0}
form.nx-form{border:1px solid #C9A84C;padding:1.5rem;margin:2rem 0}form.nx-form label{display:block;margin:0 0 1rem}
form.nx-form input:not([type=checkbox]),form.nx-form select,form.nx-form textarea{width:100%;padding:.6rem;margin-top:.3rem;font:inherit;background:#F5F3EE;color:#0B1120;border:1px solid #C9A84C}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}.err{color:#F3B0A8;display:block;font-size:.95rem}
footer{border-top:1px solid #C9A84C;margin-top:3rem;padding:1.5rem 0;font-size:.9rem;opacity:.85}`;

export interface Meta {
  title: string;
  description?: string | null;
  image?: string | null;
  url?: string | null;
}

/** A whole page: title, description and Open Graph tags, the stylesheet, the body. */
export function document(meta: Meta, body: string, o: { noindex?: boolean } = {}): string {
  const tags = [
    `<title>${e(meta.title)}</title>`,
    meta.description ? `<meta name="description" content="${e(meta.description)}">` : '',
    `<meta property="og:type" content="website">`,
    `<meta property="og:title" content="${e(meta.title)}">`,
    meta.description ? `<meta property="og:description" content="${e(meta.description)}">` : '',
    meta.image ? `<meta property="og:image" content="${e(meta.image)}">` : '',
    meta.url ? `<meta property="og:url" content="${e(meta.url)}"><link rel="canonical" href="${e(meta.url)}">` : '',
    `<meta name="twitter:card" content="${meta.image ? 'summary_large_image' : 'summary'}">`,
    o.noindex ? '<meta name="robots" content="noindex">' : '',
  ].join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${tags}<style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/**
 * The page's own Content-Security-Policy: images from any web address (image blocks link out),
 * inline style only, and forms posting to this site (or on to the form's redirect address).
 */
export function csp(redirectUrls: (string | null | undefined)[] = []): string {
  const origins = redirectUrls.flatMap((u) => {
    try {
      return u ? [new URL(u).origin] : [];
    } catch {
      return [];
    }
  });
  return [
    "default-src 'none'",
    'img-src https: http: data:',
    "style-src 'unsafe-inline'",
    `form-action 'self' ${[...new Set(origins)].join(' ')}`.trim(),
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface FormRenderOptions {
  /** Values to show again (after a refused submission) by field key. */
  values?: Record<string, unknown>;
  problems?: FieldProblem[];
  /** The page's query string: HIDDEN fields and UTM capture read it. */
  query?: Record<string, unknown>;
  landingPageId?: string | null;
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function fieldHtml(f: FormFieldDef, o: FormRenderOptions): string {
  const value = str(o.values?.[f.key]);
  const problem = o.problems?.find((p) => p.path === f.key)?.message;
  const err = problem ? `<span class="err" id="err-${e(f.key)}">${e(f.label)} ${e(problem)}</span>` : '';
  const aria = problem ? ` aria-invalid="true" aria-describedby="err-${e(f.key)}"` : '';
  const req = f.required ? ' required' : '';
  const star = f.required ? ' *' : '';
  const ph = f.placeholder ? ` placeholder="${e(f.placeholder)}"` : '';
  const len = `${f.maxLength ? ` maxlength="${f.maxLength}"` : ''}${f.minLength ? ` minlength="${f.minLength}"` : ''}`;
  switch (f.type) {
    case 'HIDDEN': {
      const fromQuery = f.queryParam ? str(o.query?.[f.queryParam]).slice(0, 500) : '';
      return `<input type="hidden" name="${e(f.key)}" value="${e(value || fromQuery || f.defaultValue || '')}">`;
    }
    case 'TEXTAREA':
      return `<label>${e(f.label)}${star}<textarea name="${e(f.key)}" rows="4"${req}${ph}${len}${aria}>${e(value)}</textarea>${err}</label>`;
    case 'SELECT':
      return `<label>${e(f.label)}${star}<select name="${e(f.key)}"${req}${aria}><option value=""></option>${f.options
        .map((opt) => `<option${opt === value ? ' selected' : ''}>${e(opt)}</option>`)
        .join('')}</select>${err}</label>`;
    case 'CHECKBOX':
      return `<label><input type="checkbox" name="${e(f.key)}" value="yes"${value ? ' checked' : ''}${req}${aria}> ${e(f.label)}${star}${err}</label>`;
    default: {
      const bounds =
        f.type === 'NUMBER'
          ? `${f.min !== null ? ` min="${f.min}"` : ''}${f.max !== null ? ` max="${f.max}"` : ''} step="any"`
          : '';
      return `<label>${e(f.label)}${star}<input type="${inputType(f.type)}" name="${e(f.key)}" value="${e(value)}"${req}${ph}${len}${bounds}${aria}>${err}</label>`;
    }
  }
}

/** The form itself, posting urlencoded to `/forms/:id` (works without JavaScript). */
export function formHtml(form: Form, o: FormRenderOptions = {}): string {
  const utm = UTM_KEYS.map((k) => {
    const v = str(o.values?.[`utm_${k}`]) || str(o.query?.[`utm_${k}`]);
    return `<input type="hidden" name="utm_${k}" value="${e(v.slice(0, 200))}">`;
  }).join('');
  const consentProblem = o.problems?.find((p) => p.path === 'consent')?.message;
  const consent = form.consentText
    ? `<label><input type="checkbox" name="consent" value="yes"${str(o.values?.consent) ? ' checked' : ''}${form.consentRequired ? ' required' : ''}> ${e(form.consentText)}${consentProblem ? `<span class="err">Consent ${e(consentProblem)}</span>` : ''}</label>`
    : '';
  const summary = o.problems?.length
    ? `<p role="alert" class="err">Please check ${o.problems.length === 1 ? 'this field' : `these ${o.problems.length} fields`}.</p>`
    : '';
  return `<form class="nx-form" method="post" action="/forms/${e(form.id)}" accept-charset="utf-8">${summary}${form.fields
    .map((f) => fieldHtml(f, o))
    .join(
      '',
    )}${utm}${o.landingPageId ? `<input type="hidden" name="nx_lp" value="${e(o.landingPageId)}">` : ''}${consent}<div class="hp" aria-hidden="true"><label>Leave this empty<input type="text" name="nx_hp" tabindex="-1" autocomplete="off"></label></div><button type="submit">${e(form.submitLabel)}</button></form>`;
}

export const formPage = (form: Form, o: FormRenderOptions = {}) =>
  document({ title: form.name }, `<h1>${e(form.name)}</h1>${formHtml(form, o)}`, { noindex: true });

export const thankYouPage = (form: Form) =>
  document({ title: form.name }, `<h1>${e(form.name)}</h1><p role="status">${e(form.thankYouMessage)}</p>`, {
    noindex: true,
  });

export const messagePage = (title: string, text: string) =>
  document({ title }, `<h1>${e(title)}</h1><p>${e(text)}</p>`, { noindex: true });

const paragraphs = (text: string | null) =>
  (text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${e(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

/** A published landing page: its blocks in order, embedded forms included. */
export function landingPageHtml(
  page: LandingPage,
  forms: Map<string, Form>,
  url: string,
  query: Record<string, unknown>,
): string {
  const blocks = page.blocks.map((b) => {
    switch (b.type) {
      case 'HERO':
        return `<section class="hero"><h1>${e(b.heading ?? page.title)}</h1>${paragraphs(b.text)}${b.buttonUrl ? `<a class="btn" href="${e(b.buttonUrl)}">${e(b.buttonLabel ?? 'Learn more')}</a>` : ''}</section>`;
      case 'TEXT':
        return `<section>${b.heading ? `<h2>${e(b.heading)}</h2>` : ''}${paragraphs(b.text)}</section>`;
      case 'IMAGE':
        return b.imageUrl
          ? `<figure><img src="${e(b.imageUrl)}" alt="${e(b.alt ?? '')}" loading="lazy">${b.text ? `<figcaption>${e(b.text)}</figcaption>` : ''}</figure>`
          : '';
      case 'FORM': {
        const form = b.formId ? forms.get(b.formId) : undefined;
        if (!form) return '';
        return `<section>${b.heading ? `<h2>${e(b.heading)}</h2>` : ''}${paragraphs(b.text)}${
          form.status === 'ACTIVE' ? formHtml(form, { query, landingPageId: page.id }) : '<p>This form is closed.</p>'
        }</section>`;
      }
      case 'CTA':
        return `<section class="cta">${b.heading ? `<h2>${e(b.heading)}</h2>` : ''}${paragraphs(b.text)}${b.buttonUrl ? `<a class="btn" href="${e(b.buttonUrl)}">${e(b.buttonLabel ?? 'Get started')}</a>` : ''}</section>`;
      case 'FOOTER':
        return `<footer>${paragraphs(b.text)}</footer>`;
      default:
        return '';
    }
  });
  return document({ title: page.title, description: page.description, image: page.ogImageUrl, url }, blocks.join(''));
}
