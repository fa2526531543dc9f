/** The public pages' shell, in the Dark Sanctuary style (navy #0B1120, gold #C9A84C, Georgia). */
import { escapeHtml } from '@nexus/platform';

export const esc = escapeHtml;
export const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><body style="margin:0;background:#0B1120;color:#F5F3EE;font-family:Georgia,serif"><main style="max-width:32rem;margin:4rem auto;padding:2rem;border:1px solid #C9A84C">${body}</main></body></html>`;
