import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect } from 'react';
import type { TicketActivity } from '../../__generated__/graphql.ts';
import { humanize } from '../../lib/format.ts';
import {
  LeaveTicketPresenceDocument,
  TicketPresenceChangedDocument,
  TicketPresenceDocument,
  TouchTicketPresenceDocument,
} from './graphql/__generated__/collaboration.ts';

/** How often the open ticket tells the desk the viewer is still there (the server forgets after 30 s). */
const HEARTBEAT_MS = 10_000;

/**
 * Collision detection on a ticket: announces the viewer (viewing, or replying while the composer
 * has text) with a heartbeat, and shows who else is there, live. Each heartbeat's answer refreshes
 * the list, so someone whose heartbeat stopped drops out within one beat.
 */
export function TicketPresence({ ticketId, replying }: { ticketId: string; replying: boolean }) {
  const activity: TicketActivity = replying ? 'REPLYING' : 'VIEWING';
  const { data } = useQuery(TicketPresenceDocument, { variables: { id: ticketId }, fetchPolicy: 'cache-and-network' });
  useSubscription(TicketPresenceChangedDocument, { variables: { ticketId } });
  const [touch] = useMutation(TouchTicketPresenceDocument);
  const [leave] = useMutation(LeaveTicketPresenceDocument);
  // Announced at once (and on every change of activity), then every beat.
  useEffect(() => {
    const beat = () => void touch({ variables: { input: { ticketId, activity } } }).catch(() => undefined);
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [ticketId, activity, touch]);
  useEffect(() => () => void leave({ variables: { input: { ticketId } } }).catch(() => undefined), [ticketId, leave]);

  const others = data?.ticketPresence?.others?.nodes ?? [];
  return (
    <p className="presence" role="status" aria-live="polite" data-testid="ticket-presence">
      {others.length === 0
        ? 'Nobody else is on this ticket.'
        : others.map((o, i) => (
            <span key={o.user.id} data-activity={o.activity}>
              {i > 0 ? ' · ' : ''}
              {o.user.name} is {humanize(o.activity).toLowerCase()}
            </span>
          ))}
    </p>
  );
}
