import { describe, expect, it } from 'vitest';
import { placePopover, type Box } from './popover-placement';

const viewport = { width: 1000, height: 800 };
const size = { width: 300, height: 100 };
const overlaps = (unit: Box, at: { left: number; top: number }) =>
  at.left < unit.right && at.left + size.width > unit.left && at.top < unit.bottom && at.top + size.height > unit.top;

describe('placePopover', () => {
  it('goes under the unit when there is room', () => {
    const unit = { left: 100, top: 100, right: 500, bottom: 160 };
    expect(placePopover(unit, size, viewport)).toEqual({ left: 100, top: 166 });
  });

  it('goes above a unit at the bottom of the screen', () => {
    const unit = { left: 100, top: 650, right: 500, bottom: 760 };
    const at = placePopover(unit, size, viewport);
    expect(at.top + size.height).toBeLessThanOrEqual(unit.top);
    expect(overlaps(unit, at)).toBe(false);
  });

  it('goes beside a unit as tall as the screen, to the right first, else to the left', () => {
    const tall = { left: 100, top: 20, right: 400, bottom: 790 };
    expect(overlaps(tall, placePopover(tall, size, viewport))).toBe(false);
    expect(placePopover(tall, size, viewport).left).toBe(406);
    const rightSide = { left: 650, top: 20, right: 990, bottom: 790 };
    const at = placePopover(rightSide, size, viewport);
    expect(overlaps(rightSide, at)).toBe(false);
    expect(at.left + size.width).toBeLessThanOrEqual(rightSide.left);
  });

  it('stays inside the viewport when a unit is near its right edge', () => {
    const unit = { left: 900, top: 100, right: 990, bottom: 140 };
    const at = placePopover(unit, size, viewport);
    expect(at.left + size.width).toBeLessThanOrEqual(viewport.width - 8);
  });

  it('overlaps only when there is no room anywhere, and stays on screen', () => {
    const unit = { left: 0, top: 0, right: 1000, bottom: 800 };
    const at = placePopover(unit, size, viewport);
    expect(at.left).toBeGreaterThanOrEqual(8);
    expect(at.top + size.height).toBeLessThanOrEqual(viewport.height - 8);
  });
});
