import { useEffect } from 'react';

/** The browser tab's (and the installed app's task switcher's) title. */
export function usePortalTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Travel Tamers`;
  }, [title]);
}
