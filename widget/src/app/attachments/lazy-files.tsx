import { lazyComponent } from '../lazy-component';

/** The chat-files chunk (thumbnails, downloads, upload): fetched the first time a file is shown or sent. */
export const loadFiles = () => import('./MessageFiles');
export const Files = lazyComponent(() => loadFiles().then((m) => m.MessageFiles));
export const Upload = lazyComponent(() => loadFiles().then((m) => m.UploadNotice));
