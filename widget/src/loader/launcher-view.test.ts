import { describe, expect, it } from 'vitest';
import { drawLauncher } from './launcher-view';

const themeOf = (host: HTMLElement) => [...host.shadowRoot!.querySelectorAll('style')].at(-1)!.textContent ?? '';

describe('launcher appearance', () => {
  it('takes the site colour and moves to the left when the site says so', () => {
    const view = drawLauncher(document, 'Open chat');
    view.setAppearance('#c2185b', 'left');
    expect(themeOf(view.host)).toContain('background:#c2185b');
    expect(themeOf(view.host)).toContain('left:20px');
    view.setAppearance('#c2185b', 'right');
    expect(themeOf(view.host)).not.toContain('left:20px');
  });

  it('ignores a colour that is not #rrggbb, so no CSS can be injected', () => {
    const view = drawLauncher(document, 'Open chat');
    view.setAppearance('red}button{display:none', 'right');
    expect(themeOf(view.host)).toBe('');
  });
});
