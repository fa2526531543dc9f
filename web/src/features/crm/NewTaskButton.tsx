import { useHasRank } from '../../lib/useHasRank.ts';

/** "New task" on a record's task panel, for everyone who may create tasks (agents and up). */
export function NewTaskButton({ onClick }: { onClick: () => void }) {
  const allowed = useHasRank('AGENT');
  if (!allowed) return null;
  return (
    <button type="button" className="button button--small panel__action" onClick={onClick}>
      New task
    </button>
  );
}
