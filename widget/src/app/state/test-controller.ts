import { FakeConnection } from '../transport/customer-connection.fake';
import { createChatController, type TChatDeps } from './chat-controller';

/** A chat controller over a fake connection and a cleared localStorage, for tests; `deps` replaces any part. */
export function testController(deps: Partial<TChatDeps> & Pick<TChatDeps, 'startSession'>, conn = new FakeConnection()) {
  localStorage.clear();
  const controller = createChatController({
    siteKey: 'site-1',
    hostOrigin: 'https://shop.example.com',
    hostLocale: null,
    storage: localStorage,
    connect: conn.connect,
    postToHost: () => {},
    languages: ['en-US'],
    ...deps,
  });
  return { controller, conn };
}
