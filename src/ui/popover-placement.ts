export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const GAP = 6;
const MARGIN = 8;

/**
 * Where a popover of `size` goes next to `unit` (viewport coordinates) so that it does not
 * cover the unit: below it, else above it, else beside it (right, then left); only when there
 * is no room anywhere does it overlap, pinned inside the viewport.
 */
export function placePopover(
  unit: Box,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
): { left: number; top: number } {
  const clampX = (x: number) => Math.max(MARGIN, Math.min(x, viewport.width - size.width - MARGIN));
  const clampY = (y: number) => Math.max(MARGIN, Math.min(y, viewport.height - size.height - MARGIN));
  if (unit.bottom + GAP + size.height <= viewport.height - MARGIN) return { left: clampX(unit.left), top: unit.bottom + GAP };
  if (unit.top - GAP - size.height >= MARGIN) return { left: clampX(unit.left), top: unit.top - GAP - size.height };
  if (unit.right + GAP + size.width <= viewport.width - MARGIN) return { left: unit.right + GAP, top: clampY(unit.top) };
  if (unit.left - GAP - size.width >= MARGIN) return { left: unit.left - GAP - size.width, top: clampY(unit.top) };
  return { left: clampX(unit.left), top: clampY(unit.bottom + GAP) };
}
