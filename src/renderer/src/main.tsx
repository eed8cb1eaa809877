import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from '@shared/api';
import { App } from './App';
import { createWebTransport, takeToken } from './api/webTransport';
import 'flag-icons/css/flag-icons.min.css';
import './styles.css';

// No preload means no Electron: the page is served by the browser bridge, which speaks HTTP.
if (typeof window.api === 'undefined') {
  window.api = createApi(createWebTransport({ token: takeToken() }));
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App api={window.api} />
  </StrictMode>,
);
