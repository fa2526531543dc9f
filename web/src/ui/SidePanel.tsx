import { useEffect, useId, useRef, type ReactNode } from 'react';

interface SidePanelProps {
  title: ReactNode;
  /** What the panel shows, for its accessible name when the title is still loading. */
  kind: string;
  onClose: () => void;
  /** The link to the full record, shown beside the close button. */
  fullRecord?: ReactNode;
  /** Which record is shown: focus moves to the panel's title again when it changes. */
  recordKey: string;
  /** Where focus goes when the panel closes (the button that opened the record, if still there). */
  returnFocus: () => HTMLElement | null;
  testId?: string;
  children: ReactNode;
}

/**
 * A record beside the list it was opened from: the list stays as it was (scroll, selection,
 * page). Not modal, so the list stays usable; focus moves to the panel on open and back to what
 * opened it on close; Escape closes it unless something inside (an inline edit) takes the key.
 */
export function SidePanel({
  title,
  kind,
  onClose,
  fullRecord,
  recordKey,
  returnFocus,
  testId,
  children,
}: SidePanelProps) {
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const close = useRef(onClose);
  const back = useRef(returnFocus);
  useEffect(() => {
    close.current = onClose;
    back.current = returnFocus;
  });

  useEffect(() => heading.current?.focus(), [recordKey]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      // A dialog or menu open on top has its own Escape.
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      close.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      back.current()?.focus();
    };
  }, []);

  return (
    <aside className="side-panel" role="dialog" aria-modal="false" aria-labelledby={titleId} data-testid={testId}>
      <header className="side-panel__header">
        <h2 id={titleId} ref={heading} tabIndex={-1} className="side-panel__title">
          {title ?? kind}
        </h2>
        <div className="side-panel__actions">
          {fullRecord}
          <button type="button" className="button button--ghost button--small" onClick={onClose}>
            Close<span className="visually-hidden"> {kind}</span>
          </button>
        </div>
      </header>
      <div className="side-panel__body">{children}</div>
    </aside>
  );
}
