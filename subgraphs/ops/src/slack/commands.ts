/**
 * The `/nexus` slash command's grammar: `ticket <subject>`, `contact <name or email>`,
 * `deal <name>`, `help`. Anything else is answered with the help text, never an error.
 */
export type SlackCommand =
  | { kind: 'ticket'; subject: string }
  | { kind: 'contact'; query: string }
  | { kind: 'deal'; query: string }
  | { kind: 'help'; problem: string | null };

export const HELP_TEXT = [
  '*Nexus from Slack*',
  '• `/nexus ticket <subject>`: open a service ticket in your name',
  '• `/nexus contact <name or email>`: look up a CRM contact',
  '• `/nexus deal <name>`: a deal’s stage and value',
  '• `/nexus help`: this list',
].join('\n');

const MAX_SUBJECT = 200;
const MAX_QUERY = 100;

export function parseSlackCommand(text: string): SlackCommand {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  const [word = '', ...rest] = trimmed.split(' ');
  const arg = rest.join(' ').trim();
  switch (word.toLowerCase()) {
    case 'ticket':
      if (!arg) return { kind: 'help', problem: 'A ticket needs a subject: `/nexus ticket <subject>`.' };
      return { kind: 'ticket', subject: arg.slice(0, MAX_SUBJECT) };
    case 'contact':
      if (!arg) return { kind: 'help', problem: 'Say whom to look up: `/nexus contact <name or email>`.' };
      return { kind: 'contact', query: arg.slice(0, MAX_QUERY) };
    case 'deal':
      if (!arg) return { kind: 'help', problem: 'Say which deal: `/nexus deal <name>`.' };
      return { kind: 'deal', query: arg.slice(0, MAX_QUERY) };
    case '':
    case 'help':
      return { kind: 'help', problem: null };
    default:
      return { kind: 'help', problem: `“${word.slice(0, 40)}” is not a Nexus command.` };
  }
}
