/** The registry (subgraphs/registry.ts), for the repository scripts. */
export {
  SUBGRAPHS,
  loadManifest,
  loadManifests,
  type RegistryEntry,
  type SubgraphName,
} from '../subgraphs/registry.ts';
