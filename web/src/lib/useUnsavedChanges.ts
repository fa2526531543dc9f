import { useEffect } from 'react';

/**
 * Warns before the tab is closed or reloaded while a form holds unsaved changes. (Links inside the
 * app are guarded by the forms themselves: a dialog's Cancel asks first.)
 */
export function useUnsavedChanges(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}

/** Asks before throwing typed work away. */
export const confirmDiscard = (dirty: boolean) => !dirty || window.confirm('Discard your unsaved changes?');
