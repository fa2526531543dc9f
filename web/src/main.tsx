import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { BrowserRouter } from 'react-router';
import { App, preloadChunkFor } from './app/App.tsx';
import { apolloClient } from './lib/apollo.ts';
import { restoreSession } from './lib/session.ts';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';

// Started before the first render, so the refresh request and the page's chunk overlap with React booting.
void restoreSession();
preloadChunkFor(window.location.pathname);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <ApolloProvider client={apolloClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </ApolloProvider>
  </StrictMode>,
);
