import { createHash } from 'node:crypto';
import { Liquid, type Template } from 'liquidjs';
import mjml2html from 'mjml';
import sanitizeHtml from 'sanitize-html';
import { convert } from 'html-to-text';
import { badInput } from '@nexus/platform';

/**
 * Templates: Liquid for merge variables (defaults and filters; an unknown variable is an error,
 * never a blank in a client's inbox), MJML for responsive HTML, a plain-text part from the HTML.
 * Bodies that are not MJML are user HTML, sanitised and placed in the standard layout.
 */

/** Every merge variable a template may use; the editor's variable picker lists these. */
export const MERGE_VARIABLES = [
  'contact.firstName',
  'contact.lastName',
  'contact.fullName',
  'contact.email',
  'contact.lifecycleStage',
  'contact.score',
  'contact.tags',
  'contact.companyType',
  'contact.timezone',
  'contact.nextDeparture',
  'contact.destinations',
  'campaign.name',
  'sender.address',
  'unsubscribeUrl',
] as const;

export interface MergeContact {
  firstName: string;
  lastName: string;
  email: string | null;
  lifecycleStage: string | null;
  score: number;
  tags: string[];
  companyType: string | null;
  timezone: string | null;
  nextDepartureAt: Date | null;
  destinations: string[];
}

export interface MergeData {
  contact: MergeContact;
  campaignName: string;
  postalAddress: string;
  unsubscribeUrl: string;
  /** The recipient's preference centre (lower frequency, pause, leave a type, export or erase). */
  preferencesUrl?: string;
}

const htmlEngine = new Liquid({ strictVariables: true, strictFilters: true, outputEscape: 'escape', cache: 200 });
const textEngine = new Liquid({ strictVariables: true, strictFilters: true, cache: 200 });

const scope = (d: MergeData) => ({
  contact: {
    firstName: d.contact.firstName,
    lastName: d.contact.lastName,
    fullName: `${d.contact.firstName} ${d.contact.lastName}`.trim(),
    email: d.contact.email,
    lifecycleStage: d.contact.lifecycleStage,
    score: d.contact.score,
    tags: d.contact.tags,
    companyType: d.contact.companyType,
    timezone: d.contact.timezone,
    nextDeparture: d.contact.nextDepartureAt ? d.contact.nextDepartureAt.toISOString().slice(0, 10) : null,
    destinations: d.contact.destinations,
  },
  campaign: { name: d.campaignName },
  sender: { address: d.postalAddress },
  unsubscribeUrl: d.unsubscribeUrl,
});

/** A contact to check templates against and to preview with when none is chosen. */
export const SAMPLE_CONTACT: MergeContact = {
  firstName: 'Alex',
  lastName: 'Sample',
  email: 'alex@example.com',
  lifecycleStage: 'CUSTOMER',
  score: 50,
  tags: ['vip'],
  companyType: null,
  timezone: 'Australia/Sydney',
  nextDepartureAt: null,
  destinations: ['Kyoto'],
};

export interface TemplateParts {
  subject: string;
  preheader: string;
  body: string;
}

export const isMjml = (body: string) => /^\s*<mjml[\s>]/i.test(body);

/** User HTML, cleaned of scripts, handlers and anything a mail client should not run. */
export const sanitizeBody = (html: string) =>
  sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'span', 'center', 'font'],
    allowedAttributes: {
      '*': ['style', 'align'],
      a: ['href', 'title', 'target'],
      img: ['src', 'alt', 'width', 'height'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
  });

/** The footer; the address is the deployment's, the link is merged per recipient. */
const FOOTER = (address: string) =>
  `<mj-section background-color="#0B1120" padding="24px"><mj-column><mj-text font-family="Georgia, serif" color="#C9A84C" font-size="12px" align="center">You receive this email because you are a Travel Tamers client or asked to hear from us.<br/>${escapeHtml(address)}<br/><a href="{{ __unsubscribeUrl }}" style="color:#C9A84C">Unsubscribe</a> · <a href="{{ __preferencesUrl }}" style="color:#C9A84C">Email preferences</a></mj-text></mj-column></mj-section>`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Wraps merged HTML (or a merged MJML document) with the preheader and, for marketing mail, the footer. */
function layout(mergedBody: string, preheader: string, footer: string | null): string {
  const head = `<mj-head><mj-attributes><mj-all font-family="Georgia, serif"/></mj-attributes>${preheader ? `<mj-preview>${escapeHtml(preheader)}</mj-preview>` : ''}</mj-head>`;
  if (isMjml(mergedBody)) {
    // The footer goes at the end of the body the author wrote.
    const withHead = /<mj-head[\s>]/i.test(mergedBody)
      ? mergedBody
      : mergedBody.replace(/<mjml([^>]*)>/i, `<mjml$1>${head}`);
    return footer ? withHead.replace(/<\/mj-body>/i, `${footer}</mj-body>`) : withHead;
  }
  return `<mjml>${head}<mj-body background-color="#F5F3EE"><mj-section background-color="#FFFFFF" padding="24px"><mj-column><mj-text font-size="16px" line-height="1.5" color="#0B1120">${mergedBody}</mj-text></mj-column></mj-section>${footer ?? ''}</mj-body></mjml>`;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  links: string[];
}

type Field = 'subject' | 'preheader' | 'body';

