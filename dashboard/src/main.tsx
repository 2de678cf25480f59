import { captureExchangeCode } from './auth/callback';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/styles.css';

// First of all: the one-time code leaves the address bar and the history entry.
captureExchangeCode();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
