import type { ComponentType } from 'react';

/** A traveller's access levels, lowest first (each includes the ones before). */
export type PortalAccessLevel = 'VIEW_OWN' | 'PAY_FOR_PARTY' | 'MANAGE_FAMILY';
const LEVELS: readonly PortalAccessLevel[] = ['VIEW_OWN', 'PAY_FOR_PARTY', 'MANAGE_FAMILY'];

/** Whether `access` includes `needed`. */
export const accessIncludes = (access: PortalAccessLevel | null | undefined, needed: PortalAccessLevel): boolean =>
  access != null && LEVELS.indexOf(access) >= LEVELS.indexOf(needed);

/**
 * One page area of the portal (trips, documents, payments, requests): its routes under
 * `/portal/<path>/*` and its place in the navigation. Each area registers itself from its own
 * `<area>/routes.tsx`, which `routes.tsx` imports.
 */
export interface PortalArea {
  /** The URL segment under `/portal` (`trips` for `/portal/trips/*`). */
  path: string;
  /** The navigation label; an area without one is routed but not listed. */
  label?: string;
  /** A short icon glyph or emoji shown with the label on phones. */
  icon?: string;
  /** Position in the navigation, lowest first (trips 10, documents 20, payments 30, requests 40). */
  order: number;
  /** The lowest access level that sees the area in the navigation (the graph still decides what it reads). */
  access?: PortalAccessLevel;
  /** The area's pages; rendered at `/portal/<path>/*`, so its own routes are relative. */
  Component: ComponentType;
  /** Shown on the portal's home page, in order (a short summary linking into the area). */
  Home?: ComponentType;
}

const areas = new Map<string, PortalArea>();

export function registerPortalArea(area: PortalArea): void {
  areas.set(area.path, area);
}

export const portalAreas = (): PortalArea[] => [...areas.values()].sort((a, b) => a.order - b.order);
