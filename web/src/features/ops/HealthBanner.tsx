import { useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { humanize } from '../../lib/format.ts';
import { ServiceHealthChangedDocument } from './graphql/__generated__/serviceHealthChanged.ts';

/**
 * For admins, on every page: a part of the system that goes down or degrades raises a banner
 * (live, from `serviceHealthChanged`) linking to System health, until dismissed or recovered.
 */
export function HealthBanner() {
  const [problems, setProblems] = useState<Record<string, string>>({});
  useSubscription(ServiceHealthChangedDocument, {
    onData: ({ data }) => {
      const change = data.data?.serviceHealthChanged;
      if (!change) return;
      setProblems((p) => {
        const next = { ...p };
        if (change.status === 'DOWN' || change.status === 'DEGRADED') next[change.component] = change.status;
        else delete next[change.component];
        return next;
      });
    },
  });
  const parts = Object.entries(problems);
  if (parts.length === 0) return null;
  return (
    <div className="notice notice--error" role="alert" data-testid="health-banner-global">
      <p>
        {parts.map(([component, status]) => `${component} ${humanize(status).toLowerCase()}`).join(', ')} ·{' '}
        <Link to="/ops/health">System health</Link>{' '}
        <button type="button" className="button button--ghost" onClick={() => setProblems({})}>
          Dismiss
        </button>
      </p>
    </div>
  );
}
