import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classifySmtpFailure,
  createMailTransport,
  startMailCatcher,
  type MailCatcher,
  type MailTransport,
} from '@nexus/platform';

/** The mail transport against a real SMTP server on loopback, the way every subgraph sends. */
describe('mail transport', () => {
  let catcher: MailCatcher;
  let mail: MailTransport;
  beforeAll(async () => {
    catcher = await startMailCatcher({ httpPort: 0 });
    mail = createMailTransport(catcher.smtpUrl);
  });
  afterAll(async () => {
    mail.close();
    await catcher.close();
  });

  it('delivers a message with its headers, parts and threading ids', async () => {
    catcher.clear();
    const sent = await mail.send({
      from: 'Travel Tamers <hello@traveltamers.test>',
      to: 'zoë@example.test',
      subject: 'Your Łódź itinerary',
      html: '<p>Hello Zoë</p>',
      text: 'Hello Zoë',
      messageId: '<itinerary-1@traveltamers.test>',
      headers: { 'List-Unsubscribe': '<https://nexus.test/unsubscribe/t>' },
    });
    expect(sent.accepted).toEqual(['zoë@example.test']);
    const [m] = await catcher.waitFor(1);
    expect(m?.subject).toBe('Your Łódź itinerary');
    expect(m?.messageId).toBe('<itinerary-1@traveltamers.test>');
    expect(m?.parsed.text?.trim()).toBe('Hello Zoë');
    expect(m?.parsed.html).toContain('<p>Hello Zoë</p>');
    expect(m?.raw).toMatch(/^List-Unsubscribe: <https:\/\/nexus\.test\/unsubscribe\/t>\r?$/m);
    const page = await fetch(catcher.inboxUrl ?? '').then((r) => r.text());
    expect(page).toContain('Your Łódź itinerary');
  });

  it('reports a 550 as permanent and a 452 as transient, as the server answered them', async () => {
    catcher.judge((to) =>
      to.startsWith('gone')
        ? { code: 550, message: 'No such user' }
        : to.startsWith('full')
          ? { code: 452, message: 'Mailbox full' }
          : undefined,
    );
    const attempt = (to: string) =>
      mail
        .send({ from: 'a@traveltamers.test', to, subject: 's', text: 't' })
        .then(() => undefined, classifySmtpFailure);
    expect(await attempt('gone@example.test')).toMatchObject({ kind: 'permanent', code: 550 });
    expect(await attempt('full@example.test')).toMatchObject({ kind: 'transient', code: 452 });
    catcher.judge(() => undefined);
  });
});
