import { startMailCatcher, type CaughtMail, type MailCatcher, type PortalAccess } from '@nexus/platform';
import { bearer, gql, signIn, type GqlResponse } from './client.ts';
import { startSystem, type System } from './system.ts';

/**
 * The client portal through the whole system: a traveller invited by staff and signed in through
 * the real flow (the invitation email goes through marketing's transactional mail queue over SMTP
 * to a mail catcher; the code is read from it), then called through the gateway as a traveller.
 */

export interface Traveller {
  email: string;
  /** The TT-API client the traveller belongs to. */
  ttClientId: string;
  /** The TT-API traveler the account is. */
  ttTravelerId: string;
  access: PortalAccess;
  /** Defaults to the part of the email before `@`. */
  name?: string;
}

export interface SignedInTraveller {
  /** Send as `Authorization: Bearer <token>` to the gateway (`/graphql` or `/portal/graphql`). */
  token: string;
  accountId: string;
  refreshToken: string;
  /** Runs an operation through the gateway as this traveller. */
  call: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<GqlResponse<T>>;
}

/** A system with the worker (which sends mail) and a mail catcher its SMTP points at. */
export interface PortalSystem {
  system: System;
  mail: MailCatcher;
  close(): Promise<void>;
}

export async function startPortalSystem(o: Parameters<typeof startSystem>[0] = {}): Promise<PortalSystem> {
  const mail = await startMailCatcher();
  try {
    // Every test signs travellers in from one network address, often the same traveller again: the
    // sign-in limits are raised (tests/portal/access.test.ts sets them back to check them).
    const system = await startSystem({
      ...o,
      worker: true,
      env: {
        SMTP_URL: mail.smtpUrl,
        LOGIN_RATE_LIMIT: '1000',
        PORTAL_SIGN_IN_REQUESTS_PER_IP: '1000',
        PORTAL_SIGN_IN_REQUESTS_PER_ADDRESS: '1000',
        PORTAL_SIGN_IN_ATTEMPTS_PER_IP: '1000',
        PORTAL_SIGN_IN_ATTEMPTS_PER_ADDRESS: '1000',
        ...o.env,
      },
    });
    return {
      system,
      mail,
      async close() {
        await system.close();
        await mail.close();
      },
    };
  } catch (e) {
    await mail.close();
    throw e;
  }
}

const INVITE = `mutation Invite($input: InviteTravelerInput!) {
  inviteTraveler(input: $input) { id email status }
}`;
const SIGN_IN_WITH_CODE = `mutation SignIn($email: String!, $code: String!) {
  portalSignInWithCode(email: $email, code: $code) { accessToken refreshToken }
}`;

/** The newest portal email to `email` that arrived after `since` messages were in the inbox. */
export async function portalMailTo(
  mail: MailCatcher,
  email: string,
  since = 0,
  timeoutMs = 15_000,
): Promise<CaughtMail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const hit = mail.messages
      .slice(since)
      .filter((m) => m.envelopeTo.includes(email.toLowerCase()) && /traveller portal/i.test(m.subject))
      .at(-1);
    if (hit) return hit;
    if (Date.now() > until) throw new Error(`no portal email reached ${email}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The sign-in link's token and the six-digit code in a portal email. */
export function secretsOf(message: CaughtMail): { token: string; code: string; link: string } {
  const text = message.parsed.text ?? '';
  const link = /(https?:\/\/\S+\/portal\/confirm\?token=([A-Za-z0-9_-]{43}))/.exec(text);
  const code = /code[^\d]*(\d{6})/i.exec(text);
  if (!link?.[1] || !link[2] || !code?.[1]) throw new Error(`no sign-in link or code in: ${text}`);
  return { link: link[1], token: link[2], code: code[1] };
}

/** Staff's token for inviting: an advisor's, signed in once per system. */
const advisorTokens = new WeakMap<System, Promise<string>>();
const advisorToken = (system: System) => {
  let t = advisorTokens.get(system);
  if (!t) {
    t = signIn(system.gatewayUrl, 'advisor@nexus.test').then((s) => s.accessToken);
    advisorTokens.set(system, t);
  }
  return t;
};

/** An advisor invites the traveller; returns the account id and the invitation email. */
export async function inviteTraveller(
  system: System,
  mail: MailCatcher,
  t: Traveller,
): Promise<{ accountId: string; message: CaughtMail }> {
  const since = mail.messages.length;
  const res = await gql<{ inviteTraveler: { id: string } }>(
    system.gatewayUrl,
    INVITE,
    {
      input: {
        email: t.email,
        name: t.name ?? t.email.split('@')[0],
        ttClientId: t.ttClientId,
        ttTravelerId: t.ttTravelerId,
        access: t.access,
      },
    },
    bearer(await advisorToken(system)),
  );
  const accountId = res.data?.inviteTraveler?.id;
  if (!accountId) throw new Error(`invitation failed: ${res.raw}`);
  return { accountId, message: await portalMailTo(mail, t.email, since) };
}

/**
 * Invites the traveller as an advisor and signs them in with the code from the invitation email.
 * Calling it again for the same traveler sends a new invitation and signs in again (the access
 * level is updated, and sessions from before end).
 */
export async function signInTraveller(system: System, mail: MailCatcher, t: Traveller): Promise<SignedInTraveller> {
  const { accountId, message } = await inviteTraveller(system, mail, t);
  const { code } = secretsOf(message);
  const res = await gql<{ portalSignInWithCode: { accessToken: string; refreshToken: string } }>(
    system.gatewayUrl,
    SIGN_IN_WITH_CODE,
    { email: t.email, code },
  );
  const session = res.data?.portalSignInWithCode;
  if (!session) throw new Error(`portal sign-in failed for ${t.email}: ${res.raw}`);
  return {
    token: session.accessToken,
    refreshToken: session.refreshToken,
    accountId,
    call: (query, variables = {}) => gql(system.gatewayUrl, query, variables, bearer(session.accessToken)),
  };
}
