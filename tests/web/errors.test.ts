import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { describeError, fieldMessage } from '../../web/src/lib/errors.ts';

/** The one place that turns `extensions.code` into what a person reads. */

const graphQLError = (message: string, extensions: Record<string, unknown>) => new CombinedGraphQLErrors({ data: null, errors: [{ message, extensions }] });

describe('describeError', () => {
  it('says plainly that travel data is unavailable when TT-API is down, without the status code', () => {
    const described = describeError(graphQLError('TT-API answered HTTP 503.', { code: 'UPSTREAM_UNAVAILABLE', service: 'TT-API' }));
    expect(described.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(described.title).toBe('Travel data unavailable');
    expect(described.message).toMatch(/TT-API, the travel system, is not answering/);
    expect(described.message).not.toMatch(/503/);
  });

  it('keeps a generic wording for an unnamed upstream', () => {
    const described = describeError(graphQLError('Slack timed out.', { code: 'UPSTREAM_UNAVAILABLE' }));
    expect(described.title).toBe('Service unavailable');
    expect(described.message).not.toMatch(/Slack timed out/);
  });

  it('carries BAD_USER_INPUT field problems, matched by field name or input path', () => {
    const described = describeError(
      graphQLError('Invalid input.', {
        code: 'BAD_USER_INPUT',
        fields: [
          { path: 'input.email', message: 'must be an email address' },
          { path: 'input.phone', message: 'must be a phone number' },
          { path: 42, message: 'ignored: not a path' },
        ],
      }),
    );
    expect(described.code).toBe('BAD_USER_INPUT');
    expect(described.fields).toHaveLength(2);
    expect(fieldMessage(described, 'email')).toBe('must be an email address');
    expect(fieldMessage(described, 'phone')).toBe('must be a phone number');
    expect(fieldMessage(described, 'firstName')).toBeUndefined();
  });

  it('tells how long to wait when RATE_LIMITED', () => {
    const described = describeError(graphQLError('Too many sign-in attempts.', { code: 'RATE_LIMITED', retryAfterMs: 1200 }));
    expect(described.retryAfterMs).toBe(1200);
    expect(described.message).toBe('Too many sign-in attempts. You can try again in 2 seconds.');
  });

  it('passes FORBIDDEN, NOT_FOUND and CONFLICT messages through, and hides internal ones', () => {
    expect(describeError(graphQLError('Advisors and above may move deals.', { code: 'FORBIDDEN' })).message).toBe('Advisors and above may move deals.');
    expect(describeError(graphQLError('No Deal with id x.', { code: 'NOT_FOUND' })).title).toBe('Not found');
    expect(describeError(graphQLError('Changed by someone else.', { code: 'CONFLICT' })).title).toBe('Changed elsewhere');
    const internal = describeError(graphQLError('relation "deal" does not exist', { code: 'INTERNAL_SERVER_ERROR' }));
    expect(internal.message).not.toMatch(/relation/);
  });

  it('treats an unknown schema field as an outdated tab, and a failed fetch as the network', () => {
    expect(describeError(graphQLError('Cannot query field "x".', { code: 'GRAPHQL_VALIDATION_FAILED' })).code).toBe('OUTDATED_CLIENT');
    expect(describeError(new TypeError('Failed to fetch')).code).toBe('NETWORK');
    const badGateway = new ServerError('Bad gateway', { response: new Response('<html>', { status: 502 }), bodyText: '<html>' });
    expect(describeError(badGateway).code).toBe('NETWORK');
  });
});
