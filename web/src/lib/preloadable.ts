import { createElement, lazy, type ComponentType } from 'react';

/**
 * React.lazy with a `load()` to start the download early. Once loaded, the component renders
 * straight away instead of suspending: React reveals suspended content no sooner than 300 ms after
 * its fallback appeared, which would cost a preloaded page that much for nothing.
 */
export function preloadable(factory: () => Promise<{ default: ComponentType }>) {
  let loaded: ComponentType | null = null;
  let pending: Promise<{ default: ComponentType }> | null = null;
  const load = () =>
    (pending ??= factory().then((module) => {
      loaded = module.default;
      return module;
    }));
  const Lazy = lazy(load);
  function Preloadable() {
    return createElement(loaded ?? Lazy);
  }
  return { Component: Preloadable, load };
}
