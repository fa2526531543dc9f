import { existsSync, readFileSync } from 'node:fs';
import type { RequestHandler } from 'express';
import { Marked } from 'marked';

const guidePath = new URL('../../docs/api-guide.md', import.meta.url);

/** GitHub's heading anchors (`## Schema changes` -> `#schema-changes`), so the guide's own links work. */
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^a-z0-9 -]/g, '')
    .trim()
    .replace(/ /g, '-');

const markdown = new Marked({
  gfm: true,
  renderer: {
    heading({ tokens, depth }) {
      const inner = this.parser.parseInline(tokens);
      return `<h${depth} id="${slug(inner)}">${inner}</h${depth}>\n`;
    },
  },
});

/**
 * `GET /docs/api`: the API guide (docs/api-guide.md) as a plain HTML page, or the markdown itself
 * for a client that asks for `text/markdown` (or `?format=md`). Read once, on the first request.
 */
export function apiGuide(): RequestHandler {
  let cached: { markdown: string; html: string } | null = null;
  const load = () => {
    if (cached) return cached;
    if (!existsSync(guidePath)) return null;
    const text = readFileSync(guidePath, 'utf8');
    const body = markdown.parse(text, { async: false });
    const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nexus API guide</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1f2933; }
pre { background: #f4f5f7; padding: .75rem; overflow-x: auto; border-radius: 4px; }
code { font: 14px ui-monospace, monospace; }
table { border-collapse: collapse; } td, th { border: 1px solid #d9dde3; padding: .25rem .5rem; text-align: left; }
</style>
</head>
<body>
${body}
</body>
</html>`;
    return (cached = { markdown: text, html });
  };
  return (req, res) => {
    const guide = load();
    if (!guide) {
      res.status(404).type('text').send('The API guide is not part of this build.');
      return;
    }
    if (req.query.format === 'md' || req.accepts(['html', 'text/markdown']) === 'text/markdown') {
      res.type('text/markdown; charset=utf-8').send(guide.markdown);
      return;
    }
    res.type('html').send(guide.html);
  };
}
