import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import type { SlackPurpose } from '../../../__generated__/graphql.ts';
import { useDocumentTitle } from '../../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../../lib/useHasRank.ts';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Loading } from '../../../ui/Splash.tsx';
import { SetSlackChannelDocument, SlackHubDocument } from './graphql/__generated__/slack.ts';

const PURPOSE_LABEL: Record<SlackPurpose, string> = {
  SUPPORT: 'Ticket assignments and SLA breaches',
  SALES: 'Deal stage changes',
  MARKETING: 'Campaign completions',
  MONITORING: 'Health changes',
};

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—');

/** Slack hub: whether Slack is connected, where each kind of post goes, channel activity, recent posts and commands. */
export function SlackHubPage() {
  useDocumentTitle('Slack hub');
  const isAdmin = useHasRank('ADMIN');
  const { data, error, refetch } = useQuery(SlackHubDocument, { fetchPolicy: 'cache-and-network' });
  const hub = data?.slackHub;
  return (
    <section aria-labelledby="slack-hub-title">
      <header className="page-header">
        <h1 id="slack-hub-title">Slack hub</h1>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!data && !error && <Loading />}
      {hub && (
        <>
          <section className="panel" aria-label="Connection">
            <h2>Connection</h2>
            <p data-testid="slack-signing">
              Requests from Slack:{' '}
              {hub.signingSecretSet
                ? 'verified with the signing secret'
                : 'not configured (SLACK_SIGNING_SECRET is unset; Slack gets 503)'}
            </p>
            <p data-testid="slack-token">
              Posts:{' '}
              {hub.botTokenSet
                ? 'sent with the bot token'
                : 'not configured (SLACK_BOT_TOKEN is unset; posts are only logged)'}
            </p>
          </section>
          <section className="panel" aria-label="Channel mapping">
            <h2>Channel mapping</h2>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Posts</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Changed</th>
                </tr>
              </thead>
              <tbody>
                {hub.mappings.map((m) => (
                  <tr key={m.purpose}>
                    <th scope="row">{PURPOSE_LABEL[m.purpose]}</th>
                    <td>
                      {isAdmin ? (
                        <ChannelEditor purpose={m.purpose} channel={m.channel} custom={m.custom} />
                      ) : (
                        <>
                          {m.channel}
                          {!m.custom && ' (default)'}
                        </>
                      )}
                    </td>
                    <td>{m.custom ? `${when(m.updatedAt)} by ${m.updatedBy ?? '—'}` : 'default'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="panel" aria-label="Channel activity">
            <h2>Channel activity</h2>
            {hub.channels.length === 0 ? (
              <p>No messages from Slack yet.</p>
            ) : (
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Channel</th>
                    <th scope="col">Messages</th>
                    <th scope="col">Mentions</th>
                    <th scope="col">Reactions</th>
                    <th scope="col">Last</th>
                  </tr>
                </thead>
                <tbody>
                  {hub.channels.map((c) => (
                    <tr key={c.channelId}>
                      <th scope="row">{c.channelId}</th>
                      <td>{c.messages}</td>
                      <td>{c.mentions}</td>
                      <td>{c.reactions}</td>
                      <td>{when(c.lastEventAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="panel" aria-label="Recent posts">
            <h2>Recent posts ({data.slackPosts?.totalCount ?? 0})</h2>
            <ul>
              {data.slackPosts?.nodes.map((d) => (
                <li key={d.id}>
                  {when(d.lastAttemptAt)} · {d.outcome.toLowerCase()}
                  {d.attempts > 1 && ` after ${d.attempts} attempts`} · {d.requestSummary}
                  {d.error && ` · ${d.error}`}
                </li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-label="Recent commands">
            <h2>Recent commands and buttons ({data.slackRequests?.totalCount ?? 0})</h2>
            <ul>
              {data.slackRequests?.nodes.map((d) => (
                <li key={d.id}>
                  {when(d.lastAttemptAt)} · {d.outcome.toLowerCase()} · {d.requestSummary}
                  {d.effect && ` · ${d.effect}`}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </section>
  );
}

function ChannelEditor(p: { purpose: SlackPurpose; channel: string; custom: boolean }) {
  const [value, setValue] = useState(p.channel);
  // The hub has no id to normalise on: read it again after a change.
  const [save, { loading, error }] = useMutation(SetSlackChannelDocument, { refetchQueries: [SlackHubDocument] });
  const label = `Channel for ${PURPOSE_LABEL[p.purpose].toLowerCase()}`;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save({ variables: { input: { purpose: p.purpose, channel: value } } }).catch(() => undefined);
      }}
    >
      <input aria-label={label} value={value} onChange={(e) => setValue(e.target.value)} />{' '}
      <button type="submit" disabled={loading}>
        Save
      </button>{' '}
      {p.custom && (
        <button
          type="button"
          disabled={loading}
          onClick={() =>
            void save({ variables: { input: { purpose: p.purpose, channel: null } } })
              .then((r) =>
                setValue(r.data?.setSlackChannel.mappings.find((m) => m.purpose === p.purpose)?.channel ?? value),
              )
              .catch(() => undefined)
          }
        >
          Use default
        </button>
      )}
      {error && <ErrorNotice error={error} />}
    </form>
  );
}
