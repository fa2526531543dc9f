export function createLoaders() {
  return {};
}
export type Loaders = ReturnType<typeof createLoaders>;
