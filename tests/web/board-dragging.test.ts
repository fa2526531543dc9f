import type { ClientRect, DroppableContainer } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import { boardKeyboardCoordinates, columnUnderCard } from '../../web/src/features/crm/boardDragging.ts';

/** Where a dragged deal card lands on the board, by pointer and by keyboard. */

const rect = (left: number, top: number, width: number, height: number): ClientRect => ({ left, top, width, height, right: left + width, bottom: top + height });
// Three columns 260 px wide with 12 px gaps; the first is much taller (many deals).
const rects = new Map<string, ClientRect>([
  ['lead', rect(0, 100, 260, 2400)],
  ['qualified', rect(272, 100, 260, 300)],
  ['won', rect(544, 100, 260, 200)],
]);
const containers = [...rects.keys()].map((id) => ({ id }) as unknown as DroppableContainer);
const card = rect(10, 900, 240, 120);

describe('columnUnderCard', () => {
  it('picks the column under the pointer, even below a short column', () => {
    const hits = columnUnderCard({ pointerCoordinates: { x: 300, y: 1500 }, collisionRect: card, droppableContainers: containers, droppableRects: rects, active: null as never });
    expect(hits.map((h) => h.id)).toEqual(['qualified']);
  });

  it('uses the card’s centre when dragging from the keyboard, not the nearest corner', () => {
    const hits = columnUnderCard({ pointerCoordinates: null, collisionRect: card, droppableContainers: containers, droppableRects: rects, active: null as never });
    expect(hits.map((h) => h.id)).toEqual(['lead']);
  });

  it('finds nothing in the gap between columns', () => {
    expect(columnUnderCard({ pointerCoordinates: { x: 266, y: 200 }, collisionRect: card, droppableContainers: containers, droppableRects: rects, active: null as never })).toEqual([]);
  });
});

describe('boardKeyboardCoordinates', () => {
  const press = (code: string, collisionRect: ClientRect | null) =>
    // Node has Event but not KeyboardEvent; the getter reads only `code` and calls preventDefault.
    boardKeyboardCoordinates(Object.assign(new Event('keydown', { cancelable: true }), { code }) as unknown as KeyboardEvent, {
      active: 'deal',
      currentCoordinates: { x: collisionRect?.left ?? 0, y: collisionRect?.top ?? 0 },
      context: { collisionRect, droppableRects: rects } as never,
    });

  it('jumps a whole column right and left, keeping the height', () => {
    expect(press('ArrowRight', card)).toEqual({ x: 282, y: 900 });
    expect(press('ArrowLeft', rect(282, 900, 240, 120))).toEqual({ x: 10, y: 900 });
  });

  it('stays put at either end, and leaves other keys to dnd-kit', () => {
    expect(press('ArrowLeft', card)).toBeUndefined();
    expect(press('ArrowRight', rect(554, 900, 240, 120))).toBeUndefined();
    expect(press('ArrowDown', card)).toBeUndefined();
    expect(press('ArrowRight', null)).toBeUndefined();
  });
});
