import type { CollisionDetection, KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * Keyboard dragging on the board: Left and Right jump a picked-up card to the neighbouring column
 * (dnd-kit's default nudges it 25 px per key, which would take a dozen presses per column).
 */
export const boardKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const { collisionRect, droppableRects } = context;
  if (!collisionRect || (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft')) return undefined;
  event.preventDefault();
  const centre = collisionRect.left + collisionRect.width / 2;
  const columns = [...droppableRects.values()].sort((a, b) => a.left - b.left);
  const target =
    event.code === 'ArrowRight'
      ? columns.find((rect) => rect.left > centre)
      : columns.filter((rect) => rect.left + rect.width < centre).at(-1);
  if (!target) return undefined;
  return { x: target.left + (target.width - collisionRect.width) / 2, y: collisionRect.top };
};

/**
 * Which column a card is over: the one whose horizontal span holds the pointer (or, dragging from
 * the keyboard, the card's centre). Height is ignored, so a drop below a short column still lands
 * in it; dnd-kit's own strategies favour short columns over a tall one being hovered.
 */
export const columnUnderCard: CollisionDetection = ({
  pointerCoordinates,
  collisionRect,
  droppableContainers,
  droppableRects,
}) => {
  const x = pointerCoordinates ? pointerCoordinates.x : collisionRect.left + collisionRect.width / 2;
  return droppableContainers
    .filter((container) => {
      const rect = droppableRects.get(container.id);
      return rect !== undefined && rect.left <= x && x <= rect.left + rect.width;
    })
    .map((container) => ({ id: container.id, data: { droppableContainer: container, value: 0 } }));
};
