import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { BrowserRouter } from 'react-router';
import { PortalApp } from './PortalApp.tsx';
import { portalApolloClient } from './shell/apollo.ts';
import { restorePortalSession } from './shell/session.ts';
import '../styles/tokens.css';
import '../styles/base.css';
import './portal.css';

void restorePortalSession();

// The service worker keeps the portal shell and each upcoming trip's itinerary, PDF and emergency
// numbers on the phone (public/portal/sw.js).
if ('serviceWorker' in navigator && window.isSecureContext) {
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register('/portal/sw.js', { scope: '/' }).catch(() => undefined);
    // What this page loaded before the worker took over is handed to it to keep as well.
    void navigator.serviceWorker.ready.then((registration) => {
      const urls = performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => new URL(name).pathname.startsWith('/assets/'));
      registration.active?.postMessage({ type: 'keep-assets', urls });
    });
  });
}

const container = document.getElementById('root');
if (!container) throw new Error('portal/index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <ApolloProvider client={portalApolloClient}>
      <BrowserRouter basename="/portal">
        <PortalApp />
      </BrowserRouter>
    </ApolloProvider>
  </StrictMode>,
);
