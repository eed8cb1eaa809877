import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from '@shared/api';
import { Root } from './Root';
import { bridgeFiles, shellFiles } from './api/files';
import { createWebTransport, takeToken } from './api/webTransport';
import 'flag-icons/css/flag-icons.min.css';
import './styles.css';

// The api is built here for both transports, so an error keeps its code whichever way it came. No
// preload means no Electron: the page is served by the browser bridge, which speaks HTTP.
const token = window.api ? null : takeToken();
const api = createApi(window.api ?? createWebTransport({ token }));
const files = window.api ? shellFiles(window.api) : bridgeFiles(token);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <Root api={api} files={files} />
  </StrictMode>,
);
