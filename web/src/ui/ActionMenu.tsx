import { useCallback, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useDismiss } from '../lib/useDismiss.ts';

export interface MenuAction {
  label: string;
  onSelect: () => void;
}

interface ActionMenuProps {
  /** The button's accessible name, e.g. "Actions for Summit retreat". */
  label: string;
  actions: readonly MenuAction[];
  className?: string;
}

/**
 * A small "⋯" menu button (WAI-ARIA menu button): arrows move between items, Escape closes and
 * gives focus back to the button.
 */
export function ActionMenu({ label, actions, className }: ActionMenuProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(root, open, close);

  const items = () => [...(root.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
  const onKeyDown = (event: KeyboardEvent) => {
    const all = items();
    const at = all.findIndex((item) => item === document.activeElement);
    if (event.key === 'ArrowDown') all[(at + 1) % all.length]?.focus();
    else if (event.key === 'ArrowUp') all[(at - 1 + all.length) % all.length]?.focus();
    else if (event.key === 'Escape') button.current?.focus();
    else return;
    event.preventDefault();
  };

  return (
    <div ref={root} className={className ? `action-menu ${className}` : 'action-menu'} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="action-menu__button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => {
          setOpen(!open);
          if (!open) requestAnimationFrame(() => items()[0]?.focus());
        }}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <ul id={menuId} role="menu" className="popover action-menu__list" aria-label={label}>
          {actions.map((action) => (
            <li key={action.label} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="action-menu__item"
                onClick={() => {
                  setOpen(false);
                  action.onSelect();
                }}
              >
                {action.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
