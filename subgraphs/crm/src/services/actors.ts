import { RANK_OF, type Viewer } from '@nexus/platform';

/** The person behind a change: none for an integrator's API key, which is not a staff member. */
export const actorId = (viewer: Viewer): string | null => (viewer.apiKeyId ? null : viewer.id);

/** Advisors and above work on anyone's records; agents only on their own tasks and activities. */
export const managesOthersWork = (viewer: Viewer): boolean => viewer.rank >= RANK_OF.ADVISOR;
