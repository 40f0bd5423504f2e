import { render } from '@testing-library/preact';
import type { ComponentChild } from 'preact';
import { widgetEn } from '@kefu/shared/i18n/widget.en';
import { TextContext } from './catalog';

/** Test helper: renders `ui` with the English catalog. */
export function renderWithText(ui: ComponentChild) {
  return render(<TextContext.Provider value={{ t: widgetEn, locale: 'en' }}>{ui}</TextContext.Provider>);
}
