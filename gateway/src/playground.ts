import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express from 'express';
import { renderPlaygroundPage } from 'graphql-playground-html';

/** GraphQL Playground with its assets served from node_modules, so it works with no internet. */
const assetsRoot = dirname(createRequire(import.meta.url).resolve('graphql-playground-react/package.json'));
export const PLAYGROUND_ASSETS = '/playground-assets';

/** Mounted at `${PLAYGROUND_ASSETS}/graphql-playground-react`, where the page looks for its files. */
export const playgroundAssets = () => express.static(assetsRoot, { maxAge: '7d', index: false });

// The page asks Google for two web fonts; offline it falls back to system fonts, so leave them out.
export const playgroundPage = () =>
  renderPlaygroundPage({
    endpoint: '/graphql',
    subscriptionEndpoint: '/graphql',
    cdnUrl: PLAYGROUND_ASSETS,
    faviconUrl: null,
    title: 'Nexus GraphQL Playground',
    settings: {
      'request.credentials': 'same-origin',
      'schema.polling.enable': false,
      'editor.theme': 'dark',
    },
  }).replace(/<link[^>]+fonts\.googleapis\.com[^>]*>/g, '');
