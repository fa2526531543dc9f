/*
 * The portal's page areas. Each area's `routes.tsx` calls `registerPortalArea` (area.ts) when it is
 * imported: add one import line per area here.
 */
import './trips/routes.tsx';
import './documents/routes.tsx';
import './payments/routes.tsx';
import './requests/routes.tsx';
export { portalAreas } from './area.ts';
