import { useEffect, type RefObject } from 'react';

/** Where tables of records become cards (styles/layout.css uses the same width). */
export const NARROW_SCREEN = '(max-width: 760px)';

/** A header cell's visible words: its text without what only screen readers hear (sort hints). */
function visibleText(node: Node): string {
  if (node instanceof HTMLElement) {
    if (node.classList.contains('visually-hidden') || node.getAttribute('aria-hidden') === 'true') return '';
    if (node.dataset.label) return node.dataset.label;
  }
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  return [...node.childNodes].map(visibleText).join('');
}

/**
 * Gives every body cell of the tables under `root` its column's name (`data-label`), which the
 * card layout prints before the value. Cells that name themselves keep their own label; a label
 * given here is marked so it can follow the columns when they change.
 */
export function labelTableCells(root: ParentNode) {
  for (const table of root.querySelectorAll<HTMLTableElement>('table:not(.data-table--grid)')) {
    const headerRow = table.tHead?.rows[0];
    if (!headerRow) continue;
    const names: string[] = [];
    for (const cell of headerRow.cells) {
      const name = visibleText(cell).trim();
      for (let i = 0; i < cell.colSpan; i++) names.push(name);
    }
    for (const body of table.tBodies)
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          const name = names[column] ?? '';
          column += cell.colSpan;
          // The row's own heading is the card's title; a cell across every column is a message.
          if (cell.tagName === 'TH' || cell.colSpan >= names.length) continue;
          if (cell.dataset.label !== undefined && cell.dataset.labelAuto === undefined) continue;
          if (name) {
            cell.dataset.label = name;
            cell.dataset.labelAuto = '';
          } else if (cell.dataset.labelAuto !== undefined) {
            delete cell.dataset.label;
            delete cell.dataset.labelAuto;
          }
        }
      }
  }
}

/**
 * On narrow screens, keeps the labels of every table in `root` current as pages render, so any
 * list in the app reads as cards with named values. Nothing runs on wide screens.
 */
export function useCardTables(root: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const narrow = window.matchMedia(NARROW_SCREEN);
    let observer: MutationObserver | null = null;
    let frame = 0;
    const label = () => {
      frame = 0;
      if (root.current) labelTableCells(root.current);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(label);
    };
    const apply = () => {
      observer?.disconnect();
      observer = null;
      if (!narrow.matches || !root.current) return;
      schedule();
      observer = new MutationObserver(schedule);
      observer.observe(root.current, { childList: true, subtree: true });
    };
    apply();
    narrow.addEventListener('change', apply);
    return () => {
      narrow.removeEventListener('change', apply);
      observer?.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [root]);
}