const problem = (field: Field, path: string, e: unknown) => {
  const message = e instanceof Error ? (e.message.split(', line:')[0] ?? e.message) : 'is not a valid template';
  return badInput(`The template's ${field} cannot be rendered: ${message}`, [{ path: `${path}.${field}`, message }]);
};

/**
 * A template made ready to merge: MJML rendered to HTML and the plain text derived from it once,
 * with the Liquid tags left in place, so each recipient costs a Liquid render and not an MJML one
 * (MJML is the expensive step; a 10,000-recipient campaign renders it once per variant).
 */
interface CompiledEmail {
  subject: Template[];
  preheader: Template[];
  html: Template[];
  text: Template[];
}

const compiledCache = new Map<string, Promise<CompiledEmail>>();

function parse(engine: Liquid, source: string, field: Field, path: string): Template[] {
  try {
    return engine.parse(source);
  } catch (e) {
    throw problem(field, path, e);
  }
}

async function compileEmail(t: TemplateParts, footerAddress: string | null, path: string): Promise<CompiledEmail> {
  const subject = parse(textEngine, t.subject, 'subject', path);
  const preheader = parse(textEngine, t.preheader, 'preheader', path);
  const body = isMjml(t.body) ? t.body : sanitizeBody(t.body);
  parse(htmlEngine, body, 'body', path);
  const document = layout(
    body,
    t.preheader ? '{{ __preheader }}' : '',
    footerAddress === null ? null : FOOTER(footerAddress),
  );
  const { html } = await mjml2html(document, { validationLevel: 'soft', minify: false });
  const text = convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'img', format: 'skip' },
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    ],
  });
  return {
    subject,
    preheader,
    html: parse(htmlEngine, html, 'body', path),
    text: parse(textEngine, text, 'body', path),
  };
}

function compiled(t: TemplateParts, footerAddress: string | null, path: string): Promise<CompiledEmail> {
  const key = createHash('sha256')
    .update(JSON.stringify([t.subject, t.preheader, t.body, footerAddress]))
    .digest('base64url');
  let entry = compiledCache.get(key);
  if (!entry) {
    entry = compileEmail(t, footerAddress, path);
    // A failed compile is not kept: the next call reports the same problem with its own path.
    entry.catch(() => compiledCache.delete(key));
    if (compiledCache.size >= 200) compiledCache.delete(compiledCache.keys().next().value ?? '');
    compiledCache.set(key, entry);
  }
  return entry;
}

async function render(engine: Liquid, tpl: Template[], data: object, field: Field, path: string): Promise<string> {
  try {
    return String(await engine.render(tpl, data));
  } catch (e) {
    throw problem(field, path, e);
  }
}

/**
 * Merges and renders one email. `footer` adds the CAN-SPAM footer (marketing mail); links are
 * collected so the click redirect can refuse any other URL, and rewritten by `trackLink` when given.
 */
export async function renderEmail(
  t: TemplateParts,
  data: MergeData,
  o: { footer: boolean; trackLink?: (url: string) => string; tagLink?: (url: string) => string; path?: string },
): Promise<RenderedEmail> {
  const path = o.path ?? 'input';
  const c = await compiled(t, o.footer ? data.postalAddress : null, path);
  const s = scope(data);
  const subject = (await render(textEngine, c.subject, s, 'subject', path)).replace(/\s+/g, ' ').trim();
  const preheader = await render(textEngine, c.preheader, s, 'preheader', path);
  const preferencesUrl = data.preferencesUrl ?? data.unsubscribeUrl;
  const merged = {
    ...s,
    __preheader: preheader,
    __unsubscribeUrl: data.unsubscribeUrl,
    __preferencesUrl: preferencesUrl,
  };
  const body = await render(htmlEngine, c.html, merged, 'body', path);
  const text = await render(textEngine, c.text, merged, 'body', path);
  const links: string[] = [];
  const html = body.replace(/href="(https?:\/\/[^"]+)"/gi, (whole, url: string) => {
    const raw = url.replace(/&amp;/g, '&');
    // The unsubscribe link goes straight to its page, never through the click redirect.
    if (raw === data.unsubscribeUrl || raw === preferencesUrl) return whole;
    // UTM parameters first, so the redirect (and per-link statistics) use the tagged link.
    const decoded = o.tagLink ? o.tagLink(raw) : raw;
    if (!links.includes(decoded)) links.push(decoded);
    return `href="${escapeHtml(o.trackLink ? o.trackLink(decoded) : decoded)}"`;
  });
  return { subject, html, text: text.replace(/\n{3,}/g, '\n\n').trim(), links };
}

/** Checks a template renders for a sample contact; a BAD_USER_INPUT names the broken field. */
export async function validateTemplate(t: TemplateParts, path = 'input'): Promise<void> {
  const data: MergeData = {
    contact: SAMPLE_CONTACT,
    campaignName: 'Sample',
    postalAddress: 'Sample address',
    unsubscribeUrl: 'https://example.com/u',
  };
  await renderEmail(t, data, { footer: true, path });
  if (isMjml(t.body)) {
    const check = await mjml2html(t.body.replace(/\{\{[^}]*\}\}|\{%[^%]*%\}/g, ''), { validationLevel: 'soft' });
    const first = check.errors[0];
    if (first)
      throw badInput(`The MJML body is not valid: ${first.formattedMessage}`, [
        { path: `${path}.body`, message: first.message },
      ]);
  }
}
